// The confidentiality ladder, proven over the whole API: an opportunity holds
// a unique marker in its members-only details and another in its CDA-only
// details; every operation of the OpenAPI document (so that new routes are
// covered without changing this test) is called as an anonymous visitor, a
// signed-in outsider, and a partner whose deal has no agreement yet, and no
// answer to them may carry a marker above their tier (nor, to the first two,
// a deal's messages or what its parties wrote about it). Then, as a control,
// once both sides accept the agreement the partner does see the CDA marker.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>

#include "api/api_test_server.h"

namespace biobridge::api {
namespace {

using domain::MembershipRole;
using testing::ClientResponse;
using testing::HttpClient;
using testing::ServiceEnv;

constexpr std::string_view kMembersMarker = "MEMBERS-ONLY-5b2e91";
constexpr std::string_view kCdaMarker = "CDA-ONLY-c47d08";
// In an invitation none of the viewers is a party to.
constexpr std::string_view kInvitationMarker = "INVITATION-ONLY-9e1f27";
// In a message between the parties of the deal.
constexpr std::string_view kThreadMarker = "THREAD-ONLY-3a9d51";
// In what the parties wrote about the deal (its next step): theirs alone.
constexpr std::string_view kDealMarker = "DEAL-ONLY-7c1e44";
// A word found only in the CDA details: searching for it must find nothing.
constexpr std::string_view kCdaWord = "c47d08";
// A vocabulary word found only in the CDA details, and a misspelling of it:
// "did you mean" and the suggested concepts must not point at it.
constexpr std::string_view kCdaVocabularyWord = "xenotransplantation";
constexpr std::string_view kCdaVocabularyTypo = "xenotransplantaton";
// In the video-call addresses of a partnering event none of the viewers
// organises or meets at: its pattern, a room's own link, the meeting's link.
constexpr std::string_view kVideoMarker = "VIDEO-ONLY-7d2c55";

class LeakTest : public ::testing::Test, public ApiTestServer {
 protected:
  void SetUp() override {
    env_.Organization("org-owner", "RU", "hospital");
    env_.Organization("org-partner", "CN", "company");
    env_.Organization("org-outsider", "KZ", "distributor");
    owner_ = env_.User("owner@example.ru", {{"org-owner", MembershipRole::kAdmin}});
    partner_ = env_.User("partner@example.cn", {{"org-partner", MembershipRole::kAdmin}});
    outsider_ = env_.User("outsider@example.kz", {{"org-outsider", MembershipRole::kAdmin}});
    // Saved searches that the opportunity below meets (its teaser) or would
    // meet if its details were searchable: their alerts are walked too.
    for (const service::Principal* who : {&partner_, &outsider_}) {
      for (std::string q : {std::string("rehabilitation robots"), std::string(kCdaWord)}) {
        ASSERT_TRUE(env_.saved_searches.Create(*who, {.search = {.q = q}, .rhythm = "immediately"}).ok());
      }
    }
    auto created = env_.directory.CreateOpportunity(
        owner_, json::parse(fmt::format(R"({{"id": "opp-secret", "organization": "org-owner", "direction": "request",
            "cooperation": ["clinical_trial"], "title": {{"en": "Rehabilitation robots for a clinical study"}},
            "description": {{"en": "A public teaser about rehabilitation robots."}},
            "members_details": {{"en": "Sites and budget: {}"}},
            "cda_details": {{"en": "Protocol draft {} attached, with a {} arm"}}}})",
                                        kMembersMarker, kCdaMarker, kCdaVocabularyWord))
                    .as_object());
    ASSERT_TRUE(created.ok()) << created.status().ToString();
    // A programme of the owner's, holding the opportunity: its deals,
    // analytics and CSV export are walked too.
    ASSERT_TRUE(env_.pipeline
                    .CreateProgramme(service::Principal::System("test"), json::parse(R"({"id": "prog-leak", "name": {"en": "Rehabilitation exchange"},
                                                           "kind": "bilateral_centre", "operator": "org-owner"})")
                                                 .as_object())
                    .ok());
    ASSERT_TRUE(env_.pipeline.AddProgrammeOpportunity(owner_, "prog-leak", "opp-secret").ok());
    auto interest = env_.pipeline.ExpressInterest(
        partner_, json::parse(R"({"from_organization": "org-partner", "opportunity": "opp-secret",
                                  "message": "We make such robots."})")
                      .as_object());
    ASSERT_TRUE(interest.ok());
    interest_id_ = interest->id;
    auto deal = env_.pipeline.AcceptInterest(owner_, interest->id, 1);
    ASSERT_TRUE(deal.ok());
    deal_id_ = deal->id;
    ASSERT_TRUE(env_.messages.Post(owner_, "deal:" + deal_id_,
                                   json::object{{"body", fmt::format("Our budget is {}", kThreadMarker)}}).ok());
    ASSERT_TRUE(env_.pipeline
                    .UpdateDealDetails(owner_, deal_id_,
                                       json::object{{"next_step", fmt::format("Send the dossier {}", kDealMarker)},
                                                    {"version", deal->meta.version}})
                    .ok());
    auto invited = env_.accounts.PutMember(owner_, "org-owner", "colleague@example.ru", MembershipRole::kMember,
                                           std::string(kInvitationMarker));
    ASSERT_TRUE(invited.ok() && invited->invitation);
    invitation_id_ = invited->invitation->id;
    // Files at each tier: the CDA one on the opportunity, the members' one on the organisation.
    auto cda_file = env_.documents.Upload(owner_, {"org-owner", "opp-secret", "protocol.txt", "cda"},
                                          fmt::format("Protocol {}\n", kCdaMarker));
    ASSERT_TRUE(cda_file.ok()) << cda_file.status().ToString();
    cda_document_id_ = cda_file->id;
    ASSERT_TRUE(env_.documents.Upload(owner_, {"org-owner", "", "sites.txt", "members"},
                                      fmt::format("Sites {}\n", kMembersMarker)).ok());
    // A certificate's scans at the two tiers above public: its view lists only what the viewer may read.
    auto certificate = env_.certificates.Create(owner_, "org-owner", json::parse(R"({"kind": "gmp_nmpa",
        "issuer": "NMPA", "number": "GD-9", "issued_on": "2025-01-01", "expires_on": "2030-01-01"})"));
    ASSERT_TRUE(certificate.ok()) << certificate.status().ToString();
    certificate_id_ = certificate->id;
    ASSERT_TRUE(env_.documents.Upload(owner_, {"org-owner", "", fmt::format("audit {}.txt", kCdaMarker), "cda",
                                               certificate_id_}, "Audit report\n").ok());
    ASSERT_TRUE(env_.documents.Upload(owner_, {"org-owner", "", fmt::format("scan {}.txt", kMembersMarker), "members",
                                               certificate_id_}, "Certificate scan\n").ok());
    // A private plan: its title is for its organisation only.
    auto plan = env_.plans.Draft(owner_, json::parse(fmt::format(R"({{"organization": "org-owner", "product_kind": "drug",
        "product": "heparin", "title": "Plan {}", "countries": ["KZ"]}})", kCdaMarker)));
    ASSERT_TRUE(plan.ok()) << plan.status().ToString();
    plan_id_ = plan->id;
    // A partnering event: the owner meets a third organisation in a video room.
    env_.Organization("org-third", "KZ", "hospital");
    const service::Principal third = env_.User("third@example.kz", {{"org-third", MembershipRole::kAdmin}});
    const service::Principal system = service::Principal::System("test");
    ASSERT_TRUE(env_.events.CreateEvent(system, json::parse(fmt::format(R"({{"id": "evt-leak", "name": {{"en": "Forum"}},
        "time_zone": "Europe/Moscow", "video_link": "https://meet.example.org/{0}-{{meeting}}",
        "rooms": [{{"id": "v1", "name": "Video room", "mode": "virtual"}},
                  {{"id": "v2", "name": "Studio", "mode": "virtual", "link": "https://meet.example.org/{0}-studio"}}],
        "plan": {{"days": ["2027-06-16"], "sessions": [{{"start": "09:00", "end": "10:00"}}]}}}})", kVideoMarker)).as_object()).ok());
    auto owner_delegate = env_.events.Register(owner_, "evt-leak", json::parse(R"({"organization": "org-owner",
        "attendance": "virtual", "listed": true})").as_object());
    auto third_delegate = env_.events.Register(third, "evt-leak", json::parse(R"({"organization": "org-third"})").as_object());
    ASSERT_TRUE(owner_delegate.ok() && third_delegate.ok());
    third_delegate_id_ = third_delegate->delegate->id;
    owner_delegate_id_ = owner_delegate->delegate->id;
    // What makes their check-in codes: theirs and the organisers' to see, nobody else's.
    check_in_keys_ = {owner_delegate->delegate->check_in_key, third_delegate->delegate->check_in_key};
    ASSERT_EQ(check_in_keys_[0].size(), 16u);
    auto asked = env_.events.RequestMeeting(owner_, "evt-leak", json::parse(fmt::format(R"({{"to": "{}"}})",
                                                                                          third_delegate_id_)).as_object());
    ASSERT_TRUE(asked.ok()) << asked.status().ToString();
    meeting_request_id_ = asked->request.id;
    ASSERT_TRUE(env_.events.AnswerRequest(third, meeting_request_id_, json::parse(R"({"decision": "accept", "version": 1})").as_object()).ok());
    auto draft = env_.events.DraftSchedule(system, "evt-leak");
    ASSERT_TRUE(draft.ok()) << draft.status().ToString();
    ASSERT_TRUE(env_.events.PublishSchedule(system, "evt-leak", draft->meta.version).ok());
    // Control: the owner's agenda carries the meeting's call.
    auto agenda = env_.events.DelegateAgenda(owner_, "evt-leak", "", "en");
    ASSERT_TRUE(agenda.ok() && agenda->items.size() == 1);
    ASSERT_NE(agenda->items[0].video_link.find(kVideoMarker), std::string::npos);
    Result<service::AlertRound> alerts = service::RunAlerts(env_.context);
    ASSERT_TRUE(alerts.ok()) << alerts.status().ToString();
    // Control: the teaser met the first search of each, the details nothing.
    EXPECT_EQ(alerts->notified, 2);
  }

  HttpClient WithToken(const service::Principal& who) {
    HttpClient client = Client();
    client.set_bearer(env_.accounts.CreateApiToken(who, "leak test")->token);
    return client;
  }

  // The value a path parameter takes in this test, by the path it is in.
  std::string ParameterValue(const std::string& path, const std::string& name) const {
    if (name == "user_id") return owner_.user()->id;
    if (name == "opportunity_id") return "opp-secret";
    if (name == "name") return "countries";
    if (path.starts_with("/api/organizations/")) return "org-owner";
    if (path.starts_with("/api/opportunities/")) return "opp-secret";
    if (path.starts_with("/api/interests/")) return interest_id_;
    if (path.starts_with("/api/deals/")) return deal_id_;
    if (path.starts_with("/api/programmes/")) return "prog-leak";
    if (path.starts_with("/api/me/tokens/")) return "tok_none";
    if (path.starts_with("/api/me/sessions/")) return "ses_none";
    if (path.starts_with("/api/me/saved-searches/")) return "ss_none";
    if (path.starts_with("/api/documents/")) return cda_document_id_;
    if (path.starts_with("/api/certificates/")) return certificate_id_;
    if (path.starts_with("/api/countries/")) return "CN";
    if (path.starts_with("/api/plans/")) return plan_id_;
    if (name == "organization") return "org-owner";
    if (path.starts_with("/api/users/")) return owner_.user()->id;
    if (path.starts_with("/api/invitations/")) return invitation_id_;
    if (path.starts_with("/api/threads/")) return "deal:" + deal_id_;
    if (path.starts_with("/api/experts/")) return "exp_none";
    if (path.starts_with("/api/review-projects/")) return "rp_none";
    if (name == "delegate") return owner_delegate_id_;  // the owner's profile at the event: listed publicly
    if (path.starts_with("/api/events/")) return "evt-leak";
    if (path.starts_with("/api/delegates/")) return third_delegate_id_;
    if (path.starts_with("/api/meeting-requests/")) return meeting_request_id_;
    ADD_FAILURE() << "no value for {" << name << "} in " << path << ": teach LeakTest::ParameterValue";
    return "x";
  }

  // Every operation of the OpenAPI document, with its path filled in and the
  // query it needs: {method, target}.
  std::vector<std::pair<std::string, std::string>> Operations() const {
    auto operations = OpenApiOperations([this](const std::string& path, const std::string& name) {
      return ParameterValue(path, name);
    });
    for (auto& [method, target] : operations) {
      if (target == "/api/search") target += "?q=" + std::string(kCdaWord);
      if (target.starts_with("/api/indicators")) target += "?countries=RU,CN";  // the owner's and the partner's
      if (target.find("/export.") != std::string::npos) target += "?table=meetings";
    }
    return operations;
  }

  service::Principal owner_, partner_, outsider_;
  std::string interest_id_, deal_id_, invitation_id_, cda_document_id_, certificate_id_, plan_id_;
  std::string third_delegate_id_, owner_delegate_id_, meeting_request_id_;
  std::vector<std::string> check_in_keys_;
};

TEST_F(LeakTest, NoRouteGivesAnyoneMoreThanTheirTier) {
  struct Viewer {
    const char* who;
    HttpClient client;
    bool may_see_members;
    bool may_see_thread;
  };
  std::vector<Viewer> viewers = {{"an anonymous visitor", Client(), false, false},
                                 {"a signed-in outsider", WithToken(outsider_), true, false},
                                 {"a partner without the agreement", WithToken(partner_), true, true}};
  const auto operations = Operations();
  ASSERT_GE(operations.size(), 40u) << "the OpenAPI document lists every route";
  for (Viewer& viewer : viewers) {
    // Reads first, then writes: a write that succeeded (none should) must not
    // hide a leak from the reads.
    for (bool writes : {false, true}) {
      for (const auto& [method, target] : operations) {
        if ((method != "GET") != writes) continue;
        ClientResponse r = viewer.client.Send(method, target, method == "GET" || method == "DELETE" ? "" : "{}");
        SCOPED_TRACE(fmt::format("{} {} as {} -> {}", method, target, viewer.who, r.status));
        EXPECT_EQ(r.body.find(kCdaMarker), std::string::npos) << r.body.substr(0, 300);
        EXPECT_EQ(r.body.find(kInvitationMarker), std::string::npos) << r.body.substr(0, 300);
        EXPECT_EQ(r.body.find(kVideoMarker), std::string::npos) << r.body.substr(0, 300);
        for (const std::string& key : check_in_keys_) EXPECT_EQ(r.body.find(key), std::string::npos) << r.body.substr(0, 300);
        if (!viewer.may_see_members) {
          EXPECT_EQ(r.body.find(kMembersMarker), std::string::npos) << r.body.substr(0, 300);
        }
        if (!viewer.may_see_thread) {
          EXPECT_EQ(r.body.find(kThreadMarker), std::string::npos) << r.body.substr(0, 300);
          EXPECT_EQ(r.body.find(kDealMarker), std::string::npos) << r.body.substr(0, 300);
        }
        EXPECT_LT(r.status, 500) << r.body;
      }
    }
  }
  // Nor in any mail waiting for them: notifications carry names and titles, never details.
  for (const char* address : {"partner@example.cn", "outsider@example.kz"}) {
    const std::string mails = env_.MailsTo(address);
    EXPECT_EQ(mails.find(kCdaMarker), std::string::npos) << address;
    EXPECT_EQ(mails.find(kMembersMarker), std::string::npos) << address;
    EXPECT_EQ(mails.find(kInvitationMarker), std::string::npos) << address;
  }
  EXPECT_EQ(env_.MailsTo("outsider@example.kz").find(kThreadMarker), std::string::npos);
  EXPECT_NE(env_.MailsTo("partner@example.cn"), "") << "the partner was mailed (the deal opened, a message came)";
  // What is above the teaser is not in the index either.
  ClientResponse search = Client().Get("/api/search?q=" + std::string(kCdaWord));
  EXPECT_EQ(search.Json().at("total"), 0);
}

// The spelling check and the concept suggestions answer from the
// vocabulary, and only with what the viewer's own search finds: a
// misspelling of a word that only hidden details hold gets neither, from
// anyone; the same mistake in a public word is put right for everyone.
TEST_F(LeakTest, SuggestionsNeverPointAtWordsOnlyHiddenDetailsHold) {
  const std::string hidden(kCdaVocabularyWord);  // in any case; the typo itself is echoed as the query
  for (auto [who, client] : {std::pair{"an anonymous visitor", Client()}, std::pair{"a signed-in outsider", WithToken(outsider_)},
                             std::pair{"a partner without the agreement", WithToken(partner_)},
                             std::pair{"the owner", WithToken(owner_)}}) {
    SCOPED_TRACE(who);
    ClientResponse typo = client.Get("/api/search?q=" + std::string(kCdaVocabularyTypo));
    ASSERT_EQ(typo.status, 200) << typo.body;
    EXPECT_EQ(typo.Json().at("total"), 0);
    std::string lower = typo.body;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char ch) { return std::tolower(ch); });
    EXPECT_EQ(lower.find(hidden), std::string::npos) << typo.body.substr(0, 400);
    // Control: the teaser's words are public, and a misspelling of them is put right.
    ClientResponse teaser = client.Get("/api/search?q=rehabilitaton%20robots");
    ASSERT_EQ(teaser.status, 200) << teaser.body;
    EXPECT_EQ(teaser.Json().at("did_you_mean"), "rehabilitation robots") << teaser.body.substr(0, 400);
  }
}

TEST_F(LeakTest, TheDetailsAppearToThoseWhoMaySeeThem) {
  HttpClient partner = WithToken(partner_);
  HttpClient owner = WithToken(owner_);
  ClientResponse before = partner.Get("/api/opportunities/opp-secret");
  EXPECT_NE(before.body.find(kMembersMarker), std::string::npos) << "signed-in users see the members' details";
  EXPECT_EQ(before.body.find(kCdaMarker), std::string::npos);
  ClientResponse own = owner.Get("/api/opportunities/opp-secret");
  EXPECT_NE(own.body.find(kCdaMarker), std::string::npos) << "its organisation sees everything";
  // The owner's check-in code is on her agenda (its QR code), not in her registration's record.
  EXPECT_NE(owner.Get("/api/events/evt-leak/agenda").body.find(check_in_keys_[0]), std::string::npos);
  EXPECT_EQ(owner.Get("/api/events/evt-leak/me").body.find(check_in_keys_[0]), std::string::npos);
  // Lists show the teaser only, even to the owner.
  EXPECT_EQ(owner.Get("/api/opportunities?organization=org-owner").body.find(kMembersMarker), std::string::npos);

  const std::string accept = R"({"organization":"ORG","agreement_version":")" +
                             service::CurrentAgreement().version + R"("})";
  for (auto [client, organization] : {std::pair{&owner, "org-owner"}, std::pair{&partner, "org-partner"}}) {
    std::string body = accept;
    body.replace(body.find("ORG"), 3, organization);
    ASSERT_EQ(client->Post("/api/deals/" + deal_id_ + "/agreement", body).status, 200);
  }
  ClientResponse after = partner.Get("/api/opportunities/opp-secret");
  EXPECT_NE(after.body.find(kCdaMarker), std::string::npos) << "the agreement opens the CDA details";
  ClientResponse file = partner.Get("/api/documents/" + cda_document_id_ + "/content");
  EXPECT_NE(file.body.find(kCdaMarker), std::string::npos) << "and the CDA files: " << file.status;
  EXPECT_NE(partner.Get("/api/certificates/" + certificate_id_).body.find(kCdaMarker), std::string::npos)
      << "and a certificate's CDA scan";
  // The other party reads the deal's messages; they were told of them.
  EXPECT_NE(partner.Get("/api/threads/deal:" + deal_id_).body.find(kThreadMarker), std::string::npos);
  // And what its parties wrote about the deal.
  EXPECT_NE(partner.Get("/api/deals/" + deal_id_).body.find(kDealMarker), std::string::npos);
  EXPECT_NE(partner.Get("/api/me/notifications").body.find("message_received"), std::string::npos);
  EXPECT_EQ(WithToken(outsider_).Get("/api/opportunities/opp-secret").body.find(kCdaMarker), std::string::npos);
}

}  // namespace
}  // namespace biobridge::api
