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

Status ValidateOrganization(const Organization& o, const Taxonomies& t) {
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

}  // namespace biobridge::domain
