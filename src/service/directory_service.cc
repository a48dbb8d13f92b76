#include "service/directory_service.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "base/random.h"
#include "domain/codec.h"
#include "domain/validation.h"
#include "service/authorization.h"
#include "service/roles.h"
#include "storage/store.h"

namespace biobridge::service {

using domain::Opportunity;
using domain::Organization;

namespace {


// The body's id must be absent or equal to the one in the path.
Status CheckSameId(const json::object& body, std::string_view id) {
  const json::value* given = body.if_contains("id");
  if (!given || given->is_null()) return Status::Ok();
  if (given->is_string() && given->get_string() == id) return Status::Ok();
  return InvalidArgumentError("id", fmt::format("the id of a record cannot change; it is '{}'", id));
}

// The version a change was based on, which every change names: without it a
// change made meanwhile by someone else would be overwritten unseen. The
// console (imports, the operator's tooling) may leave it out.
Result<std::int64_t> BaseVersion(const Principal& who, std::int64_t given, std::int64_t current,
                                 std::string_view what) {
  if (given > 0) return given;
  if (who.is_system()) return current;
  return InvalidArgumentError("version", fmt::format("give the version of the {} your change is based on (its "
                                                     "\"version\" as you read it), so that no one else's change is "
                                                     "overwritten unseen",
                                                     what));
}

// Applies a merge patch to the record's interchange JSON. The id and server
// fields cannot be patched away.
template <typename Record>
json::object Patched(const Record& current, const json::object& patch) {
  json::object doc = domain::ToJson(current);
  ApplyMergePatch(doc, patch);
  doc["id"] = current.id;
  return doc;
}

}  // namespace

Status CheckFilterCode(std::string_view parameter, const std::string& value, const domain::Taxonomy& taxonomy) {
  if (value.empty() || taxonomy.Contains(value)) return Status::Ok();
  return InvalidArgumentError(std::string(parameter),
                              fmt::format("unknown code '{}'; use one of: {}", value, taxonomy.CodeList()));
}

Status ValidatePageRequest(const storage::PageRequest& page, int max_per_page) {
  if (page.page < 1) return InvalidArgumentError("page", "pages are numbered from 1");
  if (page.per_page < 1 || page.per_page > max_per_page) {
    return InvalidArgumentError("per_page", fmt::format("choose between 1 and {} per page", max_per_page));
  }
  return Status::Ok();
}

void SyncSearchIndex(const ServiceContext& context) {
  // The write is committed; an index that fails to follow catches up at the
  // next write or start, so the write still succeeds.
  auto applied = context.search.CatchUp(context.store);
  if (!applied.ok()) spdlog::error("search index did not follow a write: {}", applied.status().ToString());
}

// --- Organisations -------------------------------------------------------------

Result<Organization> DirectoryService::GetOrganization(const Principal&, std::string_view id) {
  return context_.store.GetOrganization(id);
}

Result<storage::RecordJson> DirectoryService::GetOrganizationJson(const Principal&, std::string_view id) {
  return context_.store.GetOrganizationJson(id);
}

// Organisations are public: a list checks its parameters, not its reader.
Status DirectoryService::CheckOrganizationList(const storage::OrganizationFilter& filter,
                                               const storage::PageRequest& page) const {
  const domain::Taxonomies& t = context_.taxonomies;
  BB_RETURN_IF_ERROR(ValidatePageRequest(page, kMaxPerPage));
  BB_RETURN_IF_ERROR(CheckFilterCode("country", filter.country, t.countries()));
  BB_RETURN_IF_ERROR(CheckFilterCode("kind", filter.kind, t.organization_kinds()));
  BB_RETURN_IF_ERROR(CheckFilterCode("area", filter.therapeutic_area, t.therapeutic_areas()));
  return CheckFilterCode("modality", filter.modality, t.modalities());
}

Result<storage::Page<Organization>> DirectoryService::ListOrganizations(const Principal&,
                                                                        const storage::OrganizationFilter& filter,
                                                                        const storage::PageRequest& page) {
  BB_RETURN_IF_ERROR(CheckOrganizationList(filter, page));
  return context_.store.ListOrganizations(filter, page);
}

Result<storage::Page<domain::RecordJson>> DirectoryService::ListOrganizationsJson(const Principal&,
                                                                                const storage::OrganizationFilter& filter,
                                                                                const storage::PageRequest& page) {
  BB_RETURN_IF_ERROR(CheckOrganizationList(filter, page));
  return context_.store.ListOrganizationsJson(filter, page);
}

Result<storage::Page<domain::Collaboration>> DirectoryService::ListCollaborations(const Principal&,
                                                                                  std::string_view organization_id,
                                                                                  const storage::PageRequest& page) {
  BB_RETURN_IF_ERROR(ValidatePageRequest(page, kMaxPerPage));
  BB_RETURN_IF_ERROR(context_.store.GetOrganization(organization_id).status());
  return context_.store.ListCollaborations(organization_id, page);
}

Result<Organization> DirectoryService::CreateOrganization(const Principal& who, const json::object& body) {
  BB_RETURN_IF_ERROR(RequireSignedIn(who, "create an organisation"));
  BB_ASSIGN_OR_RETURN(Organization organization, domain::OrganizationFromJson(body));
  if (organization.id.empty()) {
    organization.id = NewId(context_.random, "org_");
  } else {
    BB_RETURN_IF_ERROR(domain::ValidateRecordId(organization.id));
  }
  BB_RETURN_IF_ERROR(domain::ValidateOrganization(organization, context_.taxonomies));
  // The creator becomes the organisation's first admin.
  const std::string founder = who.user() ? who.user()->id : "";
  return AfterWrite(context_.store.CreateOrganization(std::move(organization), Context(who), founder));
}

// Replace and merge-patch share one path: they differ only in how the body
// becomes the next record.
Result<Organization> DirectoryService::ChangeOrganization(const Principal& who, std::string_view id,
                                                          const json::object& body, Change change) {
  BB_RETURN_IF_ERROR(RequireSignedIn(who, "change an organisation"));
  BB_ASSIGN_OR_RETURN(Organization current, context_.store.GetOrganization(id));
  BB_RETURN_IF_ERROR(RequireMember(who, id, "change it"));
  BB_RETURN_IF_ERROR(CheckSameId(body, id));
  BB_ASSIGN_OR_RETURN(Organization next, domain::OrganizationFromJson(
                                             change == Change::kMergePatch ? Patched(current, body) : body));
  next.id = current.id;
  BB_RETURN_IF_ERROR(domain::ValidateOrganization(next, context_.taxonomies));
  BB_ASSIGN_OR_RETURN(next.meta.version, BaseVersion(who, next.meta.version,
                                                     current.meta.version, "organisation"));
  return AfterWrite(context_.store.UpdateOrganization(std::move(next), Context(who)));
}

Result<Organization> DirectoryService::ReplaceOrganization(const Principal& who, std::string_view id,
                                                           const json::object& body) {
  return ChangeOrganization(who, id, body, Change::kReplace);
}

Result<Organization> DirectoryService::PatchOrganization(const Principal& who, std::string_view id,
                                                         const json::object& patch) {
  return ChangeOrganization(who, id, patch, Change::kMergePatch);
}

Status DirectoryService::DeleteOrganization(const Principal& who, std::string_view id,
                                            std::int64_t expected_version) {
  BB_RETURN_IF_ERROR(RequireSignedIn(who, "delete an organisation"));
  BB_RETURN_IF_ERROR(context_.store.GetOrganization(id).status());
  BB_RETURN_IF_ERROR(RequireOrganizationAdmin(who, id, "delete it"));
  BB_ASSIGN_OR_RETURN(expected_version, BaseVersion(who, expected_version, 0, "organisation"));
  return AfterWrite(context_.store.DeleteOrganization(id, expected_version, Context(who)));
}

// --- Opportunities -------------------------------------------------------------

namespace {

// Whether an organisation of `who` has a deal with the opportunity's owner,
// about it or about the organisation itself, whose confidentiality agreement
// both parties accepted.
// Lists show the teaser only.
void KeepTeaser(Opportunity& o) {
  o.members_details = {};
  o.cda_details = {};
}

}  // namespace

Result<Opportunity> DirectoryService::GetOpportunity(const Principal& who, std::string_view id) {
  auto opportunity = context_.store.GetOpportunity(id);
  if (!opportunity.ok()) return opportunity;
  Opportunity& o = *opportunity;
  std::optional<bool> agreed;  // read once, when needed
  if (!MayView(who, o.organization_id, o.confidentiality)) {
    // A partner whose agreement about it both sides accepted sees a
    // CDA-tier opportunity; to anyone else it does not exist (not
    // "forbidden": that would confirm that it does).
    if (o.confidentiality == "cda" && who.signed_in()) {
      BB_ASSIGN_OR_RETURN(agreed, IsAgreementPartner(context_.store, who, o.organization_id, o.id));
    }
    if (!agreed.value_or(false)) return NotFoundError(fmt::format("no opportunity has id '{}'", id));
  }
  // The confidentiality ladder: its own organisation and platform admins see
  // everything; signed-in users the members' details; the CDA details only
  // parties with an accepted agreement.
  if (!who.platform_admin() && !who.MemberOf(o.organization_id)) {
    if (!who.signed_in()) o.members_details = {};
    if (!o.cda_details.empty()) {
      if (!agreed) {
        BB_ASSIGN_OR_RETURN(agreed, IsAgreementPartner(context_.store, who, o.organization_id, o.id));
      }
      if (!*agreed) o.cda_details = {};
    }
  }
  return opportunity;
}

Result<storage::Page<Opportunity>> DirectoryService::ListOpportunities(const Principal& who,
                                                                       storage::OpportunityFilter filter,
                                                                       const storage::PageRequest& page) {
  const domain::Taxonomies& t = context_.taxonomies;
  BB_RETURN_IF_ERROR(ValidatePageRequest(page, kMaxPerPage));
  BB_RETURN_IF_ERROR(CheckFilterCode("direction", filter.direction, t.directions()));
  BB_RETURN_IF_ERROR(CheckFilterCode("cooperation", filter.cooperation, t.cooperation_types()));
  BB_RETURN_IF_ERROR(CheckFilterCode("area", filter.therapeutic_area, t.therapeutic_areas()));
  BB_RETURN_IF_ERROR(CheckFilterCode("modality", filter.modality, t.modalities()));
  BB_RETURN_IF_ERROR(CheckFilterCode("stage", filter.stage, t.stages()));
  BB_RETURN_IF_ERROR(CheckFilterCode("target_country", filter.target_country, t.countries()));
  BB_RETURN_IF_ERROR(CheckFilterCode("country", filter.country, t.countries()));
  BB_RETURN_IF_ERROR(CheckFilterCode("kind", filter.kind, t.organization_kinds()));
  filter.visible_tiers = VisibleTiers(who);
  filter.own_organization_ids = who.organization_ids();
  BB_ASSIGN_OR_RETURN(storage::Page<Opportunity> result, context_.store.ListOpportunities(filter, page));
  for (Opportunity& o : result.items) KeepTeaser(o);
  return result;
}

Result<Opportunity> DirectoryService::CreateOpportunity(const Principal& who, const json::object& body) {
  BB_RETURN_IF_ERROR(RequireSignedIn(who, "post an opportunity"));
  BB_ASSIGN_OR_RETURN(Opportunity opportunity, domain::OpportunityFromJson(body));
  if (opportunity.id.empty()) {
    opportunity.id = NewId(context_.random, "opp_");
  } else {
    BB_RETURN_IF_ERROR(domain::ValidateRecordId(opportunity.id));
  }
  BB_RETURN_IF_ERROR(domain::ValidateOpportunity(opportunity, context_.taxonomies));
  auto organization = context_.store.GetOrganization(opportunity.organization_id);
  if (organization.status().code() == StatusCode::kNotFound) {
    return InvalidArgumentError("organization",
                                fmt::format("no organisation has id '{}'", opportunity.organization_id));
  }
  BB_RETURN_IF_ERROR(organization.status());
  BB_RETURN_IF_ERROR(RequireMemberInPerson(who, opportunity.organization_id, "post opportunities for it"));
  return AfterWrite(context_.store.CreateOpportunity(std::move(opportunity), Context(who)));
}

Result<Opportunity> DirectoryService::ChangeOpportunity(const Principal& who, std::string_view id,
                                                        const json::object& body, Change change) {
  BB_RETURN_IF_ERROR(RequireSignedIn(who, "change an opportunity"));
  BB_ASSIGN_OR_RETURN(Opportunity current, GetOpportunity(who, id));
  BB_RETURN_IF_ERROR(RequireMember(who, current.organization_id, "change its opportunities"));
  BB_RETURN_IF_ERROR(CheckSameId(body, id));
  BB_ASSIGN_OR_RETURN(Opportunity next, domain::OpportunityFromJson(
                                            change == Change::kMergePatch ? Patched(current, body) : body));
  next.id = current.id;
  BB_RETURN_IF_ERROR(domain::ValidateOpportunity(next, context_.taxonomies));
  if (next.organization_id != current.organization_id) {
    // Moving it to another organisation takes membership of both.
    BB_RETURN_IF_ERROR(RequireMember(who, next.organization_id, "move opportunities to it"));
  }
  BB_ASSIGN_OR_RETURN(next.meta.version, BaseVersion(who, next.meta.version,
                                                     current.meta.version, "opportunity"));
  return AfterWrite(context_.store.UpdateOpportunity(std::move(next), Context(who)));
}

Result<Opportunity> DirectoryService::ReplaceOpportunity(const Principal& who, std::string_view id,
                                                         const json::object& body) {
  return ChangeOpportunity(who, id, body, Change::kReplace);
}

Result<Opportunity> DirectoryService::PatchOpportunity(const Principal& who, std::string_view id,
                                                       const json::object& patch) {
  return ChangeOpportunity(who, id, patch, Change::kMergePatch);
}

Status DirectoryService::DeleteOpportunity(const Principal& who, std::string_view id, std::int64_t expected_version) {
  BB_RETURN_IF_ERROR(RequireSignedIn(who, "delete an opportunity"));
  BB_ASSIGN_OR_RETURN(Opportunity current, GetOpportunity(who, id));
  BB_RETURN_IF_ERROR(RequireMember(who, current.organization_id, "delete its opportunities"));
  BB_ASSIGN_OR_RETURN(expected_version, BaseVersion(who, expected_version, 0, "opportunity"));
  return AfterWrite(context_.store.DeleteOpportunity(id, expected_version, Context(who)));
}

storage::WriteContext DirectoryService::Context(const Principal& who) const { return {who.actor(), context_.clock.Now()}; }

}  // namespace biobridge::service
