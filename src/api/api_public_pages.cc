// The public organisation and opportunity pages, readable without
// JavaScript (public_page.h): what a visitor may see of the record, in the
// language the address names, with its addresses in the others.
#include <fmt/format.h>

#include <algorithm>

#include "api/api.h"
#include "api/public_page.h"
#include "api/views.h"
#include "api/web_ui.h"
#include "base/strings.h"

namespace biobridge::api {
namespace {

// The record id of "/organizations/{id}" or "/opportunities/{id}", or "".
std::string_view IdAfter(std::string_view path, std::string_view prefix) {
  if (!path.starts_with(prefix)) return {};
  std::string_view id = path.substr(prefix.size());
  return id.empty() || id.find('/') != std::string_view::npos ? std::string_view() : id;
}

std::string Label(const domain::Taxonomies& taxonomies, std::string_view taxonomy, std::string_view code,
                  std::string_view language) {
  const domain::Taxonomy* t = taxonomies.Find(taxonomy);
  const domain::TaxonomyEntry* entry = t ? t->Find(code) : nullptr;
  return entry ? std::string(entry->labels.Best({language, "en"})) : std::string(code);
}

std::string Labels(const domain::Taxonomies& taxonomies, std::string_view taxonomy, const std::vector<std::string>& codes,
                   std::string_view language) {
  std::string out;
  for (const std::string& code : codes) {
    out += (out.empty() ? "" : language == "zh" ? "、" : ", ") + Label(taxonomies, taxonomy, code, language);
  }
  return out;
}

// The facts' labels.
struct Words {
  std::string_view en, zh, ru;
  std::string In(std::string_view language) const { return std::string(language == "zh" ? zh : language == "ru" ? ru : en); }
};
constexpr Words kKind{"Kind", "类型", "Тип"};
constexpr Words kCountry{"Country", "国家", "Страна"};
constexpr Words kAreas{"Therapeutic areas", "治疗领域", "Терапевтические области"};
constexpr Words kDirection{"Offer or request", "提供或需求", "Предложение или запрос"};
constexpr Words kPostedBy{"Posted by", "发布机构", "Разместила организация"};
constexpr Words kRussianName{"Name in Russian", "俄文名称", "Название на русском"};
constexpr Words kLatinName{"In Latin letters", "拉丁字母拼写", "Латиницей"};

// A Host header that is a host name or address with an optional port, nothing
// else: it goes into the page's links.
bool PlainHost(std::string_view host) {
  return !host.empty() && host.size() <= 255 && std::all_of(host.begin(), host.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
           c == ':' || c == '[' || c == ']';
  });
}

}  // namespace

std::optional<HttpResponse> Api::PublicPageResponse(const HttpRequest& request) const {
  const std::string_view organization_id = IdAfter(request.path, "/organizations/");
  const std::string_view opportunity_id = IdAfter(request.path, "/opportunities/");
  if (organization_id.empty() && opportunity_id.empty()) return std::nullopt;
  const std::string_view index = WebUiIndex();
  if (index.empty() || (options_.public_url.empty() && !PlainHost(request.host))) return std::nullopt;
  const std::string* asked = request.QueryParam("lang");
  std::string language = asked ? AsciiLower(asked->substr(0, 2)) : "en";
  if (language != "zh" && language != "ru") language = "en";

  // What anyone may see, whoever asks: the page is the same for every reader.
  const service::Principal visitor = service::Principal::Anonymous();
  const domain::Taxonomies& taxonomies = services_.taxonomies;
  PublicPage page{.language = language, .path = std::string(request.path)};
  if (!organization_id.empty()) {
    Result<domain::Organization> o = services_.directory.GetOrganization(visitor, organization_id);
    if (!o.ok()) return std::nullopt;  // the web UI says what there is to say
    page.title = o->name.Best({language, "en"});
    page.text = o->description.Best({language, "en"});
    page.facts.emplace_back(kKind.In(language), Label(taxonomies, "organization_kinds", o->kind, language));
    page.facts.emplace_back(kCountry.In(language), Label(taxonomies, "countries", o->country, language));
    if (!o->therapeutic_areas.empty()) {
      page.facts.emplace_back(kAreas.In(language),
                              Labels(taxonomies, "therapeutic_areas", o->therapeutic_areas, language));
    }
    // A Russian organisation's own name, and in Latin letters, for readers of other languages.
    const std::optional<std::string> latin = NameLatin(o->name);  // set only when there is a Russian name
    if (latin && language != "ru" && *o->name.Find("ru") != page.title) {
      page.facts.emplace_back(kRussianName.In(language), *o->name.Find("ru"));
      page.facts.emplace_back(kLatinName.In(language), *latin);
    }
  } else {
    Result<domain::Opportunity> o = services_.directory.GetOpportunity(visitor, opportunity_id);
    if (!o.ok()) return std::nullopt;
    page.title = o->title.Best({language, "en"});
    page.text = o->description.Best({language, "en"});
    page.facts.emplace_back(kDirection.In(language), Label(taxonomies, "directions", o->direction, language));
    if (Result<domain::Organization> by = services_.directory.GetOrganization(visitor, o->organization_id); by.ok()) {
      page.facts.emplace_back(kPostedBy.In(language), std::string(by->name.Best({language, "en"})));
    }
    if (!o->therapeutic_areas.empty()) {
      page.facts.emplace_back(kAreas.In(language),
                              Labels(taxonomies, "therapeutic_areas", o->therapeutic_areas, language));
    }
  }
  return WebUiPage(RenderPublicPage(index, page, Origin(request)));
}

}  // namespace biobridge::api
