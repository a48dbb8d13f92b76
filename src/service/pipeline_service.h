// PipelineService: expressions of interest, the deals they open, moves along
// the pipeline, and the parties' confidentiality agreement.
//
// Who may do what:
// - a member of an organisation expresses interest on its behalf in another
//   organisation, or in an opportunity of another organisation that the
//   member may see;
// - members of the receiving organisation accept (which opens a deal at
//   contact) or decline with a reason from domain::kDeclineReasons;
// - the members of both parties (and platform admins) see an interest or a
//   deal; to anyone else it does not exist (kNotFound);
// - members of either party move the deal as domain::CheckMove allows, and
//   accept the agreement on their organisation's behalf. Moving to `cda` or
//   beyond needs both parties' acceptance of the same text.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/json.h"
#include "domain/funnel.h"
#include "service/context.h"
#include "service/principal.h"

namespace biobridge::service {

// The confidentiality agreement parties accept, as shipped in
// data/agreements/: its version, its text (all three languages) and the
// SHA-256 of the text, recorded with each acceptance.
struct AgreementText {
  std::string version;
  std::string_view text;
  std::string sha256;  // lower-case hex
};
const AgreementText& CurrentAgreement();

class PipelineService {
 public:
  explicit PipelineService(const ServiceContext& context) : context_(context) {}

  // Body: {"from_organization", "opportunity" | "organization", "message"}.
  Result<domain::Interest> ExpressInterest(const Principal& who, const json::object& body);
  Result<domain::Interest> GetInterest(const Principal& who, std::string_view id);
  Result<storage::Page<domain::Interest>> ListInterests(const Principal& who, std::string_view organization_id,
                                                        storage::InterestSide side, const storage::PageRequest& page);
  Result<domain::Deal> AcceptInterest(const Principal& who, std::string_view id, std::int64_t expected_version);
  Result<domain::Interest> DeclineInterest(const Principal& who, std::string_view id, std::int64_t expected_version,
                                           std::string_view reason, std::string_view note);

  Result<domain::Deal> GetDeal(const Principal& who, std::string_view id);
  // The deals of an organisation the principal belongs to, newest first.
  Result<storage::Page<domain::Deal>> ListDeals(const Principal& who, std::string_view organization_id,
                                                const storage::PageRequest& page);
  // Body: {"to", "note", "reason" (when closing), "version"}.
  Result<domain::Deal> MoveDeal(const Principal& who, std::string_view id, const json::object& body);
  // Body: {"organization", "agreement_version"}: the version the person was
  // shown, which must be the current one.
  Result<domain::Deal> AcceptAgreement(const Principal& who, std::string_view id, const json::object& body);

  // The funnel of an organisation's deals (members and platform admins).
  Result<domain::Funnel> OrganizationFunnel(const Principal& who, std::string_view organization_id);

  static constexpr std::size_t kMaxMessageLength = 2000;

 private:
  storage::WriteContext Context(const Principal& who) const { return {who.actor(), context_.clock.Now()}; }
  Result<domain::Deal> DealForParty(const Principal& who, std::string_view id);

  ServiceContext context_;
};

}  // namespace biobridge::service
