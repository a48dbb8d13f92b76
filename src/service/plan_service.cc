#include "service/plan_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "base/random.h"
#include "base/strings.h"
#include "base/utf8.h"
#include "domain/certificate.h"
#include "domain/regulatory_profile.h"
#include "service/authorization.h"
#include "service/country_service.h"
#include "service/request_body.h"
#include "storage/store.h"

namespace biobridge::service {
namespace {

json::object Words(std::string_view en, std::string_view zh, std::string_view ru) {
  return json::object{{"en", en}, {"zh", zh}, {"ru", ru}};
}

// The partner roles a plan looks for, the organisation kinds that fill each,
// and what the matcher is asked (the vocabulary carries it to every language).
struct Role {
  std::string_view code;
  std::vector<std::string> kinds;
  std::string_view ask;  // {} is the product
};
const std::vector<Role>& Roles() {
  static const std::vector<Role> roles = {
      {"distributor", {"distributor"}, "distributor for import, registration and distribution of {}"},
      {"authorised_representative", {"distributor", "company", "other"},
       "authorised representative and regulatory affairs for the registration of {}"},
      {"clinical_site", {"hospital", "research_institute", "university"}, "clinical trial site for {}"},
      {"cro", {"company", "research_institute"}, "contract research organisation for clinical trials of {}"},
      {"warehouse", {"distributor", "supplier", "company"}, "warehouse, logistics and cold chain storage for {}"},
  };
  return roles;
}

const json::value* FactValue(const json::object& profile, std::string_view key) {
  const json::value* fact = profile.if_contains(key);
  if (!fact || !fact->is_object()) return nullptr;
  const json::value* v = fact->get_object().if_contains("value");
  return v && !v->is_null() ? v : nullptr;
}

json::object Step(json::object name, json::value months, json::array documents, json::value source) {
  return json::object{{"name", std::move(name)},     {"months", std::move(months)},
                      {"documents", std::move(documents)}, {"source", std::move(source)},
                      {"done", false},                {"note", ""}};
}

Result<std::vector<std::string>> Countries(const json::object& body, const domain::Taxonomies& taxonomies) {
  const json::value* list = body.if_contains("countries");
  if (!list || !list->is_array() || list->get_array().empty()) {
    return InvalidArgumentError("countries", "name the target countries, e.g. [\"KZ\", \"UZ\"]");
  }
  if (list->get_array().size() > kMaxPlanCountries) {
    return InvalidArgumentError("countries", fmt::format("at most {} countries a plan", kMaxPlanCountries));
  }
  std::vector<std::string> out;
  for (std::size_t i = 0; i < list->get_array().size(); ++i) {
    const json::value& c = list->get_array()[i];
    const std::string field = fmt::format("countries[{}]", i);
    if (!c.is_string() || !taxonomies.countries().Contains(AsciiUpper(c.get_string()))) {
      return InvalidArgumentError(field, "an ISO 3166-1 country code, such as KZ");
    }
    const std::string code = AsciiUpper(c.get_string());
    if (std::find(out.begin(), out.end(), code) != out.end()) return InvalidArgumentError(field, code + " is given twice");
    out.push_back(code);
  }
  return out;
}

Status CheckLocalizedName(const json::value& v, const std::string& field) {
  if (!v.is_object() || v.get_object().empty()) return InvalidArgumentError(field, "a name in at least one language");
  for (const auto& [lang, text] : v.get_object()) {
    if (!text.is_string() || text.get_string().empty() || CountCodePoints(text.get_string()) > 300) {
      return InvalidArgumentError(field, "each language's text, 1 to 300 characters");
    }
  }
  return Status::Ok();
}

// A step as a member edited it.
Status CheckStep(const json::value& v, const std::string& field) {
  if (!v.is_object()) return InvalidArgumentError(field, "a step is {\"name\", \"months\", \"documents\", \"done\", \"note\"}");
  const json::object& s = v.get_object();
  BB_RETURN_IF_ERROR(UnknownFields(s, {"name", "months", "documents", "source", "done", "note"}));
  BB_RETURN_IF_ERROR(CheckLocalizedName(s.contains("name") ? s.at("name") : json::value(), field + ".name"));
  if (const json::value* m = s.if_contains("months"); m && !m->is_null()) {
    if (!m->is_array() || m->get_array().size() != 2 || !m->get_array()[0].is_number() || !m->get_array()[1].is_number() ||
        !(m->get_array()[0].to_number<double>() > 0 &&
          m->get_array()[0].to_number<double>() <= m->get_array()[1].to_number<double>() &&
          m->get_array()[1].to_number<double>() <= 240)) {
      return InvalidArgumentError(field + ".months", "[min, max] months with 0 < min ≤ max ≤ 240, or null when unknown");
    }
  }
  if (const json::value* d = s.if_contains("documents"); d && !d->is_array()) {
    return InvalidArgumentError(field + ".documents", "a list of document codes");
  }
  if (const json::value* done = s.if_contains("done"); done && !done->is_bool()) {
    return InvalidArgumentError(field + ".done", "true or false");
  }
  if (const json::value* note = s.if_contains("note");
      note && (!note->is_string() || CountCodePoints(note->get_string()) > 2000)) {
    return InvalidArgumentError(field + ".note", "text of at most 2000 characters");
  }
  return Status::Ok();
}

}  // namespace

Result<json::object> PlanService::DraftCountry(const Principal& who, std::string_view organization_id,
                                               const json::object& input, std::string_view country) {
  const std::string product_kind(input.at("product_kind").as_string());
  const std::string product(input.at("product").as_string());
  const std::string language(input.at("language").as_string());
  const std::string jurisdiction = domain::JurisdictionOf(country);
  CountryService countries(context_);
  BB_ASSIGN_OR_RETURN(std::optional<json::object> profile, countries.Profile(jurisdiction));

  json::object out{{"country", country}, {"jurisdiction", jurisdiction}, {"profile", profile.has_value()}, {"notes", ""}};
  json::array unknown;
  json::array steps;

  // Certificates that count here, and what is missing.
  const Date today = DateOf(context_.clock.Now());
  BB_ASSIGN_OR_RETURN(std::vector<domain::Certificate> held, context_.store.ListCertificates(organization_id));
  json::array counting;
  bool has_gmp = false, has_iso13485 = false, registered = false;
  for (const domain::Certificate& c : held) {
    const domain::CertificateKind* kind = domain::CertificateKinds::Builtin().Find(c.kind);
    if (!kind || c.lapsed || !c.InForce(today) || !kind->HoldsIn(country, c.country)) continue;
    counting.push_back(json::object{{"id", c.id},
                                    {"kind", c.kind},
                                    {"number", c.number},
                                    {"expires_on", c.expires_on ? json::value(FormatDate(*c.expires_on)) : json::value(nullptr)},
                                    {"verified", c.verification.has_value()}});
    has_gmp = has_gmp || kind->family == "gmp";
    has_iso13485 = has_iso13485 || kind->code == "iso_13485";
    registered = registered || kind->family == "market_authorisation";
  }
  json::array missing;
  auto kinds_holding = [&](auto pick) {
    json::array codes;
    for (const domain::CertificateKind& k : domain::CertificateKinds::Builtin().all()) {
      if (pick(k) && (k.issuer_country || k.HoldsIn(country, ""))) codes.push_back(json::value(k.code));
    }
    return codes;
  };
  if (product_kind == "drug" && !has_gmp) {
    missing.push_back(json::object{{"need", "gmp"}, {"kinds", kinds_holding([](const auto& k) { return k.family == "gmp"; })}});
  }
  if (product_kind == "device" && !has_iso13485) {
    missing.push_back(json::object{{"need", "iso_13485"}, {"kinds", json::array{"iso_13485"}}});
  }
  out["certificates"] = json::object{{"counting", std::move(counting)}, {"missing", std::move(missing)}};

  // The facts both the steps and the partner roles turn on (null: not known).
  const json::object* rep_fact = nullptr;
  const json::value* rep = nullptr;
  const json::value* clinical = nullptr;
  if (profile) {
    rep_fact = &profile->at("local_representative").at(product_kind).as_object();
    if (!rep_fact->at("value").is_null()) rep = &rep_fact->at("value");
    clinical = FactValue(*profile, "local_clinical_data");
  }

  // The steps, in order.
  if (!profile) {
    for (const char* what : {"regulators", "routes", "timeline", "local_representative", "local_clinical_data",
                             "dossier_languages"}) {
      unknown.push_back(json::value(what));
    }
  } else {
    if (!rep) unknown.push_back(json::value("local_representative"));
    if (!rep || rep->as_string() == "required") {
      steps.push_back(Step(Words("Appoint a local authorised representative", "委任本地授权代表", "Назначить местного уполномоченного представителя"),
                           nullptr, json::array{"representative_agreement"},
                           rep ? rep_fact->at("source") : json::value(nullptr)));
    }
    if (product_kind == "drug" && !has_gmp) {
      steps.push_back(Step(Words("Obtain GMP evidence recognised here (inspection or certificate)", "取得当地认可的GMP证明（检查或证书）",
                                 "Получить признаваемое здесь подтверждение GMP (инспекция или сертификат)"),
                           nullptr, json::array{"gmp_certificate", "site_master_file"}, nullptr));
    }
    const json::value* languages = FactValue(*profile, "dossier_languages");
    if (!languages) unknown.push_back(json::value("dossier_languages"));
    if (languages) {
      bool needs_translation = true;
      for (const json::value& l : languages->as_array()) needs_translation = needs_translation && l.as_string() != "en";
      if (needs_translation) {
        std::string list;
        for (const json::value& l : languages->as_array()) list += (list.empty() ? "" : ", ") + std::string(l.as_string());
        steps.push_back(Step(Words("Translate the dossier (" + list + ")", "翻译申报资料（" + list + "）",
                                   "Перевести досье (" + list + ")"),
                             nullptr, json::array{"translated_dossier"}, profile->at("dossier_languages").at("source")));
      }
    }
    // The registration route for the product kind (and class), the others as alternatives.
    const std::string device_class = input.contains("device_class") ? std::string(input.at("device_class").as_string()) : "";
    json::array alternatives;
    bool route_found = false;
    for (const json::value& r : profile->at("routes").as_array()) {
      const json::object& route = r.as_object();
      if (route.at("product").as_string() != product_kind) continue;
      if (!device_class.empty() && route.contains("class") &&
          std::string_view(route.at("class").as_string()).find(device_class) == std::string_view::npos) {
        continue;
      }
      if (route_found) {
        alternatives.push_back(json::object{{"name", route.at("name")}, {"months", route.at("months").at("value")},
                                            {"source", route.at("source")}});
        continue;
      }
      route_found = true;
      json::array documents{"dossier", "labelling"};
      if (product_kind == "drug") documents.push_back(json::value("gmp_certificate"));
      if (product_kind == "device") documents.push_back(json::value("iso_13485_certificate"));
      if (!clinical || clinical->as_string() != "not_required") documents.push_back(json::value("clinical_data"));
      if (route.at("months").at("value").is_null()) unknown.push_back(json::value("route_duration"));
      steps.push_back(Step(route.at("name").as_object(), route.at("months").at("value"), std::move(documents),
                           route.at("source")));
    }
    if (!route_found) unknown.push_back(json::value("routes"));
    out["alternatives"] = std::move(alternatives);
    if (!clinical) unknown.push_back(json::value("local_clinical_data"));
  }
  if (registered) out["already_registered"] = true;
  steps.push_back(Step(Words("Sign a distributor and launch", "签约经销商并上市", "Заключить договор с дистрибьютором и выйти на рынок"),
                       nullptr, json::array{"distribution_agreement"}, nullptr));
  out["steps"] = std::move(steps);
  out["unknown"] = std::move(unknown);

  // Partners for each role, through the matcher, based in the country.
  json::array partners;
  for (const Role& role : Roles()) {
    if (role.code == "authorised_representative" && rep && rep->as_string() == "not_required") continue;
    if ((role.code == "clinical_site" || role.code == "cro") && clinical && clinical->as_string() == "not_required") continue;
    MatchParams params{.lang = language, .type = "organization", .top = kPlanCandidatesPerRole};
    params.country = country;
    params.kinds = role.kinds;
    BB_ASSIGN_OR_RETURN(MatchResult matched, match_.ForText(who, fmt::format(fmt::runtime(role.ask), product), params));
    json::array candidates;
    for (const MatchItem& item : matched.items) {
      if (item.record.organization_id == organization_id) continue;
      json::array reasons;
      for (const MatchReason& r : item.reasons) reasons.push_back(json::value(r.text));
      candidates.push_back(json::object{{"organization", item.record.organization_id},
                                        {"name", item.record.title},
                                        {"score", item.score},
                                        {"reasons", std::move(reasons)}});
    }
    partners.push_back(json::object{{"role", role.code}, {"candidates", std::move(candidates)}});
  }
  out["partners"] = std::move(partners);
  return out;
}

Result<PlanView> PlanService::Draft(const Principal& who, const json::value& body) {
  if (!body.is_object()) return InvalidArgumentError("", "send the plan's organisation, product and countries as JSON");
  const json::object& b = body.get_object();
  BB_RETURN_IF_ERROR(UnknownFields(b, {"organization", "product", "product_kind", "device_class", "opportunity",
                                       "countries", "title", "language"}));
  BB_ASSIGN_OR_RETURN(std::string organization_id, Text(b, "organization", true));
  BB_RETURN_IF_ERROR(RequireMemberInPerson(who, organization_id, "draft its plans"));
  BB_ASSIGN_OR_RETURN(const domain::Organization organization, context_.store.GetOrganization(organization_id));
  BB_ASSIGN_OR_RETURN(std::string product, Text(b, "product", false, 500));
  BB_ASSIGN_OR_RETURN(std::string opportunity_id, Text(b, "opportunity", false));
  if (!opportunity_id.empty()) {
    Result<domain::Opportunity> o = context_.store.GetOpportunity(opportunity_id);
    if (!o.ok() || o->organization_id != organization_id) {
      return NotFoundError(fmt::format("organisation '{}' has no opportunity '{}'", organization_id, opportunity_id));
    }
    if (product.empty()) {
      for (const auto& [lang, text] : o->title.variants()) {
        product = text;
        break;
      }
    }
  }
  if (product.empty()) return InvalidArgumentError("product", "say what the plan is for (the product), or name an opportunity");
  BB_ASSIGN_OR_RETURN(std::string product_kind, Text(b, "product_kind", true, 20));
  if (product_kind != "drug" && product_kind != "device") {
    return InvalidArgumentError("product_kind", "drug or device");
  }
  BB_ASSIGN_OR_RETURN(std::string device_class, Text(b, "device_class", false, 10));
  BB_ASSIGN_OR_RETURN(std::vector<std::string> countries, Countries(b, context_.taxonomies));
  BB_ASSIGN_OR_RETURN(std::string title, Text(b, "title", false, 200));
  BB_ASSIGN_OR_RETURN(std::string language, Text(b, "language", false, 5));
  if (language.empty()) language = who.user() ? who.user()->preferred_language : "en";
  if (language != "en" && language != "zh" && language != "ru") language = "en";
  if (title.empty()) title = product;

  json::object input{{"product", product}, {"product_kind", product_kind}, {"language", language}};
  if (!device_class.empty()) input["device_class"] = device_class;
  json::array sections;
  for (const std::string& country : countries) {
    BB_ASSIGN_OR_RETURN(json::object section, DraftCountry(who, organization_id, input, country));
    sections.push_back(std::move(section));
  }
  json::object doc{{"title", title},
                   {"product", product},
                   {"product_kind", product_kind},
                   {"device_class", device_class},
                   {"opportunity", opportunity_id},
                   {"language", language},
                   {"countries", std::move(sections)}};
  const Timestamp now = context_.clock.Now();
  storage::Store::StoredPlan plan{NewId(context_.random, "pln_"), organization_id, json::serialize(doc), "private",
                                  who.actor(), now, now, 1};
  BB_RETURN_IF_ERROR(context_.store.CreatePlan(plan, {who.actor(), now}));
  return Present(who, plan);
}

Result<bool> PlanService::MayRead(const Principal& who, const storage::Store::StoredPlan& plan) {
  if (who.platform_admin() || who.MemberOf(plan.organization_id)) return true;
  if (plan.visibility == "public") return true;
  if (plan.visibility == "members" && MayView(who, plan.organization_id, "members")) return true;
  if (who.organization_ids().empty()) return false;
  BB_ASSIGN_OR_RETURN(std::vector<std::string> shares, context_.store.ListPlanShares(plan.id));
  for (const std::string& org : who.organization_ids()) {
    if (std::find(shares.begin(), shares.end(), org) != shares.end()) return true;
  }
  return false;
}

Result<PlanView> PlanService::Present(const Principal& who, const storage::Store::StoredPlan& plan) {
  PlanView view;
  view.id = plan.id;
  view.organization_id = plan.organization_id;
  view.visibility = plan.visibility;
  view.version = plan.version;
  view.created_at = FormatTimestamp(plan.created_at);
  view.updated_at = FormatTimestamp(plan.updated_at);
  view.mine = ActsFor(who, plan.organization_id) && who.user();
  BB_ASSIGN_OR_RETURN(json::value doc, ParseJson(plan.doc, JsonLimits{.max_depth = 16}));
  view.doc = doc.as_object();
  // Who else reads it is the organisation's business.
  if (view.mine || who.platform_admin()) {
    BB_ASSIGN_OR_RETURN(view.shared_with, context_.store.ListPlanShares(plan.id));
  }
  return view;
}

Result<PlanView> PlanService::Get(const Principal& who, std::string_view id) {
  Result<storage::Store::StoredPlan> plan = context_.store.GetPlan(id);
  if (!plan.ok()) return plan.status();
  BB_ASSIGN_OR_RETURN(const bool may, MayRead(who, *plan));
  if (!may) return NotFoundError(fmt::format("no plan has id '{}'", id));
  return Present(who, *plan);
}

Result<std::vector<PlanView>> PlanService::ListOf(const Principal& who, std::string_view organization_id) {
  BB_RETURN_IF_ERROR(context_.store.GetOrganization(organization_id).status());
  BB_ASSIGN_OR_RETURN(std::vector<storage::Store::StoredPlan> plans, context_.store.ListPlans(organization_id, false));
  std::vector<PlanView> out;
  for (const auto& plan : plans) {
    BB_ASSIGN_OR_RETURN(const bool may, MayRead(who, plan));
    if (!may) continue;
    BB_ASSIGN_OR_RETURN(PlanView view, Present(who, plan));
    out.push_back(std::move(view));
  }
  return out;
}

Result<std::vector<PlanView>> PlanService::SharedWith(const Principal& who) {
  BB_RETURN_IF_ERROR(RequirePerson(who, "see the plans shared with you"));
  std::vector<PlanView> out;
  std::set<std::string> seen;
  for (const std::string& org : who.organization_ids()) {
    BB_ASSIGN_OR_RETURN(std::vector<storage::Store::StoredPlan> plans, context_.store.ListPlans(org, true));
    for (const auto& plan : plans) {
      if (!seen.insert(plan.id).second) continue;
      BB_ASSIGN_OR_RETURN(PlanView view, Present(who, plan));
      out.push_back(std::move(view));
    }
  }
  return out;
}

Result<PlanView> PlanService::Update(const Principal& who, std::string_view id, const json::value& body) {
  BB_RETURN_IF_ERROR(RequireSignedIn(who, "edit a plan"));
  BB_ASSIGN_OR_RETURN(PlanView current, Get(who, id));
  BB_RETURN_IF_ERROR(RequireMemberInPerson(who, current.organization_id, "edit its plans"));
  if (!body.is_object()) return InvalidArgumentError("", "send the changes as JSON");
  const json::object& b = body.get_object();
  BB_RETURN_IF_ERROR(UnknownFields(b, {"version", "title", "visibility", "countries"}));
  BB_ASSIGN_OR_RETURN(const std::int64_t version, RequiredVersion(b));
  json::object doc = current.doc;
  std::string visibility = current.visibility;
  if (b.contains("title")) {
    BB_ASSIGN_OR_RETURN(std::string title, Text(b, "title", true, 200));
    doc["title"] = title;
  }
  if (b.contains("visibility")) {
    BB_ASSIGN_OR_RETURN(visibility, Text(b, "visibility", true, 20));
    if (visibility != "private" && visibility != "members" && visibility != "public") {
      return InvalidArgumentError("visibility", "private, members or public");
    }
  }
  if (const json::value* edits = b.if_contains("countries")) {
    if (!edits->is_array()) return InvalidArgumentError("countries", "a list of {\"country\", \"notes\", \"steps\"}");
    json::array& sections = doc["countries"].as_array();
    for (std::size_t i = 0; i < edits->get_array().size(); ++i) {
      const std::string field = fmt::format("countries[{}]", i);
      const json::value& e = edits->get_array()[i];
      if (!e.is_object()) return InvalidArgumentError(field, "{\"country\", \"notes\", \"steps\"}");
      BB_RETURN_IF_ERROR(UnknownFields(e.get_object(), {"country", "notes", "steps"}));
      const json::value* code = e.get_object().if_contains("country");
      auto section = std::find_if(sections.begin(), sections.end(), [&](const json::value& s) {
        return code && code->is_string() && s.at("country") == *code;
      });
      if (section == sections.end()) return InvalidArgumentError(field + ".country", "not a country of this plan");
      if (const json::value* notes = e.get_object().if_contains("notes")) {
        if (!notes->is_string() || CountCodePoints(notes->get_string()) > 5000) {
          return InvalidArgumentError(field + ".notes", "text of at most 5000 characters");
        }
        section->as_object()["notes"] = *notes;
      }
      if (const json::value* steps = e.get_object().if_contains("steps")) {
        if (!steps->is_array() || steps->get_array().size() > 50) return InvalidArgumentError(field + ".steps", "up to 50 steps");
        for (std::size_t k = 0; k < steps->get_array().size(); ++k) {
          BB_RETURN_IF_ERROR(CheckStep(steps->get_array()[k], fmt::format("{}.steps[{}]", field, k)));
        }
        section->as_object()["steps"] = *steps;
      }
    }
  }
  BB_ASSIGN_OR_RETURN(storage::Store::StoredPlan stored, context_.store.GetPlan(id));
  stored.doc = json::serialize(doc);
  stored.visibility = visibility;
  stored.version = version;
  const Timestamp now = context_.clock.Now();
  BB_ASSIGN_OR_RETURN(stored.version, context_.store.UpdatePlan(stored, {who.actor(), now}));
  stored.updated_at = now;
  return Present(who, stored);
}

Status PlanService::Delete(const Principal& who, std::string_view id, std::int64_t version) {
  BB_RETURN_IF_ERROR(RequireSignedIn(who, "delete a plan"));
  BB_ASSIGN_OR_RETURN(const PlanView current, Get(who, id));
  BB_RETURN_IF_ERROR(RequireMemberInPerson(who, current.organization_id, "delete its plans"));
  return context_.store.DeletePlan(id, version, {who.actor(), context_.clock.Now()});
}

Result<PlanView> PlanService::Share(const Principal& who, std::string_view id, std::string_view organization_id,
                                    bool shared) {
  BB_RETURN_IF_ERROR(RequireSignedIn(who, "share a plan"));
  BB_ASSIGN_OR_RETURN(const PlanView current, Get(who, id));
  BB_RETURN_IF_ERROR(RequireMemberInPerson(who, current.organization_id, "share its plans"));
  if (organization_id == current.organization_id) {
    return InvalidArgumentError("organization", "the plan is this organisation's own");
  }
  BB_RETURN_IF_ERROR(context_.store.SetPlanShare(id, organization_id, shared, {who.actor(), context_.clock.Now()}));
  return Get(who, id);
}

Result<std::string> PlanService::SubmitForReview(const Principal& who, std::string_view id, std::string_view programme_id) {
  BB_RETURN_IF_ERROR(RequireSignedIn(who, "submit a plan for review"));
  BB_ASSIGN_OR_RETURN(const PlanView plan, Get(who, id));
  BB_RETURN_IF_ERROR(RequireMemberInPerson(who, plan.organization_id, "submit its plans for review"));
  const std::string language(plan.doc.at("language").as_string());
  // The substance reviewers score prospects on, in the plan's language (codes stay codes).
  std::string summary = fmt::format("{} ({}).", std::string(plan.doc.at("product").as_string()),
                                    std::string(plan.doc.at("product_kind").as_string()));
  for (const json::value& s : plan.doc.at("countries").as_array()) {
    const json::object& section = s.as_object();
    summary += fmt::format("\n\n{}: ", std::string(section.at("country").as_string()));
    double known = 0;
    bool all_known = true;
    for (const json::value& step : section.at("steps").as_array()) {
      const json::value& name = step.at("name");
      const json::value* text = name.as_object().if_contains(language);
      if (!text) text = name.as_object().if_contains("en");
      summary += text && text->is_string() ? std::string(text->get_string()) + "; " : "";
      if (step.at("months").is_array()) known += step.at("months").as_array()[1].to_number<double>();
      else all_known = false;
    }
    summary += all_known ? fmt::format("about {:g} months.", known) : fmt::format("at least {:g} months; some steps of unknown length.", known);
    for (const json::value& m : section.at("certificates").at("missing").as_array()) {
      summary += fmt::format(" Missing: {}.", std::string(m.at("need").as_string()));
    }
    std::int64_t partners = 0;
    for (const json::value& role : section.at("partners").as_array()) partners += static_cast<std::int64_t>(role.at("candidates").as_array().size());
    summary += fmt::format(" Partner candidates found: {}.", partners);
    if (!section.at("unknown").as_array().empty()) {
      std::string unknown;
      for (const json::value& u : section.at("unknown").as_array()) unknown += (unknown.empty() ? "" : ", ") + std::string(u.as_string());
      summary += " Unknown: " + unknown + ".";
    }
    const std::string notes(section.at("notes").as_string());
    if (!notes.empty()) summary += " " + notes;
  }
  if (CountCodePoints(summary) > 9000) summary = summary.substr(0, summary.find('\n', 8000));
  json::object body{{"organization", plan.organization_id},
                    {"title", json::object{{language, plan.doc.at("title")}}},
                    {"summary", json::object{{language, summary}}},
                    {"language", language},
                    {"plan", plan.id}};
  BB_ASSIGN_OR_RETURN(ProjectView project, committee_.SubmitProject(who, programme_id, body));
  return project.project.id;
}

Result<std::string> PlanService::ExportHtml(const Principal& who, std::string_view id, std::string_view lang) {
  BB_ASSIGN_OR_RETURN(const PlanView plan, Get(who, id));
  const std::string language = lang == "zh" || lang == "ru" ? std::string(lang) : "en";
  auto pick = [&](const json::value& text) -> std::string {
    if (text.is_string()) return std::string(text.get_string());
    if (!text.is_object()) return "";
    for (std::string_view want : {std::string_view(language), std::string_view("en")}) {
      if (const json::value* v = text.get_object().if_contains(want); v && v->is_string()) return std::string(v->get_string());
    }
    for (const auto& [_, v] : text.get_object()) {
      if (v.is_string()) return std::string(v.get_string());
    }
    return "";
  };
  const auto words = [&](std::string_view en, std::string_view zh, std::string_view ru) {
    return std::string(language == "zh" ? zh : language == "ru" ? ru : en);
  };
  std::string html = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title>\n"
      "<style>body{{font-family:sans-serif;max-width:60rem;margin:2rem auto;line-height:1.4}}"
      "table{{border-collapse:collapse;width:100%}}td,th{{border:1px solid #999;padding:.3rem;text-align:left;vertical-align:top}}"
      "@media print{{a{{color:inherit}}}}</style></head><body>\n<h1>{}</h1>\n<p>{}: {}</p>\n",
      language, EscapeHtml(pick(plan.doc.at("title"))), EscapeHtml(pick(plan.doc.at("title"))),
      words("Product", "产品", "Продукт"), EscapeHtml(pick(plan.doc.at("product"))));
  for (const json::value& s : plan.doc.at("countries").as_array()) {
    const json::object& section = s.as_object();
    const std::string code(section.at("country").as_string());
    const domain::TaxonomyEntry* entry = context_.taxonomies.countries().Find(code);
    html += fmt::format("<h2>{}</h2>\n", EscapeHtml(entry ? std::string(entry->labels.Best({language, "en"})) : code));
    if (!section.at("profile").as_bool()) {
      html += "<p><strong>" +
              words("BioBridge has no regulatory profile for this country: the steps and durations are unknown.",
                    "BioBridge 尚无该国监管概况：步骤和时长未知。",
                    "Регуляторного профиля страны нет: шаги и сроки неизвестны.") +
              "</strong></p>\n";
    }
    html += "<table><tr><th>#</th><th>" + words("Step", "步骤", "Шаг") + "</th><th>" +
            words("Months", "月数", "Месяцев") + "</th><th>" + words("Source", "来源", "Источник") + "</th></tr>\n";
    int n = 0;
    for (const json::value& step : section.at("steps").as_array()) {
      const json::value& months = step.at("months");
      std::string duration = words("unknown", "未知", "неизвестно");
      if (months.is_array()) {
        const double lo = months.as_array()[0].to_number<double>(), hi = months.as_array()[1].to_number<double>();
        duration = lo == hi ? fmt::format("{:g}", lo) : fmt::format("{:g}–{:g}", lo, hi);
      }
      const json::value& source = step.at("source");
      html += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n", ++n, EscapeHtml(pick(step.at("name"))),
                          duration, source.is_object() ? EscapeHtml(pick(source.at("title"))) : "");
    }
    html += "</table>\n";
    if (const json::value* unknown = section.if_contains("unknown"); unknown && !unknown->as_array().empty()) {
      std::string list;
      for (const json::value& u : unknown->as_array()) list += (list.empty() ? "" : ", ") + std::string(u.as_string());
      html += "<p>" + words("Not known from any source yet: ", "尚无来源的信息：", "Пока не известно ни из одного источника: ") +
              EscapeHtml(list) + "</p>\n";
    }
    html += "<h3>" + words("Partners", "合作伙伴", "Партнёры") + "</h3>\n<ul>\n";
    for (const json::value& role : section.at("partners").as_array()) {
      std::string names;
      for (const json::value& c : role.at("candidates").as_array()) {
        names += (names.empty() ? "" : "; ") + EscapeHtml(pick(c.at("name")));
      }
      html += fmt::format("<li>{}: {}</li>\n", EscapeHtml(std::string(role.at("role").as_string())),
                          names.empty() ? words("no candidate yet", "暂无候选", "кандидатов пока нет") : names);
    }
    html += "</ul>\n";
    const std::string notes = pick(section.at("notes"));
    if (!notes.empty()) html += "<p>" + EscapeHtml(notes) + "</p>\n";
  }
  if (const json::value* review = plan.doc.if_contains("committee_review"); review && review->is_object()) {
    const json::object& r = review->get_object();
    const std::string outcome(r.at("outcome").as_string());
    html += "<h2>" + words("Committee review", "专家委员会评审", "Заключение комитета") + "</h2>\n<p>" +
            EscapeHtml(pick(r.at("programme_name"))) + ": " +
            (outcome == "accept"   ? words("accepted", "通过", "одобрено")
             : outcome == "reject" ? words("rejected", "未通过", "отклонено")
                                   : words("to be revised", "需修改", "на доработку")) +
            "</p>\n";
    if (const json::value* criteria = r.if_contains("criteria"); criteria && criteria->is_array()) {
      html += "<table><tr><th>" + words("Criterion", "评审维度", "Критерий") + "</th><th>" +
              words("Mean score (1–5)", "平均分（1–5）", "Средняя оценка (1–5)") + "</th></tr>\n";
      for (const json::value& c : criteria->get_array()) {
        const json::value& mean = c.at("mean");
        html += fmt::format("<tr><td>{}</td><td>{}</td></tr>\n", EscapeHtml(pick(c.at("name"))),
                            mean.is_number() ? fmt::format("{:.1f}", mean.to_number<double>()) : "–");
      }
      html += "</table>\n";
    }
    const std::string recommendations = pick(r.at("recommendations"));
    if (!recommendations.empty()) {
      html += "<h3>" + words("Recommendations", "建议", "Рекомендации") + "</h3>\n<p style=\"white-space:pre-line\">" +
              EscapeHtml(recommendations) + "</p>\n";
    }
  }
  html += "</body></html>\n";
  return html;
}

}  // namespace biobridge::service
