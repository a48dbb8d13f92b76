// The storage contract for the outbox: notices written with the change that
// causes them (and not at all when it fails), one notification per member
// at commit time, mail for those who want it at once, read state, the
// delivery queue, and message threads.
#include <gmock/gmock.h>

#include "storage/store_contract_test.h"

namespace biobridge::storage {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

const Timestamp kT0 = FromUnixMillis(1'780'000'000'000);

WriteContext At(int seconds, std::string actor = "usr_ann") {
  return WriteContext{std::move(actor), kT0 + std::chrono::seconds(seconds)};
}

domain::User Person(const char* id, const char* email, const char* language = "en") {
  domain::User user;
  user.id = id;
  user.email = email;
  user.display_name = id;
  user.preferred_language = language;
  return user;
}


// Ann and Bo are members of org-a, Cai of org-b.
void Seed(Store& store) {
  ASSERT_TRUE(store.CreateUser(Person("usr_ann", "ann@example.cn"), "h", At(0)).ok());
  ASSERT_TRUE(store.CreateUser(Person("usr_bo", "bo@example.cn", "zh"), "h", At(0)).ok());
  ASSERT_TRUE(store.CreateUser(Person("usr_cai", "cai@example.ru", "ru"), "h", At(0)).ok());
  ASSERT_TRUE(store.CreateOrganization(MinimalOrganization("org-a"), At(0), "usr_ann").ok());
  ASSERT_TRUE(store.CreateOrganization(MinimalOrganization("org-b"), At(0), "usr_cai").ok());
  ASSERT_TRUE(store.PutMembership({"usr_bo", "org-a", domain::MembershipRole::kMember}, At(0)).ok());
}

domain::Notice ToOrgA(std::string kind = "interest_received") {
  domain::Notice n;
  n.kind = std::move(kind);
  n.subject_type = "interest";
  n.subject_id = "int_1";
  n.link = "/interests/int_1";
  n.params = json::object{{"from", "org-b"}};
  n.organizations = {"org-a"};
  return n;
}

TEST_P(StoreContractTest, NoticesReachEveryMemberButTheActorWithTheChange) {
  Seed(*store_);
  WriteContext write = At(1, "usr_cai");
  write.notices.push_back(ToOrgA());
  domain::Organization changed = *store_->GetOrganization("org-b");
  changed.website = "https://b.example";
  ASSERT_TRUE(store_->UpdateOrganization(changed, write).ok());

  for (const char* who : {"usr_ann", "usr_bo"}) {
    Result<NotificationPage> page = store_->ListNotifications({.recipient = who});
    ASSERT_TRUE(page.ok()) << page.status().ToString();
    ASSERT_EQ(page->items.size(), 1u) << who;
    EXPECT_EQ(page->unread, 1);
    const domain::Notification& n = page->items[0];
    EXPECT_EQ(n.kind, "interest_received");
    EXPECT_EQ(n.link, "/interests/int_1");
    EXPECT_EQ(n.params.at("from"), "org-b");
    EXPECT_EQ(n.created_at, write.at);
    EXPECT_FALSE(n.read_at);
  }
  EXPECT_THAT(store_->ListNotifications({.recipient = "usr_cai"})->items, IsEmpty());

  // The one who acted (the notice's `except`) is not told of their own act.
  WriteContext own = At(2, "usr_ann");
  own.notices.push_back(ToOrgA("deal_moved"));
  own.notices.back().except = "usr_ann";
  ASSERT_TRUE(store_->UpdateOrganization(*store_->GetOrganization("org-b"), own).ok());
  EXPECT_EQ(store_->ListNotifications({.recipient = "usr_ann"})->items.size(), 1u);
  EXPECT_EQ(store_->ListNotifications({.recipient = "usr_bo"})->items.size(), 2u);
}

TEST_P(StoreContractTest, AFailedChangeWritesNoNotificationAndNoMail) {
  Seed(*store_);
  WriteContext write = At(1, "usr_cai");
  write.notices.push_back(ToOrgA());
  write.mails.push_back({"", "someone@example.org", "invitation", "en", json::object{{"x", 1}}});
  domain::Organization stale = *store_->GetOrganization("org-b");
  stale.meta.version = 7;  // not the stored version: the update is refused
  stale.website = "https://b.example";
  EXPECT_EQ(store_->UpdateOrganization(stale, write).status().code(), StatusCode::kAborted);
  EXPECT_THAT(store_->ListNotifications({.recipient = "usr_ann"})->items, IsEmpty());
  EXPECT_THAT(store_->DueMail(kT0 + std::chrono::hours(1), 10).value(), IsEmpty());
}

TEST_P(StoreContractTest, MailIsQueuedForThoseWhoWantItAtOnceInTheirLanguage) {
  Seed(*store_);
  ASSERT_TRUE(store_->PutNotificationPreference("usr_ann", "interest_received", domain::Rhythm::kDaily, At(0)).ok());
  EXPECT_EQ(store_->PutNotificationPreference("usr_ann", "no_such_kind", domain::Rhythm::kDaily, At(0)).field(), "kind");
  WriteContext write = At(1, "usr_cai");
  write.notices.push_back(ToOrgA());
  write.mails.push_back({"", "newcomer@example.org", "invitation", "ru", json::object{{"invitation", "inv_1"}}});
  ASSERT_TRUE(store_->UpdateOrganization(*store_->GetOrganization("org-b"), write).ok());

  // Nothing is due before the change happened.
  EXPECT_THAT(store_->DueMail(kT0, 10).value(), IsEmpty());
  Result<std::vector<OutboxMail>> due = store_->DueMail(kT0 + std::chrono::seconds(1), 10);
  ASSERT_TRUE(due.ok()) << due.status().ToString();
  ASSERT_EQ(due->size(), 2u);  // Bo's (at once) and the invitation; Ann waits for her digest
  const OutboxMail& bo = (*due)[0];
  EXPECT_EQ(bo.recipient_user, "usr_bo");
  EXPECT_EQ(bo.to_address, "bo@example.cn");
  EXPECT_EQ(bo.language, "zh");
  EXPECT_EQ(bo.kind, "interest_received");
  const std::int64_t bo_seq = store_->ListNotifications({.recipient = "usr_bo"})->items.at(0).seq;
  EXPECT_EQ(bo.payload.at("notifications").as_array(), json::array{bo_seq});
  EXPECT_EQ((*due)[1].to_address, "newcomer@example.org");
  EXPECT_EQ((*due)[1].recipient_user, "");
  EXPECT_EQ((*due)[1].language, "ru");

  Result<std::vector<domain::Notification>> in_mail = store_->GetNotifications("usr_bo", {bo_seq});
  ASSERT_TRUE(in_mail.ok());
  ASSERT_EQ(in_mail->size(), 1u);
  EXPECT_EQ(in_mail->at(0).kind, "interest_received");
  // Not someone else's notification.
  EXPECT_THAT(store_->GetNotifications("usr_ann", {bo_seq}).value(), IsEmpty());

  // Preferences: those chosen are listed; "security" cannot be silenced.
  EXPECT_THAT(store_->ListNotificationPreferences("usr_ann").value(),
              ElementsAre(std::pair<std::string, domain::Rhythm>{"interest_received", domain::Rhythm::kDaily}));
  ASSERT_TRUE(store_->PutNotificationPreference("usr_bo", "security", domain::Rhythm::kNever, At(2)).ok());
  WriteContext security = At(3, "system:accounts");
  domain::Notice notice = ToOrgA("security");
  notice.organizations.clear();
  notice.users = {"usr_bo"};
  security.notices.push_back(notice);
  ASSERT_TRUE(store_->UpdateOrganization(*store_->GetOrganization("org-b"), security).ok());
  EXPECT_EQ(store_->DueMail(kT0 + std::chrono::seconds(3), 10)->size(), 3u);
}

TEST_P(StoreContractTest, DeliveryAttemptsAreRecordedRetriedAndGivenUp) {
  Seed(*store_);
  WriteContext write = At(1, "usr_cai");
  write.mails.push_back({"", "a@example.org", "invitation", "en", {}});
  write.mails.push_back({"", "b@example.org", "invitation", "en", {}});
  ASSERT_TRUE(store_->UpdateOrganization(*store_->GetOrganization("org-b"), write).ok());
  std::vector<OutboxMail> due = *store_->DueMail(kT0 + std::chrono::seconds(1), 10);
  ASSERT_EQ(due.size(), 2u);
  const Timestamp t = kT0 + std::chrono::seconds(2);
  ASSERT_TRUE(store_->RecordMailAttempt(due[0].seq, {t, true, "", std::nullopt}).ok());
  ASSERT_TRUE(store_->RecordMailAttempt(due[1].seq, {t, false, "connection refused", t + std::chrono::minutes(1)}).ok());
  // A sent mail is not sent again; a failed one waits for its retry.
  EXPECT_THAT(store_->DueMail(t, 10).value(), IsEmpty());
  due = *store_->DueMail(t + std::chrono::minutes(1), 10);
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].to_address, "b@example.org");
  EXPECT_EQ(due[0].attempts, 1);
  EXPECT_EQ(due[0].last_error, "connection refused");
  EXPECT_EQ(store_->RecordMailAttempt(999999, {t, true, "", std::nullopt}).code(), StatusCode::kNotFound);
  // Given up: kept with its error, never due again.
  ASSERT_TRUE(store_->RecordMailAttempt(due[0].seq, {t, false, "550 no such user", std::nullopt}).ok());
  EXPECT_THAT(store_->DueMail(t + std::chrono::hours(100), 10).value(), IsEmpty());
  Result<Page<OutboxMail>> all = store_->ListMail({1, 10});
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->total, 2);
  EXPECT_EQ(all->items[0].state, "failed");
  EXPECT_EQ(all->items[0].last_error, "550 no such user");
  EXPECT_EQ(all->items[1].state, "sent");
  EXPECT_EQ(all->items[1].sent_at, t);
}

TEST_P(StoreContractTest, NotificationsArePagedNewestFirstAndMarkedRead) {
  Seed(*store_);
  for (int i = 1; i <= 5; ++i) {
    WriteContext write = At(i, "usr_cai");
    write.notices.push_back(ToOrgA());
    ASSERT_TRUE(store_->UpdateOrganization(*store_->GetOrganization("org-b"), write).ok());
  }
  NotificationPage first = *store_->ListNotifications({.recipient = "usr_bo", .limit = 2});
  ASSERT_EQ(first.items.size(), 2u);
  EXPECT_GT(first.items[0].seq, first.items[1].seq);
  NotificationPage rest = *store_->ListNotifications({.recipient = "usr_bo", .before_seq = first.items[1].seq});
  EXPECT_EQ(rest.items.size(), 3u);
  EXPECT_LT(rest.items[0].seq, first.items[1].seq);

  const Timestamp t = kT0 + std::chrono::minutes(5);
  EXPECT_EQ(*store_->MarkNotificationsRead("usr_bo", {first.items[0].seq}, 0, t), 1);
  // Someone else's notification is not theirs to mark.
  EXPECT_EQ(*store_->MarkNotificationsRead("usr_ann", {first.items[1].seq}, 0, t), 0);
  EXPECT_EQ(store_->ListNotifications({.recipient = "usr_bo"})->unread, 4);
  EXPECT_EQ(store_->ListNotifications({.recipient = "usr_bo", .unread_only = true})->items.size(), 4u);
  // All read, up to what the reader saw.
  EXPECT_EQ(*store_->MarkNotificationsRead("usr_bo", {}, rest.items[0].seq, t), 3);
  EXPECT_EQ(store_->ListNotifications({.recipient = "usr_bo"})->unread, 1);
  EXPECT_EQ(*store_->MarkNotificationsRead("usr_bo", {}, 0, t), 1);
  NotificationPage read = *store_->ListNotifications({.recipient = "usr_bo"});
  EXPECT_EQ(read.unread, 0);
  EXPECT_EQ(read.items[0].read_at, t);
}

TEST_P(StoreContractTest, MessagesFormThreadsWithReadState) {
  Seed(*store_);
  WriteContext write = At(1, "usr_ann");
  write.notices.push_back(ToOrgA("message_received"));
  Result<domain::Message> first = store_->PostMessage({0, "deal:deal_1", "usr_ann", "org-a", "Hello", "en", {}}, write);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_GT(first->seq, 0);
  EXPECT_EQ(first->created_at, write.at);
  EXPECT_EQ(store_->ListNotifications({.recipient = "usr_bo"})->items.at(0).kind, "message_received");
  ASSERT_TRUE(store_->PostMessage({0, "deal:deal_1", "usr_cai", "org-b", "你好", "zh", {}}, At(2, "usr_cai")).ok());
  ASSERT_TRUE(store_->PostMessage({0, "deal:deal_2", "usr_cai", "org-b", "other", "en", {}}, At(3, "usr_cai")).ok());
  EXPECT_EQ(store_->PostMessage({0, "nonsense", "usr_cai", "org-b", "x", "en", {}}, At(3)).status().field(), "thread");

  std::vector<domain::Message> thread = *store_->ListMessages("deal:deal_1", 0, 50);
  ASSERT_EQ(thread.size(), 2u);
  EXPECT_EQ(thread[0].body, "Hello");
  EXPECT_EQ(thread[1].body, "你好");
  EXPECT_EQ(thread[1].language, "zh");
  EXPECT_EQ(store_->ListMessages("deal:deal_1", thread[0].seq, 50)->size(), 1u);

  // The author has read their own message; the reader marks, never back.
  EXPECT_EQ(*store_->ThreadReadSeq("usr_ann", "deal:deal_1"), thread[0].seq);
  EXPECT_EQ(*store_->ThreadReadSeq("usr_bo", "deal:deal_1"), 0);
  ASSERT_TRUE(store_->MarkThreadRead("usr_ann", "deal:deal_1", thread[1].seq).ok());
  ASSERT_TRUE(store_->MarkThreadRead("usr_ann", "deal:deal_1", thread[0].seq).ok());
  EXPECT_EQ(*store_->ThreadReadSeq("usr_ann", "deal:deal_1"), thread[1].seq);
  EXPECT_EQ(store_->MarkThreadRead("usr_nobody", "deal:deal_1", 1).code(), StatusCode::kNotFound);
}

TEST_P(StoreContractTest, ASecretIsMadeOnceAndKept) {
  EXPECT_EQ(*store_->Secret("unsubscribe", "first"), "first");
  EXPECT_EQ(*store_->Secret("unsubscribe", "second"), "first");
  EXPECT_EQ(*store_->Secret("other", "third"), "third");
}

TEST_P(StoreContractTest, FailedSignInsAreCountedLockedForgottenAndPruned) {
  const Timestamp t0 = FromUnixMillis(1'800'000'000'000);
  const auto at = [&](int seconds) { return t0 + std::chrono::seconds(seconds); };
  EXPECT_EQ(*store_->SignInLockedUntil({"account:a@x.org", "address:10.0.0.1"}), FromUnixMillis(0));
  EXPECT_EQ(*store_->RecordSignInFailure("account:a@x.org", at(0), at(-3600)), 1);
  EXPECT_EQ(*store_->RecordSignInFailure("account:a@x.org", at(10), at(-3590)), 2);
  EXPECT_EQ(*store_->RecordSignInFailure("address:10.0.0.1", at(10), at(-3590)), 1) << "each key on its own";
  ASSERT_TRUE(store_->LockSignIn("account:a@x.org", at(70)).ok());
  EXPECT_EQ(*store_->SignInLockedUntil({"address:10.0.0.1", "account:a@x.org"}), at(70)) << "the latest of the keys";
  // A quiet hour later the count starts again.
  EXPECT_EQ(*store_->RecordSignInFailure("account:a@x.org", at(4000), at(400)), 1);
  ASSERT_TRUE(store_->ClearSignInFailures("account:a@x.org").ok());
  EXPECT_EQ(*store_->RecordSignInFailure("account:a@x.org", at(4001), at(401)), 1) << "cleared by a success";
  // Pruning forgets the quiet keys only.
  EXPECT_EQ(*store_->PruneSignInFailures(at(3000)), 1) << "the address, quiet since 10 s";
  EXPECT_EQ(*store_->RecordSignInFailure("address:10.0.0.1", at(4002), at(402)), 1);
  EXPECT_EQ(*store_->RecordSignInFailure("account:a@x.org", at(4003), at(403)), 2) << "the account was kept";
}

TEST_P(StoreContractTest, ALeaseHasOneHolderUntilItRunsOutOrIsGivenUp) {
  const Timestamp t0 = FromUnixMillis(1'800'000'000'000);
  const auto at = [&](int seconds) { return t0 + std::chrono::seconds(seconds); };
  EXPECT_TRUE(*store_->TryLease("jobs", "node-a", at(0), at(60)));
  EXPECT_FALSE(*store_->TryLease("jobs", "node-b", at(30), at(90))) << "node-a holds it";
  EXPECT_TRUE(*store_->TryLease("other-job", "node-b", at(30), at(90))) << "each lease on its own";
  EXPECT_TRUE(*store_->TryLease("jobs", "node-a", at(50), at(110))) << "the holder renews it";
  EXPECT_FALSE(*store_->TryLease("jobs", "node-b", at(100), at(160))) << "renewed: still node-a's";
  EXPECT_TRUE(*store_->TryLease("jobs", "node-b", at(110), at(170))) << "node-a stopped renewing: it ran out";
  EXPECT_FALSE(*store_->TryLease("jobs", "node-a", at(120), at(180)));
  // Only the holder gives it up.
  ASSERT_TRUE(store_->ReleaseLease("jobs", "node-a").ok());
  EXPECT_FALSE(*store_->TryLease("jobs", "node-a", at(121), at(181)));
  ASSERT_TRUE(store_->ReleaseLease("jobs", "node-b").ok());
  EXPECT_TRUE(*store_->TryLease("jobs", "node-a", at(122), at(182))) << "given up: free at once";
}

domain::SavedSearch Saved(const char* id, const char* user, std::int64_t from_seq = 0) {
  domain::SavedSearch s;
  s.id = id;
  s.user_id = user;
  s.kind = "search";
  s.name = "CAR-T";
  s.query = "CAR-T";
  s.filters = {{"country", "CN"}};
  s.language = "zh";
  s.rhythm = domain::Rhythm::kWeekly;
  s.from_change_seq = from_seq;
  s.created_at = kT0;
  return s;
}

TEST_P(StoreContractTest, SavedSearchesAreKeptPerPersonWithTheirHitsAndTheJobsCursor) {
  Seed(*store_);
  ASSERT_TRUE(store_->CreateSavedSearch(Saved("ss_1", "usr_ann", 7), At(1)).ok());
  ASSERT_TRUE(store_->CreateSavedSearch(Saved("ss_2", "usr_bo"), At(2, "usr_bo")).ok());
  Result<domain::SavedSearch> one = store_->GetSavedSearch("ss_1");
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(*one, Saved("ss_1", "usr_ann", 7));
  EXPECT_EQ(store_->ListSavedSearches("usr_ann")->size(), 1u);
  EXPECT_EQ(store_->ListSavedSearches("")->size(), 2u);
  EXPECT_EQ(store_->GetSavedSearch("ss_none").status().code(), StatusCode::kNotFound);
  domain::SavedSearch bad = Saved("ss_3", "usr_ann");
  bad.query = "";
  EXPECT_EQ(store_->CreateSavedSearch(bad, At(3)).field(), "q");

  // Only the name and the rhythm change.
  domain::SavedSearch changed = *one;
  changed.name = "Cell therapy";
  changed.rhythm = domain::Rhythm::kImmediately;
  changed.query = "ignored";
  ASSERT_TRUE(store_->UpdateSavedSearch(changed, At(4)).ok());
  one = store_->GetSavedSearch("ss_1");
  EXPECT_EQ(one->name, "Cell therapy");
  EXPECT_EQ(one->rhythm, domain::Rhythm::kImmediately);
  EXPECT_EQ(one->query, "CAR-T");

  // A round: hits, the notice and the cursor in one transaction; a hit is
  // recorded once.
  EXPECT_EQ(*store_->JobCursor("alerts"), std::nullopt);
  domain::Notice notice = ToOrgA("saved_search_match");
  notice.organizations = {};
  notice.users = {"usr_ann"};
  WriteContext round = At(5, "system:alerts");
  round.notices = {notice};
  ASSERT_TRUE(store_->RecordAlerts({{"ss_1", {"opp-1", "opp-2"}}}, "alerts", 40, round).ok());
  EXPECT_EQ(*store_->JobCursor("alerts"), std::optional<std::int64_t>(40));
  EXPECT_THAT(*store_->SavedSearchHits("ss_1", {"opp-2", "opp-3", "opp-1"}),
              ::testing::UnorderedElementsAre("opp-1", "opp-2"));
  EXPECT_THAT(*store_->SavedSearchHits("ss_2", {"opp-1"}), IsEmpty());
  ASSERT_TRUE(store_->RecordAlerts({{"ss_1", {"opp-2", "opp-3"}}}, "alerts", 41, At(6, "system:alerts")).ok());
  one = store_->GetSavedSearch("ss_1");
  EXPECT_EQ(one->match_count, 3);
  EXPECT_EQ(one->last_match_at, std::optional<Timestamp>(kT0 + std::chrono::seconds(6)));
  NotificationPage inbox = *store_->ListNotifications({.recipient = "usr_ann", .limit = 10});
  ASSERT_EQ(inbox.items.size(), 1u);
  EXPECT_EQ(inbox.items[0].kind, "saved_search_match");

  // Deleting takes the hits with it.
  ASSERT_TRUE(store_->DeleteSavedSearch("ss_1", At(7)).ok());
  EXPECT_EQ(store_->DeleteSavedSearch("ss_1", At(8)).code(), StatusCode::kNotFound);
  EXPECT_THAT(*store_->SavedSearchHits("ss_1", {"opp-1"}), IsEmpty());

  // At most kMaxSavedSearches per person.
  for (int i = 0; i < Store::kMaxSavedSearches; ++i) {
    ASSERT_TRUE(store_->CreateSavedSearch(Saved(("ss_c" + std::to_string(i)).c_str(), "usr_cai"), At(9, "usr_cai")).ok());
  }
  EXPECT_EQ(store_->CreateSavedSearch(Saved("ss_over", "usr_cai"), At(10, "usr_cai")).code(),
            StatusCode::kFailedPrecondition);
}

TEST_P(StoreContractTest, ANoticesOwnRhythmIsUsedUnlessTheKindIsOff) {
  Seed(*store_);
  domain::Notice notice = ToOrgA("saved_search_match");
  notice.organizations = {};
  notice.users = {"usr_ann"};
  notice.rhythm = domain::Rhythm::kImmediately;  // the kind's default is daily
  WriteContext write = At(1, "system:alerts");
  write.notices = {notice};
  ASSERT_TRUE(store_->WriteNotices(write).ok());
  EXPECT_EQ(store_->DueMail(kT0 + std::chrono::seconds(1), 10)->size(), 1u);
  ASSERT_TRUE(store_->PutNotificationPreference("usr_ann", "saved_search_match", domain::Rhythm::kNever, At(2)).ok());
  write.at = kT0 + std::chrono::seconds(3);
  ASSERT_TRUE(store_->WriteNotices(write).ok());
  EXPECT_EQ(store_->DueMail(kT0 + std::chrono::seconds(3), 10)->size(), 1u);  // no second mail
  EXPECT_EQ(store_->ListNotifications({.recipient = "usr_ann", .limit = 10})->items.size(), 2u);
}

}  // namespace
}  // namespace biobridge::storage

namespace biobridge::storage {
namespace {

TEST_P(StoreContractTest, DigestsGatherWhatWaitedAndGoOutOnce) {
  Seed(*store_);
  ASSERT_TRUE(store_->PutNotificationPreference("usr_ann", "saved_search_match", domain::Rhythm::kDaily, At(1)).ok());
  domain::Notice notice = ToOrgA("saved_search_match");
  notice.organizations = {};
  notice.users = {"usr_ann"};
  for (int i = 2; i <= 3; ++i) {
    WriteContext write = At(i, "system:alerts");
    write.notices = {notice};
    ASSERT_TRUE(store_->WriteNotices(write).ok());
  }
  Result<std::vector<Store::DigestCandidate>> pending = store_->PendingDigests();
  ASSERT_TRUE(pending.ok()) << pending.status().ToString();
  ASSERT_EQ(pending->size(), 1u);
  EXPECT_EQ((*pending)[0].user_id, "usr_ann");
  EXPECT_EQ((*pending)[0].rhythm, domain::Rhythm::kDaily);
  EXPECT_EQ((*pending)[0].oldest, kT0 + std::chrono::seconds(2));
  EXPECT_FALSE((*pending)[0].time_zone.empty());
  EXPECT_EQ(*store_->QueueDigest("usr_ann", domain::Rhythm::kDaily, kT0 + std::chrono::seconds(10), kT0 + std::chrono::seconds(10)), 2);
  EXPECT_TRUE(store_->PendingDigests()->empty());
  EXPECT_EQ(*store_->QueueDigest("usr_ann", domain::Rhythm::kDaily, kT0 + std::chrono::seconds(20), kT0 + std::chrono::seconds(20)), 0)
      << "nothing goes out twice";
}

}  // namespace
}  // namespace biobridge::storage
