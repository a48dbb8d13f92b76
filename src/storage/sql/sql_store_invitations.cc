// SqlStore: invitations (schema 0008_consent.sql), a document table
// (doc_tables.h) whose acceptance applies its effect in the same
// transaction.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "domain/invitation.h"
#include "storage/sql/connection.h"
#include "storage/sql/doc_tables.h"
#include "storage/sql/journal_rows.h"
#include "storage/sql/sql_store.h"

namespace biobridge::storage::sql {
namespace {

using domain::Invitation;

const DocTable kInvitations{"invitations",
                            "invitation",
                            "invitation",
                            {"kind", "target", "opportunity", "invitee_email", "invitee_user", "invitee_organization",
                             "inviter_organization", "status", "expires_at"}};

const Kind<Invitation> kInvitationKind{
    kInvitations, [](const Invitation& i) { return i.id; }, [](const Invitation& i) { return domain::ToJson(i); },
    domain::InvitationFromJson,
    [](const Invitation& i) {
      return std::vector<std::string>{i.kind,
                                      i.target,
                                      i.opportunity,
                                      i.invitee_email,
                                      i.invitee_user,
                                      i.invitee_organization,
                                      i.inviter_organization,
                                      i.status,
                                      std::to_string(ToUnixMillis(i.expires_at))};
    },
    [](Connection&, const Invitation& i) { return domain::ValidateInvitation(i); }};

Result<Invitation> SelectInvitation(Connection& c, std::string_view id) {
  BB_ASSIGN_OR_RETURN(std::vector<Invitation> found, ListIn(c, kInvitationKind, "WHERE id = ?", {std::string(id)}));
  if (found.empty()) return NotFoundError(fmt::format("no invitation has id '{}'", id));
  return std::move(found.front());
}

Status ApplyEffect(Connection& c, const Invitation& invitation, const InvitationEffect& effect,
                   const WriteContext& context) {
  if (const auto* membership = std::get_if<domain::Membership>(&effect); membership && invitation.kind == "membership") {
    return WriteMembership(c, *membership, context);
  }
  if (const auto* delegate = std::get_if<domain::Delegate>(&effect); delegate && invitation.kind == "delegate") {
    domain::Delegate copy = *delegate;
    return InsertDelegate(c, copy, context);
  }
  if (const auto* placed = std::get_if<ProgrammeOpportunity>(&effect);
      placed && invitation.kind == "programme_opportunity") {
    return InsertProgrammeOpportunity(c, placed->programme_id, placed->opportunity_id, context);
  }
  return InternalError(fmt::format("accepting a {} invitation needs its own kind of effect", invitation.kind));
}

}  // namespace

Result<Invitation> SqlStore::CreateInvitation(Invitation invitation, const WriteContext& context) {
  invitation.status = "pending";
  BB_RETURN_IF_ERROR(domain::ValidateInvitation(invitation));
  BB_RETURN_IF_ERROR(WriteTransaction(context, [&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(Statement same,
                        c.Prepare("SELECT 1 FROM invitations WHERE kind = ? AND target = ? AND opportunity = ? AND "
                                  "invitee_email = ? AND invitee_user = ? AND invitee_organization = ? AND "
                                  "status = 'pending' AND expires_at > ?"));
    BB_ASSIGN_OR_RETURN(bool pending, same.Bind(1, invitation.kind)
                                          .Bind(2, invitation.target)
                                          .Bind(3, invitation.opportunity)
                                          .Bind(4, invitation.invitee_email)
                                          .Bind(5, invitation.invitee_user)
                                          .Bind(6, invitation.invitee_organization)
                                          .Bind(7, ToUnixMillis(context.at))
                                          .Step());
    if (pending) return AlreadyExistsError("the same invitation is waiting for an answer already");
    return CreateIn(c, kInvitationKind, invitation, context);
  }));
  return invitation;
}

Result<Invitation> SqlStore::GetInvitation(std::string_view id) {
  Invitation invitation;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(invitation, SelectInvitation(c, id));
    return Status::Ok();
  }));
  return invitation;
}

Result<std::vector<Invitation>> SqlStore::ListInvitations(const InvitationFilter& filter) {
  std::vector<std::string> clauses;
  std::vector<std::string> values;
  auto any_of = [&](std::string_view column, const std::vector<std::string>& ids) {
    if (ids.empty()) return;
    clauses.push_back(fmt::format("{} IN ({})", column, Placeholders(ids.size())));
    values.insert(values.end(), ids.begin(), ids.end());
  };
  any_of("target", filter.targets);
  any_of("invitee_email", filter.emails);
  any_of("invitee_user", filter.users);
  any_of("invitee_organization", filter.organizations);
  any_of("inviter_organization", filter.organizations);
  if (clauses.empty()) return std::vector<Invitation>();
  std::string where = fmt::format("WHERE ({})", fmt::join(clauses, " OR "));
  if (filter.pending_at) {
    where += " AND status = 'pending' AND expires_at > ?";
    values.push_back(std::to_string(ToUnixMillis(*filter.pending_at)));
  }
  std::vector<Invitation> out;
  BB_RETURN_IF_ERROR(Read([&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(out, ListIn(c, kInvitationKind, where, values));
    return Status::Ok();
  }));
  std::reverse(out.begin(), out.end());  // newest first
  return out;
}

Result<Invitation> SqlStore::DecideInvitation(std::string_view id, std::int64_t expected_version,
                                                 std::string decision, std::string decided_by,
                                                 const InvitationEffect& effect, const WriteContext& context) {
  Invitation invitation;
  BB_RETURN_IF_ERROR(WriteTransaction(context, [&](Connection& c) -> Status {
    BB_ASSIGN_OR_RETURN(invitation, SelectInvitation(c, id));
    if (invitation.meta.version != expected_version) {
      return AbortedError(fmt::format("the invitation changed (version {} now, not {}); reload it",
                                      invitation.meta.version, expected_version));
    }
    if (invitation.status != "pending") {
      return FailedPreconditionError(fmt::format("the invitation was {} already", invitation.status));
    }
    if (!(context.at < invitation.expires_at)) {
      return FailedPreconditionError(
          fmt::format("the invitation expired on {}; ask for a new one", FormatTimestamp(invitation.expires_at)));
    }
    if (decision != "accepted" && decision != "declined" && decision != "withdrawn") {
      return InternalError(fmt::format("'{}' is not a decision on an invitation", decision));
    }
    if (decision == "accepted") BB_RETURN_IF_ERROR(ApplyEffect(c, invitation, effect, context));
    invitation.status = std::move(decision);
    invitation.decided_by = std::move(decided_by);
    invitation.decided_at = context.at;
    return UpdateIn(c, kInvitationKind, invitation, expected_version, context);
  }));
  return invitation;
}

}  // namespace biobridge::storage::sql
