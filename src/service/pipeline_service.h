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
// - anyone reads programmes; platform admins create them, naming the
//   operating organisation; an opportunity joins a programme with the
//   consent of both its owner and the operator (AddProgrammeOpportunity);
//   the operator's members see all of the programme's deals (read only) and
//   its analytics. A deal belongs to the programme the interest that opened
//   it named (one of those the opportunity is in), or to none: never to one
//   chosen for the parties.
//
// Errors (beyond service/context.h's): kNotFound for an interest or deal the
// caller is not a party to (unless a platform admin reading it);
// kPermissionDenied for acting in an organisation's name without being its
// member (a platform admin moderates, does not move or write about deals), or
// a tool accepting an agreement; kInvalidArgument naming the field (a move
// the pipeline does not allow, a close reason, a value); kAborted for a deal
// changed since the version sent; kFailedPrecondition for accepting an
// agreement text that is no longer the current one.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>
#include <string>
#include <string_view>

#include "base/json.h"
#include "domain/funnel.h"
#include "domain/invitation.h"
#include "domain/programme.h"
#include "service/context.h"
#include "service/principal.h"

namespace biobridge::service {

// The confidentiality agreement parties accept, as shipped in
// data/agreements/: its version, its text (all three languages) and the
// SHA-256 of the text, recorded with each acceptance.
// Cooperation flows between countries, and activity per therapeutic area,
// over a set of deals: how many there are, and how many reached agreement.
struct Flow {
  std::string from_country;  // of the organisation that expressed interest
  std::string to_country;
  std::int64_t deals = 0;
  std::int64_t agreements = 0;
};
struct AreaActivity {
  std::string area;  // a therapeutic_areas code of the deal's opportunity; "": none named
  std::int64_t deals = 0;
  std::int64_t agreements = 0;
};
struct Analytics {
  std::optional<Timestamp> from, to;  // the period: deals opened in [from, to)
  domain::Funnel funnel;
  std::vector<Flow> flows;           // most deals first
  std::vector<AreaActivity> areas;   // most deals first
};

struct AgreementText {
  std::string version;
  std::string_view text;
  std::string sha256;  // lower-case hex
};
const AgreementText& CurrentAgreement();

class PipelineService {
 public:
  explicit PipelineService(const ServiceContext& context) : context_(context) {}

  // Body: {"from_organization", "opportunity" | "organization", "message",
  // "programme" (optional: one the opportunity is in, which the deal will
  // belong to)}.
  Result<domain::Interest> ExpressInterest(const Principal& who, const json::object& body);
  Result<domain::Interest> GetInterest(const Principal& who, std::string_view id);
  Result<domain::Page<domain::Interest>> ListInterests(const Principal& who, std::string_view organization_id,
                                                        domain::InterestSide side, const domain::PageRequest& page);
  Result<domain::Deal> AcceptInterest(const Principal& who, std::string_view id, std::int64_t expected_version);
  Result<domain::Interest> DeclineInterest(const Principal& who, std::string_view id, std::int64_t expected_version,
                                           std::string_view reason, std::string_view note);

  Result<domain::Deal> GetDeal(const Principal& who, std::string_view id);
  // The deals of an organisation the principal belongs to, newest first.
  Result<domain::Page<domain::Deal>> ListDeals(const Principal& who, std::string_view organization_id,
                                                const domain::PageRequest& page);
  // Body: {"to", "note", "reason" (when closing), "version"}.
  Result<domain::Deal> MoveDeal(const Principal& who, std::string_view id, const json::object& body);
  // What the parties write about the deal (members of either party, in
  // person). Body: {"title", "value": {"amount", "currency"} | null,
  // "next_step", "due": "YYYY-MM-DD" | null, "contact": user id | null,
  // "version"}; a field left out keeps its value. The contact must be a
  // member of either party. Only the parties see the value, the next step
  // and the contact; a programme's operator and platform admins see the title.
  Result<domain::Deal> UpdateDealDetails(const Principal& who, std::string_view id, const json::object& body);
  // Body: {"organization", "agreement_version"}: the version the person was
  // shown, which must be the current one.
  Result<domain::Deal> AcceptAgreement(const Principal& who, std::string_view id, const json::object& body);

  // The funnel of an organisation's deals opened in [from, to) (members and
  // platform admins).
  Result<domain::Funnel> OrganizationFunnel(const Principal& who, std::string_view organization_id,
                                            std::optional<Timestamp> from = std::nullopt,
                                            std::optional<Timestamp> to = std::nullopt);

  // Body: {"id"?, "name", "kind", "operator", "description"?}.
  Result<domain::Programme> CreateProgramme(const Principal& who, const json::object& body);
  Result<domain::Programme> GetProgramme(const Principal& who, std::string_view id);
  Result<domain::Page<domain::Programme>> ListProgrammes(const Principal& who, const domain::PageRequest& page);
  Result<std::vector<std::string>> ProgrammeOpportunities(const Principal& who, std::string_view programme_id);
  // The programmes an opportunity the person may see is in (kNotFound for
  // one they may not see): those an interest in it may go through.
  Result<std::vector<domain::Programme>> OpportunityProgrammes(const Principal& who, std::string_view opportunity_id);
  // Places an opportunity in a programme with both sides' consent: at once
  // when the person is a member of both the operator and the owner; else an
  // invitation to the other side (the owner when an operator asks, the
  // operator when the owner applies), returned. Nothing when it is in
  // already. The opportunity must be one the person may see.
  Result<std::optional<domain::Invitation>> AddProgrammeOpportunity(const Principal& who, std::string_view programme_id,
                                                                    std::string_view opportunity_id);
  Result<domain::Page<domain::Deal>> ProgrammeDeals(const Principal& who, std::string_view programme_id,
                                                     const domain::PageRequest& page);
  // The funnel, flows and areas of the programme's deals opened in [from, to).
  Result<Analytics> ProgrammeAnalytics(const Principal& who, std::string_view programme_id,
                                       std::optional<Timestamp> from, std::optional<Timestamp> to);

  static constexpr std::size_t kMaxMessageLength = 2000;

 private:
  // Who writes and when, for the store's audit (defined where the store's header is).
  storage::WriteContext Context(const Principal& who) const;
  Result<domain::Deal> DealForParty(const Principal& who, std::string_view id);
  // Whether the opportunity is in the programme (placed there with consent).
  Result<bool> InProgramme(std::string_view opportunity_id, std::string_view programme_id);
  // Members of the programme's operator, or platform admins.
  Result<domain::Programme> ProgrammeForOperator(const Principal& who, std::string_view id, std::string_view to_do);

  ServiceContext context_;
};

}  // namespace biobridge::service
