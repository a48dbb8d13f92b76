#include "service/alert_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "base/random.h"
#include "base/strings.h"
#include "domain/codec.h"
#include "match/history.h"
#include "match/matcher.h"
#include "service/authorization.h"
#include "service/roles.h"
#include "service/notices.h"
#include "service/request_body.h"
#include "storage/store.h"

namespace biobridge::service {
namespace {

SearchParams ParamsOf(const domain::SavedSearch& saved) {
  SearchParams p;
  p.q = saved.query;
  p.lang = saved.language;
  auto get = [&](std::string_view key) {
    auto it = saved.filters.find(std::string(key));
    return it == saved.filters.end() ? std::string() : it->second;
  };
  p.type = get("type");
  p.country = get("country");
  p.kind = get("kind");
  p.area = get("area");
  p.cooperation = get("cooperation");
  p.stage = get("stage");
  p.certificate = get("certificate");
  p.certified_in = get("certified_in");
  return p;
}

std::string LinkOf(const domain::SavedSearch& saved) {
  if (saved.kind == "matches") return "/opportunities/" + saved.opportunity_id;
  std::string link = "/?q=" + PercentEncode(saved.query);
  for (const auto& [key, value] : saved.filters) link += fmt::format("&{}={}", key, PercentEncode(value));
  return link;
}

// The three languages notifications are written in.
constexpr std::string_view kLanguages[] = {"en", "zh", "ru"};

}  // namespace

// --- SavedSearchService ------------------------------------------------------

SavedSearchView SavedSearchService::View(const Principal& who, domain::SavedSearch saved) const {
  SavedSearchView view;
  view.link = LinkOf(saved);
  if (saved.kind == "matches") {
    auto opportunity = context_.store.GetOpportunity(saved.opportunity_id);
    if (opportunity.ok() && MayView(who, opportunity->organization_id, opportunity->confidentiality)) {
      if (auto owner = context_.store.GetOrganization(opportunity->organization_id); owner.ok()) {
        view.opportunity = SearchService::Summarize(*opportunity, *owner, who.Language());
      }
    }
  }
  view.saved = std::move(saved);
  return view;
}

Result<SavedSearchView> SavedSearchService::Create(const Principal& who, const SavedSearchInput& input) const {
  BB_RETURN_IF_ERROR(RequirePerson(who, "save a search"));
  domain::SavedSearch saved;
  saved.user_id = who.user()->id;
  saved.kind = input.kind.empty() ? "search" : input.kind;
  saved.name = Trim(input.name);
  saved.rhythm = domain::Rhythm::kDaily;
  if (!input.rhythm.empty()) {
    BB_ASSIGN_OR_RETURN(saved.rhythm, domain::ParseRhythm(input.rhythm, "rhythm"));
  }
  if (saved.kind == "search") {
    if (!input.opportunity_id.empty()) {
      return InvalidArgumentError("opportunity", "a saved search of kind search has no opportunity");
    }
    BB_ASSIGN_OR_RETURN(PreparedSearch prepared,
                        PrepareSearch(input.search, context_.taxonomies, context_.search.vocabulary()));
    saved.query = prepared.q;
    saved.language = input.search.lang;
    const std::pair<std::string_view, std::string> filters[] = {
        {"type", input.search.type},   {"country", prepared.filter.country},
        {"kind", input.search.kind},   {"area", input.search.area},
        {"cooperation", input.search.cooperation}, {"stage", input.search.stage},
        {"certificate", input.search.certificate}, {"certified_in", prepared.filter.certified_in}};
    for (const auto& [key, value] : filters) {
      if (!value.empty()) saved.filters.emplace(key, value);
    }
    if (saved.name.empty()) saved.name = saved.query;
  } else if (saved.kind == "matches") {
    if (!input.search.q.empty()) return InvalidArgumentError("q", "partners for an opportunity take no query");
    if (input.opportunity_id.empty()) {
      return InvalidArgumentError("opportunity", "name the opportunity to find partners for");
    }
    auto opportunity = context_.store.GetOpportunity(input.opportunity_id);
    if (opportunity.ok() && !MayView(who, opportunity->organization_id, opportunity->confidentiality)) {
      return NotFoundError(fmt::format("no opportunity has id '{}'", input.opportunity_id));
    }
    BB_RETURN_IF_ERROR(opportunity.status());
    if (!who.MemberOf(opportunity->organization_id)) {
      return PermissionDeniedError("only members of the organisation that posted the opportunity can be told of "
                                   "new partners for it");
    }
    saved.opportunity_id = opportunity->id;
    if (saved.name.empty()) saved.name = std::string(opportunity->title.Best({who.Language(), "en"}));
  }
  BB_RETURN_IF_ERROR(domain::ValidateSavedSearch(saved));
  saved.id = NewId(context_.random, "ss_");
  saved.created_at = context_.clock.Now();
  BB_ASSIGN_OR_RETURN(saved.from_change_seq, context_.store.LatestChangeSeq());
  BB_RETURN_IF_ERROR(context_.store.CreateSavedSearch(saved, {who.actor(), saved.created_at}));
  return View(who, std::move(saved));
}

Result<SavedSearchView> SavedSearchService::Create(const Principal& who, const json::object& body) const {
  BB_RETURN_IF_ERROR(RequirePerson(who, "save a search"));
  BB_RETURN_IF_ERROR(UnknownFields(body, {"kind", "name", "q", "lang", "filters", "opportunity", "rhythm"}));
  SavedSearchInput input;
  BB_ASSIGN_OR_RETURN(input.kind, Text(body, "kind", false));
  BB_ASSIGN_OR_RETURN(input.name, Text(body, "name", false, 1000));
  BB_ASSIGN_OR_RETURN(input.search.q, Text(body, "q", false, SearchService::kMaxQueryCharacters));
  BB_ASSIGN_OR_RETURN(input.search.lang, Text(body, "lang", false));
  BB_ASSIGN_OR_RETURN(input.opportunity_id, Text(body, "opportunity", false));
  BB_ASSIGN_OR_RETURN(input.rhythm, Text(body, "rhythm", false));
  if (const json::value* filters = body.if_contains("filters"); filters && !filters->is_null()) {
    if (!filters->is_object()) return InvalidArgumentError("filters", "give the filters as an object of codes");
    const json::object& f = filters->get_object();
    BB_RETURN_IF_ERROR(
        UnknownFields(f, {"type", "country", "kind", "area", "cooperation", "stage", "certificate", "certified_in"}));
    BB_ASSIGN_OR_RETURN(input.search.type, Text(f, "type", false));
    BB_ASSIGN_OR_RETURN(input.search.country, Text(f, "country", false));
    BB_ASSIGN_OR_RETURN(input.search.kind, Text(f, "kind", false));
    BB_ASSIGN_OR_RETURN(input.search.area, Text(f, "area", false));
    BB_ASSIGN_OR_RETURN(input.search.cooperation, Text(f, "cooperation", false));
    BB_ASSIGN_OR_RETURN(input.search.stage, Text(f, "stage", false));
    BB_ASSIGN_OR_RETURN(input.search.certificate, Text(f, "certificate", false));
    BB_ASSIGN_OR_RETURN(input.search.certified_in, Text(f, "certified_in", false));
  }
  return Create(who, input);
}

Result<SavedSearchView> SavedSearchService::Update(const Principal& who, std::string_view id,
                                                   const json::object& body) const {
  BB_RETURN_IF_ERROR(RequirePerson(who, "change a saved search"));
  BB_RETURN_IF_ERROR(UnknownFields(body, {"name", "rhythm"}));
  std::optional<std::string> name;
  std::optional<std::string> rhythm;
  if (body.contains("name")) {
    BB_ASSIGN_OR_RETURN(name, Text(body, "name", true, 1000));
  }
  if (body.contains("rhythm")) {
    BB_ASSIGN_OR_RETURN(rhythm, Text(body, "rhythm", true));
  }
  return Update(who, id, name, rhythm);
}

Result<std::vector<SavedSearchView>> SavedSearchService::List(const Principal& who) const {
  BB_RETURN_IF_ERROR(RequirePerson(who, "see your saved searches"));
  BB_ASSIGN_OR_RETURN(std::vector<domain::SavedSearch> saved, context_.store.ListSavedSearches(who.user()->id));
  std::vector<SavedSearchView> views;
  for (domain::SavedSearch& s : saved) views.push_back(View(who, std::move(s)));
  return views;
}

Result<domain::SavedSearch> SavedSearchService::Own(const Principal& who, std::string_view id) const {
  BB_RETURN_IF_ERROR(RequirePerson(who, "change a saved search"));
  auto saved = context_.store.GetSavedSearch(id);
  // Someone else's is as absent as one that never was.
  if (!saved.ok() || saved->user_id != who.user()->id) {
    if (saved.ok() || saved.status().code() == StatusCode::kNotFound) {
      return NotFoundError(fmt::format("no saved search has id '{}'", id));
    }
    return saved.status();
  }
  return saved;
}

Result<SavedSearchView> SavedSearchService::Update(const Principal& who, std::string_view id,
                                                   const std::optional<std::string>& name,
                                                   const std::optional<std::string>& rhythm) const {
  BB_ASSIGN_OR_RETURN(domain::SavedSearch saved, Own(who, id));
  if (name) saved.name = Trim(*name);
  if (rhythm) {
    BB_ASSIGN_OR_RETURN(saved.rhythm, domain::ParseRhythm(*rhythm, "rhythm"));
  }
  BB_RETURN_IF_ERROR(context_.store.UpdateSavedSearch(saved, {who.actor(), context_.clock.Now()}));
  return View(who, std::move(saved));
}

Status SavedSearchService::Delete(const Principal& who, std::string_view id) const {
  BB_ASSIGN_OR_RETURN(domain::SavedSearch saved, Own(who, id));
  return context_.store.DeleteSavedSearch(saved.id, {who.actor(), context_.clock.Now()});
}

// --- RunAlerts -------------------------------------------------------------

namespace {

// The records changed in a round: what they are now, and the last change
// record of each.
struct Batch {
  std::vector<domain::Organization> organizations;
  std::vector<domain::Opportunity> opportunities;
  std::unordered_map<std::string, domain::Organization> owners;  // of the opportunities
  std::unordered_map<std::string, std::int64_t> last_change;     // record id -> seq
  std::unordered_map<std::string, std::size_t> organization_at;  // id -> index in organizations
  std::unordered_map<std::string, std::size_t> opportunity_at;   // id -> index in opportunities
};

// A hit of one saved search: a record of the batch and why it matched.
struct Hit {
  std::string id;
  std::vector<match::Reason> reasons;
};

class AlertRunner {
 public:
  AlertRunner(const ServiceContext& context, const search::SearchIndex& batch_index, const Batch& batch)
      : context_(context),
        batch_index_(batch_index),
        batch_(batch),
        batch_matcher_(batch_index, context.taxonomies),
        full_matcher_(context.search, context.taxonomies) {}

  // The records that `saved` should be told of now (not yet filtered by
  // what it was told before).
  Result<std::vector<Hit>> Run(const domain::SavedSearch& saved, const Principal& who) const {
    std::vector<Hit> hits;
    if (saved.kind == "search") {
      BB_ASSIGN_OR_RETURN(hits, RunSearch(saved, who));
    } else {
      BB_ASSIGN_OR_RETURN(hits, RunMatches(saved, who));
    }
    std::erase_if(hits, [&](const Hit& h) {
      auto change = batch_.last_change.find(h.id);
      return change == batch_.last_change.end() || change->second <= saved.from_change_seq;
    });
    return hits;
  }

  // The notice telling the owner of `saved` of `hits` (all new to it).
  domain::Notice NoticeOf(const domain::SavedSearch& saved, const std::vector<Hit>& hits) const {
    json::array items;
    for (const Hit& hit : hits) {
      if (items.size() >= static_cast<std::size_t>(kItemsPerNotice)) break;
      json::object item{{"id", hit.id}};
      if (const domain::Organization* o = FindOrganization(hit.id)) {
        item["type"] = "organization";
        item["title"] = domain::ToJson(o->name);
      } else if (const domain::Opportunity* p = FindOpportunity(hit.id)) {
        item["type"] = "opportunity";
        item["title"] = domain::ToJson(p->title);
        if (auto owner = batch_.owners.find(p->organization_id); owner != batch_.owners.end()) {
          item["organization"] = domain::ToJson(owner->second.name);
        }
      }
      json::object reasons;
      for (std::string_view language : kLanguages) {
        std::vector<std::string> sentences;
        for (const match::Reason& r : hit.reasons) {
          sentences.push_back(match::ExplainReason(r, language, context_.search.vocabulary(), context_.taxonomies));
        }
        reasons[language] = fmt::format("{}", fmt::join(sentences, language == "zh" ? "；" : "; "));
      }
      item["reasons"] = std::move(reasons);
      items.push_back(std::move(item));
    }
    domain::Notice notice = notices::Make(
        "saved_search_match", "saved_search", saved.id, LinkOf(saved),
        {{"search", saved.name}, {"count", static_cast<std::int64_t>(hits.size())}, {"items", std::move(items)}});
    notice.rhythm = saved.rhythm;
    return notices::ToUser(std::move(notice), saved.user_id, "");
  }

 private:
  const domain::Organization* FindOrganization(const std::string& id) const {
    auto at = batch_.organization_at.find(id);
    return at == batch_.organization_at.end() ? nullptr : &batch_.organizations[at->second];
  }
  const domain::Opportunity* FindOpportunity(const std::string& id) const {
    auto at = batch_.opportunity_at.find(id);
    return at == batch_.opportunity_at.end() ? nullptr : &batch_.opportunities[at->second];
  }

  Result<std::vector<Hit>> RunSearch(const domain::SavedSearch& saved, const Principal& who) const {
    const text::Vocabulary& vocabulary = context_.search.vocabulary();
    // A saved search whose codes have left the taxonomies since finds nothing.
    Result<PreparedSearch> prepared = PrepareSearch(ParamsOf(saved), context_.taxonomies, vocabulary);
    if (!prepared.ok()) return std::vector<Hit>{};
    search::SearchRequest request{.query = &prepared->analysis, .filter = std::move(prepared->filter)};
    request.filter.visible_tiers = VisibleTiers(who);
    request.filter.own_organization_ids = who.organization_ids();
    request.filter.exclude_organization_ids = who.organization_ids();
    request.all_units = true;
    request.limit = 200;
    request.facts = true;
    BB_ASSIGN_OR_RETURN(search::SearchResult found, batch_index_.Search(request));
    std::vector<Hit> hits;
    for (const search::SearchHit& h : found.hits) {
      Hit hit{h.id, {}};
      std::vector<std::string> concepts;
      for (std::uint32_t c : prepared->analysis.concepts) {
        const std::string& id = vocabulary.concepts()[c].id;
        if (std::find(h.facts.concepts.begin(), h.facts.concepts.end(), id) != h.facts.concepts.end()) {
          concepts.push_back(id);
        }
      }
      hit.reasons.push_back(concepts.empty() ? match::Reason{"shared_words", 0, {}}
                                             : match::Reason{"shared_concepts", 0, std::move(concepts)});
      hits.push_back(std::move(hit));
    }
    return hits;
  }

  Result<std::vector<Hit>> RunMatches(const domain::SavedSearch& saved, const Principal& who) const {
    auto opportunity = context_.store.GetOpportunity(saved.opportunity_id);
    // Gone, or no longer the owner's to ask about: nothing to tell.
    if (!opportunity.ok() || !who.MemberOf(opportunity->organization_id)) return std::vector<Hit>{};
    BB_ASSIGN_OR_RETURN(domain::Organization owner, context_.store.GetOrganization(opportunity->organization_id));
    match::MatchOptions options;
    options.visible_tiers = VisibleTiers(who);
    options.own_organization_ids = who.organization_ids();
    options.today = DateOf(context_.clock.Now());
    options.top = match::Matcher::kPoolSize;
    // Which of the batch the matcher would consider at all ...
    BB_ASSIGN_OR_RETURN(std::vector<match::Candidate> considered,
                        batch_matcher_.ForOpportunity(*opportunity, owner, options));
    if (considered.empty()) return std::vector<Hit>{};
    // ... and which of those rank among the best of the whole directory.
    BB_ASSIGN_OR_RETURN(const match::PartnerHistory history, match::LoadPartnerHistory(context_.store, owner.id));
    options.history = &history;
    options.top = kAlertTop;
    BB_ASSIGN_OR_RETURN(std::vector<match::Candidate> best, full_matcher_.ForOpportunity(*opportunity, owner, options));
    std::set<std::string> in_batch;
    for (const match::Candidate& c : considered) in_batch.insert(c.id);
    std::vector<Hit> hits;
    for (match::Candidate& c : best) {
      if (!in_batch.count(c.id) || who.MemberOf(c.organization_id)) continue;
      hits.push_back({c.id, std::move(c.reasons)});
    }
    return hits;
  }

  const ServiceContext& context_;
  const search::SearchIndex& batch_index_;
  const Batch& batch_;
  match::Matcher batch_matcher_;
  match::Matcher full_matcher_;
};

// The organisations and opportunities changed in (after, upto], as they
// are now (deleted ones left out).
Result<Batch> ReadBatch(storage::Store& store, std::int64_t after, std::int64_t upto, std::int64_t& read) {
  Batch batch;
  std::map<std::string, std::string> changed;  // id -> entity type
  std::int64_t seq = after;
  while (seq < upto) {
    BB_ASSIGN_OR_RETURN(std::vector<storage::ChangeRecord> changes,
                        store.ListChanges(seq, static_cast<int>(std::min<std::int64_t>(4096, upto - seq))));
    if (changes.empty()) break;
    for (const storage::ChangeRecord& c : changes) {
      if (c.seq > upto) break;
      seq = c.seq;
      ++read;
      if (c.entity_type != "organization" && c.entity_type != "opportunity" && c.entity_type != "certificates") continue;
      // New certificates change what an organisation is found for.
      changed[c.entity_id] = c.entity_type == "certificates" ? "organization" : c.entity_type;
      batch.last_change[c.entity_id] = c.seq;
    }
    if (changes.back().seq > upto) break;
  }
  for (const auto& [id, type] : changed) {
    if (type == "organization") {
      Result<domain::Organization> o = store.GetOrganization(id);
      if (o.ok()) {
        batch.organization_at.emplace(id, batch.organizations.size());
        batch.organizations.push_back(std::move(o).value());
      } else if (o.status().code() != StatusCode::kNotFound) {
        return o.status();
      }
      continue;
    }
    Result<domain::Opportunity> o = store.GetOpportunity(id);
    if (!o.ok()) {
      if (o.status().code() != StatusCode::kNotFound) return o.status();
      continue;
    }
    if (!batch.owners.count(o->organization_id)) {
      Result<domain::Organization> owner = store.GetOrganization(o->organization_id);
      if (!owner.ok()) continue;
      batch.owners.emplace(owner->id, std::move(owner).value());
    }
    batch.opportunity_at.emplace(id, batch.opportunities.size());
    batch.opportunities.push_back(std::move(o).value());
  }
  return batch;
}

// Who the owner of a saved search is now, as a principal (nullopt: the
// account is gone).
Result<std::optional<Principal>> PrincipalOf(storage::Store& store, const std::string& user_id) {
  Result<Principal> who = LoadPrincipal(store, user_id);
  if (!who.ok()) {
    if (who.status().code() == StatusCode::kNotFound) return std::optional<Principal>();
    return who.status();
  }
  return std::optional<Principal>(std::move(who).value());
}

}  // namespace

Result<AlertRound> RunAlerts(const ServiceContext& context, const AlertOptions& options) {
  storage::Store& store = context.store;
  AlertRound round;
  BB_ASSIGN_OR_RETURN(std::optional<std::int64_t> cursor, store.JobCursor(kAlertJob));
  // What the index holds is what matching can see: read no further (after
  // bringing it up to date with writes it was not told of, e.g. an import).
  BB_RETURN_IF_ERROR(context.search.CatchUp(store).status());
  const std::int64_t indexed = context.search.applied_change_seq();
  // Most rounds (every 30 s) find nothing new: they read nothing more.
  if (cursor && *cursor >= indexed) {
    round.cursor = *cursor;
    return round;
  }
  BB_ASSIGN_OR_RETURN(std::vector<domain::SavedSearch> saved, store.ListSavedSearches(""));
  if (!cursor) {
    // The first round starts where the oldest saved search did.
    std::int64_t start = indexed;
    for (const domain::SavedSearch& s : saved) start = std::min(start, s.from_change_seq);
    cursor = start;
  }
  round.cursor = *cursor;
  if (*cursor >= indexed) return round;
  const std::int64_t upto = std::min(indexed, *cursor + options.max_changes);
  BB_ASSIGN_OR_RETURN(Batch batch, ReadBatch(store, *cursor, upto, round.changes));
  round.cursor = upto;
  round.records = static_cast<std::int64_t>(batch.organizations.size() + batch.opportunities.size());

  storage::WriteContext write{"system:alerts", context.clock.Now()};
  std::vector<storage::Store::AlertHits> found;
  if (round.records > 0 && !saved.empty()) {
    BB_ASSIGN_OR_RETURN(std::unique_ptr<search::SearchIndex> batch_index,
                        search::SearchIndex::OpenInMemory(context.search.vocabulary()));
    std::vector<std::pair<domain::Opportunity, const domain::Organization*>> opportunities;
    for (const domain::Opportunity& o : batch.opportunities) {
      auto owner = batch.owners.find(o.organization_id);
      opportunities.emplace_back(o, owner == batch.owners.end() ? nullptr : &owner->second);
    }
    search::CertificatesByOrganization certificates;
    for (const domain::Organization& o : batch.organizations) {
      BB_ASSIGN_OR_RETURN(certificates[o.id], store.ListCertificates(o.id));
    }
    for (const auto& [id, owner] : batch.owners) {
      if (!certificates.count(id)) {
        BB_ASSIGN_OR_RETURN(certificates[id], store.ListCertificates(id));
      }
    }
    BB_RETURN_IF_ERROR(batch_index->Put(batch.organizations, opportunities, certificates));
    AlertRunner runner(context, *batch_index, batch);
    std::unordered_map<std::string, std::optional<Principal>> principals;
    for (const domain::SavedSearch& s : saved) {
      auto who = principals.find(s.user_id);
      if (who == principals.end()) {
        BB_ASSIGN_OR_RETURN(std::optional<Principal> p, PrincipalOf(store, s.user_id));
        who = principals.emplace(s.user_id, std::move(p)).first;
      }
      if (!who->second) continue;
      ++round.saved_searches;
      BB_ASSIGN_OR_RETURN(std::vector<Hit> hits, runner.Run(s, *who->second));
      if (hits.empty()) continue;
      std::vector<std::string> ids;
      for (const Hit& h : hits) ids.push_back(h.id);
      BB_ASSIGN_OR_RETURN(std::vector<std::string> known, store.SavedSearchHits(s.id, ids));
      const std::set<std::string> told(known.begin(), known.end());
      std::erase_if(hits, [&](const Hit& h) { return told.count(h.id) > 0; });
      if (hits.empty()) continue;
      storage::Store::AlertHits record{s.id, {}};
      for (const Hit& h : hits) record.record_ids.push_back(h.id);
      write.notices.push_back(runner.NoticeOf(s, hits));
      round.matches += static_cast<std::int64_t>(hits.size());
      found.push_back(std::move(record));
    }
  }
  round.notified = static_cast<std::int64_t>(write.notices.size());
  BB_RETURN_IF_ERROR(store.RecordAlerts(found, kAlertJob, upto, write));
  return round;
}

}  // namespace biobridge::service
