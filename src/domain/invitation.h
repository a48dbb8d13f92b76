// Invitations: the consent rule as data.
//
// Whatever is done in another person's or organisation's name is done by
// them, or is an invitation they accept. Three things are asked this way:
//
//   membership             an organisation's admin asks a person, by email
//                          (the account may not exist yet), to join it with
//                          a role;
//   delegate               an event's organiser asks a person (an account that
//                          belongs to the organisation) to represent that
//                          organisation at the event, with the registration
//                          the organiser proposes;
//   programme_opportunity  a programme's operator asks an opportunity's owner
//                          to place it in the programme, or the owner asks
//                          the operator to take it ("apply"): the other side
//                          consents.
//
// An invitation is pending until the invitee accepts or declines it, the
// inviting side withdraws it, or it expires. Accepting applies it (the
// membership, the registration, the programme's opportunity) in the same
// transaction.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/json.h"
#include "base/status.h"
#include "base/time.h"
#include "domain/record.h"

namespace biobridge::domain {

inline constexpr std::string_view kInvitationKinds[] = {"membership", "delegate", "programme_opportunity"};
inline constexpr std::string_view kInvitationStatuses[] = {"pending", "accepted", "declined", "withdrawn"};

struct Invitation {
  std::string id;
  std::string kind;
  // What the invitation is to: the organisation (membership), the event
  // (delegate) or the programme (programme_opportunity).
  std::string target;
  std::string opportunity;  // programme_opportunity: the opportunity placed
  // Who must agree: a person by email (membership), a person's account
  // (delegate), or an organisation whose members answer
  // (programme_opportunity: the owner when the operator asks, the operator
  // when the owner applies).
  std::string invitee_email;
  std::string invitee_user;
  std::string invitee_organization;
  // The asking side: the person, and the organisation they asked for (the
  // organisation that invites a member; the operator or the owner of a
  // programme's opportunity; empty for an event's organiser).
  std::string invited_by;
  std::string inviter_organization;
  std::string role;         // membership: "admin" or "member"
  json::object delegate;    // delegate: the proposed registration (interchange delegate record, no id)
  std::string message;      // a note from the one who asks
  std::string status = "pending";
  std::string decided_by;   // user id of who accepted, declined or withdrew
  std::optional<Timestamp> decided_at;
  Timestamp expires_at{};
  RecordMeta meta;

  bool pending(Timestamp now) const { return status == "pending" && now < expires_at; }
  friend bool operator==(const Invitation&, const Invitation&) = default;
};

// A kind and status that exist, the fields each kind needs, a message of at
// most 2000 characters.
Status ValidateInvitation(const Invitation& invitation);

json::object ToJson(const Invitation& invitation);
Result<Invitation> InvitationFromJson(const json::object& object);

}  // namespace biobridge::domain
