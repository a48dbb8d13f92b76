#include "service/invitation_service.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/random.h"
#include "domain/event.h"
#include "domain/codec.h"
#include "service/authorization.h"
#include "service/event_people.h"
#include "service/notices.h"
#include "service/event_service.h"
#include "service/request_body.h"
#include "service/roles.h"
#include "storage/store.h"

namespace biobridge::service {

using domain::Invitation;

json::value TargetName(storage::Store& store, const Invitation& invitation) {
  if (invitation.kind == "membership") return notices::OrganizationName(store, invitation.target);
  if (invitation.kind == "delegate") return notices::EventName(store, invitation.target);
  Result<domain::Programme> programme = store.GetProgramme(invitation.target);
  if (!programme.ok() || programme->name.empty()) return json::value(invitation.target);
  return domain::ToJson(programme->name);
}

Result<Invitation> SendInvitation(const ServiceContext& context, const Principal& who, Invitation invitation) {
  invitation.id = NewId(context.random, "inv_");
  invitation.invited_by = who.user() ? who.user()->id : who.actor();
  invitation.status = "pending";
  invitation.expires_at = context.clock.Now() + std::chrono::duration_cast<std::chrono::milliseconds>(kInvitationLifetime);
  storage::WriteContext write{who.actor(), context.clock.Now()};
  const json::value target = TargetName(context.store, invitation);
  domain::Notice notice = notices::Make("invitation_received", "invitation", invitation.id, "/invitations",
                                        {{"what", invitation.kind}, {"target", target}});
  notice.except = who.actor();
  if (!invitation.invitee_user.empty()) {
    notice.users = {invitation.invitee_user};
  } else if (!invitation.invitee_organization.empty()) {
    notice.organizations = {invitation.invitee_organization};
  } else if (Result<domain::User> invitee = context.store.FindUserByEmail(invitation.invitee_email); invitee.ok()) {
    notice.users = {invitee->id};
  } else {
    // No account yet: a mail to the address, which registering answers.
    // (The answer to the one who asks is the same either way.)
    write.mails.push_back({"", invitation.invitee_email, "invitation", who.Language(),
                           json::object{{"invitation", invitation.id},
                                        {"what", invitation.kind},
                                        {"target", target}}});
  }
  if (!notice.users.empty() || !notice.organizations.empty()) write.notices.push_back(std::move(notice));
  return context.store.CreateInvitation(std::move(invitation), write);
}

namespace {

std::string NotFound(std::string_view id) { return fmt::format("no invitation has id '{}'", id); }

}  // namespace

bool InvitationService::IsInvitee(const Principal& who, const Invitation& i) const {
  if (!who.user()) return false;
  // An invitation by address is for whoever showed they read mail there.
  if (i.kind == "membership") return who.user()->email_verified_at && who.user()->email == i.invitee_email;
  if (i.kind == "delegate") return who.user()->id == i.invitee_user;
  return who.MemberOf(i.invitee_organization);
}

InvitationService::Side InvitationService::SideOf(const Principal& who, const Invitation& i) {
  if (IsInvitee(who, i)) return Side::kInvitee;
  if (who.user() && who.user()->id == i.invited_by) return Side::kInviter;
  if (i.kind == "membership" && who.AdminOf(i.inviter_organization)) return Side::kInviter;
  if (i.kind == "programme_opportunity" && who.MemberOf(i.inviter_organization)) return Side::kInviter;
  if (i.kind == "delegate") {
    Result<domain::Event> event = context_.store.GetEvent(i.target);
    if (event.ok() && IsEventOrganiser(who, *event, context_.store) && !who.platform_admin()) return Side::kInviter;
  }
  if (who.platform_admin()) return Side::kAdmin;
  return Side::kNone;
}

Result<std::pair<Invitation, InvitationService::Side>> InvitationService::Visible(const Principal& who,
                                                                                 std::string_view id) {
  BB_RETURN_IF_ERROR(RequireSignedIn(who, "see invitations"));
  Result<Invitation> invitation = context_.store.GetInvitation(id);
  if (!invitation.ok()) {
    if (invitation.status().code() == StatusCode::kNotFound) return NotFoundError(NotFound(id));
    return invitation.status();
  }
  const Side side = SideOf(who, *invitation);
  if (side == Side::kNone) return NotFoundError(NotFound(id));
  return std::pair{std::move(invitation).value(), side};
}

Result<InvitationView> InvitationService::View(const Principal& who, Invitation i, Side side, std::string_view language) {
  const std::string lang = who.Language(language);
  auto organization_name = [&](const std::string& id) -> std::string {
    if (id.empty()) return "";
    Result<domain::Organization> o = context_.store.GetOrganization(id);
    return o.ok() ? std::string(o->name.Best({lang, "en"})) : id;
  };
  auto user_name = [&](const std::string& id) -> std::string {
    if (id.empty()) return "";
    Result<domain::User> u = context_.store.GetUser(id);
    return u.ok() ? u->display_name : "";
  };
  InvitationView view;
  view.side = side == Side::kInvitee ? "invitee" : side == Side::kInviter ? "inviter" : "";
  view.invited_by_name = user_name(i.invited_by);
  view.inviter_organization_name = organization_name(i.inviter_organization);
  view.invitee_organization_name = organization_name(i.invitee_organization);
  if (i.kind == "membership") {
    view.target_name = organization_name(i.target);
  } else if (i.kind == "delegate") {
    Result<domain::Event> event = context_.store.GetEvent(i.target);
    view.target_name = event.ok() ? std::string(event->name.Best({lang, "en"})) : i.target;
    view.invitee_name = user_name(i.invitee_user);
    if (const json::value* organization = i.delegate.if_contains("organization"); organization && organization->is_string()) {
      view.organization_name = organization_name(std::string(organization->get_string()));
    }
  } else {
    Result<domain::Programme> programme = context_.store.GetProgramme(i.target);
    view.target_name = programme.ok() ? std::string(programme->name.Best({lang, "en"})) : i.target;
    view.direction = programme.ok() && programme->operator_organization == i.inviter_organization ? "operator_asks"
                                                                                                 : "owner_applies";
    Result<domain::Opportunity> opportunity = context_.store.GetOpportunity(i.opportunity);
    view.opportunity_title = opportunity.ok() ? std::string(opportunity->title.Best({lang, "en"})) : i.opportunity;
  }
  view.invitation = std::move(i);
  return view;
}

Result<std::vector<InvitationView>> InvitationService::Mine(const Principal& who, std::string_view language) {
  BB_RETURN_IF_ERROR(RequireSignedIn(who, "see your invitations"));
  if (!who.user()) return std::vector<InvitationView>();
  std::vector<std::string> emails;
  if (who.user()->email_verified_at) emails.push_back(who.user()->email);
  storage::InvitationFilter filter{.emails = std::move(emails),
                                   .users = {who.user()->id},
                                   .organizations = who.organization_ids(),
                                   .pending_at = context_.clock.Now()};
  BB_ASSIGN_OR_RETURN(std::vector<Invitation> found, context_.store.ListInvitations(filter));
  std::vector<InvitationView> out;
  for (Invitation& i : found) {
    if (!IsInvitee(who, i)) continue;  // e.g. one their organisation sent
    BB_ASSIGN_OR_RETURN(InvitationView view, View(who, std::move(i), Side::kInvitee, language));
    out.push_back(std::move(view));
  }
  return out;
}

Result<InvitationView> InvitationService::Get(const Principal& who, std::string_view id, std::string_view language) {
  BB_ASSIGN_OR_RETURN(auto found, Visible(who, id));
  return View(who, std::move(found.first), found.second, language);
}

Result<storage::InvitationEffect> InvitationService::EffectOf(const Principal& who, const Invitation& i) {
  const std::string& user_id = who.user()->id;
  if (i.kind == "membership") {
    domain::MembershipRole role = domain::MembershipRole::kMember;
    domain::ParseMembershipRole(i.role, role);
    return storage::InvitationEffect(domain::Membership{user_id, i.target, role});
  }
  if (i.kind == "delegate") {
    Result<domain::Event> event = context_.store.GetEvent(i.target);
    if (!event.ok()) return FailedPreconditionError("the event is gone");
    if (event->status == "cancelled") return FailedPreconditionError("the event was cancelled");
    json::object record = i.delegate;
    record["type"] = "delegate";
    record["id"] = NewId(context_.random, "dlg_");
    record["event"] = event->id;
    record["user"] = user_id;
    BB_ASSIGN_OR_RETURN(domain::Delegate delegate, domain::DelegateFromJson(record));
    delegate.check_in_key = NewCheckInKey(context_.random);
    if (!who.MemberOf(delegate.organization_id)) {
      return FailedPreconditionError(fmt::format(
          "you are no longer a member of organisation '{}', which the invitation asks you to represent",
          delegate.organization_id));
    }
    if (delegate.name.empty()) delegate.name = who.user()->display_name;
    Status valid = EventService(context_).CheckRegistration(*event, delegate);
    if (valid.code() == StatusCode::kInvalidArgument) {
      return FailedPreconditionError(fmt::format("the event changed since the invitation was sent ({}); ask the "
                                                 "organisers for a new one",
                                                 valid.message()));
    }
    BB_RETURN_IF_ERROR(valid);
    return storage::InvitationEffect(std::move(delegate));
  }
  // An opportunity placed in a programme: both sides must still be who they
  // were when it was asked.
  Result<domain::Programme> programme = context_.store.GetProgramme(i.target);
  Result<domain::Opportunity> opportunity = context_.store.GetOpportunity(i.opportunity);
  if (!programme.ok() || !opportunity.ok()) return FailedPreconditionError("the programme or the opportunity is gone");
  const std::string& owner = opportunity->organization_id;
  const std::string& operator_organization = programme->operator_organization;
  const bool same_sides = (i.inviter_organization == operator_organization && i.invitee_organization == owner) ||
                          (i.inviter_organization == owner && i.invitee_organization == operator_organization);
  if (!same_sides) return FailedPreconditionError("the programme or the opportunity changed hands since it was asked");
  return storage::InvitationEffect(storage::ProgrammeOpportunity{programme->id, opportunity->id});
}

Result<InvitationView> InvitationService::Decide(const Principal& who, std::string_view id, const json::object& body,
                                                 std::string_view decision) {
  BB_ASSIGN_OR_RETURN(auto found, Visible(who, id));
  auto& [invitation, side] = found;
  BB_RETURN_IF_ERROR(UnknownFields(body, {"version"}));
  BB_ASSIGN_OR_RETURN(std::int64_t version, RequiredVersion(body));
  const bool answering = decision != "withdrawn";
  if (answering && side != Side::kInvitee) {
    return PermissionDeniedError("only the one invited answers an invitation");
  }
  if (!answering && side != Side::kInviter && side != Side::kAdmin) {
    return PermissionDeniedError("only the side that asked withdraws an invitation; decline it instead");
  }
  storage::InvitationEffect effect;
  if (decision == "accepted") {
    if (!invitation.pending(context_.clock.Now())) {
      return FailedPreconditionError(invitation.status == "pending" ? "the invitation expired; ask for a new one"
                                                                    : fmt::format("the invitation was {} already",
                                                                                  invitation.status));
    }
    BB_ASSIGN_OR_RETURN(effect, EffectOf(who, invitation));
  }
  const std::string decided_by = who.user() ? who.user()->id : who.actor();
  storage::WriteContext write = Context(who);
  if (decision != "withdrawn") {
    // The one who asked learns the answer.
    write.notices.push_back(notices::ToUser(
        notices::Make("invitation_answered", "invitation", invitation.id, "/invitations",
                      {{"what", invitation.kind},
                       {"target", TargetName(context_.store, invitation)},
                       {"answer", std::string(decision)}}),
        invitation.invited_by, who.actor()));
  }
  BB_ASSIGN_OR_RETURN(Invitation decided, context_.store.DecideInvitation(id, version, std::string(decision), decided_by,
                                                                          effect, write));
  return View(who, std::move(decided), side, "");
}

Result<InvitationView> InvitationService::Accept(const Principal& who, std::string_view id, const json::object& body) {
  return Decide(who, id, body, "accepted");
}

Result<InvitationView> InvitationService::Decline(const Principal& who, std::string_view id, const json::object& body) {
  return Decide(who, id, body, "declined");
}

Result<InvitationView> InvitationService::Withdraw(const Principal& who, std::string_view id, const json::object& body) {
  return Decide(who, id, body, "withdrawn");
}

Result<std::vector<InvitationView>> InvitationService::OfOrganization(const Principal& who,
                                                                      std::string_view organization_id,
                                                                      std::string_view language) {
  BB_RETURN_IF_ERROR(context_.store.GetOrganization(organization_id).status());
  BB_RETURN_IF_ERROR(RequireMember(who, organization_id, "see its invitations"));
  const std::string id(organization_id);
  BB_ASSIGN_OR_RETURN(std::vector<Invitation> found,
                      context_.store.ListInvitations(
                          {.targets = {id}, .organizations = {id}, .pending_at = context_.clock.Now()}));
  std::vector<InvitationView> out;
  for (Invitation& i : found) {
    if (i.kind == "membership" && (i.target != id || !(who.platform_admin() || who.AdminOf(id)))) continue;
    if (i.kind == "delegate") continue;  // an event's, not the organisation's
    const Side side = i.invitee_organization == id ? Side::kInvitee : Side::kInviter;
    BB_ASSIGN_OR_RETURN(InvitationView view, View(who, std::move(i), side, language));
    out.push_back(std::move(view));
  }
  return out;
}

Result<std::vector<InvitationView>> InvitationService::OfEvent(const Principal& who, std::string_view event_id,
                                                               std::string_view language) {
  BB_RETURN_IF_ERROR(RequireSignedIn(who, "see an event's invitations"));
  BB_ASSIGN_OR_RETURN(domain::Event event, context_.store.GetEvent(event_id));
  if (!IsEventOrganiser(who, event, context_.store)) {
    return PermissionDeniedError(fmt::format("only the organisers of event '{}' see its invitations", event_id));
  }
  BB_ASSIGN_OR_RETURN(std::vector<Invitation> found,
                      context_.store.ListInvitations({.targets = {event.id}, .pending_at = context_.clock.Now()}));
  std::vector<InvitationView> out;
  for (Invitation& i : found) {
    if (i.kind != "delegate") continue;
    BB_ASSIGN_OR_RETURN(InvitationView view, View(who, std::move(i), Side::kInviter, language));
    out.push_back(std::move(view));
  }
  return out;
}

storage::WriteContext InvitationService::Context(const Principal& who) const { return {who.actor(), context_.clock.Now()}; }

}  // namespace biobridge::service
