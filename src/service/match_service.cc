#include "service/match_service.h"

#include <fmt/format.h>

#include "base/strings.h"
#include "base/utf8.h"
#include "service/authorization.h"
#include "text/normalize.h"
#include "storage/store.h"

namespace biobridge::service {

namespace {

// "Your request" only to the source organisation's own members.
match::Addressee AddresseeFor(const Principal& who, std::string_view source_organization) {
  return who.MemberOf(source_organization) ? match::Addressee::kSource : match::Addressee::kOther;
}

}  // namespace

MatchService::MatchService(const ServiceContext& context)
    : context_(context), matcher_(context.search, context.taxonomies) {}

Result<match::MatchOptions> MatchService::Options(const Principal& who, const MatchParams& params) const {
  if (params.top < 1 || params.top > kMaxTop) {
    return InvalidArgumentError("top", fmt::format("choose between 1 and {} candidates", kMaxTop));
  }
  match::MatchOptions options;
  options.top = params.top;
  BB_ASSIGN_OR_RETURN(options.only, ParseRecordType(params.type));
  options.visible_tiers = VisibleTiers(who);
  options.own_organization_ids = who.organization_ids();
  options.today = DateOf(context_.clock.Now());
  options.among_organizations = params.among_organizations;
  options.country = params.country;
  options.kinds = params.kinds;
  return options;
}

Result<MatchResult> MatchService::Present(Result<std::vector<match::Candidate>> candidates, std::string language,
                                          match::Addressee addressee) const {
  BB_RETURN_IF_ERROR(candidates.status());
  MatchResult result;
  result.language = std::move(language);
  const text::Vocabulary& vocabulary = context_.search.vocabulary();
  for (const match::Candidate& c : *candidates) {
    MatchItem item;
    item.score = c.score;
    auto owner = context_.store.GetOrganization(c.organization_id);
    if (!owner.ok()) continue;  // deleted meanwhile
    if (c.type == search::RecordType::kOrganization) {
      item.record = SearchService::Summarize(*owner, result.language);
    } else {
      auto opportunity = context_.store.GetOpportunity(c.id);
      if (!opportunity.ok()) continue;
      item.record = SearchService::Summarize(*opportunity, *owner, result.language);
    }
    for (const match::Reason& r : c.reasons) {
      item.reasons.push_back(
          {r.code, match::ExplainReason(r, result.language, vocabulary, context_.taxonomies, addressee), r.contribution,
           r.items});
    }
    (c.competitor ? result.others_looking : result.items).push_back(std::move(item));
  }
  return result;
}

Result<MatchResult> MatchService::ForOpportunity(const Principal& who, std::string_view id,
                                                 const MatchParams& params) const {
  BB_ASSIGN_OR_RETURN(match::MatchOptions options, Options(who, params));
  auto opportunity = context_.store.GetOpportunity(id);
  if (opportunity.ok() && !MayView(who, opportunity->organization_id, opportunity->confidentiality)) {
    return NotFoundError(fmt::format("no opportunity has id '{}'", id));
  }
  BB_RETURN_IF_ERROR(opportunity.status());
  BB_ASSIGN_OR_RETURN(domain::Organization owner, context_.store.GetOrganization(opportunity->organization_id));
  const std::string fallback = text::DetectLanguage(opportunity->title.Best({"en"}));
  BB_ASSIGN_OR_RETURN(std::string language, ViewerLanguage(context_.taxonomies, params.lang, fallback));
  BB_ASSIGN_OR_RETURN(const match::PartnerHistory history, match::LoadPartnerHistory(context_.store, owner.id));
  options.history = &history;
  BB_ASSIGN_OR_RETURN(MatchResult result, Present(matcher_.ForOpportunity(*opportunity, owner, options), std::move(language),
                                                  AddresseeFor(who, owner.id)));
  result.source = SearchService::Summarize(*opportunity, owner, result.language);
  return result;
}

Result<MatchResult> MatchService::ForOrganization(const Principal& who, std::string_view id,
                                                  const MatchParams& params) const {
  BB_ASSIGN_OR_RETURN(match::MatchOptions options, Options(who, params));
  BB_ASSIGN_OR_RETURN(domain::Organization organization, context_.store.GetOrganization(id));
  const std::string fallback = text::DetectLanguage(organization.name.Best({"en"}));
  BB_ASSIGN_OR_RETURN(std::string language, ViewerLanguage(context_.taxonomies, params.lang, fallback));
  BB_ASSIGN_OR_RETURN(const match::PartnerHistory history, match::LoadPartnerHistory(context_.store, organization.id));
  options.history = &history;
  BB_ASSIGN_OR_RETURN(MatchResult result, Present(matcher_.ForOrganization(organization, options), std::move(language),
                                                  AddresseeFor(who, organization.id)));
  result.source = SearchService::Summarize(organization, result.language);
  return result;
}

Result<MatchResult> MatchService::ForText(const Principal& who, std::string_view text, const MatchParams& params) const {
  const std::string trimmed = Trim(text);
  if (trimmed.empty()) return InvalidArgumentError("text", "describe what you are looking for");
  if (!IsValidUtf8(trimmed)) return InvalidArgumentError("text", "the text is not valid UTF-8");
  if (CountCodePoints(trimmed) > kMaxTextCharacters) {
    return InvalidArgumentError("text", fmt::format("the text is {} characters long; the limit is {}",
                                                    CountCodePoints(trimmed), kMaxTextCharacters));
  }
  BB_ASSIGN_OR_RETURN(match::MatchOptions options, Options(who, params));
  BB_ASSIGN_OR_RETURN(std::string language,
                      ViewerLanguage(context_.taxonomies, params.lang, text::DetectLanguage(trimmed)));
  // The author of the text is the one looking: "your request".
  return Present(matcher_.ForText(trimmed, options), std::move(language), match::Addressee::kSource);
}

}  // namespace biobridge::service
