// Store: the system of record of BioBridge.
//
// One interface, implemented by SqliteStore (the embedded default) and later
// by a PostgreSQL store; store_contract_test.h holds the tests every
// implementation must pass.
//
// Contract for every implementation:
// - Thread-safe: any number of threads may call any method at once. Writes are
//   serialised (one writer); reads never see a half-applied write.
// - Every write commits, in one transaction, the row(s), an audit record (who,
//   when, what changed: per field, the value before and after) and, for
//   directory records, users and memberships, a change record that search
//   indexes and other nodes follow. Sign-ins and tokens are audited without a
//   change record. Secrets (password hashes, tokens) never enter the audit log.
//   The audit record of a create lists no fields: the record's version 1 is
//   the create, updates record each value they overwrite, and a delete records
//   the whole record, so that every version can be rebuilt from the audit log
//   and the current row.
// - Records carry a version: it is 1 on create and grows by one per committed
//   change. Updates and deletes name the version they were based on and fail
//   with kAborted when another change came first (0 means "any version" for
//   deletes by an administrator's tooling).
// - Failures: kNotFound for a missing record; kAlreadyExists for a taken id or
//   email; kInvalidArgument naming the field for a reference to a missing
//   record (an opportunity's organisation); kFailedPrecondition when a delete
//   would orphan other records; kUnavailable when the database is busy or
//   unreachable; kInternal for anything else, with the cause in the message.
// - Validation of field values against the vocabularies is the caller's job
//   (service/); the store keeps what it is given.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "base/json.h"
#include "base/status.h"
#include "base/time.h"
#include "domain/account.h"
#include "domain/collaboration.h"
#include "domain/committee.h"
#include "domain/deal.h"
#include "domain/event.h"
#include "domain/invitation.h"
#include "domain/message.h"
#include "domain/notification.h"
#include "domain/saved_search.h"
#include "domain/certificate.h"
#include "domain/document.h"
#include "domain/opportunity.h"
#include "domain/organization.h"
#include "domain/programme.h"
#include "domain/queries.h"

namespace biobridge::storage {

// Defined in domain/queries.h, shared with service/.
using domain::PageRequest;
using domain::Page;
using domain::OrganizationFilter;
using domain::OpportunityFilter;
using domain::ApiToken;
using domain::RecordJson;
using domain::InterestSide;
using domain::DealFilter;
using domain::InvitationFilter;
using domain::ProgrammeOpportunity;
using domain::InvitationEffect;
using domain::ReviewFilter;
using domain::OutboxMail;
using domain::NotificationPage;
using domain::NotificationQuery;

// A mail to send that is not a notification (an address to verify, a
// password reset, an invitation to someone without an account): written to
// the outbox in the transaction of the change that asks for it.
struct MailRequest {
  std::string recipient_user;  // '' for an address without an account
  std::string to_address;
  std::string kind;            // "verify_email", "password_reset", "invitation", ...
  std::string language;        // en, zh or ru
  json::object payload;        // what the mail is made from
};

// Who makes a change and when; goes into the audit and change records. The
// notices and mails are written in the same transaction as the change, by
// every write method of the store (the outbox): none when it fails.
struct WriteContext {
  std::string actor;  // a user id, or "system:<what>" for the platform itself
  Timestamp at;
  std::vector<domain::Notice> notices;
  std::vector<MailRequest> mails;
};





struct AuditEntry {
  std::int64_t seq = 0;
  Timestamp at;
  std::string actor;
  std::string action;       // "create", "update", "delete", "import", "sign_in", ...
  std::string entity_type;  // "organization", "opportunity", "user", "membership", "session", "api_token"
  std::string entity_id;
  json::object changes;     // field -> {"before": v, "after": v}; either side absent when it was
};

struct ChangeRecord {
  std::int64_t seq = 0;  // strictly increasing in commit order
  Timestamp at;
  std::string entity_type;
  std::string entity_id;
  std::string operation;  // "upsert" or "delete"
  std::int64_t version = 0;
};

struct Session {
  std::string token_hash;  // never the token itself
  std::string user_id;
  Timestamp created_at;
  Timestamp expires_at;
  std::string id;          // shown in the list of a user's sessions; not a secret
  std::string user_agent;  // the browser or tool that signed in, as it said
};

// What else a password change ends, in the same transaction: every other
// session of the user (all but `keep_session`, a token hash), and, when
// asked, every API token.
struct CredentialReset {
  std::string keep_session;
  bool end_api_tokens = false;
};

// A single-use link mailed to a person (the token's hash only).
struct EmailToken {
  std::string token_hash;
  std::string user_id;
  std::string purpose;  // "verify_email" or "password_reset"
  std::string email;    // the address it was sent to
  Timestamp created_at{};
  Timestamp expires_at{};
};



using DirectoryRecord = std::variant<domain::Organization, domain::Opportunity, domain::Collaboration>;

// An organisation that shared collaborations with another one.
struct Partner {
  std::string organization_id;
  std::int64_t joint = 0;         // collaborations shared
  std::optional<int> latest_year;  // of the latest one whose year is known
  friend bool operator==(const Partner&, const Partner&) = default;
};
enum class ImportOutcome { kCreated, kUpdated, kUnchanged };







// What one delivery attempt of an outbox mail came to: sent, or an error and
// when to try again (none: give up).
struct MailAttempt {
  Timestamp at;
  bool sent = false;
  std::string error;
  std::optional<Timestamp> retry_at;
};



class Store {
 public:
  virtual ~Store() = default;

  // --- Organisations -------------------------------------------------------
  virtual Result<domain::Organization> GetOrganization(std::string_view id) = 0;
  // Those of `ids` that exist, in the order asked, read at one moment (for
  // lists that name thousands: an event's participants).
  virtual Result<std::vector<domain::Organization>> GetOrganizations(const std::vector<std::string>& ids) = 0;
  virtual Result<RecordJson> GetOrganizationJson(std::string_view id) = 0;
  virtual Result<Page<domain::Organization>> ListOrganizations(const OrganizationFilter& filter,
                                                               const PageRequest& page) = 0;
  // The same page with each record as stored (RecordJson): for the API's
  // list, which sends it without decoding and encoding each record.
  virtual Result<Page<RecordJson>> ListOrganizationsJson(const OrganizationFilter& filter, const PageRequest& page) = 0;
  // Stores a new organisation (its meta is set by the store); kAlreadyExists
  // when the id is taken. With `founder_user_id`, that user becomes the
  // organisation's admin in the same transaction (kNotFound if no such user).
  virtual Result<domain::Organization> CreateOrganization(domain::Organization organization,
                                                          const WriteContext& context,
                                                          std::string_view founder_user_id = {}) = 0;
  // Replaces every field; `organization.meta.version` must be the stored one.
  virtual Result<domain::Organization> UpdateOrganization(domain::Organization organization,
                                                          const WriteContext& context) = 0;
  // kFailedPrecondition while the organisation still has opportunities,
  // documents, collaborations, interests or deals; its memberships go with it.
  virtual Status DeleteOrganization(std::string_view id, std::int64_t expected_version,
                                    const WriteContext& context) = 0;

  // --- Opportunities -------------------------------------------------------
  virtual Result<domain::Opportunity> GetOpportunity(std::string_view id) = 0;
  // Those of `ids` that exist, in the order asked, read at one moment.
  virtual Result<std::vector<domain::Opportunity>> GetOpportunities(const std::vector<std::string>& ids) = 0;
  virtual Result<Page<domain::Opportunity>> ListOpportunities(const OpportunityFilter& filter,
                                                              const PageRequest& page) = 0;
  virtual Result<domain::Opportunity> CreateOpportunity(domain::Opportunity opportunity,
                                                        const WriteContext& context) = 0;
  virtual Result<domain::Opportunity> UpdateOpportunity(domain::Opportunity opportunity,
                                                        const WriteContext& context) = 0;
  // kFailedPrecondition while the opportunity still has documents.
  virtual Status DeleteOpportunity(std::string_view id, std::int64_t expected_version,
                                   const WriteContext& context) = 0;

  // --- Collaborations ------------------------------------------------------
  // Written by ImportRecords (every organisation named must exist:
  // kInvalidArgument naming "organizations[i]"). An organisation named by a
  // collaboration cannot be deleted (kFailedPrecondition).
  virtual Result<domain::Collaboration> GetCollaboration(std::string_view id) = 0;
  // The collaborations `organization_id` took part in, latest year first
  // (unknown years last), then by id.
  virtual Result<Page<domain::Collaboration>> ListCollaborations(std::string_view organization_id,
                                                                 const PageRequest& page) = 0;
  // The organisations that shared a collaboration with `organization_id`,
  // most shared first, then latest year (unknown last), then id; at most
  // `limit` of them.
  virtual Result<std::vector<Partner>> ListPartners(std::string_view organization_id, int limit) = 0;
  virtual Status DeleteCollaboration(std::string_view id, std::int64_t expected_version,
                                     const WriteContext& context) = 0;
  // --- Bulk ----------------------------------------------------------------
  // Creates each record, or replaces the stored one whatever its version
  // (kUnchanged when identical: nothing is written). Each record succeeds or
  // fails on its own; the batch is committed together for throughput. The
  // result has one entry per record, in order. The store sets the meta of
  // each record it writes (hence the records are not const).
  virtual std::vector<Result<ImportOutcome>> ImportRecords(std::span<DirectoryRecord> records,
                                                           const WriteContext& context) = 0;
  // Loading many records into an empty directory: StartBulkLoad drops the
  // indexes that serve lists and the audit trail, so that ImportRecords need
  // not maintain them row by row; FinishBulkLoad builds them again, each in
  // one sorted pass. Every read stays correct meanwhile, only slower; if the
  // process stops in between, the store rebuilds them when next opened.
  // kFailedPrecondition when the directory is not empty.
  virtual Status StartBulkLoad() = 0;
  virtual Status FinishBulkLoad() = 0;
  // Visits every organisation (then, separately, every opportunity) in id
  // order from one consistent snapshot; stops at the visitor's first error.
  virtual Status ForEachOrganization(const std::function<Status(const domain::Organization&)>& visit) = 0;
  virtual Status ForEachOpportunity(const std::function<Status(const domain::Opportunity&)>& visit) = 0;
  virtual Status ForEachCollaboration(const std::function<Status(const domain::Collaboration&)>& visit) = 0;

  // --- Contacts and deals --------------------------------------------------
  // Interests and deals are audited and change-logged like directory records.
  // Rules (who may, which moves) are the service's; the store checks what
  // only it can: that the organisations and the opportunity exist
  // (kInvalidArgument naming the field), that an opportunity belongs to
  // `to_organization`, versions (kAborted), and one pending interest per
  // sender and target (kAlreadyExists).
  virtual Result<domain::Interest> CreateInterest(domain::Interest interest, const WriteContext& context) = 0;
  virtual Result<domain::Interest> GetInterest(std::string_view id) = 0;
  // Newest first.
  virtual Result<Page<domain::Interest>> ListInterests(std::string_view organization_id, InterestSide side,
                                                       const PageRequest& page) = 0;
  // A pending interest becomes accepted and opens `deal` (its id, programme
  // and opening move given; parties, opportunity and stage taken from the
  // interest) in the same transaction. kFailedPrecondition unless pending.
  virtual Result<domain::Deal> AcceptInterest(std::string_view interest_id, std::int64_t expected_version,
                                              domain::Deal deal, const WriteContext& context) = 0;
  // kFailedPrecondition unless pending.
  virtual Result<domain::Interest> DeclineInterest(std::string_view interest_id, std::int64_t expected_version,
                                                   std::string reason, std::string note,
                                                   const WriteContext& context) = 0;
  // With its moves and acceptances.
  virtual Result<domain::Deal> GetDeal(std::string_view id) = 0;
  // Newest first, with moves and acceptances.
  virtual Result<Page<domain::Deal>> ListDeals(const DealFilter& filter, const PageRequest& page) = 0;
  // Every deal the filter selects, oldest first, with moves and acceptances.
  virtual Status ForEachDeal(const DealFilter& filter, const std::function<Status(const domain::Deal&)>& visit) = 0;
  // Records `move` (from the deal's current stage, which the caller checked)
  // and sets the stage: kAborted when the deal changed since
  // `expected_version`, kFailedPrecondition when `move.from` is not its stage.
  virtual Result<domain::Deal> MoveDeal(std::string_view deal_id, std::int64_t expected_version,
                                        domain::DealMove move, const WriteContext& context) = 0;
  // Replaces what the parties wrote about the deal (validated by the
  // caller): kAborted when it changed since `expected_version`.
  virtual Result<domain::Deal> UpdateDealDetails(std::string_view deal_id, std::int64_t expected_version,
                                                 domain::DealDetails details, const WriteContext& context) = 0;
  // Records one party's acceptance; kInvalidArgument unless the organisation
  // is a party, kAlreadyExists when that party already accepted.
  virtual Result<domain::Deal> AcceptCda(std::string_view deal_id, domain::CdaAcceptance acceptance,
                                         const WriteContext& context) = 0;

  // --- Programmes ------------------------------------------------------------
  // kInvalidArgument ("operator") when the operating organisation is missing;
  // kAlreadyExists for a taken id.
  virtual Result<domain::Programme> CreateProgramme(domain::Programme programme, const WriteContext& context) = 0;
  virtual Result<domain::Programme> GetProgramme(std::string_view id) = 0;
  // In order of creation.
  virtual Result<Page<domain::Programme>> ListProgrammes(const PageRequest& page) = 0;
  // Adds an opportunity to a programme (kInvalidArgument "opportunity" when
  // it does not exist; nothing happens when it is in already).
  virtual Status AddProgrammeOpportunity(std::string_view programme_id, std::string_view opportunity_id,
                                         const WriteContext& context) = 0;
  // The opportunities of a programme, by id.
  virtual Result<std::vector<std::string>> ListProgrammeOpportunities(std::string_view programme_id) = 0;
  // The programmes an opportunity belongs to, by id.
  virtual Result<std::vector<std::string>> ProgrammesOfOpportunity(std::string_view opportunity_id) = 0;

  // --- The expert committee ------------------------------------------------
  // Experts, projects for review, committees and reviews are audited like
  // programmes (no change record: search does not index them). Updates name
  // the version they were based on (kAborted when another change came first).
  // kAlreadyExists for a taken id, or (field "user") an account that has an
  // expert profile already.
  virtual Result<domain::Expert> CreateExpert(domain::Expert expert, const WriteContext& context) = 0;
  virtual Result<domain::Expert> UpdateExpert(domain::Expert expert, std::int64_t expected_version,
                                              const WriteContext& context) = 0;
  virtual Result<domain::Expert> GetExpert(std::string_view id) = 0;
  // The expert profile of an account; kNotFound when it has none.
  virtual Result<domain::Expert> FindExpertOfUser(std::string_view user_id) = 0;
  // In order of creation.
  virtual Result<Page<domain::Expert>> ListExperts(const PageRequest& page) = 0;
  // kInvalidArgument ("programme", "organization") for a missing reference.
  virtual Result<domain::ReviewProject> CreateReviewProject(domain::ReviewProject project,
                                                            const WriteContext& context) = 0;
  virtual Result<domain::ReviewProject> UpdateReviewProject(domain::ReviewProject project,
                                                            std::int64_t expected_version,
                                                            const WriteContext& context) = 0;
  virtual Result<domain::ReviewProject> GetReviewProject(std::string_view id) = 0;
  // A programme's projects, or (organization_id not empty) one applicant's; in
  // order of submission.
  virtual Result<std::vector<domain::ReviewProject>> ListReviewProjects(std::string_view programme_id,
                                                                        std::string_view organization_id) = 0;
  // kNotFound when the programme has no committee yet.
  virtual Result<domain::Committee> GetCommittee(std::string_view programme_id) = 0;
  // Every committee, by programme id.
  virtual Result<std::vector<domain::Committee>> ListCommittees() = 0;
  // Creates (expected_version 0; kInvalidArgument "programme" when it does
  // not exist) or replaces the committee of a programme.
  virtual Result<domain::Committee> PutCommittee(domain::Committee committee, std::int64_t expected_version,
                                                 const WriteContext& context) = 0;
  // One review per project and expert (kAlreadyExists otherwise).
  virtual Result<domain::Review> CreateReview(domain::Review review, const WriteContext& context) = 0;
  virtual Result<domain::Review> UpdateReview(domain::Review review, std::int64_t expected_version,
                                              const WriteContext& context) = 0;
  virtual Result<domain::Review> GetReview(std::string_view id) = 0;
  // In order of creation.
  virtual Result<std::vector<domain::Review>> ListReviews(const ReviewFilter& filter) = 0;

  // --- Partnering events ----------------------------------------------------
  // Events, delegates and meeting requests, audited and versioned like the
  // committee's documents. kInvalidArgument naming the field for a missing
  // event, organisation or delegate; kAlreadyExists for a taken id, or for a
  // second request between the same delegates in the same direction.
  virtual Result<domain::Event> CreateEvent(domain::Event event, const WriteContext& context) = 0;
  virtual Result<domain::Event> UpdateEvent(domain::Event event, std::int64_t expected_version,
                                            const WriteContext& context) = 0;
  virtual Result<domain::Event> GetEvent(std::string_view id) = 0;
  // In order of creation.
  virtual Result<Page<domain::Event>> ListEvents(const PageRequest& page) = 0;
  virtual Result<domain::Delegate> CreateDelegate(domain::Delegate delegate, const WriteContext& context) = 0;
  virtual Result<domain::Delegate> UpdateDelegate(domain::Delegate delegate, std::int64_t expected_version,
                                                  const WriteContext& context) = 0;
  virtual Result<domain::Delegate> GetDelegate(std::string_view id) = 0;
  // An event's delegates, in order of registration.
  virtual Result<std::vector<domain::Delegate>> ListDelegates(std::string_view event_id) = 0;
  virtual Result<domain::MeetingRequest> CreateMeetingRequest(domain::MeetingRequest request,
                                                              const WriteContext& context) = 0;
  virtual Result<domain::MeetingRequest> UpdateMeetingRequest(domain::MeetingRequest request,
                                                              std::int64_t expected_version,
                                                              const WriteContext& context) = 0;
  virtual Result<domain::MeetingRequest> GetMeetingRequest(std::string_view id) = 0;
  // An event's meeting requests, in order of creation.
  virtual Result<std::vector<domain::MeetingRequest>> ListMeetingRequests(std::string_view event_id) = 0;
  // kNotFound when the event has no schedule yet.
  virtual Result<domain::Schedule> GetSchedule(std::string_view event_id) = 0;
  // Creates (expected_version 0; kInvalidArgument "event" when it does not
  // exist) or replaces the schedule of an event.
  virtual Result<domain::Schedule> PutSchedule(domain::Schedule schedule, std::int64_t expected_version,
                                               const WriteContext& context) = 0;

  // --- Invitations -----------------------------------------------------------
  // Audited and versioned like the committee's documents. kAlreadyExists when
  // the same invitation (kind, target, opportunity, invitee) is pending.
  virtual Result<domain::Invitation> CreateInvitation(domain::Invitation invitation, const WriteContext& context) = 0;
  virtual Result<domain::Invitation> GetInvitation(std::string_view id) = 0;
  // Newest first.
  virtual Result<std::vector<domain::Invitation>> ListInvitations(const InvitationFilter& filter) = 0;
  // Decides a pending invitation: `decision` is "accepted", "declined" or
  // "withdrawn", by `decided_by` (a user id). kFailedPrecondition unless it
  // is pending and not expired at context.at; kAborted when it changed since
  // `expected_version`. Accepting applies `effect` (which must be of the
  // invitation's kind) in the same transaction: a membership (as
  // PutMembership), a delegate (as CreateDelegate), or an opportunity placed
  // in a programme (as AddProgrammeOpportunity), with their errors.
  virtual Result<domain::Invitation> DecideInvitation(std::string_view id, std::int64_t expected_version,
                                                      std::string decision, std::string decided_by,
                                                      const InvitationEffect& effect, const WriteContext& context) = 0;

  // --- Users and memberships ----------------------------------------------
  // kAlreadyExists (field "email") when the email is taken.
  virtual Result<domain::User> CreateUser(domain::User user, std::string password_hash,
                                          const WriteContext& context) = 0;
  virtual Result<domain::User> GetUser(std::string_view id) = 0;
  virtual Result<domain::User> FindUserByEmail(std::string_view email) = 0;
  virtual Result<std::string> GetPasswordHash(std::string_view user_id) = 0;
  virtual Result<std::int64_t> CountUsers() = 0;
  // Sets the platform roles of a user (platform admin, expert, event
  // organiser), audited with each role before and after, with a change
  // record; kNotFound for a missing user, kAborted when it changed since
  // `expected_version`.
  // Changes a user's display name, language and time zone (nothing else) at
  // `expected_version` (kAborted otherwise).
  virtual Result<domain::User> UpdateUserProfile(domain::User user, std::int64_t expected_version,
                                                 const WriteContext& context) = 0;
  virtual Result<domain::User> UpdateUserRoles(domain::User user, std::int64_t expected_version,
                                               const WriteContext& context) = 0;
  // Replaces the password hash (audited without the hash) and ends the
  // sessions and tokens `reset` names; kNotFound.
  virtual Status UpdatePasswordHash(std::string_view user_id, std::string password_hash, const CredentialReset& reset,
                                    const WriteContext& context) = 0;
  // Adds the membership or changes its role; kNotFound for a missing user or
  // organisation.
  // Keeps a token (its mail comes with the context). kNotFound for no such user.
  virtual Status CreateEmailToken(const EmailToken& token, const WriteContext& context) = 0;
  // When the user was last sent a token for `purpose` (nullopt: never).
  virtual Result<std::optional<Timestamp>> LastEmailToken(std::string_view user_id, std::string_view purpose) = 0;
  // Uses a verify_email token: the user's address is verified, if it is
  // still the one the link went to. kInvalidArgument ("token") for a token
  // unknown, used, expired or for another purpose; nothing changes then.
  virtual Result<domain::User> VerifyEmail(std::string_view token_hash, const WriteContext& context) = 0;
  // Uses a password_reset token: the new hash, every session and API token
  // ended, the address verified (the link proved it), in one transaction.
  // kInvalidArgument ("token") as above.
  virtual Result<domain::User> ResetPassword(std::string_view token_hash, std::string password_hash,
                                             const WriteContext& context) = 0;
  virtual Status PutMembership(const domain::Membership& membership, const WriteContext& context) = 0;
  virtual Status DeleteMembership(std::string_view user_id, std::string_view organization_id,
                                  const WriteContext& context) = 0;
  virtual Result<std::vector<domain::Membership>> ListMembershipsOfUser(std::string_view user_id) = 0;
  virtual Result<std::vector<domain::Membership>> ListMembersOfOrganization(std::string_view organization_id) = 0;

  // --- Credentials ---------------------------------------------------------
  virtual Status CreateSession(const Session& session, const WriteContext& context) = 0;
  // kNotFound when there is no such session or it expired before `now`.
  virtual Result<Session> FindSession(std::string_view token_hash, Timestamp now) = 0;
  virtual Status DeleteSession(std::string_view token_hash, const WriteContext& context) = 0;
  // A user's sessions that have not expired at `now`, newest first.
  virtual Result<std::vector<Session>> ListSessions(std::string_view user_id, Timestamp now) = 0;
  // Ends one of the user's sessions by its id; kNotFound unless it is theirs.
  virtual Status DeleteSessionById(std::string_view user_id, std::string_view session_id,
                                   const WriteContext& context) = 0;
  virtual Status CreateApiToken(const ApiToken& token, const WriteContext& context) = 0;
  virtual Result<ApiToken> FindApiToken(std::string_view token_hash) = 0;
  virtual Result<std::vector<ApiToken>> ListApiTokens(std::string_view user_id) = 0;
  // kNotFound unless the token exists and belongs to `user_id`.
  virtual Status DeleteApiToken(std::string_view user_id, std::string_view token_id,
                                const WriteContext& context) = 0;

  // --- Journal -------------------------------------------------------------
  // Audit records of one entity, oldest first.
  // --- Notifications, mail and messages (0009_notifications.sql) ---
  // Notices and mails come with the WriteContext of any write. A recipient
  // who wants a kind "immediately" and has an address gets an outbox mail
  // with the notification; "daily" and "weekly" wait for a digest.

  virtual Result<NotificationPage> ListNotifications(const NotificationQuery& query) = 0;
  // Marks the recipient's notifications read: those in `seqs`, or, when it
  // is empty, all up to `up_to_seq` (0: all). Returns how many changed.
  virtual Result<std::int64_t> MarkNotificationsRead(std::string_view recipient, const std::vector<std::int64_t>& seqs,
                                                     std::int64_t up_to_seq, Timestamp at) = 0;
  // The rhythms a person chose (kinds without a row follow the default).
  virtual Result<std::vector<std::pair<std::string, domain::Rhythm>>> ListNotificationPreferences(
      std::string_view user_id) = 0;
  virtual Status PutNotificationPreference(std::string_view user_id, std::string_view kind, domain::Rhythm rhythm,
                                           const WriteContext& context) = 0;
  // Whether `recipient` was ever told of `kind` about `subject_id` (jobs
  // that remind once ask this).
  virtual Result<bool> HasNotification(std::string_view recipient, std::string_view kind,
                                       std::string_view subject_id) = 0;
  // The notifications of one person's mail (by seq), in order.
  virtual Result<std::vector<domain::Notification>> GetNotifications(std::string_view recipient,
                                                                     const std::vector<std::int64_t>& seqs) = 0;

  // People with notifications waiting for a digest of `rhythm` (daily or
  // weekly): since when, and the person's time zone.
  struct DigestCandidate {
    std::string user_id;
    domain::Rhythm rhythm;
    Timestamp oldest;
    std::string time_zone;
  };
  virtual Result<std::vector<DigestCandidate>> PendingDigests() = 0;
  // Puts the user's notifications waiting for a `rhythm` digest and made
  // before `before` into one digest mail (in their language, to their
  // address), in one transaction; returns how many (0: no mail).
  virtual Result<int> QueueDigest(std::string_view user_id, domain::Rhythm rhythm, Timestamp before, Timestamp at) = 0;

  // Pending mail whose next attempt is due at `now`, oldest first.
  virtual Result<std::vector<OutboxMail>> DueMail(Timestamp now, int limit) = 0;
  virtual Status RecordMailAttempt(std::int64_t seq, const MailAttempt& attempt) = 0;
  // The outbox, newest first (for the platform admin).
  virtual Result<Page<OutboxMail>> ListMail(const PageRequest& page) = 0;

  // A new message (seq and time set by the store), with the notices of the
  // context, in one transaction.
  virtual Result<domain::Message> PostMessage(domain::Message message, const WriteContext& context) = 0;
  // A thread's messages after `after_seq`, oldest first.
  virtual Result<std::vector<domain::Message>> ListMessages(std::string_view thread, std::int64_t after_seq,
                                                            int limit) = 0;
  // The last message the user has read in the thread (0: none); marking
  // never goes back.
  virtual Result<std::int64_t> ThreadReadSeq(std::string_view user_id, std::string_view thread) = 0;
  virtual Status MarkThreadRead(std::string_view user_id, std::string_view thread, std::int64_t seq) = 0;
  // The last message of each thread a person was written to or wrote in
  // (their message_received and added_to_thread notifications, their own
  // messages), the most recently active first, at most `limit`. Whether they
  // may still read each thread is for the caller to check.
  virtual Result<std::vector<domain::Message>> LastMessagesOfThreadsFor(std::string_view user_id, int limit) = 0;
  // Adds an organisation as a guest of a thread (its members read and write
  // there), with the notices of `context`, in one transaction; false when
  // it was one already (nothing written).
  virtual Result<bool> AddThreadGuest(std::string_view thread, std::string_view organization_id,
                                      const WriteContext& context) = 0;
  // The guest organisations of a thread, in the order they were added.
  virtual Result<std::vector<std::string>> ThreadGuests(std::string_view thread) = 0;

  // Writes the notices and mails of `context` alone (for news that is not
  // a change of a record: a security notice after a change already made).
  virtual Status WriteNotices(const WriteContext& context) = 0;

  // The installation's secret called `name`: `candidate` the first time it
  // is asked for (kept), the kept one ever after.
  virtual Result<std::string> Secret(std::string_view name, std::string_view candidate) = 0;

  // --- Leases (0017_leases.sql) ---
  // Takes the lease `name` for `holder` until `until` when nobody holds it,
  // its holder's time ran out at `now`, or `holder` holds it already (then
  // it is renewed); true when `holder` holds it afterwards. One writer at a
  // time decides, so two processes never both get it.
  virtual Result<bool> TryLease(std::string_view name, std::string_view holder, Timestamp now, Timestamp until) = 0;
  // Gives the lease up, when `holder` has it (a process that stops).
  virtual Status ReleaseLease(std::string_view name, std::string_view holder) = 0;

  // --- The sign-in throttle's state (0018_sign_in_failures.sql) ---
  // Counts a failed sign-in for `key` at `now`, in one step; the count
  // starts again when the key's last failure was before `forget_before`.
  // Returns the count.
  virtual Result<int> RecordSignInFailure(std::string_view key, Timestamp now, Timestamp forget_before) = 0;
  // Sign-ins with `key` are refused until `until`.
  virtual Status LockSignIn(std::string_view key, Timestamp until) = 0;
  // The latest time any of `keys` is locked until (the epoch when none ever was).
  virtual Result<Timestamp> SignInLockedUntil(const std::vector<std::string>& keys) = 0;
  virtual Status ClearSignInFailures(std::string_view key) = 0;
  // Forgets the keys whose last failure was before `before` and that are not
  // locked then; returns how many.
  virtual Result<int> PruneSignInFailures(Timestamp before) = 0;

  // --- Saved searches and alerts (0010_saved_searches.sql) ---
  // A new saved search (id, owner, from_change_seq and created_at set by the
  // caller). kFailedPrecondition when its owner has kMaxSavedSearches already.
  virtual Status CreateSavedSearch(const domain::SavedSearch& saved, const WriteContext& context) = 0;
  virtual Result<domain::SavedSearch> GetSavedSearch(std::string_view id) = 0;
  // One person's saved searches, oldest first; everyone's when `user_id` is
  // empty (the alert job).
  virtual Result<std::vector<domain::SavedSearch>> ListSavedSearches(std::string_view user_id) = 0;
  // Changes the name and the rhythm (nothing else can change).
  virtual Status UpdateSavedSearch(const domain::SavedSearch& saved, const WriteContext& context) = 0;
  virtual Status DeleteSavedSearch(std::string_view id, const WriteContext& context) = 0;
  // Of `record_ids`, those the saved search has notified already.
  virtual Result<std::vector<std::string>> SavedSearchHits(std::string_view saved_search_id,
                                                           const std::vector<std::string>& record_ids) = 0;
  // What one round of alerts found, in one transaction: each saved search's
  // new hits (its match count and time), the notices of `context`, and the
  // cursor of `job` moved to `seq`.
  struct AlertHits {
    std::string saved_search_id;
    std::vector<std::string> record_ids;
  };
  virtual Status RecordAlerts(const std::vector<AlertHits>& hits, std::string_view job, std::int64_t seq,
                              const WriteContext& context) = 0;
  // The change record a job has read up to; nullopt before its first round.
  virtual Result<std::optional<std::int64_t>> JobCursor(std::string_view job) = 0;
  static constexpr int kMaxSavedSearches = 100;  // per person

  // --- Documents (0012_documents.sql) ---
  // A new document row (its file is kept already), audited.
  // kResourceExhausted when the organisation's documents would pass
  // domain::kDocumentQuotaBytes; kInvalidArgument ("subject") when the
  // subject is not the organisation or one of its opportunities.
  virtual Status CreateDocument(const domain::Document& document, const WriteContext& context) = 0;
  virtual Result<domain::Document> GetDocument(std::string_view id) = 0;
  // The documents attached to a subject, oldest first.
  virtual Result<std::vector<domain::Document>> ListDocuments(std::string_view subject_type,
                                                              std::string_view subject_id) = 0;
  // Deletes the row, audited; returns whether another row still uses its file.
  virtual Result<bool> DeleteDocument(std::string_view id, const WriteContext& context) = 0;
  // The bytes of an organisation's documents together.
  virtual Result<std::int64_t> DocumentBytes(std::string_view organization_id) = 0;
  // Every document, oldest first (backups copy their files).
  virtual Status ForEachDocument(const std::function<Status(const domain::Document&)>& visit) = 0;

  // A copy of the whole database as it is at one moment, written to a new
  // file at `path` (kAlreadyExists when it exists).
  virtual Status BackupTo(const std::string& path) = 0;

  // --- Certificates and accreditations (0013_certificates.sql) ---
  // Every write appends a change record ("certificates", organisation id) so
  // that the search index refreshes the organisation and its opportunities.
  // A new certificate, audited: kNotFound without the organisation;
  // kResourceExhausted past domain::kMaxCertificatesPerOrganization.
  virtual Status CreateCertificate(const domain::Certificate& certificate, const WriteContext& context) = 0;
  virtual Result<domain::Certificate> GetCertificate(std::string_view id) = 0;
  // An organisation's certificates by kind, then issue date.
  virtual Result<std::vector<domain::Certificate>> ListCertificates(std::string_view organization_id) = 0;
  // The certificates of each of `organization_ids` that has any, in the
  // order ListCertificates gives them, read at one moment.
  virtual Result<std::map<std::string, std::vector<domain::Certificate>, std::less<>>> ListCertificatesOf(
      const std::vector<std::string>& organization_ids) = 0;
  virtual Status ForEachCertificate(const std::function<Status(const domain::Certificate&)>& visit) = 0;
  // Replaces the fields of the certificate (version + 1, updated_at), audited;
  // kAborted when its version is not `certificate.version`.
  virtual Result<domain::Certificate> UpdateCertificate(const domain::Certificate& certificate,
                                                        const WriteContext& context) = 0;
  // kFailedPrecondition while it still has documents.
  virtual Status DeleteCertificate(std::string_view id, std::int64_t expected_version, const WriteContext& context) = 0;
  // Certificates not yet seen lapsed that expire on or before `date`, for
  // the expiry round.
  virtual Result<std::vector<domain::Certificate>> ListCertificatesExpiringBy(const Date& date) = 0;
  // The expiry round's state of one certificate (not a user's edit: no
  // version), with the notices of `context` in the same transaction.
  virtual Status RecordCertificateReminder(std::string_view id, int reminded_days, bool lapsed,
                                           const WriteContext& context) = 0;
  // Organisations a platform admin accredited to verify certificates.
  virtual Status SetAccreditation(std::string_view organization_id, bool accredited, const WriteContext& context) = 0;
  virtual Result<bool> IsAccredited(std::string_view organization_id) = 0;

  // --- Regulatory profiles (0014_regulatory_profiles.sql) ---
  struct StoredProfile {
    std::string jurisdiction;
    std::string doc;  // the profile's JSON
    std::string updated_by;
    Timestamp updated_at{};
    std::int64_t version = 0;
  };
  virtual Result<std::vector<StoredProfile>> ListRegulatoryProfiles() = 0;
  // Writes every profile of `profiles` (jurisdiction, JSON) in one
  // transaction, each a new version, audited.
  virtual Status PutRegulatoryProfiles(const std::vector<std::pair<std::string, std::string>>& profiles,
                                       const WriteContext& context) = 0;

  // --- Market-development plans (0015_plans.sql) ---
  using StoredPlan = domain::StoredPlan;
  // kNotFound without the organisation.
  virtual Status CreatePlan(const StoredPlan& plan, const WriteContext& context) = 0;
  virtual Result<StoredPlan> GetPlan(std::string_view id) = 0;
  // An organisation's plans, newest first; or, with `shared`, the plans
  // shared with it.
  virtual Result<std::vector<StoredPlan>> ListPlans(std::string_view organization_id, bool shared) = 0;
  // Replaces doc and visibility; kAborted unless `plan.version` is the
  // stored one; returns the new version.
  virtual Result<std::int64_t> UpdatePlan(const StoredPlan& plan, const WriteContext& context) = 0;
  // With its shares.
  virtual Status DeletePlan(std::string_view id, std::int64_t expected_version, const WriteContext& context) = 0;
  // Shares the plan with an organisation (kNotFound without it) or stops.
  virtual Status SetPlanShare(std::string_view plan_id, std::string_view organization_id, bool shared,
                              const WriteContext& context) = 0;
  virtual Result<std::vector<std::string>> ListPlanShares(std::string_view plan_id) = 0;

  virtual Result<std::vector<AuditEntry>> ListAudit(std::string_view entity_type, std::string_view entity_id) = 0;
  // Change records with seq > after_seq, oldest first, at most `limit`.
  virtual Result<std::vector<ChangeRecord>> ListChanges(std::int64_t after_seq, int limit) = 0;
  // The seq of the newest change record; 0 when there is none.
  virtual Result<std::int64_t> LatestChangeSeq() = 0;
  // Returns when another process or node may have written change records,
  // or after `timeout` (then false): what a follower of the change log waits
  // on between catch-ups. Where the engine cannot tell (SQLite), it waits
  // the whole timeout. kUnavailable when the database cannot be reached.
  virtual Result<bool> WaitForChanges(std::chrono::milliseconds timeout) = 0;
};

}  // namespace biobridge::storage
