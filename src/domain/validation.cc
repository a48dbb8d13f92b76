#include "domain/validation.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include <set>

#include "base/utf8.h"

namespace biobridge::domain {
namespace {

std::string Indexed(std::string_view field, std::size_t i) { return fmt::format("{}[{}]", field, i); }

Status CheckText(std::string_view field, const LocalizedText& text, const Taxonomies& taxonomies,
                 std::size_t max_length, bool required) {
  if (required && text.empty()) {
    return InvalidArgumentError(std::string(field),
                                fmt::format("{} is required: give it in at least one language, such as "
                                            "{{\"en\": \"...\", \"zh\": \"...\", \"ru\": \"...\"}}",
                                            field));
  }
  for (const auto& [language, value] : text.variants()) {
    const std::string path = fmt::format("{}.{}", field, language);
    if (!taxonomies.languages().Contains(language)) {
      return InvalidArgumentError(path, fmt::format("'{}' is not an ISO 639-1 language code; use a two-letter "
                                                    "lower-case code such as en, zh or ru", language));
    }
    const std::size_t length = CountCodePoints(value);
    if (length > max_length) {
      return InvalidArgumentError(path, fmt::format("is {} characters long; the limit is {}", length, max_length));
    }
  }
  return Status::Ok();
}

Status CheckCode(std::string_view field, const std::string& code, const Taxonomy& taxonomy,
                 std::string_view what, bool required) {
  if (code.empty()) {
    if (!required) return Status::Ok();
    return InvalidArgumentError(std::string(field),
                                fmt::format("{} is required; use one of: {}", field, taxonomy.CodeList()));
  }
  if (taxonomy.Contains(code)) return Status::Ok();
  return InvalidArgumentError(std::string(field),
                              fmt::format("unknown {} '{}'; use one of: {}", what, code, taxonomy.CodeList()));
}

Status CheckCountry(std::string_view field, const std::string& code, const Taxonomies& taxonomies,
                    bool required) {
  if (code.empty()) {
    if (!required) return Status::Ok();
    return InvalidArgumentError(std::string(field), fmt::format("{} is required: give an ISO 3166-1 alpha-2 "
                                                                "code such as CN, RU or DE", field));
  }
  if (taxonomies.countries().Contains(code)) return Status::Ok();
  return InvalidArgumentError(std::string(field), fmt::format("unknown country code '{}'; use an ISO 3166-1 "
                                                              "alpha-2 code such as CN, RU or DE", code));
}

template <typename CheckItem>
Status CheckList(std::string_view field, const std::vector<std::string>& items, CheckItem check_item) {
  if (items.size() > RecordLimits::kListItems) {
    return InvalidArgumentError(std::string(field), fmt::format("has {} items; the limit is {}", items.size(),
                                                                RecordLimits::kListItems));
  }
  std::set<std::string_view> seen;
  for (std::size_t i = 0; i < items.size(); ++i) {
    BB_RETURN_IF_ERROR(check_item(Indexed(field, i), items[i]));
    if (!seen.insert(items[i]).second) {
      return InvalidArgumentError(Indexed(field, i), fmt::format("'{}' is listed twice", items[i]));
    }
  }
  return Status::Ok();
}

Status CheckCodeList(std::string_view field, const std::vector<std::string>& codes, const Taxonomy& taxonomy,
                     std::string_view what) {
  return CheckList(field, codes, [&](const std::string& path, const std::string& code) {
    return code.empty() ? InvalidArgumentError(path, "must not be empty") : CheckCode(path, code, taxonomy, what, true);
  });
}

Status CheckCountryList(std::string_view field, const std::vector<std::string>& codes,
                        const Taxonomies& taxonomies) {
  return CheckList(field, codes, [&](const std::string& path, const std::string& code) {
    return CheckCountry(path, code, taxonomies, true);
  });
}

Status CheckFreeText(std::string_view field, const std::string& value, std::size_t max_length) {
  const std::size_t length = CountCodePoints(value);
  if (length > max_length) {
    return InvalidArgumentError(std::string(field),
                                fmt::format("is {} characters long; the limit is {}", length, max_length));
  }
  return Status::Ok();
}

}  // namespace

Status ValidateRecordId(std::string_view id, std::string_view field) {
  const std::string path(field);
  if (id.empty()) return InvalidArgumentError(path, "an id is required");
  if (id.size() > RecordLimits::kIdLength) {
    return InvalidArgumentError(path, fmt::format("is {} characters long; the limit is {}", id.size(),
                                                  RecordLimits::kIdLength));
  }
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); };
  if (!alnum(id.front())) return InvalidArgumentError(path, "must start with a letter or a digit");
  for (char c : id) {
    if (!alnum(c) && c != '.' && c != '_' && c != ':' && c != '-') {
      return InvalidArgumentError(path, fmt::format("'{}' may hold only letters, digits and . _ : -", id));
    }
  }
  return Status::Ok();
}

Status CheckUnknownFields(const json::object& extra) {
  std::size_t total = 0, largest = 0;
  std::string_view largest_key;
  for (const auto& member : extra) {
    const std::size_t size = member.key().size() + json::serialize(member.value()).size();
    total += size;
    if (size > largest) largest = size, largest_key = member.key();
  }
  if (total <= kMaxUnknownFieldBytes) return Status::Ok();
  return ResourceExhaustedError(fmt::format("fields BioBridge does not know are kept up to {} KiB in all; these take "
                                            "{} bytes, '{}' alone {}: leave it out or shorten it",
                                            kMaxUnknownFieldBytes / 1024, total, largest_key, largest),
                                std::string(largest_key));
}

Status ValidateOrganization(const Organization& o, const Taxonomies& t) {
  BB_RETURN_IF_ERROR(CheckUnknownFields(o.extra));
  BB_RETURN_IF_ERROR(CheckText("name", o.name, t, RecordLimits::kNameLength, true));
  BB_RETURN_IF_ERROR(CheckCode("kind", o.kind, t.organization_kinds(), "organisation kind", true));
  BB_RETURN_IF_ERROR(CheckCountry("country", o.country, t, true));
  BB_RETURN_IF_ERROR(CheckText("city", o.city, t, RecordLimits::kCityLength, false));
  BB_RETURN_IF_ERROR(CheckText("description", o.description, t, RecordLimits::kDescriptionLength, false));
  BB_RETURN_IF_ERROR(CheckCodeList("therapeutic_areas", o.therapeutic_areas, t.therapeutic_areas(),
                                   "therapeutic area"));
  BB_RETURN_IF_ERROR(CheckCodeList("modalities", o.modalities, t.modalities(), "modality"));
  BB_RETURN_IF_ERROR(CheckList("capabilities", o.capabilities, [](const std::string& path, const std::string& v) {
    return v.empty() ? InvalidArgumentError(path, "must not be empty")
                     : CheckFreeText(path, v, RecordLimits::kListItemLength);
  }));
  if (o.certifications.size() > RecordLimits::kListItems) {
    return InvalidArgumentError("certifications", fmt::format("has {} items; the limit is {}",
                                                              o.certifications.size(), RecordLimits::kListItems));
  }
  for (std::size_t i = 0; i < o.certifications.size(); ++i) {
    const std::string path = Indexed("certifications", i) + ".name";
    if (o.certifications[i].name.empty()) {
      return InvalidArgumentError(path, "a certification needs a name, such as \"ISO 13485\"");
    }
    BB_RETURN_IF_ERROR(CheckFreeText(path, o.certifications[i].name, RecordLimits::kListItemLength));
  }
  BB_RETURN_IF_ERROR(CheckCountryList("markets", o.markets, t));
  if (!o.website.empty()) {
    BB_RETURN_IF_ERROR(CheckFreeText("website", o.website, RecordLimits::kUrlLength));
    if (o.website.rfind("https://", 0) != 0 && o.website.rfind("http://", 0) != 0) {
      return InvalidArgumentError("website", "must start with https:// or http://");
    }
  }
  return Status::Ok();
}

Status ValidateOpportunity(const Opportunity& o, const Taxonomies& t) {
  BB_RETURN_IF_ERROR(CheckUnknownFields(o.extra));
  if (o.organization_id.empty()) {
    return InvalidArgumentError("organization", "organization is required: the id of the organisation posting it");
  }
  BB_RETURN_IF_ERROR(ValidateRecordId(o.organization_id, "organization"));
  BB_RETURN_IF_ERROR(CheckCode("direction", o.direction, t.directions(), "direction", true));
  if (o.cooperation.empty()) {
    return InvalidArgumentError("cooperation", fmt::format("name at least one cooperation type: {}",
                                                           t.cooperation_types().CodeList()));
  }
  BB_RETURN_IF_ERROR(CheckCodeList("cooperation", o.cooperation, t.cooperation_types(), "cooperation type"));
  BB_RETURN_IF_ERROR(CheckText("title", o.title, t, RecordLimits::kNameLength, true));
  BB_RETURN_IF_ERROR(CheckText("description", o.description, t, RecordLimits::kDescriptionLength, false));
  BB_RETURN_IF_ERROR(CheckText("members_details", o.members_details, t, RecordLimits::kDescriptionLength, false));
  BB_RETURN_IF_ERROR(CheckText("cda_details", o.cda_details, t, RecordLimits::kDescriptionLength, false));
  BB_RETURN_IF_ERROR(CheckCode("stage", o.stage, t.stages(), "stage", false));
  BB_RETURN_IF_ERROR(CheckCodeList("therapeutic_areas", o.therapeutic_areas, t.therapeutic_areas(),
                                   "therapeutic area"));
  BB_RETURN_IF_ERROR(CheckCodeList("modalities", o.modalities, t.modalities(), "modality"));
  BB_RETURN_IF_ERROR(CheckCountryList("target_countries", o.target_countries, t));
  BB_RETURN_IF_ERROR(CheckCode("confidentiality", o.confidentiality, t.confidentiality_tiers(),
                               "confidentiality tier", true));
  return Status::Ok();
}

Status ValidateProgramme(const Programme& p, const Taxonomies& t) {
  BB_RETURN_IF_ERROR(CheckUnknownFields(p.extra));
  BB_RETURN_IF_ERROR(CheckText("name", p.name, t, RecordLimits::kNameLength, true));
  BB_RETURN_IF_ERROR(CheckText("description", p.description, t, RecordLimits::kDescriptionLength, false));
  if (std::find(std::begin(kProgrammeKinds), std::end(kProgrammeKinds), p.kind) == std::end(kProgrammeKinds)) {
    return InvalidArgumentError("kind", fmt::format("unknown programme kind '{}'; use one of: {}", p.kind,
                                                    fmt::join(kProgrammeKinds, ", ")));
  }
  if (p.operator_organization.empty()) {
    return InvalidArgumentError("operator", "operator is required: the id of the organisation that runs it");
  }
  return ValidateRecordId(p.operator_organization, "operator");
}

Status ValidateCollaboration(const Collaboration& c, const Taxonomies& t) {
  BB_RETURN_IF_ERROR(CheckUnknownFields(c.extra));
  BB_RETURN_IF_ERROR(CheckText("title", c.title, t, RecordLimits::kNameLength, false));
  BB_RETURN_IF_ERROR(CheckFreeText("source", c.source, RecordLimits::kListItemLength));
  if (c.organizations.size() < 2) {
    return InvalidArgumentError("organizations", "a collaboration names at least two organisations (their ids)");
  }
  if (c.organizations.size() > RecordLimits::kCollaborationMembers) {
    return InvalidArgumentError("organizations", fmt::format("has {} items; the limit is {}", c.organizations.size(),
                                                             RecordLimits::kCollaborationMembers));
  }
  std::set<std::string_view> seen;
  for (std::size_t i = 0; i < c.organizations.size(); ++i) {
    BB_RETURN_IF_ERROR(ValidateRecordId(c.organizations[i], Indexed("organizations", i)));
    if (!seen.insert(c.organizations[i]).second) {
      return InvalidArgumentError(Indexed("organizations", i), fmt::format("'{}' is listed twice", c.organizations[i]));
    }
  }
  if (!c.lead.empty() && !seen.count(c.lead)) {
    return InvalidArgumentError("lead", fmt::format("'{}' is not one of the organizations; list the lead there too",
                                                    c.lead));
  }
  return Status::Ok();
}

// --- The expert committee ----------------------------------------------------

namespace {

template <typename Range>
bool OneOf(const Range& range, std::string_view value) {
  return std::find(std::begin(range), std::end(range), value) != std::end(range);
}

// The languages a project for review may be written in.
constexpr std::string_view kProjectLanguages[] = {"en", "zh", "ru"};

Status CheckCount(std::string_view field, std::size_t count, std::size_t limit) {
  if (count <= limit) return Status::Ok();
  return InvalidArgumentError(std::string(field), fmt::format("has {} items; the limit is {}", count, limit));
}

}  // namespace

Status ValidateExpert(const Expert& e, const Taxonomies& t) {
  BB_RETURN_IF_ERROR(CheckUnknownFields(e.extra));
  if (e.name.empty()) return InvalidArgumentError("name", "name is required: the expert's full name");
  BB_RETURN_IF_ERROR(CheckFreeText("name", e.name, RecordLimits::kNameLength));
  BB_RETURN_IF_ERROR(CheckText("expertise", e.expertise, t, RecordLimits::kDescriptionLength, false));
  BB_RETURN_IF_ERROR(CheckCodeList("therapeutic_areas", e.therapeutic_areas, t.therapeutic_areas(), "therapeutic area"));
  BB_RETURN_IF_ERROR(CheckCodeList("modalities", e.modalities, t.modalities(), "modality"));
  BB_RETURN_IF_ERROR(CheckCodeList("languages", e.languages, t.languages(), "language"));
  BB_RETURN_IF_ERROR(CheckCount("affiliations", e.affiliations.size(), RecordLimits::kListItems));
  for (std::size_t i = 0; i < e.affiliations.size(); ++i) {
    const Affiliation& a = e.affiliations[i];
    const std::string field = Indexed("affiliations", i);
    if (a.organization_id.empty() && a.name.empty()) {
      return InvalidArgumentError(field, "give the organization (a directory id) or its name");
    }
    if (!a.organization_id.empty()) BB_RETURN_IF_ERROR(ValidateRecordId(a.organization_id, field + ".organization"));
    BB_RETURN_IF_ERROR(CheckFreeText(field + ".name", a.name, RecordLimits::kNameLength));
    BB_RETURN_IF_ERROR(CheckFreeText(field + ".role", a.role, RecordLimits::kListItemLength));
    if (a.from && a.to && *a.to < *a.from) return InvalidArgumentError(field + ".to", "ends before it starts");
  }
  BB_RETURN_IF_ERROR(CheckCount("conflicts", e.conflicts.size(), RecordLimits::kListItems));
  for (std::size_t i = 0; i < e.conflicts.size(); ++i) {
    const DeclaredConflict& c = e.conflicts[i];
    const std::string field = Indexed("conflicts", i);
    if (!IsConflictKind(c.kind)) {
      return InvalidArgumentError(field + ".kind",
                                  fmt::format("unknown conflict kind '{}'; use one of: {}, {}", c.kind,
                                              fmt::join(kAcademicConflicts, ", "), fmt::join(kCommercialConflicts, ", ")));
    }
    const int targets = !c.organization_id.empty() + !c.person.empty() + !c.programme_id.empty();
    if (targets != 1) {
      return InvalidArgumentError(field, "name exactly one of organization, person or programme");
    }
    if (!c.organization_id.empty()) BB_RETURN_IF_ERROR(ValidateRecordId(c.organization_id, field + ".organization"));
    if (!c.programme_id.empty()) BB_RETURN_IF_ERROR(ValidateRecordId(c.programme_id, field + ".programme"));
    BB_RETURN_IF_ERROR(CheckFreeText(field + ".person", c.person, RecordLimits::kNameLength));
    BB_RETURN_IF_ERROR(CheckFreeText(field + ".note", c.note, RecordLimits::kListItemLength));
  }
  BB_RETURN_IF_ERROR(CheckCount("publications", e.publications.size(), 200));
  for (std::size_t i = 0; i < e.publications.size(); ++i) {
    const std::string field = Indexed("publications", i);
    if (e.publications[i].title.empty()) return InvalidArgumentError(field + ".title", "a publication needs its title");
    BB_RETURN_IF_ERROR(CheckFreeText(field + ".title", e.publications[i].title, RecordLimits::kNameLength));
    BB_RETURN_IF_ERROR(CheckFreeText(field + ".abstract", e.publications[i].abstract, RecordLimits::kDescriptionLength));
  }
  return Status::Ok();
}

Status ValidateReviewProject(const ReviewProject& p, const Taxonomies& t) {
  BB_RETURN_IF_ERROR(CheckUnknownFields(p.extra));
  BB_RETURN_IF_ERROR(CheckText("title", p.title, t, RecordLimits::kNameLength, true));
  BB_RETURN_IF_ERROR(CheckText("summary", p.summary, t, RecordLimits::kDescriptionLength, false));
  BB_RETURN_IF_ERROR(ValidateRecordId(p.programme_id, "programme"));
  BB_RETURN_IF_ERROR(ValidateRecordId(p.organization_id, "organization"));
  if (!p.opportunity_id.empty()) BB_RETURN_IF_ERROR(ValidateRecordId(p.opportunity_id, "opportunity"));
  if (p.language.empty()) {
    return InvalidArgumentError("language", "language is required: the language the project is written in (en, zh or ru)");
  }
  BB_RETURN_IF_ERROR(CheckOneOf("language", p.language, "language", kProjectLanguages));
  if (p.title.Find(p.language) == nullptr) {
    return InvalidArgumentError("title", fmt::format("give the title in the project's language ({})", p.language));
  }
  BB_RETURN_IF_ERROR(CheckCodeList("therapeutic_areas", p.therapeutic_areas, t.therapeutic_areas(), "therapeutic area"));
  BB_RETURN_IF_ERROR(CheckCodeList("modalities", p.modalities, t.modalities(), "modality"));
  BB_RETURN_IF_ERROR(CheckCount("team", p.team.size(), RecordLimits::kListItems));
  for (std::size_t i = 0; i < p.team.size(); ++i) {
    const std::string field = Indexed("team", i);
    if (p.team[i].name.empty()) return InvalidArgumentError(field + ".name", "a team member needs a name");
    BB_RETURN_IF_ERROR(CheckFreeText(field + ".name", p.team[i].name, RecordLimits::kNameLength));
    BB_RETURN_IF_ERROR(CheckFreeText(field + ".role", p.team[i].role, RecordLimits::kListItemLength));
  }
  BB_RETURN_IF_ERROR(CheckCount("documents", p.documents.size(), RecordLimits::kListItems));
  for (std::size_t i = 0; i < p.documents.size(); ++i) {
    const ProjectDocument& d = p.documents[i];
    const std::string field = Indexed("documents", i);
    if (d.name.empty()) return InvalidArgumentError(field + ".name", "a document needs its file name");
    BB_RETURN_IF_ERROR(CheckFreeText(field + ".name", d.name, RecordLimits::kNameLength));
    if (d.bytes < 0) return InvalidArgumentError(field + ".bytes", "cannot be negative");
    if (!d.sha256.empty() && (d.sha256.size() != 64 ||
                              d.sha256.find_first_not_of("0123456789abcdef") != std::string::npos)) {
      return InvalidArgumentError(field + ".sha256", "must be 64 lower-case hexadecimal digits");
    }
  }
  if (!OneOf(kProjectStatuses, p.status)) {
    return InvalidArgumentError("status", fmt::format("unknown status '{}'", p.status));
  }
  if (p.decision) {
    BB_RETURN_IF_ERROR(CheckOneOf("decision.outcome", p.decision->outcome, "outcome", kDecisionOutcomes));
    BB_RETURN_IF_ERROR(CheckFreeText("decision.note", p.decision->note, RecordLimits::kDescriptionLength));
    BB_RETURN_IF_ERROR(CheckFreeText("decision.override_reason", p.decision->override_reason, RecordLimits::kDescriptionLength));
  }
  return Status::Ok();
}

Status ValidateCommitteeSettings(const CommitteeSettings& s, const Taxonomies& t) {
  if (s.reviewers_per_project < 1 || s.reviewers_per_project > 20) {
    return InvalidArgumentError("reviewers_per_project", "must be between 1 and 20");
  }
  if (s.min_load < 0) return InvalidArgumentError("min_load", "cannot be negative");
  if (s.max_load < 1 || s.max_load > 1000) return InvalidArgumentError("max_load", "must be between 1 and 1000");
  if (s.min_load > s.max_load) {
    return InvalidArgumentError("min_load", fmt::format("is above max_load ({} > {})", s.min_load, s.max_load));
  }
  BB_RETURN_IF_ERROR(CheckOneOf("blind", s.blind, "blind mode", kBlindModes));
  if (s.rubric.empty()) return InvalidArgumentError("rubric", "a rubric needs at least one criterion");
  BB_RETURN_IF_ERROR(CheckCount("rubric", s.rubric.size(), 20));
  std::set<std::string_view> ids;
  for (std::size_t i = 0; i < s.rubric.size(); ++i) {
    const RubricCriterion& c = s.rubric[i];
    const std::string field = Indexed("rubric", i);
    BB_RETURN_IF_ERROR(ValidateRecordId(c.id, field + ".id"));
    if (!ids.insert(c.id).second) return InvalidArgumentError(field + ".id", fmt::format("'{}' is listed twice", c.id));
    BB_RETURN_IF_ERROR(CheckText(field + ".name", c.name, t, RecordLimits::kNameLength, true));
    if (!(c.weight > 0 && c.weight <= 100)) return InvalidArgumentError(field + ".weight", "must be above 0 and at most 100");
  }
  if (!(s.disagreement > 0 && s.disagreement <= kMaxScore - kMinScore)) {
    return InvalidArgumentError("disagreement", fmt::format("must be above 0 and at most {}", kMaxScore - kMinScore));
  }
  return Status::Ok();
}

Status ValidateReview(const Review& r, const CommitteeSettings& settings) {
  for (const auto& [criterion, score] : r.scores) {
    const std::string& id = criterion;  // (clang 14 cannot capture a structured binding)
    const bool known = std::any_of(settings.rubric.begin(), settings.rubric.end(),
                                   [&](const RubricCriterion& c) { return c.id == id; });
    if (!known) {
      std::vector<std::string_view> ids;
      for (const RubricCriterion& c : settings.rubric) ids.push_back(c.id);
      return InvalidArgumentError("scores." + criterion,
                                  fmt::format("is not a criterion of this programme's rubric ({})", fmt::join(ids, ", ")));
    }
    if (score < kMinScore || score > kMaxScore) {
      return InvalidArgumentError("scores." + criterion,
                                  fmt::format("must be between {} and {}, got {}", kMinScore, kMaxScore, score));
    }
  }
  BB_RETURN_IF_ERROR(CheckFreeText("strengths", r.strengths, RecordLimits::kDescriptionLength));
  BB_RETURN_IF_ERROR(CheckFreeText("risks", r.risks, RecordLimits::kDescriptionLength));
  BB_RETURN_IF_ERROR(CheckFreeText("confidential_comment", r.confidential_comment, RecordLimits::kDescriptionLength));
  if (!r.recommendation.empty()) {
    BB_RETURN_IF_ERROR(CheckOneOf("recommendation", r.recommendation, "recommendation", kDecisionOutcomes));
  }
  BB_RETURN_IF_ERROR(CheckOneOf("status", r.status, "review status", kReviewStatuses));
  if (r.status == "submitted") {
    for (const RubricCriterion& c : settings.rubric) {
      if (!r.scores.contains(c.id)) {
        return InvalidArgumentError("scores." + c.id, "a submitted review scores every criterion of the rubric");
      }
    }
    if (r.recommendation.empty()) {
      return InvalidArgumentError("recommendation", "a submitted review recommends accept, revise or reject");
    }
  }
  return Status::Ok();
}

}  // namespace biobridge::domain
