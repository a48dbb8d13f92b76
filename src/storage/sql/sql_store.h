// SqlStore: the Store over an SQL database, written once for both engines
// it runs on (SQLite, the embedded default, and PostgreSQL), which differ
// only behind sql::Connection and in how they are opened
// (storage/sqlite/sqlite_store.h, storage/postgres/postgres_store.h).
//
// One writer connection, guarded by a mutex, runs every write transaction
// (and writers of other processes or nodes wait for one another: see
// Connection::BeginWrite); a pool of reader connections serves reads
// concurrently with it. Statements are prepared once per connection. See
// docs/storage.md for the schema.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "storage/sql/list_cache.h"
#include "storage/store.h"

namespace biobridge::storage::sql {

class Connection;
class TagDictionary;

class SqlStore : public Store {
 public:
  ~SqlStore() override;

  int schema_version() const { return schema_version_; }

  Result<domain::Organization> GetOrganization(std::string_view id) override;
  Result<std::vector<domain::Organization>> GetOrganizations(const std::vector<std::string>& ids) override;
  Result<RecordJson> GetOrganizationJson(std::string_view id) override;
  Result<Page<domain::Organization>> ListOrganizations(const OrganizationFilter& filter,
                                                       const PageRequest& page) override;
  Result<Page<RecordJson>> ListOrganizationsJson(const OrganizationFilter& filter, const PageRequest& page) override;
  Result<domain::Organization> CreateOrganization(domain::Organization organization,
                                                  const WriteContext& context,
                                                  std::string_view founder_user_id = {}) override;
  Result<domain::Organization> UpdateOrganization(domain::Organization organization,
                                                  const WriteContext& context) override;
  Status DeleteOrganization(std::string_view id, std::int64_t expected_version,
                            const WriteContext& context) override;

  Result<domain::Opportunity> GetOpportunity(std::string_view id) override;
  Result<std::vector<domain::Opportunity>> GetOpportunities(const std::vector<std::string>& ids) override;
  Result<Page<domain::Opportunity>> ListOpportunities(const OpportunityFilter& filter,
                                                      const PageRequest& page) override;
  Result<domain::Opportunity> CreateOpportunity(domain::Opportunity opportunity,
                                                const WriteContext& context) override;
  Result<domain::Opportunity> UpdateOpportunity(domain::Opportunity opportunity,
                                                const WriteContext& context) override;
  Status DeleteOpportunity(std::string_view id, std::int64_t expected_version,
                           const WriteContext& context) override;

  Result<domain::Collaboration> GetCollaboration(std::string_view id) override;
  Result<Page<domain::Collaboration>> ListCollaborations(std::string_view organization_id,
                                                         const PageRequest& page) override;
  Result<std::vector<Partner>> ListPartners(std::string_view organization_id, int limit) override;
  Status DeleteCollaboration(std::string_view id, std::int64_t expected_version,
                             const WriteContext& context) override;

  std::vector<Result<ImportOutcome>> ImportRecords(std::span<DirectoryRecord> records,
                                                   const WriteContext& context) override;
  Status StartBulkLoad() override;
  Status FinishBulkLoad() override;
  Status ForEachOrganization(const std::function<Status(const domain::Organization&)>& visit) override;
  Status ForEachOpportunity(const std::function<Status(const domain::Opportunity&)>& visit) override;
  Status ForEachCollaboration(const std::function<Status(const domain::Collaboration&)>& visit) override;

  Result<domain::Interest> CreateInterest(domain::Interest interest, const WriteContext& context) override;
  Result<domain::Interest> GetInterest(std::string_view id) override;
  Result<Page<domain::Interest>> ListInterests(std::string_view organization_id, InterestSide side,
                                               const PageRequest& page) override;
  Result<domain::Deal> AcceptInterest(std::string_view interest_id, std::int64_t expected_version, domain::Deal deal,
                                      const WriteContext& context) override;
  Result<domain::Interest> DeclineInterest(std::string_view interest_id, std::int64_t expected_version,
                                           std::string reason, std::string note,
                                           const WriteContext& context) override;
  Result<domain::Deal> GetDeal(std::string_view id) override;
  Result<Page<domain::Deal>> ListDeals(const DealFilter& filter, const PageRequest& page) override;
  Status ForEachDeal(const DealFilter& filter, const std::function<Status(const domain::Deal&)>& visit) override;
  Result<domain::Deal> UpdateDealDetails(std::string_view deal_id, std::int64_t expected_version,
                                         domain::DealDetails details, const WriteContext& context) override;
  Result<domain::Deal> MoveDeal(std::string_view deal_id, std::int64_t expected_version, domain::DealMove move,
                                const WriteContext& context) override;
  Result<domain::Deal> AcceptCda(std::string_view deal_id, domain::CdaAcceptance acceptance,
                                 const WriteContext& context) override;

  Result<domain::Programme> CreateProgramme(domain::Programme programme, const WriteContext& context) override;
  Result<domain::Programme> GetProgramme(std::string_view id) override;
  Result<Page<domain::Programme>> ListProgrammes(const PageRequest& page) override;
  Status AddProgrammeOpportunity(std::string_view programme_id, std::string_view opportunity_id,
                                 const WriteContext& context) override;
  Result<std::vector<std::string>> ListProgrammeOpportunities(std::string_view programme_id) override;
  Result<std::vector<std::string>> ProgrammesOfOpportunity(std::string_view opportunity_id) override;

  Result<domain::Expert> CreateExpert(domain::Expert expert, const WriteContext& context) override;
  Result<domain::Expert> UpdateExpert(domain::Expert expert, std::int64_t expected_version,
                                      const WriteContext& context) override;
  Result<domain::Expert> GetExpert(std::string_view id) override;
  Result<domain::Expert> FindExpertOfUser(std::string_view user_id) override;
  Result<Page<domain::Expert>> ListExperts(const PageRequest& page) override;
  Result<domain::ReviewProject> CreateReviewProject(domain::ReviewProject project, const WriteContext& context) override;
  Result<domain::ReviewProject> UpdateReviewProject(domain::ReviewProject project, std::int64_t expected_version,
                                                    const WriteContext& context) override;
  Result<domain::ReviewProject> GetReviewProject(std::string_view id) override;
  Result<std::vector<domain::ReviewProject>> ListReviewProjects(std::string_view programme_id,
                                                                std::string_view organization_id) override;
  Result<domain::Committee> GetCommittee(std::string_view programme_id) override;
  Result<std::vector<domain::Committee>> ListCommittees() override;
  Result<domain::Committee> PutCommittee(domain::Committee committee, std::int64_t expected_version,
                                         const WriteContext& context) override;
  Result<domain::Review> CreateReview(domain::Review review, const WriteContext& context) override;
  Result<domain::Review> UpdateReview(domain::Review review, std::int64_t expected_version,
                                      const WriteContext& context) override;
  Result<domain::Review> GetReview(std::string_view id) override;
  Result<std::vector<domain::Review>> ListReviews(const ReviewFilter& filter) override;

  Result<domain::Event> CreateEvent(domain::Event event, const WriteContext& context) override;
  Result<domain::Event> UpdateEvent(domain::Event event, std::int64_t expected_version,
                                    const WriteContext& context) override;
  Result<domain::Event> GetEvent(std::string_view id) override;
  Result<Page<domain::Event>> ListEvents(const PageRequest& page) override;
  Result<domain::Delegate> CreateDelegate(domain::Delegate delegate, const WriteContext& context) override;
  Result<domain::Delegate> UpdateDelegate(domain::Delegate delegate, std::int64_t expected_version,
                                          const WriteContext& context) override;
  Result<domain::Delegate> GetDelegate(std::string_view id) override;
  Result<std::vector<domain::Delegate>> ListDelegates(std::string_view event_id) override;
  Result<domain::MeetingRequest> CreateMeetingRequest(domain::MeetingRequest request,
                                                      const WriteContext& context) override;
  Result<domain::MeetingRequest> UpdateMeetingRequest(domain::MeetingRequest request, std::int64_t expected_version,
                                                      const WriteContext& context) override;
  Result<domain::MeetingRequest> GetMeetingRequest(std::string_view id) override;
  Result<std::vector<domain::MeetingRequest>> ListMeetingRequests(std::string_view event_id) override;
  Result<domain::Schedule> GetSchedule(std::string_view event_id) override;
  Result<domain::Schedule> PutSchedule(domain::Schedule schedule, std::int64_t expected_version,
                                       const WriteContext& context) override;

  Result<domain::Invitation> CreateInvitation(domain::Invitation invitation, const WriteContext& context) override;
  Result<domain::Invitation> GetInvitation(std::string_view id) override;
  Result<std::vector<domain::Invitation>> ListInvitations(const InvitationFilter& filter) override;
  Result<domain::Invitation> DecideInvitation(std::string_view id, std::int64_t expected_version, std::string decision,
                                              std::string decided_by, const InvitationEffect& effect,
                                              const WriteContext& context) override;

  Result<domain::User> CreateUser(domain::User user, std::string password_hash,
                                  const WriteContext& context) override;
  Result<domain::User> GetUser(std::string_view id) override;
  Result<domain::User> FindUserByEmail(std::string_view email) override;
  Result<std::string> GetPasswordHash(std::string_view user_id) override;
  Result<std::int64_t> CountUsers() override;
  Result<domain::User> UpdateUserProfile(domain::User user, std::int64_t expected_version,
                                         const WriteContext& context) override;
  Result<domain::User> UpdateUserRoles(domain::User user, std::int64_t expected_version,
                                       const WriteContext& context) override;
  Status UpdatePasswordHash(std::string_view user_id, std::string password_hash, const CredentialReset& reset,
                            const WriteContext& context) override;
  Status CreateEmailToken(const EmailToken& token, const WriteContext& context) override;
  Result<std::optional<Timestamp>> LastEmailToken(std::string_view user_id, std::string_view purpose) override;
  Result<domain::User> VerifyEmail(std::string_view token_hash, const WriteContext& context) override;
  Result<domain::User> ResetPassword(std::string_view token_hash, std::string password_hash,
                                     const WriteContext& context) override;
  Status PutMembership(const domain::Membership& membership, const WriteContext& context) override;
  Status DeleteMembership(std::string_view user_id, std::string_view organization_id,
                          const WriteContext& context) override;
  Result<std::vector<domain::Membership>> ListMembershipsOfUser(std::string_view user_id) override;
  Result<std::vector<domain::Membership>> ListMembersOfOrganization(std::string_view organization_id) override;

  Status CreateSession(const Session& session, const WriteContext& context) override;
  Result<std::vector<Session>> ListSessions(std::string_view user_id, Timestamp now) override;
  Status DeleteSessionById(std::string_view user_id, std::string_view session_id, const WriteContext& context) override;
  Result<Session> FindSession(std::string_view token_hash, Timestamp now) override;
  Status DeleteSession(std::string_view token_hash, const WriteContext& context) override;
  Status CreateApiToken(const ApiToken& token, const WriteContext& context) override;
  Result<ApiToken> FindApiToken(std::string_view token_hash) override;
  Result<std::vector<ApiToken>> ListApiTokens(std::string_view user_id) override;
  Status DeleteApiToken(std::string_view user_id, std::string_view token_id,
                        const WriteContext& context) override;

  Result<NotificationPage> ListNotifications(const NotificationQuery& query) override;
  Result<std::int64_t> MarkNotificationsRead(std::string_view recipient, const std::vector<std::int64_t>& seqs,
                                             std::int64_t up_to_seq, Timestamp at) override;
  Result<std::vector<std::pair<std::string, domain::Rhythm>>> ListNotificationPreferences(
      std::string_view user_id) override;
  Status PutNotificationPreference(std::string_view user_id, std::string_view kind, domain::Rhythm rhythm,
                                   const WriteContext& context) override;
  Result<bool> HasNotification(std::string_view recipient, std::string_view kind, std::string_view subject_id) override;
  Result<std::vector<domain::Notification>> GetNotifications(std::string_view recipient,
                                                             const std::vector<std::int64_t>& seqs) override;
  Result<std::vector<DigestCandidate>> PendingDigests() override;
  Result<int> QueueDigest(std::string_view user_id, domain::Rhythm rhythm, Timestamp before, Timestamp at) override;
  Result<std::vector<OutboxMail>> DueMail(Timestamp now, int limit) override;
  Status RecordMailAttempt(std::int64_t seq, const MailAttempt& attempt) override;
  Result<Page<OutboxMail>> ListMail(const PageRequest& page) override;
  Result<domain::Message> PostMessage(domain::Message message, const WriteContext& context) override;
  Result<std::vector<domain::Message>> ListMessages(std::string_view thread, std::int64_t after_seq,
                                                    int limit) override;
  Result<std::int64_t> ThreadReadSeq(std::string_view user_id, std::string_view thread) override;
  Status MarkThreadRead(std::string_view user_id, std::string_view thread, std::int64_t seq) override;
  Result<std::vector<domain::Message>> LastMessagesOfThreadsFor(std::string_view user_id, int limit) override;
  Result<bool> AddThreadGuest(std::string_view thread, std::string_view organization_id,
                              const WriteContext& context) override;
  Result<std::vector<std::string>> ThreadGuests(std::string_view thread) override;
  Status WriteNotices(const WriteContext& context) override;
  Result<std::string> Secret(std::string_view name, std::string_view candidate) override;
  Result<bool> TryLease(std::string_view name, std::string_view holder, Timestamp now, Timestamp until) override;
  Status ReleaseLease(std::string_view name, std::string_view holder) override;
  Result<int> RecordSignInFailure(std::string_view key, Timestamp now, Timestamp forget_before) override;
  Status LockSignIn(std::string_view key, Timestamp until) override;
  Result<Timestamp> SignInLockedUntil(const std::vector<std::string>& keys) override;
  Status ClearSignInFailures(std::string_view key) override;
  Result<int> PruneSignInFailures(Timestamp before) override;
  Status CreateSavedSearch(const domain::SavedSearch& saved, const WriteContext& context) override;
  Result<domain::SavedSearch> GetSavedSearch(std::string_view id) override;
  Result<std::vector<domain::SavedSearch>> ListSavedSearches(std::string_view user_id) override;
  Status UpdateSavedSearch(const domain::SavedSearch& saved, const WriteContext& context) override;
  Status DeleteSavedSearch(std::string_view id, const WriteContext& context) override;
  Result<std::vector<std::string>> SavedSearchHits(std::string_view saved_search_id,
                                                   const std::vector<std::string>& record_ids) override;
  Status RecordAlerts(const std::vector<AlertHits>& hits, std::string_view job, std::int64_t seq,
                      const WriteContext& context) override;
  Result<std::optional<std::int64_t>> JobCursor(std::string_view job) override;
  Status CreateDocument(const domain::Document& document, const WriteContext& context) override;
  Result<domain::Document> GetDocument(std::string_view id) override;
  Result<std::vector<domain::Document>> ListDocuments(std::string_view subject_type, std::string_view subject_id) override;
  Result<bool> DeleteDocument(std::string_view id, const WriteContext& context) override;
  Result<std::int64_t> DocumentBytes(std::string_view organization_id) override;
  Status ForEachDocument(const std::function<Status(const domain::Document&)>& visit) override;
  Status CreateCertificate(const domain::Certificate& certificate, const WriteContext& context) override;
  Result<domain::Certificate> GetCertificate(std::string_view id) override;
  Result<std::vector<domain::Certificate>> ListCertificates(std::string_view organization_id) override;
  Result<std::map<std::string, std::vector<domain::Certificate>, std::less<>>> ListCertificatesOf(
      const std::vector<std::string>& organization_ids) override;
  Status ForEachCertificate(const std::function<Status(const domain::Certificate&)>& visit) override;
  Result<domain::Certificate> UpdateCertificate(const domain::Certificate& certificate,
                                                const WriteContext& context) override;
  Status DeleteCertificate(std::string_view id, std::int64_t expected_version, const WriteContext& context) override;
  Result<std::vector<domain::Certificate>> ListCertificatesExpiringBy(const Date& date) override;
  Status RecordCertificateReminder(std::string_view id, int reminded_days, bool lapsed,
                                   const WriteContext& context) override;
  Status SetAccreditation(std::string_view organization_id, bool accredited, const WriteContext& context) override;
  Result<bool> IsAccredited(std::string_view organization_id) override;
  Result<std::vector<StoredProfile>> ListRegulatoryProfiles() override;
  Status PutRegulatoryProfiles(const std::vector<std::pair<std::string, std::string>>& profiles,
                               const WriteContext& context) override;
  Status CreatePlan(const StoredPlan& plan, const WriteContext& context) override;
  Result<StoredPlan> GetPlan(std::string_view id) override;
  Result<std::vector<StoredPlan>> ListPlans(std::string_view organization_id, bool shared) override;
  Result<std::int64_t> UpdatePlan(const StoredPlan& plan, const WriteContext& context) override;
  Status DeletePlan(std::string_view id, std::int64_t expected_version, const WriteContext& context) override;
  Status SetPlanShare(std::string_view plan_id, std::string_view organization_id, bool shared,
                      const WriteContext& context) override;
  Result<std::vector<std::string>> ListPlanShares(std::string_view plan_id) override;
  Result<std::vector<AuditEntry>> ListAudit(std::string_view entity_type, std::string_view entity_id) override;
  Result<std::vector<ChangeRecord>> ListChanges(std::int64_t after_seq, int limit) override;
  Result<std::int64_t> LatestChangeSeq() override;
  // Waits the whole timeout (SQLite sends no notices between processes).
  Result<bool> WaitForChanges(std::chrono::milliseconds timeout) override;

 protected:
  using Work = std::function<Status(Connection&)>;
  // Opens one more connection to the same database.
  using OpenConnection = std::function<Result<std::unique_ptr<Connection>>()>;

  // `writer` has been migrated; `tags` loaded from it. `open_reader` opens
  // the pool's connections; `list_cache_bytes` bounds the list pages
  // remembered (ListCache); `reopen_writer`, when given, replaces a writer
  // that is no longer Usable().
  SqlStore(std::unique_ptr<Connection> writer, OpenConnection open_reader, int max_readers,
           std::unique_ptr<TagDictionary> tags, int schema_version, std::size_t list_cache_bytes,
           OpenConnection reopen_writer = {});

  // The tag dictionary of a migrated database; also builds again the indexes
  // of a bulk load that did not finish.
  static Result<std::unique_ptr<TagDictionary>> LoadTags(Connection& writer);
  // Runs `work` on the writer, outside any transaction (replacing a writer
  // whose server went away first).
  Status WithWriter(const Work& work);
  // Runs `work` on a pooled reader, inside a read transaction when
  // `snapshot` (several statements that must agree).
  Status Read(const Work& work, bool snapshot = false);

 private:
  template <typename T>
  Result<Page<T>> ListOrganizationsAs(const OrganizationFilter& filter, const PageRequest& page);
  class ReadPool;

  // Replaces a writer that is no longer usable; caller holds write_mutex_.
  Status ReviveWriter();

  // Runs `work` on the writer inside a write transaction; rolls back when
  // `work` fails.
  Status WriteTransaction(const Work& work);
  // The same, then writes the notices and mails of `context` (the outbox)
  // in the same transaction.
  Status WriteTransaction(const WriteContext& context, const Work& work);
  // A directory record by id; kNotFound.
  template <typename T>
  Result<T> GetRecord(std::string_view id);
  // Those of `ids` that exist, in the order asked.
  template <typename T>
  Result<std::vector<T>> GetRecords(const std::vector<std::string>& ids);

  std::mutex write_mutex_;
  std::unique_ptr<Connection> writer_;  // guarded by write_mutex_
  const OpenConnection reopen_writer_;
  std::unique_ptr<ReadPool> readers_;
  std::unique_ptr<TagDictionary> tags_;  // read-only after Open
  int schema_version_;
  ListCache lists_;  // what lists answered, per snapshot
};

}  // namespace biobridge::storage::sql
