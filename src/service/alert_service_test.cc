// Saved searches and their alerts: a new or changed record that meets a
// saved search reaches its owner once, with the reasons, in the saved
// search's rhythm, and only if the owner may see it; partners for an
// opportunity are those the matcher ranks among the best of the directory.
#include "service/alert_service.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/support/service_env.h"
#include "storage/store.h"

namespace biobridge::service {
namespace {

using domain::MembershipRole;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::SizeIs;

json::object Json(std::string_view text) { return json::parse(text).as_object(); }

class AlertTest : public ::testing::Test {
 protected:
  void SetUp() override {
    env_.Organization("org-a", "DE", "research_institute");
    env_.Organization("org-b", "CN", "company");
    env_.Organization("org-c", "CN", "company");
    anna_ = env_.User("anna@a.example", {{"org-a", MembershipRole::kMember}});
    bo_ = env_.User("bo@b.example", {{"org-b", MembershipRole::kAdmin}});
  }

  Result<domain::Opportunity> Post(const Principal& who, const std::string& json) {
    return env_.directory.CreateOpportunity(who, Json(json));
  }

  SavedSearchView Save(const Principal& who, SavedSearchInput input) {
    Result<SavedSearchView> saved = env_.saved_searches.Create(who, input);
    EXPECT_TRUE(saved.ok()) << saved.status().ToString();
    return saved.ok() ? *saved : SavedSearchView{};
  }

  AlertRound Run() {
    Result<AlertRound> round = RunAlerts(env_.context);
    EXPECT_TRUE(round.ok()) << round.status().ToString();
    return round.ok() ? *round : AlertRound{};
  }

  // The saved-search notifications of `who`, newest first.
  std::vector<InboxItem> Alerts(const Principal& who, std::string_view lang = "en") {
    Result<Inbox> inbox = env_.notifications.List(who, 0, 100, false, lang);
    EXPECT_TRUE(inbox.ok()) << inbox.status().ToString();
    std::vector<InboxItem> out;
    for (const InboxItem& item : inbox->items) {
      if (item.notification.kind == "saved_search_match") out.push_back(item);
    }
    return out;
  }

  static std::vector<std::string> ItemIds(const InboxItem& item) {
    std::vector<std::string> ids;
    for (const json::value& i : item.notification.params.at("items").as_array()) {
      ids.emplace_back(i.as_object().at("id").as_string());
    }
    return ids;
  }

  biobridge::testing::ServiceEnv env_;
  Principal anna_;
  Principal bo_;
};

TEST_F(AlertTest, ANewMatchingRecordIsNotifiedOnceWithItsReasons) {
  ASSERT_TRUE(Post(bo_, R"({"id": "old", "organization": "org-b", "direction": "offer", "cooperation": ["licensing_out"],
      "title": {"en": "CAR-T cell therapy for lymphoma"}})").ok());
  const SavedSearchView saved = Save(anna_, {.search = {.q = "CAR-T", .country = "cn"}});
  EXPECT_EQ(saved.saved.name, "CAR-T");
  EXPECT_EQ(saved.saved.filters.at("country"), "CN");
  EXPECT_EQ(saved.link, "/?q=CAR-T&country=CN");
  EXPECT_EQ(Run().matches, 0);  // what was there before the search was saved is not news

  ASSERT_TRUE(Post(bo_, R"({"id": "new", "organization": "org-b", "direction": "offer", "cooperation": ["licensing_out"],
      "title": {"en": "Allogeneic CAR-T cells", "zh": "同种异体CAR-T细胞"}})").ok());
  ASSERT_TRUE(Post(bo_, R"({"id": "other", "organization": "org-b", "direction": "offer", "cooperation": ["licensing_out"],
      "title": {"en": "Orthopaedic implants"}})").ok());
  const AlertRound round = Run();
  EXPECT_EQ(round.notified, 1);
  EXPECT_EQ(round.matches, 1);
  std::vector<InboxItem> alerts = Alerts(anna_);
  ASSERT_THAT(alerts, SizeIs(1));
  EXPECT_EQ(ItemIds(alerts[0]), std::vector<std::string>{"new"});
  EXPECT_EQ(alerts[0].text.title, "New matches for “CAR-T”");
  EXPECT_THAT(alerts[0].text.body, HasSubstr("Allogeneic CAR-T cells — Organisation org-b: "));
  EXPECT_EQ(alerts[0].notification.link, "/?q=CAR-T&country=CN");
  const std::vector<InboxItem> zh = Alerts(anna_, "zh");
  EXPECT_THAT(zh[0].text.body, HasSubstr("同种异体CAR-T细胞"));

  // Changed again: not news to this saved search any more.
  ASSERT_TRUE(env_.directory.PatchOpportunity(bo_, "new", Json(R"({"title": {"en": "Allogeneic CAR-T, phase 1"},
      "version": 1})")).ok());
  EXPECT_EQ(Run().matches, 0);
  EXPECT_THAT(Alerts(anna_), SizeIs(1));
  Result<domain::SavedSearch> stored = env_.store().GetSavedSearch(saved.saved.id);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->match_count, 1);
  EXPECT_TRUE(stored->last_match_at.has_value());
}

TEST_F(AlertTest, EveryPartOfTheQueryAndEveryFilterMustMatch) {
  Save(anna_, {.search = {.q = "CAR-T lymphoma", .type = "opportunity", .country = "CN"}});
  env_.Organization("org-ru", "RU", "company");
  const Principal ru = env_.User("ru@ru.example", {{"org-ru", MembershipRole::kAdmin}});
  ASSERT_TRUE(Post(bo_, R"({"id": "half", "organization": "org-b", "direction": "offer", "cooperation": ["licensing_out"],
      "title": {"en": "CAR-T cells for solid tumours"}})").ok());
  ASSERT_TRUE(Post(ru, R"({"id": "elsewhere", "organization": "org-ru", "direction": "offer",
      "cooperation": ["licensing_out"], "title": {"en": "CAR-T cells for lymphoma"}})").ok());
  ASSERT_TRUE(Post(bo_, R"({"id": "both", "organization": "org-b", "direction": "offer", "cooperation": ["licensing_out"],
      "title": {"en": "CAR-T therapy of B-cell lymphoma"}})").ok());
  Run();
  const std::vector<InboxItem> alerts = Alerts(anna_);
  ASSERT_THAT(alerts, SizeIs(1));
  EXPECT_EQ(ItemIds(alerts[0]), std::vector<std::string>{"both"});
}

TEST_F(AlertTest, OnlyWhatTheOwnerMaySeeAndNothingOfTheirOwn) {
  const Principal unverified = env_.Unverified("new@x.example");
  Save(anna_, {.search = {.q = "biosimilar"}});
  Save(unverified, {.search = {.q = "biosimilar"}});
  Save(bo_, {.search = {.q = "biosimilar"}});
  ASSERT_TRUE(Post(bo_, R"({"id": "members", "organization": "org-b", "direction": "offer",
      "cooperation": ["licensing_out"], "title": {"en": "Biosimilar insulin"}, "confidentiality": "members"})").ok());
  ASSERT_TRUE(Post(bo_, R"({"id": "secret", "organization": "org-b", "direction": "offer",
      "cooperation": ["licensing_out"], "title": {"en": "Biosimilar pipeline, confidential"}, "confidentiality": "cda"})").ok());
  Run();
  const std::vector<InboxItem> anna = Alerts(anna_);
  ASSERT_THAT(anna, SizeIs(1));
  EXPECT_EQ(ItemIds(anna[0]), std::vector<std::string>{"members"});  // verified: members' tier, not the CDA tier
  EXPECT_THAT(json::serialize(anna[0].notification.params), Not(HasSubstr("confidential")));
  EXPECT_THAT(Alerts(unverified), IsEmpty());  // an unverified address sees the public tier only
  EXPECT_THAT(Alerts(bo_), IsEmpty());         // their own posts are no news to them
}

TEST_F(AlertTest, NewPartnersForAnOpportunityAreThoseRankedAmongItsBest) {
  ASSERT_TRUE(Post(bo_, R"({"id": "dist", "organization": "org-b", "direction": "request", "cooperation": ["distribution"],
      "title": {"en": "Distributor of medical devices wanted in Kazakhstan"}, "target_countries": ["KZ"]})").ok());
  const SavedSearchView saved = Save(bo_, {.kind = "matches", .opportunity_id = "dist", .rhythm = "immediately"});
  EXPECT_EQ(saved.saved.name, "Distributor of medical devices wanted in Kazakhstan");
  EXPECT_EQ(saved.opportunity.id, "dist");
  EXPECT_EQ(saved.link, "/opportunities/dist");

  env_.Organization("org-kz", "KZ", "distributor");
  const Principal kz = env_.User("kz@kz.example", {{"org-kz", MembershipRole::kAdmin}});
  ASSERT_TRUE(env_.directory.PatchOrganization(kz, "org-kz", Json(R"({"name": {"en": "Irtysh Medical"},
      "description": {"en": "Distributor of medical devices in Kazakhstan."}, "version": 1})")).ok());
  Run();
  std::vector<InboxItem> alerts = Alerts(bo_);
  ASSERT_THAT(alerts, SizeIs(1));
  EXPECT_EQ(ItemIds(alerts[0]), std::vector<std::string>{"org-kz"});
  EXPECT_THAT(alerts[0].text.body, HasSubstr("Irtysh Medical: "));
  EXPECT_THAT(alerts[0].text.body, HasSubstr("Based in Kazakhstan, your target market"));
  // Immediately: a mail of its own, with the same lines.
  const std::string mail = env_.MailsTo("bo@b.example");
  EXPECT_THAT(mail, HasSubstr("Irtysh Medical"));
  EXPECT_THAT(mail, HasSubstr("Based in Kazakhstan, your target market"));

  // Only members of the posting organisation ask for its partners; others
  // who may see it are refused, those who may not are told it is not there.
  Result<SavedSearchView> other = env_.saved_searches.Create(anna_, {.kind = "matches", .opportunity_id = "dist"});
  EXPECT_EQ(other.status().code(), StatusCode::kPermissionDenied);
  ASSERT_TRUE(Post(bo_, R"({"id": "hidden", "organization": "org-b", "direction": "request",
      "cooperation": ["distribution"], "title": {"en": "Hidden"}, "confidentiality": "cda"})").ok());
  other = env_.saved_searches.Create(anna_, {.kind = "matches", .opportunity_id = "hidden"});
  EXPECT_EQ(other.status().code(), StatusCode::kNotFound);
}

TEST_F(AlertTest, TheRhythmIsTheSavedSearchsUnlessTheKindIsTurnedOff) {
  const SavedSearchView daily = Save(anna_, {.search = {.q = "vaccine"}});
  EXPECT_EQ(daily.saved.rhythm, domain::Rhythm::kDaily);
  ASSERT_TRUE(Post(bo_, R"({"id": "v1", "organization": "org-b", "direction": "offer", "cooperation": ["licensing_out"],
      "title": {"en": "Influenza vaccine"}})").ok());
  Run();
  EXPECT_THAT(Alerts(anna_), SizeIs(1));
  EXPECT_THAT(env_.MailsTo("anna@a.example"), Not(HasSubstr("Influenza vaccine")));  // waits for the digest

  ASSERT_TRUE(env_.saved_searches.Update(anna_, daily.saved.id, std::nullopt, "immediately").ok());
  ASSERT_TRUE(Post(bo_, R"({"id": "v2", "organization": "org-b", "direction": "offer", "cooperation": ["licensing_out"],
      "title": {"en": "Rabies vaccine"}})").ok());
  Run();
  EXPECT_THAT(env_.MailsTo("anna@a.example"), HasSubstr("Rabies vaccine"));

  // Unsubscribed from the kind: the inbox still has it, no mail comes.
  ASSERT_TRUE(env_.store().PutNotificationPreference(anna_.user()->id, "saved_search_match", domain::Rhythm::kNever,
                                                      {"test", env_.clock.Now()}).ok());
  ASSERT_TRUE(Post(bo_, R"({"id": "v3", "organization": "org-b", "direction": "offer", "cooperation": ["licensing_out"],
      "title": {"en": "Polio vaccine"}})").ok());
  Run();
  EXPECT_THAT(Alerts(anna_), SizeIs(3));
  EXPECT_THAT(env_.MailsTo("anna@a.example"), Not(HasSubstr("Polio vaccine")));
}

TEST_F(AlertTest, BadInputIsRefusedNamingTheField) {
  auto field = [&](SavedSearchInput input) {
    Result<SavedSearchView> r = env_.saved_searches.Create(anna_, input);
    return r.ok() ? std::string("ok") : r.status().field();
  };
  EXPECT_EQ(field({.search = {.q = ""}}), "q");
  EXPECT_EQ(field({.search = {.q = "vaccine", .country = "XX"}}), "country");
  EXPECT_EQ(field({.search = {.q = "vaccine", .lang = "xx"}}), "lang");
  EXPECT_EQ(field({.search = {.q = "vaccine"}, .rhythm = "hourly"}), "rhythm");
  EXPECT_EQ(field({.kind = "everything", .search = {.q = "vaccine"}}), "kind");
  EXPECT_EQ(field({.kind = "matches"}), "opportunity");
  EXPECT_EQ(field({.name = std::string(201, 'x'), .search = {.q = "vaccine"}}), "name");
  EXPECT_EQ(RunAlerts(env_.context).status().code(), StatusCode::kOk);
  EXPECT_EQ(env_.saved_searches.Create(Principal::Anonymous(), {.search = {.q = "vaccine"}}).status().code(),
            StatusCode::kUnauthenticated);

  // Someone else's saved search does not exist for them.
  const SavedSearchView mine = Save(anna_, {.search = {.q = "vaccine"}});
  EXPECT_EQ(env_.saved_searches.Update(bo_, mine.saved.id, "x", std::nullopt).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(env_.saved_searches.Delete(bo_, mine.saved.id).code(), StatusCode::kNotFound);
  EXPECT_THAT(env_.saved_searches.List(bo_).value(), IsEmpty());
  EXPECT_TRUE(env_.saved_searches.Delete(anna_, mine.saved.id).ok());
  EXPECT_THAT(env_.saved_searches.List(anna_).value(), IsEmpty());

  for (int i = 0; i < storage::Store::kMaxSavedSearches; ++i) Save(anna_, {.search = {.q = "vaccine"}});
  EXPECT_EQ(env_.saved_searches.Create(anna_, {.search = {.q = "vaccine"}}).status().code(),
            StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace biobridge::service
