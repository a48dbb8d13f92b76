#include "service/search_service.h"

#include <fmt/format.h>

#include <set>

#include <algorithm>

#include "base/strings.h"
#include "base/utf8.h"
#include "service/authorization.h"
#include "service/directory_service.h"
#include "storage/store.h"

namespace biobridge::service {
namespace {

std::pair<std::string, std::string> BestVariant(const domain::LocalizedText& text, std::string_view language) {
  if (const std::string* v = text.Find(language)) return {*v, std::string(language)};
  if (const std::string* v = text.Find("en")) return {*v, "en"};
  if (!text.empty()) return {text.variants().front().second, text.variants().front().first};
  return {};
}

// The snippet from the description variant that shows the match best: the
// viewer's language when it has a mark, else the first variant that has
// one, else the viewer's language unmarked.
void AddSnippet(SearchItem& item, const domain::LocalizedText& description, const search::QueryAnalysis& query,
                const text::Vocabulary& vocabulary, std::string_view language) {
  std::vector<std::pair<std::string, std::string>> order;  // language, text
  if (const std::string* v = description.Find(language)) order.emplace_back(std::string(language), *v);
  for (const auto& [l, v] : description.variants()) {
    if (l != language) order.emplace_back(l, v);
  }
  for (const auto& [l, v] : order) {
    std::vector<search::SnippetPart> parts = search::MakeSnippet(v, query, vocabulary);
    if (search::HasMatch(parts)) {
      item.snippet = std::move(parts);
      item.snippet_language = l;
      return;
    }
  }
  if (!order.empty()) {
    item.snippet = search::MakeSnippet(order.front().second, query, vocabulary);
    item.snippet_language = order.front().first;
  }
}

// The query's concepts that the record mentions, from the concepts the index
// keeps with each document (its strongest ones): no second analysis of the
// record per result.
std::vector<std::string> MatchedConcepts(const search::RecordFacts& facts, const search::QueryAnalysis& query,
                                         const text::Vocabulary& vocabulary) {
  std::vector<std::string> ids;
  for (std::uint32_t c : query.concepts) {
    const std::string& id = vocabulary.concepts()[c].id;
    if (std::find(facts.concepts.begin(), facts.concepts.end(), id) != facts.concepts.end()) ids.push_back(id);
  }
  return ids;
}

}  // namespace

Result<std::optional<search::RecordType>> ParseRecordType(std::string_view type) {
  if (type.empty()) return std::optional<search::RecordType>();
  if (type == "organization") return std::optional(search::RecordType::kOrganization);
  if (type == "opportunity") return std::optional(search::RecordType::kOpportunity);
  return InvalidArgumentError("type", fmt::format("unknown type '{}'; use organization or opportunity", type));
}

Result<std::string> ViewerLanguage(const domain::Taxonomies& taxonomies, std::string_view requested,
                                   std::string_view fallback) {
  if (!requested.empty()) {
    if (!taxonomies.languages().Contains(requested)) {
      return InvalidArgumentError("lang", fmt::format("unknown language '{}'; use an ISO 639-1 code such as en, zh or ru",
                                                      requested));
    }
    return std::string(requested);
  }
  return fallback.empty() ? std::string("en") : std::string(fallback);
}

RecordSummary SearchService::Summarize(const domain::Organization& organization, std::string_view language) {
  RecordSummary s;
  s.type = search::RecordType::kOrganization;
  s.id = organization.id;
  std::tie(s.title, s.title_language) = BestVariant(organization.name, language);
  s.organization_id = organization.id;
  s.organization_name = s.title;
  s.country = organization.country;
  s.kind = organization.kind;
  s.therapeutic_areas = organization.therapeutic_areas;
  return s;
}

RecordSummary SearchService::Summarize(const domain::Opportunity& opportunity, const domain::Organization& owner,
                                       std::string_view language) {
  RecordSummary s = Summarize(owner, language);  // the organisation's id, name, country and kind
  s.type = search::RecordType::kOpportunity;
  s.id = opportunity.id;
  std::tie(s.title, s.title_language) = BestVariant(opportunity.title, language);
  s.direction = opportunity.direction;
  s.cooperation = opportunity.cooperation;
  s.stage = opportunity.stage;
  s.therapeutic_areas = opportunity.therapeutic_areas;
  return s;
}

Result<PreparedSearch> PrepareSearch(const SearchParams& params, const domain::Taxonomies& t,
                                     const text::Vocabulary& vocabulary) {
  PreparedSearch prepared;
  prepared.q = Trim(params.q);
  const std::string& q = prepared.q;
  if (q.empty()) return InvalidArgumentError("q", "type what to search for in q");
  if (!IsValidUtf8(q)) return InvalidArgumentError("q", "q is not valid UTF-8");
  if (CountCodePoints(q) > SearchService::kMaxQueryCharacters) {
    return InvalidArgumentError("q", fmt::format("q is {} characters long; the limit is {}", CountCodePoints(q),
                                                 SearchService::kMaxQueryCharacters));
  }
  search::SearchFilter& filter = prepared.filter;
  BB_ASSIGN_OR_RETURN(filter.type, ParseRecordType(params.type));
  filter.country = AsciiUpper(params.country);
  filter.kind = params.kind;
  filter.area = params.area;
  filter.cooperation = params.cooperation;
  filter.stage = params.stage;
  BB_RETURN_IF_ERROR(CheckFilterCode("country", filter.country, t.countries()));
  BB_RETURN_IF_ERROR(CheckFilterCode("kind", filter.kind, t.organization_kinds()));
  BB_RETURN_IF_ERROR(CheckFilterCode("area", filter.area, t.therapeutic_areas()));
  BB_RETURN_IF_ERROR(CheckFilterCode("cooperation", filter.cooperation, t.cooperation_types()));
  BB_RETURN_IF_ERROR(CheckFilterCode("stage", filter.stage, t.stages()));
  filter.certificate = params.certificate;
  filter.certified_in = AsciiUpper(params.certified_in);
  if (!filter.certificate.empty() && !domain::CertificateKinds::Builtin().IsKindOrFamily(filter.certificate)) {
    return InvalidArgumentError("certificate", fmt::format("unknown certificate kind or family '{}'; see "
                                                           "/api/taxonomies/certificate_kinds",
                                                           filter.certificate));
  }
  BB_RETURN_IF_ERROR(CheckFilterCode("certified_in", filter.certified_in, t.countries()));
  prepared.analysis = search::AnalyzeQuery(q, vocabulary);
  if (prepared.analysis.empty()) {
    return InvalidArgumentError("q", "q has no words to search for (only punctuation or function words)");
  }
  BB_ASSIGN_OR_RETURN(prepared.language, ViewerLanguage(t, params.lang, prepared.analysis.language));
  return prepared;
}

namespace {

// The concept a word outside any mention derives from, if any: its longest
// shorter prefix of at least kMinPrefix characters that the vocabulary
// recognises as a whole (стентирование → стент → "Stents"), or -1.
std::int32_t ConceptOfDerivedWord(std::string_view word, const text::Vocabulary& vocabulary) {
  constexpr std::size_t kMinPrefix = 5;
  for (std::string_view prefix = word; !prefix.empty();) {
    prefix = TruncateUtf8(prefix, prefix.size() - 1);  // one character less
    if (CountCodePoints(prefix) < kMinPrefix) break;
    const std::vector<text::ConceptMention> mentions = vocabulary.Tag(prefix, text::TagMode::kQuery);
    if (mentions.size() == 1) return static_cast<std::int32_t>(mentions.front().concept_index);
  }
  return -1;
}

// Asks `query` for the concept too (by its id: it has no words here).
void AddConceptUnit(search::QueryAnalysis& query, std::uint32_t index, const text::Vocabulary& vocabulary) {
  search::QueryAnalysis::Unit unit;
  unit.surface = vocabulary.concepts()[index].id;
  unit.concept_index = static_cast<std::int32_t>(index);
  query.units.push_back(std::move(unit));
  query.concepts.insert(index);
}

// What to search for when nothing matched `analysis`: each concept the query
// names (or a word derives from) and the broader concepts it is a kind of
// (CAR-T → cell therapy); `wide`: also its therapeutic areas and
// modalities (stents → cardiovascular, implants). Each once.
search::QueryAnalysis Broaden(const search::QueryAnalysis& analysis, const text::Vocabulary& vocabulary, bool wide,
                              std::vector<std::string>& concept_ids) {
  search::QueryAnalysis broadened;
  broadened.language = analysis.language;
  std::set<std::uint32_t> added;
  auto add = [&](std::uint32_t index) {
    if (!added.insert(index).second) return;
    AddConceptUnit(broadened, index, vocabulary);
    concept_ids.push_back(vocabulary.concepts()[index].id);
  };
  for (const search::QueryAnalysis::Unit& unit : analysis.units) {
    std::int32_t index = unit.concept_index;
    if (index < 0 && !unit.han && unit.terms.size() == 1) index = ConceptOfDerivedWord(unit.surface, vocabulary);
    if (index < 0) continue;
    add(static_cast<std::uint32_t>(index));
    const auto i = static_cast<std::uint32_t>(index);
    for (const std::uint32_t g : wide ? vocabulary.Generalizations(i) : vocabulary.Ancestors(i)) add(g);
  }
  return broadened;
}

// `q` with the surfaces of its units replaced as `corrections` say (by unit,
// "" keeps one as typed).
std::string Rewrite(std::string_view q, const search::QueryAnalysis& analysis,
                    const std::vector<std::string>& corrections) {
  std::string out;
  std::size_t pos = 0;
  for (std::size_t i = 0; i < analysis.units.size(); ++i) {
    const std::string& surface = analysis.units[i].surface;
    const std::size_t at = q.find(surface, pos);
    if (at == std::string_view::npos) continue;
    const std::size_t end = at + surface.size();
    if (corrections[i].empty()) {
      out.append(q.substr(pos, end - pos));
    } else {
      out.append(q.substr(pos, at - pos));
      out.append(corrections[i]);
    }
    pos = end;
  }
  out.append(q.substr(pos));
  return out;
}

}  // namespace

const text::Speller& SearchService::speller() const {
  std::call_once(speller_->once,
                 [this] { speller_->speller = std::make_unique<text::Speller>(context_.search.vocabulary()); });
  return *speller_->speller;
}

Status SearchService::Suggest(const search::QueryAnalysis& analysis, std::string_view q, search::SearchRequest request,
                              bool found_nothing, SearchPage& page) const {
  // A long query of gibberish costs no more than its first few words.
  constexpr std::size_t kMaxUnitsExamined = 8;
  constexpr std::size_t kConceptsPerUnit = 3;
  constexpr std::size_t kMaxCandidates = 8;
  const text::Vocabulary& vocabulary = context_.search.vocabulary();
  const text::Speller& spell = speller();
  request.offset = 0;
  request.limit = 1;
  request.facets = false;
  request.facts = false;
  auto finds_something = [&](const search::QueryAnalysis& query) -> Result<bool> {
    request.query = &query;
    BB_ASSIGN_OR_RETURN(search::SearchResult found, context_.search.Search(request));
    return !found.hits.empty();
  };

  std::vector<std::string> corrections(analysis.units.size());
  std::vector<std::uint32_t> candidates;
  auto consider = [&](const std::vector<std::uint32_t>& concepts) {
    for (const std::uint32_t c : concepts) {
      if (candidates.size() < kMaxCandidates && !analysis.concepts.contains(c) &&
          std::find(candidates.begin(), candidates.end(), c) == candidates.end()) {
        candidates.push_back(c);
      }
    }
  };
  bool corrected = false;
  for (std::size_t i = 0; i < analysis.units.size() && i < kMaxUnitsExamined; ++i) {
    const search::QueryAnalysis::Unit& unit = analysis.units[i];
    if (unit.concept_index >= 0) continue;  // broadening has tried it and its family
    // (Concepts are offered only when nothing was found.)
    if (unit.han) {
      if (found_nothing) consider(spell.ConceptsLikeHan(unit.surface, kConceptsPerUnit));
      continue;
    }
    std::optional<std::string> correction = spell.Correct(unit.surface);
    if (!correction) {
      if (found_nothing) consider(spell.ConceptsWithWord(unit.surface, kConceptsPerUnit));
      continue;
    }
    if (!found_nothing) {
      // Something was found, perhaps by this word's sound in the other
      // script only (onkology → онкология): the word as spelt must find
      // nothing itself to be called a misspelling (a name is not one).
      search::QueryAnalysis as_spelt;
      as_spelt.units.push_back({.surface = unit.surface, .terms = unit.terms});
      BB_ASSIGN_OR_RETURN(const bool spelt_finds, finds_something(as_spelt));
      if (spelt_finds) continue;
    }
    if (found_nothing) consider(spell.ConceptsWithWord(*correction, kConceptsPerUnit));
    corrections[i] = std::move(*correction);
    corrected = true;
  }
  if (corrected) {
    std::string rewritten = Rewrite(q, analysis, corrections);
    const search::QueryAnalysis again = search::AnalyzeQuery(rewritten, vocabulary);
    BB_ASSIGN_OR_RETURN(const bool found, finds_something(again));
    if (found) page.did_you_mean = std::move(rewritten);
  }
  if (!found_nothing) return Status::Ok();
  for (const std::uint32_t c : candidates) {
    if (page.suggestions.size() == kMaxSuggestions) break;
    search::QueryAnalysis query;
    query.language = analysis.language;
    AddConceptUnit(query, c, vocabulary);
    BB_ASSIGN_OR_RETURN(const bool found, finds_something(query));
    if (found) page.suggestions.push_back(vocabulary.concepts()[c].id);
  }
  return Status::Ok();
}

Result<SearchPage> SearchService::Search(const Principal& who, const SearchParams& params) const {
  const text::Vocabulary& vocabulary = context_.search.vocabulary();
  BB_RETURN_IF_ERROR(ValidatePageRequest({params.page, params.per_page}, kMaxPerPage));
  if (static_cast<std::int64_t>(params.page) * params.per_page > kMaxResultWindow) {
    return InvalidArgumentError("page", fmt::format("only the first {} results can be paged through; narrow the query "
                                                    "or add filters",
                                                    kMaxResultWindow));
  }
  BB_ASSIGN_OR_RETURN(PreparedSearch prepared, PrepareSearch(params, context_.taxonomies, vocabulary));
  const search::QueryAnalysis& analysis = prepared.analysis;
  search::SearchFilter filter = std::move(prepared.filter);
  filter.visible_tiers = VisibleTiers(who);
  filter.own_organization_ids = who.organization_ids();
  SearchPage page;
  page.query_language = analysis.language;
  page.language = prepared.language;
  for (const auto& unit : analysis.units) {
    if (unit.concept_index >= 0) page.query_concepts.push_back(vocabulary.concepts()[unit.concept_index].id);
  }
  page.page = params.page;
  page.per_page = params.per_page;
  search::SearchRequest request{.query = &analysis,
                                .filter = std::move(filter),
                                .offset = (params.page - 1) * params.per_page,
                                .limit = params.per_page,
                                .facets = true,
                                .facts = true};
  BB_ASSIGN_OR_RETURN(search::SearchResult found, context_.search.Search(request));
  // Nothing matched as typed: search for what the query is about, and say so.
  search::QueryAnalysis broadened;
  for (const bool wide : {false, true}) {
    if (found.total != 0) break;
    page.broadened_to.clear();
    broadened = Broaden(analysis, vocabulary, wide, page.broadened_to);
    if (broadened.units.empty()) break;
    request.query = &broadened;
    BB_ASSIGN_OR_RETURN(found, context_.search.Search(request));
  }
  if (found.total == 0) page.broadened_to.clear();
  if (params.page == 1 && page.broadened_to.empty()) {
    BB_RETURN_IF_ERROR(Suggest(analysis, prepared.q, request, found.total == 0, page));
  }
  const search::QueryAnalysis& searched = page.broadened_to.empty() ? analysis : broadened;
  page.total = found.total;
  page.facets = std::move(found.facets);
  if (params.page > 1 && request.offset >= found.total) {
    const std::int64_t last = (found.total + params.per_page - 1) / params.per_page;
    return InvalidArgumentError("page", last == 0 ? std::string("there are no results, so there is no page " +
                                                                std::to_string(params.page))
                                                  : fmt::format("page {} is past the last page, {}", params.page, last));
  }
  for (const search::SearchHit& hit : found.hits) {
    SearchItem item;
    item.score = hit.score;
    if (hit.type == search::RecordType::kOrganization) {
      auto organization = context_.store.GetOrganization(hit.id);
      if (!organization.ok()) continue;  // deleted since the index was read
      item.record = Summarize(*organization, page.language);
      AddSnippet(item, organization->description, searched, vocabulary, page.language);
      item.matched_concepts = MatchedConcepts(hit.facts, searched, vocabulary);
    } else {
      auto opportunity = context_.store.GetOpportunity(hit.id);
      if (!opportunity.ok() || !MayView(who, opportunity->organization_id, opportunity->confidentiality)) continue;
      auto owner = context_.store.GetOrganization(opportunity->organization_id);
      if (!owner.ok()) continue;
      item.record = Summarize(*opportunity, *owner, page.language);
      AddSnippet(item, opportunity->description, searched, vocabulary, page.language);
      item.matched_concepts = MatchedConcepts(hit.facts, searched, vocabulary);
    }
    page.items.push_back(std::move(item));
  }
  return page;
}

Result<std::int64_t> SearchService::IndexLag() const {
  BB_ASSIGN_OR_RETURN(std::int64_t latest, context_.store.LatestChangeSeq());
  return std::max<std::int64_t>(0, latest - context_.search.applied_change_seq());
}

}  // namespace biobridge::service
