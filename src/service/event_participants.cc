// EventService: browsing an event's participants and a participant's
// profile for the event.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "service/authorization.h"
#include "service/event_service.h"
#include "text/normalize.h"
#include "storage/store.h"

namespace biobridge::service {
namespace {

constexpr int kMaxPerPage = 100;
constexpr int kOpportunitiesShown = 5;  // per direction

// What a visitor may see of a listed delegate: who they are and where to find them.
domain::Delegate PublicPart(const domain::Delegate& d) {
  domain::Delegate out;
  out.id = d.id;
  out.event_id = d.event_id;
  out.organization_id = d.organization_id;
  out.name = d.name;
  out.hall = d.hall;
  out.stand = d.stand;
  out.attendance = d.attendance;
  out.listed = d.listed;
  return out;
}

bool Contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

}  // namespace

Result<std::vector<Participant>> EventService::ParticipantsOf(const Principal& who, const domain::Event& event,
                                                              std::string_view language, bool& full) {
  BB_ASSIGN_OR_RETURN(std::vector<domain::Delegate> delegates, RegisteredDelegates(context_.store, event.id));
  const std::optional<domain::Delegate> me = [&]() -> std::optional<domain::Delegate> {
    if (!who.user()) return std::nullopt;
    for (const domain::Delegate& d : delegates) {
      if (d.user_id == who.user()->id) return d;
    }
    return std::nullopt;
  }();
  full = me.has_value() || IsOrganiser(who, event);
  std::map<std::string, const MatchItem*, std::less<>> match_of;  // organisation -> its match for me
  std::vector<MatchItem> matches;
  std::map<std::string, const domain::MeetingRequest*, std::less<>> request_with;  // delegate -> my request with them
  std::vector<domain::MeetingRequest> requests;
  if (me) {
    BB_ASSIGN_OR_RETURN(matches, MatchedOrganizations(who, *me, delegates, language));
    for (const MatchItem& m : matches) match_of.emplace(m.record.organization_id, &m);
    BB_ASSIGN_OR_RETURN(requests, context_.store.ListMeetingRequests(event.id));
    for (const domain::MeetingRequest& r : requests) {
      if (r.from == me->id) request_with[r.to] = &r;
      if (r.to == me->id) request_with[r.from] = &r;
    }
  }
  // Every organisation shown, in one read.
  std::vector<std::string> ids;
  for (const domain::Delegate& d : delegates) {
    if ((full || d.listed) && !(me && d.id == me->id)) ids.push_back(d.organization_id);
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  BB_ASSIGN_OR_RETURN(std::vector<domain::Organization> read, context_.store.GetOrganizations(ids));
  std::map<std::string, domain::Organization, std::less<>> organizations;
  for (domain::Organization& o : read) organizations.emplace(o.id, std::move(o));
  const domain::Organization unknown;
  std::vector<Participant> out;
  for (const domain::Delegate& d : delegates) {
    if (me && d.id == me->id) continue;
    if (!full && !d.listed) continue;
    const auto found = organizations.find(d.organization_id);
    const domain::Organization& o = found != organizations.end() ? found->second : unknown;
    Participant p;
    p.delegate = full ? d : PublicPart(d);
    p.delegate.check_in_key.clear();
    p.organization_name = o.id.empty() ? d.organization_id : std::string(o.name.Best({language, "en"}));
    p.organization_names = o.name;
    p.country = o.country;
    p.kind = o.kind;
    p.therapeutic_areas = o.therapeutic_areas;
    if (me) {
      p.colleague = d.organization_id == me->organization_id;
      if (auto m = match_of.find(d.organization_id); m != match_of.end()) {
        p.suggested = true;
        p.score = m->second->score;
        p.reasons = m->second->reasons;
      }
      if (auto r = request_with.find(d.id); r != request_with.end()) {
        p.request_id = r->second->id;
        p.request_status = r->second->status;
      }
    }
    out.push_back(std::move(p));
  }
  // Suggestions first, best first; then by organisation and name.
  std::stable_sort(out.begin(), out.end(), [](const Participant& a, const Participant& b) {
    if (a.suggested != b.suggested) return a.suggested;
    if (a.suggested && a.score != b.score) return a.score > b.score;
    return std::tie(a.organization_name, a.delegate.name) < std::tie(b.organization_name, b.delegate.name);
  });
  return out;
}

void EventService::AddOpportunities(const Principal& who, Participant& p, std::string_view language,
                                    std::string* every_language) {
  p.posts_read = true;
  storage::OpportunityFilter filter;
  filter.organization_id = p.delegate.organization_id;
  filter.visible_tiers = VisibleTiers(who);
  filter.own_organization_ids = who.organization_ids();
  for (const auto& [direction, titles] : {std::pair{"offer", &p.offers}, std::pair{"request", &p.seeks}}) {
    filter.direction = direction;
    Result<storage::Page<domain::Opportunity>> page = context_.store.ListOpportunities(filter, {1, kOpportunitiesShown});
    if (!page.ok()) continue;  // the participant is shown without them
    for (const domain::Opportunity& o : page->items) {
      titles->emplace_back(o.title.Best({language, "en"}));
      if (every_language) {
        for (const auto& [code, text] : o.title.variants()) *every_language += " \n" + text;
      }
    }
  }
}

Result<ParticipantPage> EventService::Participants(const Principal& who, std::string_view event_id,
                                                   const ParticipantQuery& query) {
  if (query.page < 1) return InvalidArgumentError("page", "pages are numbered from 1");
  if (query.per_page < 1 || query.per_page > kMaxPerPage) {
    return InvalidArgumentError("per_page", fmt::format("must be between 1 and {}", kMaxPerPage));
  }
  const domain::Taxonomies& t = context_.taxonomies;
  if (!query.country.empty() && !t.countries().Contains(query.country)) {
    return InvalidArgumentError("country", fmt::format("'{}' is not an ISO 3166-1 country code, such as CN or RU", query.country));
  }
  if (!query.kind.empty() && !t.organization_kinds().Contains(query.kind)) {
    return InvalidArgumentError("kind", fmt::format("'{}' is not an organisation kind", query.kind));
  }
  if (!query.area.empty() && !t.therapeutic_areas().Contains(query.area)) {
    return InvalidArgumentError("area", fmt::format("'{}' is not a therapeutic area code", query.area));
  }
  BB_ASSIGN_OR_RETURN(domain::Event event, VisibleEvent(who, event_id));
  const std::string language = who.Language(query.language);
  ParticipantPage page;
  page.page = query.page;
  page.per_page = query.per_page;
  BB_ASSIGN_OR_RETURN(std::vector<Participant> all, ParticipantsOf(who, event, language, page.full));
  const std::string needle = text::NormalizeText(query.q);
  std::vector<Participant> kept;
  for (Participant& p : all) {
    if (!query.country.empty() && p.country != query.country) continue;
    if (!query.kind.empty() && p.kind != query.kind) continue;
    if (!query.area.empty() &&
        std::find(p.therapeutic_areas.begin(), p.therapeutic_areas.end(), query.area) == p.therapeutic_areas.end()) {
      continue;
    }
    if (!needle.empty()) {
      // Names and titles in every language they are written in: a Chinese
      // reader finds a Russian clinic by its English name too.
      std::string haystack = p.delegate.name + " \n" + p.delegate.stand;
      for (const auto& [code, text] : p.organization_names.variants()) haystack += " \n" + text;
      if (!Contains(text::NormalizeText(haystack), needle)) {
        AddOpportunities(who, p, language, &haystack);
        if (!Contains(text::NormalizeText(haystack), needle)) continue;
      }
    }
    kept.push_back(std::move(p));
  }
  page.total = std::int64_t(kept.size());
  const std::size_t first = std::size_t(query.page - 1) * std::size_t(query.per_page);
  for (std::size_t i = first; i < kept.size() && i < first + std::size_t(query.per_page); ++i) {
    if (!kept[i].posts_read) AddOpportunities(who, kept[i], language);
    page.items.push_back(std::move(kept[i]));
  }
  return page;
}

Result<Participant> EventService::GetParticipant(const Principal& who, std::string_view event_id,
                                                 std::string_view delegate_id, std::string_view language) {
  BB_ASSIGN_OR_RETURN(domain::Event event, VisibleEvent(who, event_id));
  const std::string words = who.Language(language);
  bool full = false;
  BB_ASSIGN_OR_RETURN(std::vector<Participant> all, ParticipantsOf(who, event, words, full));
  for (Participant& p : all) {
    if (p.delegate.id != delegate_id) continue;
    AddOpportunities(who, p, words);
    if (Result<domain::Organization> o = context_.store.GetOrganization(p.delegate.organization_id); o.ok()) {
      p.description = std::string(o->description.Best({words, "en"}));
    }
    return std::move(p);
  }
  return NotFoundError(fmt::format("event {} has no participant '{}' you may see", event_id, delegate_id));
}

}  // namespace biobridge::service
