#include "domain/invitation.h"

#include "base/utf8.h"
#include "domain/json_fields.h"
#include "domain/validation.h"

namespace biobridge::domain {

Status ValidateInvitation(const Invitation& i) {
  BB_RETURN_IF_ERROR(CheckOneOf("kind", i.kind, "invitation kind", kInvitationKinds));
  BB_RETURN_IF_ERROR(CheckOneOf("status", i.status, "invitation status", kInvitationStatuses));
  if (i.target.empty()) return InvalidArgumentError("target", "name what the invitation is to");
  if (CountCodePoints(i.message) > 2000) return InvalidArgumentError("message", "use at most 2000 characters");
  if (i.kind == "membership") {
    if (i.invitee_email.empty()) return InvalidArgumentError("email", "give the email of the person to invite");
    if (i.role != "admin" && i.role != "member") return InvalidArgumentError("role", "use \"admin\" or \"member\"");
  } else if (i.kind == "delegate") {
    if (i.invitee_user.empty()) return InvalidArgumentError("user", "name the account of the person to invite");
  } else if (i.opportunity.empty() || i.invitee_organization.empty() || i.inviter_organization.empty()) {
    return InvalidArgumentError("opportunity", "name the opportunity and both organisations");
  }
  return Status::Ok();
}

json::object ToJson(const Invitation& i) {
  json::object out;
  out["type"] = "invitation";
  out["id"] = i.id;
  out["kind"] = i.kind;
  out["target"] = i.target;
  PutString(out, "opportunity", i.opportunity);
  PutString(out, "invitee_email", i.invitee_email);
  PutString(out, "invitee_user", i.invitee_user);
  PutString(out, "invitee_organization", i.invitee_organization);
  PutString(out, "invited_by", i.invited_by);
  PutString(out, "inviter_organization", i.inviter_organization);
  PutString(out, "role", i.role);
  if (!i.delegate.empty()) out["delegate"] = i.delegate;
  PutString(out, "message", i.message);
  out["status"] = i.status;
  PutString(out, "decided_by", i.decided_by);
  if (i.decided_at) out["decided_at"] = FormatTimestamp(*i.decided_at);
  out["expires_at"] = FormatTimestamp(i.expires_at);
  return out;
}

Result<Invitation> InvitationFromJson(const json::object& object) {
  RecordReader in(object, {"id", "kind", "target", "opportunity", "invitee_email", "invitee_user", "invitee_organization",
                           "invited_by", "inviter_organization", "role", "delegate", "message", "status", "decided_by",
                           "decided_at", "expires_at"});
  Invitation i;
  BB_RETURN_IF_ERROR(in.Type("invitation"));
  BB_RETURN_IF_ERROR(in.String("id", i.id));
  BB_RETURN_IF_ERROR(in.String("kind", i.kind));
  BB_RETURN_IF_ERROR(in.String("target", i.target));
  BB_RETURN_IF_ERROR(in.String("opportunity", i.opportunity));
  BB_RETURN_IF_ERROR(in.String("invitee_email", i.invitee_email));
  BB_RETURN_IF_ERROR(in.String("invitee_user", i.invitee_user));
  BB_RETURN_IF_ERROR(in.String("invitee_organization", i.invitee_organization));
  BB_RETURN_IF_ERROR(in.String("invited_by", i.invited_by));
  BB_RETURN_IF_ERROR(in.String("inviter_organization", i.inviter_organization));
  BB_RETURN_IF_ERROR(in.String("role", i.role));
  if (const json::value* d = object.if_contains("delegate"); d && !d->is_null()) {
    if (!d->is_object()) return WrongType("delegate", "an object", *d);
    i.delegate = d->get_object();
  }
  BB_RETURN_IF_ERROR(in.String("message", i.message));
  BB_RETURN_IF_ERROR(in.String("status", i.status));
  if (i.status.empty()) i.status = "pending";
  BB_RETURN_IF_ERROR(in.String("decided_by", i.decided_by));
  Timestamp decided{};
  if (in.Has("decided_at")) {
    BB_RETURN_IF_ERROR(in.Time("decided_at", decided));
    i.decided_at = decided;
  }
  BB_RETURN_IF_ERROR(in.Time("expires_at", i.expires_at));
  return i;
}

}  // namespace biobridge::domain
