// InvitationService: the invitations that concern a person, and their
// answers (domain/invitation.h says what is asked this way and why).
//
// Invitations are sent by the service that owns what they ask for:
// AccountService::PutMember (a membership), EventService::Register (a
// delegate registered by an organiser), PipelineService::AddProgrammeOpportunity
// (an opportunity placed in a programme by the side that does not own both).
// This service lists them and applies the answers:
//
// - the invitee accepts or declines: the person whose email (membership) or
//   account (delegate) it names, or a member of the organisation that must
//   agree (programme_opportunity). Nobody else answers for them, not even a
//   platform admin. Accepting checks again what the invitation assumed (the
//   event still open, the person still a member, the opportunity still
//   theirs) and applies it in the same transaction;
// - the asking side withdraws: the person who asked, the admins (membership)
//   or members (programme_opportunity) of the inviting organisation, the
//   event's organisers (delegate), platform admins;
// - both sides, and platform admins, read it; to anyone else it does not
//   exist (kNotFound).
//
// An invitation expires 30 days after it is sent.
//
// Errors (beyond service/context.h's): kNotFound for an invitation not
// addressed to or sent by the caller; kPermissionDenied for inviting without
// the right (members: an organisation's admins; delegates: the organisers);
// kFailedPrecondition when accepting no longer applies (expired, answered,
// the event cancelled or changed, the programme or opportunity gone or
// changed hands).
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "domain/invitation.h"
#include "service/context.h"
#include "service/principal.h"

namespace biobridge::service {

// An invitation with the names a reader needs, in the viewer's language.
struct InvitationView {
  domain::Invitation invitation;
  std::string side;                    // the viewer's: "invitee", "inviter" or "" (a platform admin)
  std::string target_name;             // the organisation, event or programme
  std::string opportunity_title;       // programme_opportunity
  std::string invited_by_name;         // the person who asked
  std::string inviter_organization_name;
  std::string invitee_organization_name;
  std::string invitee_name;            // delegate: the person invited
  std::string organization_name;       // delegate: the organisation they would represent
  // programme_opportunity: "operator_asks" (the programme's operator asks the
  // owner) or "owner_applies" (the owner asks the operator).
  std::string direction;
};

inline constexpr std::chrono::hours kInvitationLifetime{24 * 30};

// Sends `invitation` from `who` (sets its id, sender and expiry); the
// caller has decided that `who` may ask. kAlreadyExists when the same one
// is pending.
Result<domain::Invitation> SendInvitation(const ServiceContext& context, const Principal& who,
                                          domain::Invitation invitation);

class InvitationService {
 public:
  explicit InvitationService(const ServiceContext& context) : context_(context) {}

  // The pending invitations the viewer may answer, newest first.
  Result<std::vector<InvitationView>> Mine(const Principal& who, std::string_view language = "");
  Result<InvitationView> Get(const Principal& who, std::string_view id, std::string_view language = "");
  // Body: {"version"}: the version the person read.
  Result<InvitationView> Accept(const Principal& who, std::string_view id, const json::object& body);
  Result<InvitationView> Decline(const Principal& who, std::string_view id, const json::object& body);
  Result<InvitationView> Withdraw(const Principal& who, std::string_view id, const json::object& body);
  // The pending invitations an organisation sent or must answer (its
  // members; membership invitations only to its admins), newest first.
  Result<std::vector<InvitationView>> OfOrganization(const Principal& who, std::string_view organization_id,
                                                     std::string_view language = "");
  // The pending delegate invitations of an event (its organisers).
  Result<std::vector<InvitationView>> OfEvent(const Principal& who, std::string_view event_id,
                                              std::string_view language = "");

 private:
  enum class Side { kNone, kInvitee, kInviter, kAdmin };
  Side SideOf(const Principal& who, const domain::Invitation& invitation);
  bool IsInvitee(const Principal& who, const domain::Invitation& invitation) const;
  // The invitation, when the viewer is on either side of it (or a platform admin).
  Result<std::pair<domain::Invitation, Side>> Visible(const Principal& who, std::string_view id);
  // What accepting applies, checked against the records as they are now.
  Result<domain::InvitationEffect> EffectOf(const Principal& who, const domain::Invitation& invitation);
  Result<InvitationView> Decide(const Principal& who, std::string_view id, const json::object& body,
                                std::string_view decision);
  Result<InvitationView> View(const Principal& who, domain::Invitation invitation, Side side, std::string_view language);
  // Who writes and when, for the store's audit (defined where the store's header is).
  storage::WriteContext Context(const Principal& who) const;

  ServiceContext context_;
};

}  // namespace biobridge::service
