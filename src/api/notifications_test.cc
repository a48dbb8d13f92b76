// The communication layer over HTTP: notifications reach the people entitled
// to them (and nobody else) in their language, the inbox pages by a cursor
// and is marked read, messages flow between the parties only, and bad input
// is refused naming the field.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "api/api_test_server.h"

namespace biobridge::api {
namespace {

using domain::MembershipRole;
using testing::ClientResponse;
using testing::HttpClient;

class NotificationsTest : public ::testing::Test, public ApiTestServer {
 protected:
  void SetUp() override {
    domain::Organization owner_org;
    owner_org.id = "org-clinic";
    owner_org.name = {{"en", "Volga Clinic"}, {"ru", "Клиника Волга"}, {"zh", "伏尔加诊所"}};
    owner_org.kind = "hospital";
    owner_org.country = "RU";
    ASSERT_TRUE(env_.store().CreateOrganization(owner_org, {"system:test", env_.clock.Now()}).ok());
    domain::Organization maker = owner_org;
    maker.id = "org-maker";
    maker.name = {{"en", "Shanghai Robotics"}, {"zh", "上海机器人"}};
    maker.kind = "company";
    maker.country = "CN";
    ASSERT_TRUE(env_.store().CreateOrganization(maker, {"system:test", env_.clock.Now()}).ok());
    env_.Organization("org-out", "KZ");

    owner_ = Person("olga@clinic.ru", "ru", {{"org-clinic", MembershipRole::kAdmin}});
    colleague_ = Person("ivan@clinic.ru", "en", {{"org-clinic", MembershipRole::kMember}});
    maker_ = Person("li@robotics.cn", "zh", {{"org-maker", MembershipRole::kAdmin}});
    outsider_ = Person("aset@out.kz", "en", {{"org-out", MembershipRole::kAdmin}});
    ASSERT_TRUE(env_.directory
                    .CreateOpportunity(owner_, json::parse(R"({"id":"opp-robots","organization":"org-clinic",
                        "direction":"request","cooperation":["clinical_trial"],
                        "title":{"en":"Rehabilitation robots wanted","ru":"Нужны реабилитационные роботы"}})")
                                                   .as_object())
                    .ok());
  }

  service::Principal Person(const std::string& email, const std::string& language,
                            const std::vector<std::pair<std::string, MembershipRole>>& memberships) {
    auto user = env_.accounts.Register({email, testing::ServiceEnv::kPassword, email.substr(0, email.find('@')), language});
    EXPECT_TRUE(user.ok()) << user.status().ToString();
    for (const auto& [org, role] : memberships) {
      EXPECT_TRUE(env_.store().PutMembership({user->id, org, role}, {"system:test", env_.clock.Now()}).ok());
    }
    return env_.Refresh(service::Principal::ForUser(*user, {}));
  }

  HttpClient As(const service::Principal& who) {
    HttpClient client = Client();
    client.set_bearer(env_.accounts.CreateApiToken(who, "test")->token);
    return client;
  }

  static json::array Items(const ClientResponse& r) { return r.Json().at("items").as_array(); }
  // kind → rhythm of a preferences answer.
  static std::map<std::string, std::string> Rhythms(const ClientResponse& r) {
    std::map<std::string, std::string> out;
    for (const json::value& p : Items(r)) out[std::string(p.at("kind").as_string())] = p.at("rhythm").as_string();
    return out;
  }

  // The maker's interest in the clinic's request, through the API.
  std::string ExpressInterest() {
    ClientResponse r = As(maker_).Post("/api/interests", R"({"from_organization":"org-maker","opportunity":"opp-robots",
                                                            "message":"We build such robots."})");
    EXPECT_EQ(r.status, 201) << r.body;
    return std::string(r.Json().at("id").as_string());
  }

  service::Principal owner_, colleague_, maker_, outsider_;
};

TEST_F(NotificationsTest, AnInterestReachesTheOtherSideInEachReadersLanguage) {
  ExpressInterest();
  ClientResponse ru = As(owner_).Get("/api/me/notifications");
  ASSERT_EQ(ru.status, 200) << ru.body;
  const json::array items = Items(ru);
  ASSERT_EQ(items.size(), 1u);
  const json::object& n = items[0].as_object();
  EXPECT_EQ(n.at("kind"), "interest_received");
  EXPECT_EQ(n.at("title"), "Shanghai Robotics проявляет интерес к «Нужны реабилитационные роботы»");
  EXPECT_EQ(n.at("link"), "/my");
  EXPECT_EQ(n.at("read"), false);
  EXPECT_EQ(ru.Json().at("unread"), 1);
  // The colleague reads English; ?lang= asks for another language.
  ClientResponse en = As(colleague_).Get("/api/me/notifications");
  EXPECT_EQ(Items(en).at(0).at("title"), "Shanghai Robotics expressed interest in “Rehabilitation robots wanted”");
  ClientResponse zh = As(colleague_).Get("/api/me/notifications?lang=zh");
  EXPECT_EQ(Items(zh).at(0).at("title"), "上海机器人对“Rehabilitation robots wanted”表达了合作意向");
  // Neither the sender nor anyone else is told.
  EXPECT_TRUE(Items(As(maker_).Get("/api/me/notifications")).empty());
  EXPECT_TRUE(Items(As(outsider_).Get("/api/me/notifications")).empty());
  EXPECT_EQ(Client().Get("/api/me/notifications").status, 401);
}

TEST_F(NotificationsTest, AcceptingAndMovingTellTheOtherSideWithALinkToTheDeal) {
  const std::string interest = ExpressInterest();
  ClientResponse accepted = As(owner_).Post("/api/interests/" + interest + "/accept", R"({"version":1})");
  ASSERT_EQ(accepted.status, 201) << accepted.body;
  const std::string deal(accepted.Json().at("id").as_string());
  json::array maker_items = Items(As(maker_).Get("/api/me/notifications?lang=en"));
  ASSERT_EQ(maker_items.size(), 1u);
  EXPECT_EQ(maker_items[0].at("kind"), "interest_accepted");
  EXPECT_EQ(maker_items[0].at("link"), json::value("/deals/" + deal));
  EXPECT_EQ(maker_items[0].at("title"), "Volga Clinic accepted your interest: a deal is open");

  // The maker accepts the agreement: the clinic is asked for theirs.
  const auto agreement = [](const char* organization) {
    return fmt::format(R"({{"organization":"{}","agreement_version":"{}"}})", organization,
                       service::CurrentAgreement().version);
  };
  ASSERT_EQ(As(maker_).Post("/api/deals/" + deal + "/agreement", agreement("org-maker")).status,
            200);
  EXPECT_EQ(Items(As(owner_).Get("/api/me/notifications?lang=en")).at(0).at("title"),
            "Shanghai Robotics accepted the confidentiality agreement; yours is awaited");
  ASSERT_EQ(As(owner_).Post("/api/deals/" + deal + "/agreement", agreement("org-clinic")).status,
            200);
  // The maker, whose acceptance came first, is not asked again.
  EXPECT_EQ(Items(As(maker_).Get("/api/me/notifications")).size(), 1u);

  const std::int64_t version = env_.store().GetDeal(deal)->meta.version;
  ClientResponse moved = As(maker_).Post("/api/deals/" + deal + "/moves",
                                         fmt::format(R"({{"to":"cda","version":{}}})", version));
  ASSERT_EQ(moved.status, 200) << moved.body;
  // Both people of the clinic are told, in their languages; the mover is not.
  EXPECT_EQ(Items(As(owner_).Get("/api/me/notifications")).at(0).at("title"),
            "Сделка с Shanghai Robotics переведена на этап «Соглашение о конфиденциальности»");
  EXPECT_EQ(Items(As(colleague_).Get("/api/me/notifications")).at(0).at("kind"), "deal_moved");
  EXPECT_EQ(Items(As(maker_).Get("/api/me/notifications")).size(), 1u);
}

TEST_F(NotificationsTest, TheInboxPagesByCursorAndIsMarkedRead) {
  // 25 notifications for the owner: messages from the maker in the interest's thread.
  const std::string thread = "interest:" + ExpressInterest();
  HttpClient maker = As(maker_);
  for (int i = 0; i < 24; ++i) {
    ASSERT_EQ(maker.Post("/api/threads/" + thread + "/messages", fmt::format(R"({{"body":"note {}"}})", i)).status, 201);
  }
  HttpClient owner = As(owner_);
  std::set<std::int64_t> seen;
  std::string cursor;
  int pages = 0;
  while (true) {
    ClientResponse page = owner.Get("/api/me/notifications?limit=10" + cursor);
    ASSERT_EQ(page.status, 200) << page.body;
    for (const json::value& item : Items(page)) {
      EXPECT_TRUE(seen.insert(item.at("id").as_int64()).second) << "a notification on two pages";
    }
    ++pages;
    if (page.Json().at("next_before").is_null()) break;
    cursor = fmt::format("&before={}", page.Json().at("next_before").as_int64());
  }
  EXPECT_EQ(seen.size(), 25u);
  EXPECT_EQ(pages, 3);

  const std::int64_t newest = *seen.rbegin();
  ClientResponse one = owner.Post("/api/me/notifications/read", fmt::format(R"({{"ids":[{}]}})", newest));
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_EQ(one.Json().at("unread"), 24);
  EXPECT_EQ(Items(owner.Get("/api/me/notifications?unread=true&limit=100")).size(), 24u);
  // Another person's notification cannot be marked by the owner.
  const std::int64_t colleagues = Items(As(colleague_).Get("/api/me/notifications")).at(0).at("id").as_int64();
  EXPECT_EQ(owner.Post("/api/me/notifications/read", fmt::format(R"({{"ids":[{}]}})", colleagues)).Json().at("unread"), 24);
  EXPECT_EQ(As(colleague_).Get("/api/me/notifications").Json().at("unread"), 25);
  ClientResponse all = owner.Post("/api/me/notifications/read", R"({"all":true})");
  EXPECT_EQ(all.Json().at("unread"), 0);

  // Bad input names the field.
  EXPECT_EQ(owner.Get("/api/me/notifications?limit=0").ErrorField(), "limit");
  EXPECT_EQ(owner.Get("/api/me/notifications?unread=maybe").ErrorField(), "unread");
  EXPECT_EQ(owner.Post("/api/me/notifications/read", R"({})").ErrorField(), "ids");
  EXPECT_EQ(owner.Post("/api/me/notifications/read", R"({"ids":["x"]})").ErrorField(), "ids");
  EXPECT_EQ(owner.Post("/api/me/notifications/read", R"({"ids":[1],"all":true})").ErrorField(), "ids");
}

TEST_F(NotificationsTest, MessagesFlowBetweenThePartiesOnly) {
  const std::string thread = "interest:" + ExpressInterest();
  HttpClient owner = As(owner_);
  ClientResponse sent = owner.Post("/api/threads/" + thread + "/messages", R"({"body":"  Можем обсудить на этой неделе?  "})");
  ASSERT_EQ(sent.status, 201) << sent.body;
  EXPECT_EQ(sent.Json().at("body"), "Можем обсудить на этой неделе?");
  EXPECT_EQ(sent.Json().at("language"), "ru");
  EXPECT_EQ(sent.Json().at("mine"), true);

  HttpClient maker = As(maker_);
  ClientResponse view = maker.Get("/api/threads/" + thread);
  ASSERT_EQ(view.status, 200) << view.body;
  EXPECT_EQ(view.Json().at("unread"), 1);
  EXPECT_EQ(view.Json().at("title"), "Rehabilitation robots wanted");
  const json::array messages = Items(view);
  const json::object& message = messages.at(0).as_object();
  EXPECT_EQ(message.at("author").at("organization_name"), "伏尔加诊所");
  EXPECT_EQ(message.at("mine"), false);
  const json::array told = Items(maker.Get("/api/me/notifications"));
  ASSERT_EQ(told.size(), 1u);
  EXPECT_EQ(told[0].at("kind"), "message_received");
  EXPECT_EQ(told[0].at("title"), "伏尔加诊所给您发来新消息（“Rehabilitation robots wanted”）");

  const std::int64_t id = message.at("id").as_int64();
  ASSERT_EQ(maker.Post("/api/threads/" + thread + "/read", fmt::format(R"({{"up_to":{}}})", id)).status, 200);
  EXPECT_EQ(maker.Get("/api/threads/" + thread).Json().at("unread"), 0);
  ASSERT_EQ(maker.Post("/api/threads/" + thread + "/messages", R"({"body":"好的，周四可以。","language":"zh"})").status, 201);
  EXPECT_EQ(Items(owner.Get("/api/threads/" + thread)).size(), 2u);

  // Nobody else reads or writes it: the same 404 as a thread that does not exist.
  for (const service::Principal* who : {&outsider_}) {
    EXPECT_EQ(As(*who).Get("/api/threads/" + thread).status, 404);
    EXPECT_EQ(As(*who).Post("/api/threads/" + thread + "/messages", R"({"body":"hi"})").status, 404);
  }
  EXPECT_EQ(As(env_.Admin()).Get("/api/threads/" + thread).status, 404);
  EXPECT_EQ(owner.Get("/api/threads/interest:int_none").status, 404);
  EXPECT_EQ(owner.Get("/api/threads/nonsense").ErrorField(), "thread");

  // Empty and oversized messages: 422 naming the body; nothing is written.
  EXPECT_EQ(owner.Post("/api/threads/" + thread + "/messages", R"({"body":"   "})").ErrorField(), "body");
  const std::string longest(20000, 'a');
  EXPECT_EQ(owner.Post("/api/threads/" + thread + "/messages", fmt::format(R"({{"body":"{}"}})", longest)).status, 201);
  ClientResponse too_long = owner.Post("/api/threads/" + thread + "/messages", fmt::format(R"({{"body":"{}b"}})", longest));
  EXPECT_EQ(too_long.status, 422);
  EXPECT_EQ(too_long.ErrorField(), "body");
  EXPECT_EQ(owner.Post("/api/threads/" + thread + "/messages", R"({"body":"x","language":"english"})").ErrorField(),
            "language");
  EXPECT_EQ(Items(owner.Get("/api/threads/" + thread)).size(), 3u);
}

TEST_F(NotificationsTest, PreferencesArePerKindAndSecurityCannotBeSilenced) {
  HttpClient owner = As(owner_);
  ClientResponse all = owner.Get("/api/me/notification-preferences");
  ASSERT_EQ(all.status, 200);
  EXPECT_EQ(Items(all).size(), std::size(domain::kNotificationKinds));
  ClientResponse set = owner.Patch("/api/me/notification-preferences", R"({"deal_moved":"weekly","message_received":"never"})");
  ASSERT_EQ(set.status, 200) << set.body;
  std::map<std::string, std::string> rhythms = Rhythms(set);
  EXPECT_EQ(rhythms["deal_moved"], "weekly");
  EXPECT_EQ(rhythms["message_received"], "never");
  EXPECT_EQ(rhythms["interest_received"], "immediately");
  EXPECT_EQ(owner.Patch("/api/me/notification-preferences", R"({"security":"never"})").ErrorField(), "security");
  EXPECT_EQ(owner.Patch("/api/me/notification-preferences", R"({"nonsense":"daily"})").ErrorField(), "nonsense");
  EXPECT_EQ(owner.Patch("/api/me/notification-preferences", R"({"deal_moved":"hourly"})").ErrorField(), "deal_moved");
  // A refused change changes nothing, not even the valid kinds beside it.
  EXPECT_EQ(owner.Patch("/api/me/notification-preferences", R"({"interest_received":"daily","x":"daily"})").status, 422);
  EXPECT_EQ(Rhythms(owner.Get("/api/me/notification-preferences"))["interest_received"], "immediately");
}

}  // namespace
}  // namespace biobridge::api

namespace biobridge::api {
namespace {

TEST_F(NotificationsTest, SavedSearchesAreKeptChangedAndAlertedOverHttp) {
  HttpClient maker = As(maker_);
  HttpClient owner = As(owner_);
  // Bad input names what to fix and saves nothing.
  auto field = [](const ClientResponse& r) { return std::string(r.Json().at("error").at("field").as_string()); };
  ClientResponse bad = maker.Post("/api/me/saved-searches", R"({"q":"robots","filters":{"country":"XX"}})");
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(field(bad), "country");
  EXPECT_EQ(field(maker.Post("/api/me/saved-searches", R"({"q":"robots","colour":"red"})")), "colour");
  EXPECT_EQ(field(maker.Post("/api/me/saved-searches", R"({"q":"robots","filters":{"size":"big"}})")), "size");
  EXPECT_EQ(field(maker.Post("/api/me/saved-searches", R"({"q":"robots","rhythm":"hourly"})")), "rhythm");
  EXPECT_EQ(maker.Post("/api/me/saved-searches", R"({"kind":"matches","opportunity":"opp-robots"})").status, 403);
  EXPECT_EQ(Items(maker.Get("/api/me/saved-searches")).size(), 0u);

  ClientResponse saved = maker.Post("/api/me/saved-searches",
                                    R"({"q":"реабилитация","lang":"zh","filters":{"type":"opportunity"}})");
  ASSERT_EQ(saved.status, 201) << saved.body;
  const std::string id(saved.Json().at("id").as_string());
  EXPECT_EQ(saved.Json().at("rhythm"), "daily");
  EXPECT_EQ(saved.Json().at("filters").at("type"), "opportunity");
  ClientResponse mine = owner.Post("/api/me/saved-searches", R"({"kind":"matches","opportunity":"opp-robots"})");
  ASSERT_EQ(mine.status, 201) << mine.body;
  EXPECT_EQ(mine.Json().at("opportunity").at("id"), "opp-robots");

  ClientResponse renamed = maker.Patch("/api/me/saved-searches/" + id, R"j({"name":"Rehab (RU)","rhythm":"weekly"})j");
  ASSERT_EQ(renamed.status, 200) << renamed.body;
  EXPECT_EQ(renamed.Json().at("name"), "Rehab (RU)");
  EXPECT_EQ(renamed.Json().at("rhythm"), "weekly");
  EXPECT_EQ(owner.Patch("/api/me/saved-searches/" + id, R"({"rhythm":"daily"})").status, 404);  // not theirs

  // A new request in Russian, after the search was saved, reaches the maker
  // in Chinese with the record named.
  ASSERT_TRUE(env_.directory
                  .CreateOpportunity(owner_, json::parse(R"({"id":"opp-rehab","organization":"org-clinic",
                      "direction":"request","cooperation":["clinical_trial"],
                      "title":{"ru":"Реабилитация после инсульта: ищем партнёров"}})")
                                                 .as_object())
                  .ok());
  ASSERT_TRUE(service::RunAlerts(env_.context).ok());
  ClientResponse inbox = maker.Get("/api/me/notifications?lang=zh");
  bool found = false;
  for (const json::value& n : Items(inbox)) {
    if (n.at("kind") != "saved_search_match") continue;
    found = true;
    EXPECT_EQ(n.at("title"), "“Rehab (RU)”有新的匹配结果");
    EXPECT_NE(std::string(n.at("body").as_string()).find("Реабилитация после инсульта"), std::string::npos) << n;
  }
  EXPECT_TRUE(found) << inbox.body;
  EXPECT_EQ(Items(maker.Get("/api/me/saved-searches"))[0].at("match_count"), 1);

  EXPECT_EQ(owner.Delete("/api/me/saved-searches/" + id).status, 404);
  EXPECT_EQ(maker.Delete("/api/me/saved-searches/" + id).status, 204);
  EXPECT_EQ(Items(maker.Get("/api/me/saved-searches")).size(), 0u);
}

}  // namespace
}  // namespace biobridge::api

namespace biobridge::api {
namespace {

TEST_F(NotificationsTest, APartyAddsTheProgrammesOperatorAndOnlyThen) {
  // The clinic's request is in a programme run by the outsider's organisation.
  env_.Programme("prog-rehab", "org-out");
  ASSERT_TRUE(env_.pipeline.AddProgrammeOpportunity(service::Principal::System("test"), "prog-rehab", "opp-robots").ok());
  ClientResponse interest = As(maker_).Post("/api/interests", R"({"from_organization":"org-maker",
      "opportunity":"opp-robots","message":"We build such robots.","programme":"prog-rehab"})");
  ASSERT_EQ(interest.status, 201) << interest.body;
  ClientResponse deal = As(owner_).Post("/api/interests/" + std::string(interest.Json().at("id").as_string()) + "/accept",
                                        R"({"version":1})");
  ASSERT_EQ(deal.status, 201) << deal.body;
  const std::string thread = "/api/threads/deal:" + std::string(deal.Json().at("id").as_string());
  ASSERT_EQ(As(owner_).Post(thread + "/messages", R"({"body":"Наш бюджет — 2 млн."})").status, 201);

  // The operator is not in it, and cannot put itself in.
  HttpClient operator_ = As(outsider_);
  EXPECT_EQ(operator_.Get(thread).status, 404);
  EXPECT_EQ(operator_.Post(thread + "/operator", "").status, 404);
  EXPECT_TRUE(Items(operator_.Get("/api/me/threads")).empty());
  EXPECT_EQ(operator_.Get("/api/me/threads?limit=0").status, 422);
  ClientResponse before = As(maker_).Get(thread + "?lang=en");
  EXPECT_EQ(before.Json().at("operator_to_add"), "Organisation org-out");
  EXPECT_TRUE(before.Json().at("guests").as_array().empty());

  // A party adds it: everyone else is told, and the operator reads and writes.
  ClientResponse added = As(maker_).Post(thread + "/operator", "");
  ASSERT_EQ(added.status, 200) << added.body;
  EXPECT_EQ(added.Json().at("guests").as_array().size(), 1u);
  EXPECT_TRUE(added.Json().at("operator_to_add").is_null());
  ClientResponse told = operator_.Get("/api/me/notifications");
  EXPECT_EQ(Items(told).at(0).at("kind"), "added_to_thread");
  EXPECT_EQ(Items(told).at(0).at("title"),
            "Shanghai Robotics added Organisation org-out to the conversation about “Rehabilitation robots wanted”");
  EXPECT_EQ(Items(As(owner_).Get("/api/me/notifications")).at(0).at("kind"), "added_to_thread");
  EXPECT_TRUE(Items(As(colleague_).Get("/api/me/threads")).size() == 1u);  // the clinic's other member
  // Not in the operator's conversations before: now it is, and unread.
  ClientResponse listed = operator_.Get("/api/me/threads?lang=en");
  ASSERT_EQ(listed.status, 200) << listed.body;
  ASSERT_EQ(Items(listed).size(), 1u);
  EXPECT_EQ(Items(listed)[0].at("title"), "Rehabilitation robots wanted");
  EXPECT_EQ(Items(listed)[0].at("unread"), 1);
  EXPECT_EQ(Items(listed)[0].at("last").at("body"), "Наш бюджет — 2 млн.");
  ClientResponse read = operator_.Get(thread);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_NE(read.body.find("2 млн"), std::string::npos);
  ASSERT_EQ(operator_.Post(thread + "/messages", R"({"body":"The programme can fund a pilot."})").status, 201);
  for (const service::Principal* party : {&owner_, &maker_}) {
    EXPECT_EQ(Items(As(*party).Get("/api/me/notifications")).at(0).at("kind"), "message_received");
  }
  // Once is enough; a guest adds nobody; a thread outside any programme has no operator.
  EXPECT_EQ(As(owner_).Post(thread + "/operator", "").status, 409);
  EXPECT_EQ(operator_.Post(thread + "/operator", "").status, 403);
  const std::string plain = ExpressInterest();
  EXPECT_EQ(As(owner_).Post("/api/threads/interest:" + plain + "/operator", "").status, 409);
}

}  // namespace
}  // namespace biobridge::api
