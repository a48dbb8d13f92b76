// Routes of search and of matches.
#include <fmt/format.h>

#include "api/api.h"
#include "base/strings.h"
#include "text/romanize.h"

namespace biobridge::api {
namespace {

std::string TaxonomyLabel(const domain::Taxonomy& taxonomy, std::string_view code, std::string_view language) {
  const domain::TaxonomyEntry* entry = taxonomy.Find(code);
  return entry == nullptr ? std::string(code) : std::string(entry->labels.Best({language, "en"}));
}

std::string TypeLabel(std::string_view type, std::string_view language) {
  static const domain::LocalizedText kOrganization{{"en", "Organisation"}, {"zh", "机构"}, {"ru", "Организация"}};
  static const domain::LocalizedText kOpportunity{{"en", "Opportunity"}, {"zh", "合作机会"}, {"ru", "Возможность сотрудничества"}};
  return std::string((type == "organization" ? kOrganization : kOpportunity).Best({language, "en"}));
}

}  // namespace

json::array ConceptsView(const std::vector<std::string>& ids, const text::Vocabulary& vocabulary,
                         std::string_view language) {
  json::array out;
  for (const std::string& id : ids) {
    const text::Concept* c = vocabulary.Find(id);
    out.push_back(json::object{{"id", id}, {"label", c ? c->labels.Best({language, "en"}) : std::string_view(id)}});
  }
  return out;
}

json::object RecordSummaryView(const service::RecordSummary& r) {
  json::object out{{"type", search::RecordTypeName(r.type)},
                   {"id", r.id},
                   {"title", r.title},
                   {"title_language", r.title_language},
                   {"organization", json::object{{"id", r.organization_id}, {"name", r.organization_name}}},
                   {"country", r.country},
                   {"kind", r.kind}};
  // A title shown in Russian, in Latin letters too, for readers of other scripts.
  if (r.title_language == "ru" && text::HasCyrillic(r.title)) out["title_latin"] = text::RomanizeRussian(r.title);
  if (r.type == search::RecordType::kOpportunity) {
    out["direction"] = r.direction;
    out["cooperation"] = json::value_from(r.cooperation);
    out["stage"] = r.stage;
  }
  out["therapeutic_areas"] = json::value_from(r.therapeutic_areas);
  return out;
}

json::array SnippetView(const std::vector<search::SnippetPart>& parts) {
  json::array out;
  for (const search::SnippetPart& p : parts) {
    json::object part{{"text", p.text}};
    if (p.highlight) part["highlight"] = true;
    out.push_back(std::move(part));
  }
  return out;
}

void Api::AddSearchRoutes() {
  const service::SearchService& search = services_.search;
  const domain::Taxonomies& taxonomies = services_.taxonomies;
  router_.Add(
      {"GET", "/api/search",
       {"q", "lang", "type", "country", "kind", "area", "cooperation", "stage", "certificate", "certified_in", "page",
        "per_page"},
       [&search, &taxonomies](RequestContext& c) -> Result<HttpResponse> {
         service::SearchParams params{c.Query("q"),    c.Query("lang"),  c.Query("type"),        c.Query("country"),
                                      c.Query("kind"), c.Query("area"), c.Query("cooperation"), c.Query("stage"),
                                      c.Query("certificate"), c.Query("certified_in")};
         BB_ASSIGN_OR_RETURN(std::int64_t page, c.QueryInt("page", 1));
         BB_ASSIGN_OR_RETURN(std::int64_t per_page, c.QueryInt("per_page", 20));
         params.page = static_cast<int>(std::clamp<std::int64_t>(page, -1, 1'000'000));
         params.per_page = static_cast<int>(std::clamp<std::int64_t>(per_page, -1, 1'000'000));
         BB_ASSIGN_OR_RETURN(service::SearchPage result, search.Search(c.principal, params));
         const text::Vocabulary& vocabulary = text::Vocabulary::Builtin();
         const std::string& lang = result.language;
         json::array items;
         for (const service::SearchItem& item : result.items) {
           json::object view = RecordSummaryView(item.record);
           view["score"] = item.score;
           view["snippet"] = SnippetView(item.snippet);
           view["snippet_language"] = item.snippet_language;
           view["matched_concepts"] = ConceptsView(item.matched_concepts, vocabulary, lang);
           items.push_back(std::move(view));
         }
         json::object facets;
         for (const auto& [name, values] : result.facets) {
           const domain::Taxonomy* taxonomy = name == "country"       ? &taxonomies.countries()
                                              : name == "kind"        ? &taxonomies.organization_kinds()
                                              : name == "area"        ? &taxonomies.therapeutic_areas()
                                              : name == "cooperation" ? &taxonomies.cooperation_types()
                                              : name == "stage"       ? &taxonomies.stages()
                                                                      : nullptr;
           json::array counts;
           for (const search::FacetValue& v : values) {
             counts.push_back(json::object{
                 {"value", v.value},
                 {"label", taxonomy ? TaxonomyLabel(*taxonomy, v.value, lang) : TypeLabel(v.value, lang)},
                 {"count", v.count}});
           }
           facets[name] = std::move(counts);
         }
         return JsonResponse(200, json::object{{"q", Trim(params.q)},
                                               {"language", lang},
                                               {"query_language", result.query_language},
                                               {"concepts", ConceptsView(result.query_concepts, vocabulary, lang)},
                                               {"broadened_to", ConceptsView(result.broadened_to, vocabulary, lang)},
                                               {"did_you_mean", result.did_you_mean},
                                               {"suggestions", ConceptsView(result.suggestions, vocabulary, lang)},
                                               {"total", result.total},
                                               {"page", result.page},
                                               {"per_page", result.per_page},
                                               {"items", std::move(items)},
                                               {"facets", std::move(facets)}});
       }});
}

json::object MatchItemView(const service::MatchItem& item) {
  json::object view = RecordSummaryView(item.record);
  view["score"] = item.score;
  json::array reasons;
  for (const service::MatchReason& r : item.reasons) {
    reasons.push_back(json::object{{"code", r.code},
                                   {"text", r.text},
                                   {"contribution", r.contribution},
                                   {"items", json::value_from(r.items)}});
  }
  view["reasons"] = std::move(reasons);
  return view;
}

namespace {

json::object MatchResultView(const service::MatchResult& result) {
  json::array items;
  for (const service::MatchItem& item : result.items) items.push_back(MatchItemView(item));
  json::object out{{"language", result.language}};
  if (!result.source.id.empty()) out["source"] = RecordSummaryView(result.source);
  out["items"] = std::move(items);
  json::array others;
  for (const service::MatchItem& item : result.others_looking) others.push_back(MatchItemView(item));
  out["others_looking"] = std::move(others);
  return out;
}

Result<service::MatchParams> MatchParamsFrom(const RequestContext& c) {
  service::MatchParams params{c.Query("lang"), c.Query("type")};
  BB_ASSIGN_OR_RETURN(std::int64_t top, c.QueryInt("top", 10));
  params.top = static_cast<int>(std::clamp<std::int64_t>(top, -1, 1'000'000));
  return params;
}

}  // namespace

void Api::AddMatchRoutes() {
  const service::MatchService& match = services_.match;
  router_.Add({"GET", "/api/opportunities/{id}/matches", {"lang", "type", "top"},
               [&match](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(service::MatchParams params, MatchParamsFrom(c));
                 BB_ASSIGN_OR_RETURN(service::MatchResult result,
                                     match.ForOpportunity(c.principal, c.PathParam("id"), params));
                 return JsonResponse(200, MatchResultView(result));
               }});
  router_.Add({"GET", "/api/organizations/{id}/matches", {"lang", "type", "top"},
               [&match](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(service::MatchParams params, MatchParamsFrom(c));
                 BB_ASSIGN_OR_RETURN(service::MatchResult result,
                                     match.ForOrganization(c.principal, c.PathParam("id"), params));
                 return JsonResponse(200, MatchResultView(result));
               }});
}

}  // namespace biobridge::api
