#include "domain/codec.h"

#include <fmt/format.h>

#include <algorithm>
#include <initializer_list>

#include "base/strings.h"
#include "domain/json_fields.h"

namespace biobridge::domain {
json::object ToJson(const LocalizedText& text) {
  json::object out;
  for (const auto& [language, value] : text.variants()) out[language] = value;
  return out;
}

json::object ToJson(const Organization& o) {
  json::object out;
  out["type"] = kOrganizationType;
  out["id"] = o.id;
  PutText(out, "name", o.name);
  PutString(out, "kind", o.kind);
  PutString(out, "country", o.country);
  PutText(out, "city", o.city);
  PutText(out, "description", o.description);
  PutList(out, "therapeutic_areas", o.therapeutic_areas);
  PutList(out, "modalities", o.modalities);
  PutList(out, "capabilities", o.capabilities);
  if (!o.certifications.empty()) {
    json::array certifications;
    for (const Certification& c : o.certifications) {
      json::object cert{{"name", c.name}};
      if (c.expires) cert["expires"] = FormatDate(*c.expires);
      certifications.push_back(std::move(cert));
    }
    out["certifications"] = std::move(certifications);
  }
  PutList(out, "markets", o.markets);
  PutString(out, "website", o.website);
  PutExtra(out, o.extra);
  return out;
}

json::object ToJson(const Opportunity& o) {
  json::object out;
  out["type"] = kOpportunityType;
  out["id"] = o.id;
  PutString(out, "organization", o.organization_id);
  PutString(out, "direction", o.direction);
  PutList(out, "cooperation", o.cooperation);
  PutText(out, "title", o.title);
  PutText(out, "description", o.description);
  PutText(out, "members_details", o.members_details);
  PutText(out, "cda_details", o.cda_details);
  PutString(out, "stage", o.stage);
  PutList(out, "therapeutic_areas", o.therapeutic_areas);
  PutList(out, "modalities", o.modalities);
  PutList(out, "target_countries", o.target_countries);
  PutString(out, "confidentiality", o.confidentiality);
  if (o.expires) out["expires"] = FormatDate(*o.expires);
  PutExtra(out, o.extra);
  return out;
}

json::object ToJson(const Collaboration& c) {
  json::object out;
  out["type"] = kCollaborationType;
  out["id"] = c.id;
  PutText(out, "title", c.title);
  PutString(out, "source", c.source);
  if (c.year) out["year"] = *c.year;
  PutString(out, "lead", c.lead);
  PutList(out, "organizations", c.organizations);
  PutExtra(out, c.extra);
  return out;
}

void AddMeta(json::object& object, const RecordMeta& meta) {
  object["version"] = meta.version;
  object["created_at"] = FormatTimestamp(meta.created_at);
  object["updated_at"] = FormatTimestamp(meta.updated_at);
}

Result<LocalizedText> LocalizedTextFromJson(const json::value& value) {
  LocalizedText text;
  if (value.is_string()) {
    std::string trimmed = Trim(value.get_string());
    if (!trimmed.empty()) {
      std::string language = GuessLanguageByScript(trimmed);
      text.Set(std::move(language), std::move(trimmed));
    }
    return text;
  }
  if (!value.is_object()) {
    return InvalidArgumentError("", fmt::format("must be an object of language code to text, such as "
                                                "{{\"en\": \"...\", \"zh\": \"...\"}}, got {}",
                                                JsonKindName(value)));
  }
  for (const auto& member : value.get_object()) {
    if (member.value().is_null()) continue;
    if (!member.value().is_string()) {
      return WrongType(std::string(member.key()), "a string", member.value());
    }
    std::string trimmed = Trim(member.value().get_string());
    if (!trimmed.empty()) text.Set(std::string(member.key()), std::move(trimmed));
  }
  return text;
}

Result<Organization> OrganizationFromJson(const json::object& object) {
  RecordReader in(object, {"id", "name", "kind", "country", "city", "description", "therapeutic_areas",
                           "modalities", "capabilities", "certifications", "markets", "website"});
  Organization o;
  BB_RETURN_IF_ERROR(in.Type(kOrganizationType));
  BB_RETURN_IF_ERROR(in.String("id", o.id));
  BB_RETURN_IF_ERROR(in.Text("name", o.name));
  BB_RETURN_IF_ERROR(in.String("kind", o.kind));
  BB_RETURN_IF_ERROR(in.String("country", o.country));
  o.country = AsciiUpper(o.country);
  BB_RETURN_IF_ERROR(in.Text("city", o.city));
  BB_RETURN_IF_ERROR(in.Text("description", o.description));
  BB_RETURN_IF_ERROR(in.StringList("therapeutic_areas", o.therapeutic_areas));
  BB_RETURN_IF_ERROR(in.StringList("modalities", o.modalities));
  BB_RETURN_IF_ERROR(in.StringList("capabilities", o.capabilities));
  BB_RETURN_IF_ERROR(in.StringList("markets", o.markets, /*upper=*/true));
  BB_RETURN_IF_ERROR(in.String("website", o.website));
  if (const json::value* certs = object.if_contains("certifications"); certs && !certs->is_null()) {
    if (!certs->is_array()) return WrongType("certifications", "an array of objects", *certs);
    const json::array& items = certs->get_array();
    for (std::size_t i = 0; i < items.size(); ++i) {
      const std::string field = fmt::format("certifications[{}]", i);
      Certification cert;
      if (items[i].is_string()) {  // shorthand: just the name
        cert.name = Trim(items[i].get_string());
      } else if (items[i].is_object()) {
        RecordReader c(items[i].get_object(), {"name", "expires"});
        Status s = c.String("name", cert.name);
        if (s.ok()) s = c.DateField("expires", cert.expires);
        if (!s.ok()) return s.WithFieldPrefix(field);
      } else {
        return WrongType(field, "an object such as {\"name\": \"ISO 13485\", \"expires\": \"2027-05-01\"}",
                         items[i]);
      }
      o.certifications.push_back(std::move(cert));
    }
  }
  BB_RETURN_IF_ERROR(in.Version(o.meta.version));
  o.extra = in.Extra();
  return o;
}

Result<Opportunity> OpportunityFromJson(const json::object& object) {
  RecordReader in(object, {"id", "organization", "direction", "cooperation", "title", "description",
                           "members_details", "cda_details", "stage", "therapeutic_areas", "modalities", "target_countries",
                           "confidentiality", "expires"});
  Opportunity o;
  BB_RETURN_IF_ERROR(in.Type(kOpportunityType));
  BB_RETURN_IF_ERROR(in.String("id", o.id));
  BB_RETURN_IF_ERROR(in.String("organization", o.organization_id));
  BB_RETURN_IF_ERROR(in.String("direction", o.direction));
  BB_RETURN_IF_ERROR(in.StringList("cooperation", o.cooperation));
  BB_RETURN_IF_ERROR(in.Text("title", o.title));
  BB_RETURN_IF_ERROR(in.Text("description", o.description));
  BB_RETURN_IF_ERROR(in.Text("members_details", o.members_details));
  BB_RETURN_IF_ERROR(in.Text("cda_details", o.cda_details));
  BB_RETURN_IF_ERROR(in.String("stage", o.stage));
  BB_RETURN_IF_ERROR(in.StringList("therapeutic_areas", o.therapeutic_areas));
  BB_RETURN_IF_ERROR(in.StringList("modalities", o.modalities));
  BB_RETURN_IF_ERROR(in.StringList("target_countries", o.target_countries, /*upper=*/true));
  BB_RETURN_IF_ERROR(in.String("confidentiality", o.confidentiality));
  if (o.confidentiality.empty()) o.confidentiality = "public";
  BB_RETURN_IF_ERROR(in.DateField("expires", o.expires));
  BB_RETURN_IF_ERROR(in.Version(o.meta.version));
  o.extra = in.Extra();
  return o;
}

json::object ToJson(const Programme& p) {
  json::object out;
  out["type"] = kProgrammeType;
  out["id"] = p.id;
  PutText(out, "name", p.name);
  PutString(out, "kind", p.kind);
  PutString(out, "operator", p.operator_organization);
  PutText(out, "description", p.description);
  PutExtra(out, p.extra);
  return out;
}

Result<Programme> ProgrammeFromJson(const json::object& object) {
  RecordReader in(object, {"id", "name", "kind", "operator", "description"});
  Programme p;
  BB_RETURN_IF_ERROR(in.Type(kProgrammeType));
  BB_RETURN_IF_ERROR(in.String("id", p.id));
  BB_RETURN_IF_ERROR(in.Text("name", p.name));
  BB_RETURN_IF_ERROR(in.String("kind", p.kind));
  BB_RETURN_IF_ERROR(in.String("operator", p.operator_organization));
  BB_RETURN_IF_ERROR(in.Text("description", p.description));
  BB_RETURN_IF_ERROR(in.Version(p.meta.version));
  p.extra = in.Extra();
  return p;
}

Result<Collaboration> CollaborationFromJson(const json::object& object) {
  RecordReader in(object, {"id", "title", "source", "year", "lead", "organizations"});
  Collaboration c;
  BB_RETURN_IF_ERROR(in.Type(kCollaborationType));
  BB_RETURN_IF_ERROR(in.String("id", c.id));
  BB_RETURN_IF_ERROR(in.Text("title", c.title));
  BB_RETURN_IF_ERROR(in.String("source", c.source));
  BB_RETURN_IF_ERROR(in.Year("year", c.year));
  BB_RETURN_IF_ERROR(in.String("lead", c.lead));
  BB_RETURN_IF_ERROR(in.StringList("organizations", c.organizations));
  BB_RETURN_IF_ERROR(in.Version(c.meta.version));
  c.extra = in.Extra();
  return c;
}

}  // namespace biobridge::domain
