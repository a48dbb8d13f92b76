// Regressions of issue 15 at the edge, against a real server: framing,
// content types and origins of state-changing requests, cookies behind
// HTTPS, HEAD, foreign Authorization schemes, sessions that a password
// change ends, sign-in throttling, and the partner's view of a CDA-tier
// opportunity.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/asio.hpp>

#include "api/api_test_server.h"

namespace biobridge::api {
namespace {

using domain::MembershipRole;
using ::testing::HasSubstr;
using testing::ClientResponse;
using testing::HttpClient;
using testing::ServiceEnv;

int CountResponses(const std::string& raw) {
  int n = 0;
  for (std::size_t at = 0; (at = raw.find("HTTP/1.1 ", at)) != std::string::npos; at += 9) ++n;
  return n;
}

class HttpSecurityTest : public ::testing::Test, public ApiTestServer {
 protected:
  HttpClient SignedIn(const std::string& email, const std::vector<std::pair<std::string, MembershipRole>>& memberships = {}) {
    env_.User(email, memberships);
    HttpClient client = Client();
    EXPECT_TRUE(client.SignIn(email, ServiceEnv::kPassword));
    return client;
  }
  std::int64_t Users() { return *env_.store().CountUsers(); }
};

// The routes that hash a password are the ones the server offloads.
TEST_F(HttpSecurityTest, ThePasswordRoutesAndOnlyThemGoToTheHashingPool) {
  for (const char* path : {"/api/auth/signin", "/api/auth/register", "/api/me/password", "/api/users"}) {
    EXPECT_TRUE(api_.HashesPassword({.method = "POST", .path = path})) << path;
  }
  EXPECT_FALSE(api_.HashesPassword({.method = "GET", .path = "/api/users"}));
  EXPECT_FALSE(api_.HashesPassword({.method = "PATCH", .path = "/api/users/usr_1"}));
  EXPECT_FALSE(api_.HashesPassword({.method = "GET", .path = "/api/health"}));
  EXPECT_FALSE(api_.HashesPassword({.method = "POST", .path = "/api/auth/signout"}));
}

// Finding 9: a Transfer-Encoding whose last coding is not chunked was read
// as "no body", and the bytes after it ran as a second request.
TEST_F(HttpSecurityTest, ATransferEncodingNotEndingInChunkedIsRefusedAndNothingAfterItRuns) {
  const std::int64_t before = Users();
  const std::string smuggled =
      "POST /api/auth/register HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: gzip\r\n\r\n"
      "POST /api/auth/register HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 66\r\n\r\n"
      R"({"email":"smuggled@example.org","password":"a long password here!"})";
  const std::string answer = Client().SendRaw(smuggled);
  EXPECT_EQ(CountResponses(answer), 1) << answer;
  EXPECT_THAT(answer, HasSubstr("HTTP/1.1 400"));
  EXPECT_THAT(answer, HasSubstr("chunked"));
  EXPECT_EQ(Users(), before) << "the smuggled request did not run";

  const std::string both = Client().SendRaw(
      "POST /api/auth/register HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5\r\n"
      "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
  EXPECT_THAT(both, HasSubstr("HTTP/1.1 400"));
  EXPECT_EQ(CountResponses(both), 1);
}

TEST_F(HttpSecurityTest, AClientThatExpects100ContinueIsToldToSendTheBody) {
  // curl waits a second for this before sending a body over 1 MB.
  namespace net = boost::asio;
  net::io_context io;
  net::ip::tcp::socket socket(io);
  socket.connect({net::ip::make_address("127.0.0.1"), server_->port()});
  const std::string body = R"({"email": "x@example.org", "password": "wrong password here"})";
  net::write(socket, net::buffer(fmt::format("POST /api/auth/signin HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                                             "application/json\r\nContent-Length: {}\r\nExpect: 100-continue\r\n"
                                             "Connection: close\r\n\r\n",
                                             body.size())));
  std::array<char, 4096> chunk;
  const std::size_t n = socket.read_some(net::buffer(chunk));  // before any byte of the body is sent
  EXPECT_EQ(std::string(chunk.data(), n), "HTTP/1.1 100 Continue\r\n\r\n");
  net::write(socket, net::buffer(body));
  std::string answer;
  boost::system::error_code ec;
  while (!ec) answer.append(chunk.data(), socket.read_some(net::buffer(chunk), ec));
  EXPECT_THAT(answer, HasSubstr("HTTP/1.1 401"));
  // Refused from its header alone: no 100 Continue, straight to 413.
  net::ip::tcp::socket big(io);
  big.connect({net::ip::make_address("127.0.0.1"), server_->port()});
  net::write(big, net::buffer(std::string("POST /api/auth/signin HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                                          "application/json\r\nContent-Length: 99999999\r\nExpect: 100-continue\r\n\r\n")));
  answer.clear();
  ec = {};
  while (!ec) answer.append(chunk.data(), big.read_some(net::buffer(chunk), ec));
  EXPECT_THAT(answer, ::testing::StartsWith("HTTP/1.1 413"));
}

TEST_F(HttpSecurityTest, AChunkedBodyIsStillRead) {
  const std::string body = R"({"email":"chunked@example.org","password":"a long password here!"})";
  const std::string answer = Client().SendRaw(fmt::format(
      "POST /api/auth/register HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
      "Connection: close\r\n\r\n{:x}\r\n{}\r\n0\r\n\r\n",
      body.size(), body));
  EXPECT_THAT(answer, HasSubstr("HTTP/1.1 201"));
}

// Finding 10: state-changing requests were accepted as text/plain (which a
// page of another site may send without asking) and from any origin.
TEST_F(HttpSecurityTest, OnlyJsonChangesAnythingAndOnlyFromBioBridgesOwnOrigin) {
  HttpClient alice = SignedIn("alice@example.org");
  const std::string organization = R"({"name":{"en":"Cross-site Ltd"},"kind":"company","country":"CN"})";
  for (const char* type : {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"}) {
    ClientResponse r = alice.Send("POST", "/api/organizations", organization, {{"Content-Type", type}});
    EXPECT_EQ(r.status, 415) << type;
    EXPECT_THAT(r.Json().at("error").at("message").as_string().c_str(), HasSubstr("application/json"));
  }
  ClientResponse cross_site = alice.Send("POST", "/api/organizations", organization, {{"Sec-Fetch-Site", "cross-site"}});
  EXPECT_EQ(cross_site.status, 403);
  ClientResponse foreign = alice.Send("POST", "/api/organizations", organization, {{"Origin", "https://evil.example"}});
  EXPECT_EQ(foreign.status, 403);
  EXPECT_EQ(env_.store().ListOrganizations({}, {1, 1})->total, 0) << "nothing was created";
  // Reading stays open to any origin; a request from its own page goes through.
  EXPECT_EQ(alice.Send("GET", "/api/me", "", {{"Sec-Fetch-Site", "cross-site"}}).status, 200);
  const std::string self = fmt::format("http://127.0.0.1:{}", server_->port());
  ClientResponse same = alice.Send("POST", "/api/organizations", organization,
                                   {{"Origin", self}, {"Sec-Fetch-Site", "same-origin"},
                                    {"Content-Type", "application/json; charset=utf-8"}});
  EXPECT_EQ(same.status, 201) << same.body;
}

// Finding 12: an unrelated Authorization scheme made public routes answer
// 401, and HEAD answered 405.
TEST_F(HttpSecurityTest, AForeignAuthorizationSchemeIsNoCredentialAndHeadIsGetWithoutTheBody) {
  HttpClient visitor = Client();
  ClientResponse basic = visitor.Send("GET", "/api/taxonomies", "", {{"Authorization", "Basic dXNlcjpwYXNz"}});
  EXPECT_EQ(basic.status, 200);
  ClientResponse bad_token = visitor.Send("GET", "/api/taxonomies", "", {{"Authorization", "Bearer not-a-token"}});
  EXPECT_EQ(bad_token.status, 401);

  const ClientResponse get = visitor.Get("/api/taxonomies");
  const ClientResponse head = visitor.Send("HEAD", "/api/taxonomies");
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.body, "");
  EXPECT_EQ(head.Header("content-length"), std::to_string(get.body.size()));
  EXPECT_EQ(visitor.Send("HEAD", "/api/organizations/nope").status, 404);
}

// Finding 6: other sessions and API tokens kept working after a password change.
TEST_F(HttpSecurityTest, APasswordChangeEndsEveryOtherSessionAndTheTokensWhenAsked) {
  HttpClient here = SignedIn("alice@example.org");
  HttpClient there = Client();
  ASSERT_TRUE(there.SignIn("alice@example.org", ServiceEnv::kPassword));
  HttpClient script = Client();
  const std::string token(here.Post("/api/me/tokens", R"({"name":"CI"})").Json().at("token").as_string());
  script.set_bearer(token);
  ASSERT_EQ(script.Get("/api/me").status, 200);
  ClientResponse listed = here.Get("/api/me/sessions");
  ASSERT_EQ(listed.Json().at("items").as_array().size(), 2u);

  ASSERT_EQ(here.Post("/api/me/password", R"({"current_password":"correct horse battery","new_password":"a brand new password"})")
                .status,
            204);
  EXPECT_EQ(there.Get("/api/me").status, 401) << "the other session ended";
  EXPECT_EQ(here.Get("/api/me").status, 200) << "the one that changed it goes on";
  EXPECT_EQ(script.Get("/api/me").status, 200) << "tokens stay unless asked";
  ASSERT_EQ(here.Post("/api/me/password", R"({"current_password":"a brand new password",
                                               "new_password":"yet another password","end_api_tokens":true})")
                .status,
            204);
  EXPECT_EQ(script.Get("/api/me").status, 401);

  // A session ended from the list; another user's id is not found.
  HttpClient phone = Client();
  ASSERT_TRUE(phone.SignIn("alice@example.org", "yet another password"));
  std::string phone_id;
  const json::value sessions = here.Get("/api/me/sessions").Json();
  for (const json::value& s : sessions.at("items").as_array()) {
    if (!s.at("current").as_bool()) phone_id = s.at("id").as_string();
  }
  ASSERT_FALSE(phone_id.empty());
  HttpClient bob = SignedIn("bob@example.org");
  EXPECT_EQ(bob.Delete("/api/me/sessions/" + phone_id).status, 404);
  EXPECT_EQ(here.Delete("/api/me/sessions/" + phone_id).status, 204);
  EXPECT_EQ(phone.Get("/api/me").status, 401);
}

// Finding 7: 30 wrong passwords in 5 s were all answered 401 and the right
// one was then accepted.
TEST_F(HttpSecurityTest, SignInIsThrottledWithAGrowingDelayAndRetryAfter) {
  env_.User("alice@example.org");
  const std::string wrong = R"({"email":"alice@example.org","password":"not her password"})";
  const std::string right = R"({"email":"alice@example.org","password":"correct horse battery"})";
  for (int i = 0; i < 5; ++i) ASSERT_EQ(Client().Post("/api/auth/signin", wrong).status, 401) << i;
  ClientResponse sixth = Client().Post("/api/auth/signin", wrong);
  EXPECT_EQ(sixth.status, 401);  // counted: the first delay starts
  ClientResponse locked = Client().Post("/api/auth/signin", right);
  EXPECT_EQ(locked.status, 429) << "even the right password waits";
  EXPECT_EQ(locked.ErrorCode(), "too_many_requests");
  EXPECT_EQ(locked.Header("retry-after"), "1");
  env_.clock.Advance(std::chrono::seconds(1));
  EXPECT_EQ(Client().Post("/api/auth/signin", wrong).status, 401);
  EXPECT_EQ(Client().Post("/api/auth/signin", right).Header("retry-after"), "2") << "the delay doubles";
  // The same for an email without an account: the answers do not tell them apart.
  for (int i = 0; i < 6; ++i) Client().Post("/api/auth/signin", R"({"email":"ghost@example.org","password":"x"})");
  EXPECT_EQ(Client().Post("/api/auth/signin", R"({"email":"ghost@example.org","password":"x"})").status, 429);
  // Once the wait is over the right password signs in, and clears the count.
  env_.clock.Advance(std::chrono::seconds(2));
  EXPECT_EQ(Client().Post("/api/auth/signin", right).status, 200);
  EXPECT_EQ(Client().Post("/api/auth/signin", wrong).status, 401);
  EXPECT_EQ(Client().Post("/api/auth/signin", right).status, 200);
}

TEST_F(HttpSecurityTest, AnAddressGuessingAcrossAccountsIsThrottledToo) {
  int refused = 0;
  for (int i = 0; i < 25; ++i) {
    const std::string body = fmt::format(R"({{"email":"user{}@example.org","password":"guess"}})", i);
    refused += Client().Post("/api/auth/signin", body).status == 429;
  }
  EXPECT_GE(refused, 4) << "20 free failures from one address, then a wait";
}

// Behind a TLS proxy, --public-url https://... makes the session cookie
// Secure and sends HSTS (finding 10: no setting reached secure_cookies).
class PublicHttpsTest : public ::testing::Test, public ApiTestServer {
 protected:
  PublicHttpsTest() : ApiTestServer({.public_url = "https://exchange.example.org"}) {}
};

TEST_F(PublicHttpsTest, CookiesAreSecureHstsIsSentAndOnlyThatOriginChangesAnything) {
  env_.User("alice@example.org");
  HttpClient client = Client();
  ClientResponse signin = client.Send("POST", "/api/auth/signin",
                                      R"({"email":"alice@example.org","password":"correct horse battery"})",
                                      {{"Origin", "https://exchange.example.org"}});
  ASSERT_EQ(signin.status, 200) << signin.body;
  EXPECT_THAT(signin.Header("set-cookie"), HasSubstr("; Secure"));
  EXPECT_EQ(signin.Header("strict-transport-security"), "max-age=31536000");
  EXPECT_EQ(client.Send("POST", "/api/auth/signout", "", {{"Origin", "http://exchange.example.org"}}).status, 403);
}

TEST_F(HttpSecurityTest, WithoutAPublicHttpsUrlCookiesAreNotMarkedSecure) {
  env_.User("alice@example.org");
  ClientResponse signin = Client().Post("/api/auth/signin", R"({"email":"alice@example.org","password":"correct horse battery"})");
  EXPECT_THAT(signin.Header("set-cookie"), ::testing::Not(HasSubstr("Secure")));
  EXPECT_EQ(signin.Header("strict-transport-security"), "");
}

// Finding 12: a CDA-tier opportunity answered 404 even to the partner whose
// agreement about it both sides had accepted.
TEST_F(HttpSecurityTest, ACdaTierOpportunityIsReadByAPartnerUnderAnAcceptedAgreement) {
  env_.Organization("org-owner", "RU");
  env_.Organization("org-partner", "CN");
  env_.Organization("org-other", "KZ");
  const service::Principal owner = env_.User("owner@example.ru", {{"org-owner", MembershipRole::kAdmin}});
  const service::Principal partner = env_.User("partner@example.cn", {{"org-partner", MembershipRole::kAdmin}});
  HttpClient other = SignedIn("other@example.kz", {{"org-other", MembershipRole::kAdmin}});
  ASSERT_TRUE(env_.directory
                  .CreateOpportunity(owner, json::parse(R"({"id":"opp-tier","organization":"org-owner","direction":"request",
                      "cooperation":["clinical_trial"],"title":{"en":"Confidential trial"},"confidentiality":"cda"})")
                                                .as_object())
                  .ok());
  // The partner has a deal with the owner (about the organisation), agreement not yet accepted.
  auto interest = env_.pipeline.ExpressInterest(
      partner, json::parse(R"({"from_organization":"org-partner","organization":"org-owner","message":"Hello"})").as_object());
  ASSERT_TRUE(interest.ok());
  auto deal = env_.pipeline.AcceptInterest(owner, interest->id, interest->meta.version);
  ASSERT_TRUE(deal.ok());
  HttpClient partner_client = Client();
  ASSERT_TRUE(partner_client.SignIn("partner@example.cn", ServiceEnv::kPassword));
  EXPECT_EQ(partner_client.Get("/api/opportunities/opp-tier").status, 404);
  for (const auto& [who, organization] : {std::pair{owner, "org-owner"}, std::pair{partner, "org-partner"}}) {
    ASSERT_TRUE(env_.pipeline
                    .AcceptAgreement(who, deal->id,
                                     json::object{{"organization", organization},
                                                  {"agreement_version", service::CurrentAgreement().version}})
                    .ok());
  }
  EXPECT_EQ(partner_client.Get("/api/opportunities/opp-tier").status, 200);
  EXPECT_EQ(other.Get("/api/opportunities/opp-tier").status, 404) << "nobody else";
}

}  // namespace
}  // namespace biobridge::api
