// DirectoryService: the use cases of organisations and opportunities.
//
// Every call authorises the principal, validates input against the
// vocabularies, and only then touches the store. Input arrives in the
// interchange JSON form (domain/codec.h) so that the API, the CLI and
// imports share one decoder.
//
// Who may do what:
// - anyone reads organisations; opportunities are shown by confidentiality:
//   "public" to everyone, "members" to signed-in users, "cda" only to the
//   posting organisation's members (and platform admins) for now. An
//   opportunity the principal may not see is reported as not found.
// - signed-in users create organisations and become their admins;
// - members of an organisation (or platform admins) change it and its
//   opportunities; deleting an organisation takes one of its admins.
//
// Updates: Replace* takes a whole record, Patch* an RFC 7396 merge patch of
// its JSON. Either may carry "version"; when it does, the change is refused
// with kAborted if the record has moved on since that version.
//
// Errors (beyond service/context.h's): kNotFound for a record the caller may
// not see (an opportunity above their confidentiality tier reads as missing);
// kInvalidArgument naming the field (a code outside its taxonomy, a text too
// long, a patch that breaks the record); kAborted for a stale version;
// kAlreadyExists for a taken id; kFailedPrecondition for deleting an
// organisation that still has opportunities.
#pragma once

#include <cstdint>
#include <string_view>

#include "base/json.h"
#include "domain/collaboration.h"
#include "domain/opportunity.h"
#include "domain/organization.h"
#include "service/context.h"
#include "service/principal.h"

namespace biobridge::service {

// Brings the search index up to date with the store (errors are logged).
void SyncSearchIndex(const ServiceContext& context);

class DirectoryService {
 public:
  explicit DirectoryService(const ServiceContext& context) : context_(context) {}

  Result<domain::Organization> GetOrganization(const Principal& who, std::string_view id);
  // The same, as its stored interchange JSON (for answering without decoding).
  Result<domain::RecordJson> GetOrganizationJson(const Principal& who, std::string_view id);
  // kInvalidArgument naming the parameter for an unknown code or a page
  // outside 1.. / per_page outside 1..100.
  Result<domain::Page<domain::Organization>> ListOrganizations(const Principal& who,
                                                                const domain::OrganizationFilter& filter,
                                                                const domain::PageRequest& page);
  // The same page with each organisation as stored, for answers that send it as it is.
  Result<domain::Page<domain::RecordJson>> ListOrganizationsJson(const Principal& who,
                                                                  const domain::OrganizationFilter& filter,
                                                                  const domain::PageRequest& page);
  Result<domain::Organization> CreateOrganization(const Principal& who, const json::object& body);
  Result<domain::Organization> ReplaceOrganization(const Principal& who, std::string_view id,
                                                   const json::object& body);
  Result<domain::Organization> PatchOrganization(const Principal& who, std::string_view id,
                                                 const json::object& patch);
  Status DeleteOrganization(const Principal& who, std::string_view id, std::int64_t expected_version);

  // The collaborations an organisation took part in, latest first (public
  // records, like the directory). kNotFound for an unknown organisation;
  // page checks as for lists.
  Result<domain::Page<domain::Collaboration>> ListCollaborations(const Principal& who, std::string_view organization_id,
                                                                  const domain::PageRequest& page);

  Result<domain::Opportunity> GetOpportunity(const Principal& who, std::string_view id);
  Result<domain::Page<domain::Opportunity>> ListOpportunities(const Principal& who,
                                                               domain::OpportunityFilter filter,
                                                               const domain::PageRequest& page);
  Result<domain::Opportunity> CreateOpportunity(const Principal& who, const json::object& body);
  Result<domain::Opportunity> ReplaceOpportunity(const Principal& who, std::string_view id,
                                                 const json::object& body);
  Result<domain::Opportunity> PatchOpportunity(const Principal& who, std::string_view id,
                                               const json::object& patch);
  Status DeleteOpportunity(const Principal& who, std::string_view id, std::int64_t expected_version);

  static constexpr int kMaxPerPage = 100;

 private:
  Status CheckOrganizationList(const domain::OrganizationFilter& filter, const domain::PageRequest& page) const;
  enum class Change { kReplace, kMergePatch };
  Result<domain::Organization> ChangeOrganization(const Principal& who, std::string_view id,
                                                  const json::object& body, Change change);
  Result<domain::Opportunity> ChangeOpportunity(const Principal& who, std::string_view id,
                                                const json::object& body, Change change);
  // Who writes and when, for the store's audit (defined where the store's header is).
  storage::WriteContext Context(const Principal& who) const;
  // Passes a write's result through, after the search index has followed it.
  template <typename T>
  T AfterWrite(T result) {
    if (result.ok()) SyncSearchIndex(context_);
    return result;
  }

  ServiceContext context_;
};

// Checks page and per_page (1-based page, 1..100 per page).
Status ValidatePageRequest(const domain::PageRequest& page, int max_per_page);
// OK when `value` is empty or a code of `taxonomy`; else kInvalidArgument
// naming `parameter` and listing the codes.
Status CheckFilterCode(std::string_view parameter, const std::string& value, const domain::Taxonomy& taxonomy);

}  // namespace biobridge::service
