// API tests: a real HTTP server on port 0 over a temporary database, driven
// by a real HTTP client over loopback.
#include "api/api.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include <zlib.h>

#include "api/api_test_server.h"
#include "api/compression.h"
#include "api/http_server.h"
#include "api/views.h"
#include "tests/support/http_client.h"
#include "tests/support/service_env.h"
#include "storage/store.h"

namespace biobridge::api {
namespace {

using domain::MembershipRole;
using testing::ClientResponse;
using testing::HttpClient;
using testing::ServiceEnv;

class ApiTest : public ::testing::Test, public ApiTestServer {
 protected:
  // A client signed in as a new user who belongs to the given organisations.
  HttpClient SignedIn(const std::string& email,
                      const std::vector<std::pair<std::string, MembershipRole>>& memberships = {}) {
    env_.User(email, memberships);
    HttpClient client = Client();
    EXPECT_TRUE(client.SignIn(email, ServiceEnv::kPassword));
    return client;
  }

  std::int64_t OrganizationCount() { return env_.store().ListOrganizations({}, {1, 1})->total; }
};

// The bytes of a gzip member, inflated.
std::string Gunzip(const std::string& data) {
  z_stream stream{};
  if (inflateInit2(&stream, 15 + 16) != Z_OK) return "";
  std::string out;
  char buffer[16384];
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  int result = Z_OK;
  while (result == Z_OK) {
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = sizeof buffer;
    result = inflate(&stream, Z_NO_FLUSH);
    out.append(buffer, sizeof buffer - stream.avail_out);
  }
  inflateEnd(&stream);
  return result == Z_STREAM_END ? out : "";
}

const char* kOrganization =
    R"({"name":{"en":"Irtysh Medical","ru":"Иртыш Медикал","zh":"额尔齐斯医疗"},"kind":"distributor","country":"KZ",)"
    R"("therapeutic_areas":["cardiovascular"],"certifications":[{"name":"ISO 13485","expires":"2028-01-31"}]})";

TEST_F(ApiTest, HealthAnswers) {
  ClientResponse r = Client().Get("/api/health");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.Json().at("status"), "ok");
  EXPECT_EQ(r.Header("cache-control"), "no-store");
  EXPECT_EQ(r.Json().at("index_lag"), 0) << "every write syncs this node's index before answering";
  // A write the index has not followed yet (as on another node, or an import with --defer-indexing).
  domain::Organization o;
  o.id = "org-unindexed";
  o.name = {{"en", "Not yet indexed"}};
  o.kind = "company";
  o.country = "CN";
  ASSERT_TRUE(env_.store().CreateOrganization(o, {"system:test", env_.clock.Now()}).ok());
  EXPECT_EQ(Client().Get("/api/health").Json().at("index_lag"), 1);
  ASSERT_TRUE(env_.index().CatchUp(env_.store()).ok());
  EXPECT_EQ(Client().Get("/api/health").Json().at("index_lag"), 0);
}

TEST_F(ApiTest, TheWebUiIsServedOutsideTheApi) {
  ClientResponse index = Client().Get("/");
  ASSERT_EQ(index.status, 200);
  EXPECT_EQ(index.Header("content-type"), "text/html; charset=utf-8");
  EXPECT_NE(index.body.find("<div id=\"app\">"), std::string::npos);
  EXPECT_EQ(index.Header("cache-control"), "no-cache");
  EXPECT_NE(index.Header("content-security-policy").find("script-src 'self'"), std::string::npos);

  // The UI's own addresses, with any query, are its page: the browser routes them.
  for (const char* page : {"/organizations/org-1", "/opportunities/new", "/?q=%E5%8D%95&page=2"}) {
    ClientResponse r = Client().Get(page);
    EXPECT_EQ(r.status, 200) << page;
    EXPECT_EQ(r.body, index.body) << page;
  }

  // The scripts it names are served, long-cached (their names carry content hashes).
  const std::size_t at = index.body.find("/assets/");
  ASSERT_NE(at, std::string::npos);
  const std::string script = index.body.substr(at, index.body.find('"', at) - at);
  ClientResponse asset = Client().Get(script);
  EXPECT_EQ(asset.status, 200) << script;
  EXPECT_NE(asset.Header("cache-control").find("immutable"), std::string::npos);
  EXPECT_FALSE(asset.body.empty());

  // Browsers that accept it get the copy compressed at build time, smaller, with Vary.
  ClientResponse br = Client().Send("GET", script, "", {{"Accept-Encoding", "gzip, deflate, br"}});
  EXPECT_EQ(br.Header("content-encoding"), "br");
  EXPECT_LT(br.body.size(), asset.body.size() / 2);
  EXPECT_EQ(br.Header("vary"), "Accept-Encoding");
  ClientResponse gz = Client().Send("GET", script, "", {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(gz.Header("content-encoding"), "gzip");
  EXPECT_EQ(Gunzip(gz.body), asset.body);
  EXPECT_EQ(Client().Send("GET", script, "", {{"Accept-Encoding", "br;q=0, gzip;q=0"}}).body, asset.body);
  // A coding refused by name stays refused whatever "*" says; "*" accepts the rest.
  EXPECT_EQ(Client().Send("GET", script, "", {{"Accept-Encoding", "br;q=0, *"}}).Header("content-encoding"), "gzip");
  EXPECT_EQ(asset.Header("content-encoding"), "");

  // A missing file is a 404, and so is a missing API route: never the UI's page.
  EXPECT_EQ(Client().Get("/assets/missing-0000.js").status, 404);
  ClientResponse api = Client().Get("/api/nothing/here");
  EXPECT_EQ(api.status, 404);
  EXPECT_EQ(api.ErrorCode(), "not_found");
  EXPECT_EQ(Client().Post("/organizations/org-1", "{}").status, 404);
}

TEST_F(ApiTest, TheOpenApiDocumentDescribesEveryRouteAndNothingElse) {
  ClientResponse r = Client().Get("/api/openapi.json");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body, Api::OpenApiDocument());
  const json::value document = r.Json();
  const json::object& paths = document.at("paths").as_object();
  const json::object& shared_parameters = document.at("components").at("parameters").as_object();

  std::set<std::string> routed;
  for (const Route& route : api_.router().routes()) {
    std::string method = route.method;
    std::transform(method.begin(), method.end(), method.begin(), ::tolower);
    routed.insert(method + " " + route.pattern);
    const json::value* item = paths.if_contains(route.pattern);
    ASSERT_NE(item, nullptr) << "route missing from openapi.json: " << route.pattern;
    const json::value* operation = item->as_object().if_contains(method);
    ASSERT_NE(operation, nullptr) << "route missing from openapi.json: " << route.method << " " << route.pattern;
    // The query parameters documented are exactly those the route accepts.
    std::set<std::string> documented;
    if (const json::value* parameters = operation->as_object().if_contains("parameters")) {
      for (const json::value& p : parameters->as_array()) {
        const json::object* param = &p.as_object();
        if (param->contains("$ref")) {
          std::string ref(param->at("$ref").as_string());
          param = &shared_parameters.at(ref.substr(ref.rfind('/') + 1)).as_object();
        }
        if (param->at("in") == "query") documented.insert(std::string(param->at("name").as_string()));
      }
    }
    EXPECT_EQ(documented, std::set<std::string>(route.query_parameters.begin(), route.query_parameters.end()))
        << route.method << " " << route.pattern;
  }
  for (const auto& [path, item] : paths) {
    for (const auto& [method, operation] : item.as_object()) {
      if (method == "parameters") continue;
      EXPECT_TRUE(routed.count(std::string(method) + " " + std::string(path)))
          << "openapi.json documents a route the server does not have: " << method << " " << path;
    }
  }
}

TEST_F(ApiTest, SignInSetsAStrictHttpOnlyCookieAndSignOutEndsIt) {
  env_.User("alice@example.org");
  HttpClient client = Client();
  ClientResponse signin = client.Post("/api/auth/signin",
                                      R"({"email":"alice@example.org","password":"correct horse battery"})");
  ASSERT_EQ(signin.status, 200);
  const std::string cookie = signin.Header("set-cookie");
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_NE(cookie.find("Max-Age=1209600"), std::string::npos) << cookie;  // the 14-day session lifetime
  EXPECT_EQ(client.Get("/api/me").Json().at("user").at("email"), "alice@example.org");

  const std::string old_cookie = client.session_cookie();
  EXPECT_EQ(client.Post("/api/auth/signout", "").status, 204);
  EXPECT_EQ(client.Get("/api/me").status, 401);
  HttpClient replay = Client();
  replay.set_session_cookie(old_cookie);
  ClientResponse replayed = replay.Get("/api/me");
  EXPECT_EQ(replayed.status, 401);
  EXPECT_NE(replayed.Header("set-cookie").find("Max-Age=0"), std::string::npos);

  ClientResponse wrong = Client().Post("/api/auth/signin", R"({"email":"alice@example.org","password":"nope nope nope"})");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(wrong.ErrorCode(), "unauthenticated");
}

TEST_F(ApiTest, LargeJsonAnswersAreGzippedForClientsThatAcceptItAndSmallOnesAreNot) {
  HttpClient owner = SignedIn("owner@example.org");
  for (int i = 0; i < 12; ++i) {
    ASSERT_EQ(owner.Post("/api/organizations", fmt::format(R"({{"name":{{"en":"Clinic number {} of the Volga region"}},)"
                                                           R"("kind":"hospital","country":"RU"}})", i)).status, 201);
  }
  const std::string list = "/api/organizations?per_page=50";
  ClientResponse plain = Client().Get(list);
  ASSERT_EQ(plain.status, 200);
  ASSERT_GE(plain.body.size(), kCompressFrom);
  EXPECT_EQ(plain.Header("content-encoding"), "");
  EXPECT_EQ(plain.Header("vary"), "Accept-Encoding");
  ClientResponse gzipped = Client().Send("GET", list, "", {{"Accept-Encoding", "gzip, br"}});
  EXPECT_EQ(gzipped.Header("content-encoding"), "gzip");
  EXPECT_LT(gzipped.body.size(), plain.body.size() / 2);
  EXPECT_EQ(Gunzip(gzipped.body), plain.body);
  // A small answer stays as it is: the header would cost more than it saves.
  ClientResponse small = Client().Send("GET", "/api/health", "", {{"Accept-Encoding", "gzip"}});
  EXPECT_LT(small.body.size(), kCompressFrom);
  EXPECT_EQ(small.Header("content-encoding"), "");
}

TEST_F(ApiTest, ARussianNameComesInLatinLettersTooAndOthersDoNot) {
  std::istringstream file(
      R"({"type":"organization","id":"org-gero","name":{"ru":"Герофарм","zh":"格罗制药"},"kind":"company","country":"RU"})"
      "\n"
      R"({"type":"organization","id":"org-sjtu","name":{"en":"Shanghai Jiao Tong University"},"kind":"university","country":"CN"})"
      "\n"
      // Names the list reads another way: with a quote, with a brace before
      // the Russian one, and in Kazakh Cyrillic with no Russian at all.
      R"({"type":"organization","id":"org-vektor","name":{"ru":"ООО \"Вектор\""},"kind":"company","country":"RU"})"
      "\n"
      R"({"type":"organization","id":"org-brace","name":{"en":"Lab {B}","ru":"Лаборатория Б"},"kind":"company","country":"KZ"})"
      "\n"
      R"({"type":"organization","id":"org-kaz","name":{"kk":"Қазақ ұлттық университеті"},"kind":"university","country":"KZ"})"
      "\n");
  auto imported = env_.interchange.ImportJsonLines(service::Principal::System("test"), file, {});
  ASSERT_TRUE(imported.ok() && imported->refused.empty());
  const auto latin_of = [&](const std::string& id) {
    const json::value all = Client().Get("/api/organizations?per_page=50").Json();
    for (const json::value& item : all.at("items").as_array()) {
      if (item.at("id") == id.c_str()) {
        const json::value* latin = item.as_object().if_contains("name_latin");
        return latin ? std::string(latin->as_string()) : std::string("(none)");
      }
    }
    return std::string("(not listed)");
  };
  EXPECT_EQ(latin_of("org-vektor"), "OOO \"Vektor\"");
  EXPECT_EQ(latin_of("org-brace"), "Laboratoriya B");
  EXPECT_EQ(latin_of("org-kaz"), "(none)");
  EXPECT_EQ(latin_of("org-sjtu"), "(none)");
  // One record, answered from its stored JSON, and the list, decoded.
  ClientResponse one = Client().Get("/api/organizations/org-gero");
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_EQ(one.Json().at("name_latin"), "Gerofarm");
  EXPECT_EQ(one.Json().at("version"), 1);
  EXPECT_FALSE(Client().Get("/api/organizations/org-sjtu").Json().as_object().contains("name_latin"));
  ClientResponse listed = Client().Get("/api/organizations?country=RU");
  const json::value list = listed.Json();
  ASSERT_EQ(list.at("total"), 2);
  EXPECT_EQ(list.at("items").at(0).at("name_latin"), "Gerofarm");
  // The list is sent from the records as stored, byte for byte what decoding them gives.
  for (const char* target : {"/api/organizations?per_page=1&page=2", "/api/organizations?country=RU", "/api/organizations"}) {
    ClientResponse r = Client().Get(target);
    const std::string query = std::string(target).find("country") != std::string::npos ? "RU" : "";
    const domain::PageRequest page = std::string(target).find("page=2") != std::string::npos ? domain::PageRequest{2, 1}
                                                                                              : domain::PageRequest{1, 20};
    auto decoded = env_.directory.ListOrganizations(service::Principal::Anonymous(), {.country = query}, page);
    ASSERT_TRUE(decoded.ok());
    EXPECT_EQ(r.body, json::serialize(PageView(*decoded))) << target;
  }
  // A search result shown in Russian says it in Latin letters too.
  const json::value found = Client().Get("/api/search?q=%D0%93%D0%B5%D1%80%D0%BE%D1%84%D0%B0%D1%80%D0%BC&lang=ru").Json();
  ASSERT_GE(found.at("total").as_int64(), 1) << found;
  const json::object& item = found.at("items").at(0).as_object();
  EXPECT_EQ(item.at("title_language"), "ru");
  EXPECT_EQ(item.at("title_latin"), "Gerofarm");
}

TEST_F(ApiTest, APublicRecordsPageCarriesItsContentForReadersWithoutJavaScriptAndAHiddenOneDoesNot) {
  std::istringstream file(
      R"({"type":"organization","id":"org-gero","name":{"ru":"Герофарм","zh":"格罗制药","en":"Geropharm"},"kind":"company","country":"RU","description":{"en":"Insulins & peptides"}})"
      "\n"
      R"({"type":"opportunity","id":"opp-open","organization":"org-gero","direction":"offer","cooperation":["licensing_out"],"title":{"en":"Insulin licence"},"confidentiality":"public"})"
      "\n"
      R"({"type":"opportunity","id":"opp-hidden","organization":"org-gero","direction":"request","cooperation":["licensing_out"],"title":{"en":"Secret merger talks"},"confidentiality":"members"})"
      "\n");
  auto imported = env_.interchange.ImportJsonLines(service::Principal::System("test"), file, {});
  ASSERT_TRUE(imported.ok() && imported->refused.empty());
  ClientResponse zh = Client().Get("/organizations/org-gero?lang=zh");
  ASSERT_EQ(zh.status, 200);
  EXPECT_EQ(zh.Header("content-type"), "text/html; charset=utf-8");
  EXPECT_NE(zh.Header("content-security-policy").find("script-src 'self'"), std::string::npos);
  EXPECT_NE(zh.body.find("<title>格罗制药 · BioBridge</title>"), std::string::npos);
  EXPECT_NE(zh.body.find("<h1>格罗制药</h1>"), std::string::npos);
  EXPECT_NE(zh.body.find("<dd>Герофарм</dd>"), std::string::npos);  // the original name
  EXPECT_NE(zh.body.find("<dd>Gerofarm</dd>"), std::string::npos);   // and in Latin letters
  EXPECT_NE(zh.body.find("hreflang=\"ru\""), std::string::npos);
  EXPECT_NE(zh.body.find("Insulins &amp; peptides"), std::string::npos);  // no Chinese text: the English one
  EXPECT_NE(Client().Get("/opportunities/opp-open").body.find("<h1>Insulin licence</h1>"), std::string::npos);
  // A members-only opportunity is the bare page, whoever asks: nothing of it is in the HTML.
  HttpClient member = SignedIn("member@example.org");
  HttpClient visitor = Client();
  for (HttpClient* client : {&member, &visitor}) {
    ClientResponse hidden = client->Get("/opportunities/opp-hidden");
    EXPECT_EQ(hidden.status, 200);
    EXPECT_EQ(hidden.body.find("Secret merger"), std::string::npos);
    EXPECT_EQ(hidden.body, Client().Get("/").body);
  }
  // A Host header that is not a plain host name is not written into links.
  ClientResponse forged = Client().Send("GET", "/organizations/org-gero", "", {{"Host", "evil.example/\"><x"}});
  EXPECT_EQ(forged.body.find("evil.example"), std::string::npos);
}

TEST_F(ApiTest, ErrorMessagesAreToldInTheReadersLanguageWhileTheCodeAndFieldStay) {
  env_.User("alice@example.org");
  const std::string wrong = R"({"email":"alice@example.org","password":"nope nope nope"})";
  auto error = [](const ClientResponse& r) { return r.Json().at("error").as_object(); };
  // Asked for in the request.
  ClientResponse zh = Client().Send("POST", "/api/auth/signin", wrong, {{"Accept-Language", "zh-TW,zh;q=0.9,en;q=0.5"}});
  EXPECT_EQ(zh.status, 401);
  EXPECT_EQ(error(zh).at("code"), "unauthenticated");
  EXPECT_EQ(error(zh).at("message"), "邮箱或密码不正确");
  EXPECT_EQ(error(zh).at("language"), "zh");
  ClientResponse en = Client().Post("/api/auth/signin", wrong);
  EXPECT_EQ(error(en).at("message"), "the email or the password is wrong");
  EXPECT_EQ(error(en).at("language"), "en");

  // A field's message: the field is the same in every language.
  HttpClient alice = Client();
  ASSERT_TRUE(alice.SignIn("alice@example.org", ServiceEnv::kPassword));
  const std::string long_name = fmt::format(R"({{"name":"{}"}})", std::string(101, 'x'));
  ClientResponse ru = alice.Send("POST", "/api/me/tokens", long_name, {{"Accept-Language", "kk-KZ"}});
  EXPECT_EQ(ru.status, 422);
  EXPECT_EQ(error(ru).at("field"), "name");
  EXPECT_EQ(error(ru).at("message"), "не больше 100 символов");
  EXPECT_EQ(error(ru).at("language"), "ru");

  // Without Accept-Language, the account's language.
  domain::User user = *env_.store().FindUserByEmail("alice@example.org");
  user.preferred_language = "zh";
  ASSERT_TRUE(env_.store().UpdateUserProfile(user, user.meta.version, {"test", env_.clock.Now()}).ok());
  ClientResponse account = alice.Post("/api/me/tokens", long_name);
  EXPECT_EQ(error(account).at("message"), "最多 100 个字符");
  EXPECT_EQ(error(account).at("language"), "zh");
  // A message the catalogue does not know stays English whole, and says so.
  // (The parser's own account of where the JSON breaks is English prose.)
  ClientResponse broken = alice.Send("POST", "/api/me/tokens", R"({"name": )", {{"Accept-Language", "ru"}});
  EXPECT_EQ(broken.status, 400);
  EXPECT_EQ(error(broken).at("language"), "en");
  EXPECT_TRUE(std::string(error(broken).at("message").as_string()).starts_with("invalid JSON ")) << broken.body;
  // A known one in Russian.
  ClientResponse route = alice.Send("GET", "/api/no-such-thing", "", {{"Accept-Language", "ru"}});
  EXPECT_EQ(route.status, 404);
  EXPECT_EQ(error(route).at("language"), "ru");
  EXPECT_EQ(error(route).at("message"), "нет маршрута GET /api/no-such-thing; см. /api/openapi.json");
}

TEST_F(ApiTest, ApiTokensWorkAsBearerTokens) {
  HttpClient alice = SignedIn("alice@example.org");
  ClientResponse created = alice.Post("/api/me/tokens", R"({"name":"CI"})");
  ASSERT_EQ(created.status, 201);
  const std::string token(created.Json().at("token").as_string());
  HttpClient script = Client();
  script.set_bearer(token);
  EXPECT_EQ(script.Get("/api/me").Json().at("user").at("email"), "alice@example.org");
  EXPECT_EQ(alice.Get("/api/me/tokens").Json().at("items").as_array().size(), 1u);
  EXPECT_FALSE(alice.Get("/api/me/tokens").body.find(token) != std::string::npos);  // never listed again
  HttpClient forged = Client();
  forged.set_bearer("forged-token");
  EXPECT_EQ(forged.Get("/api/organizations").status, 401);
  EXPECT_EQ(Client().Send("GET", "/api/me", "", {{"Authorization", "Basic abc"}}).status, 401);
}

TEST_F(ApiTest, OrganisationsGoThroughTheirWholeLife) {
  HttpClient alice = SignedIn("alice@example.org");
  ClientResponse created = alice.Post("/api/organizations", kOrganization);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id(created.Json().at("id").as_string());
  EXPECT_EQ(created.Header("location"), "/api/organizations/" + id);
  EXPECT_EQ(created.Json().at("version"), 1);

  ClientResponse got = Client().Get("/api/organizations/" + id);  // anyone may read
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(got.Json().at("name").at("zh"), "额尔齐斯医疗");
  // Served from the stored JSON, it is exactly the view of the record.
  EXPECT_EQ(got.body, json::serialize(View(*env_.store().GetOrganization(id))));

  ClientResponse patched = alice.Patch("/api/organizations/" + id, R"({"city":{"en":"Pavlodar"},"version":1})");
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(patched.Json().at("version"), 2);
  EXPECT_EQ(patched.Json().at("kind"), "distributor");

  ClientResponse stale = alice.Patch("/api/organizations/" + id, R"({"city":{"en":"Astana"},"version":1})");
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(stale.ErrorCode(), "aborted");

  // Without a version nothing changes: it would overwrite unseen whatever changed meanwhile.
  ClientResponse blind = alice.Put("/api/organizations/" + id, kOrganization);
  EXPECT_EQ(blind.status, 422);
  EXPECT_EQ(blind.ErrorField(), "version");
  json::object replacement = json::parse(kOrganization).as_object();
  replacement["version"] = 2;
  ClientResponse replaced = alice.Put("/api/organizations/" + id, json::serialize(replacement));
  ASSERT_EQ(replaced.status, 200) << replaced.body;
  EXPECT_FALSE(replaced.Json().as_object().contains("city"));

  EXPECT_EQ(alice.Delete("/api/organizations/" + id).ErrorField(), "version");
  EXPECT_EQ(alice.Delete("/api/organizations/" + id + "?version=1").status, 409);
  EXPECT_EQ(alice.Delete("/api/organizations/" + id + "?version=3").status, 204);
  ClientResponse gone = Client().Get("/api/organizations/" + id);
  EXPECT_EQ(gone.status, 404);
  EXPECT_EQ(gone.ErrorCode(), "not_found");
}

TEST_F(ApiTest, BadInputGetsAClearErrorAndChangesNothing) {
  HttpClient alice = SignedIn("alice@example.org");
  struct Case {
    std::string name;
    std::string body;
    int status;
    std::string code;
    std::string field;
  } cases[] = {
      {"malformed JSON", R"({"name":{"en":"X"},)", 400, "malformed", ""},
      {"not an object", R"(["organization"])", 400, "malformed", ""},
      {"wrong type", R"({"name":{"en":"X"},"kind":"company","country":"CN","therapeutic_areas":"oncology"})", 422,
       "invalid_argument", "therapeutic_areas"},
      {"wrong type deep", R"({"name":{"en":7},"kind":"company","country":"CN"})", 422, "invalid_argument", "name.en"},
      {"unknown country", R"({"name":{"en":"X"},"kind":"company","country":"XX"})", 422, "invalid_argument", "country"},
      {"unknown kind", R"({"name":{"en":"X"},"kind":"pharma","country":"CN"})", 422, "invalid_argument", "kind"},
      {"unknown area", R"({"name":{"en":"X"},"kind":"company","country":"CN","therapeutic_areas":["oncology","x"]})",
       422, "invalid_argument", "therapeutic_areas[1]"},
      {"missing name", R"({"kind":"company","country":"CN"})", 422, "invalid_argument", "name"},
      {"invalid UTF-8", "{\"name\":{\"en\":\"\xc3\x28\"},\"kind\":\"company\",\"country\":\"CN\"}", 400, "malformed", ""},
      {"too deep", std::string(100, '[') + std::string(100, ']'), 400, "malformed", ""},
      {"string too long", R"({"name":{"en":")" + std::string(70000, 'x') + R"("},"kind":"company","country":"CN"})", 422,
       "invalid_argument", "name.en"},
      {"empty body", "", 400, "malformed", ""},
  };
  for (const Case& c : cases) {
    ClientResponse r = alice.Post("/api/organizations", c.body);
    EXPECT_EQ(r.status, c.status) << c.name << ": " << r.body;
    EXPECT_EQ(r.ErrorCode(), c.code) << c.name;
    EXPECT_EQ(r.ErrorField(), c.field) << c.name << ": " << r.body;
    EXPECT_FALSE(r.Json().at("error").at("message").as_string().empty()) << c.name;
  }
  EXPECT_EQ(OrganizationCount(), 0);
}

TEST_F(ApiTest, ATwentyMegabyteBodyIsRefusedWith413) {
  HttpClient alice = SignedIn("alice@example.org");
  std::string huge = R"({"name":{"en":")" + std::string(20 * 1024 * 1024, 'x') + R"("},"kind":"company","country":"CN"})";
  ClientResponse r = alice.Post("/api/organizations", huge);
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(r.ErrorCode(), "resource_exhausted");
  EXPECT_EQ(OrganizationCount(), 0);
  EXPECT_EQ(Client().Get("/api/health").status, 200);  // the server is fine
}

TEST_F(ApiTest, AMemberOfOneOrganisationCannotUpdateAnother) {
  env_.Organization("org-a");
  env_.Organization("org-b");
  HttpClient member_a = SignedIn("a@a.example", {{"org-a", MembershipRole::kAdmin}});
  ClientResponse r = member_a.Patch("/api/organizations/org-b", R"({"name":{"en":"Taken over"}})");
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.ErrorCode(), "permission_denied");
  EXPECT_EQ(member_a.Put("/api/organizations/org-b", kOrganization).status, 403);
  EXPECT_EQ(member_a.Delete("/api/organizations/org-b").status, 403);
  EXPECT_EQ(Client().Patch("/api/organizations/org-b", R"({"city":"X"})").status, 401);
  ClientResponse b = Client().Get("/api/organizations/org-b");
  EXPECT_EQ(b.Json().at("name").at("en"), "Organisation org-b");
  EXPECT_EQ(b.Json().at("version"), 1);
  // And their opportunities neither.
  HttpClient member_b = SignedIn("b@b.example", {{"org-b", MembershipRole::kMember}});
  ClientResponse opp = member_b.Post("/api/opportunities", R"({"organization":"org-b","direction":"offer",
      "cooperation":["licensing_out"],"title":{"en":"B's offer"}})");
  ASSERT_EQ(opp.status, 201);
  const std::string id(opp.Json().at("id").as_string());
  EXPECT_EQ(member_a.Patch("/api/opportunities/" + id, R"({"title":{"en":"Hijacked"}})").status, 403);
  EXPECT_EQ(member_a.Post("/api/opportunities", R"({"organization":"org-b","direction":"offer",
      "cooperation":["licensing_out"],"title":{"en":"Fake"}})").status, 403);
}

TEST_F(ApiTest, ListsFilterAndPaginate) {
  env_.Organization("cn-1", "CN", "company");
  env_.Organization("cn-2", "CN", "hospital");
  env_.Organization("ru-1", "RU", "hospital");
  HttpClient member = SignedIn("m@cn1.example", {{"cn-1", MembershipRole::kMember}});
  for (const char* direction : {"offer", "request", "offer"}) {
    ASSERT_EQ(member.Post("/api/opportunities", std::string(R"({"organization":"cn-1","direction":")") + direction +
                                                   R"(","cooperation":["distribution"],"title":{"en":"T"},)"
                                                   R"("therapeutic_areas":["rehabilitation"],"target_countries":["RU"]})")
                  .status,
              201);
  }
  HttpClient anyone = Client();
  ClientResponse cn = anyone.Get("/api/organizations?country=cn&per_page=1&page=2");
  ASSERT_EQ(cn.status, 200) << cn.body;
  EXPECT_EQ(cn.Json().at("total"), 2);
  EXPECT_EQ(cn.Json().at("pages"), 2);
  EXPECT_EQ(cn.Json().at("items").as_array().size(), 1u);
  EXPECT_EQ(anyone.Get("/api/organizations?kind=hospital").Json().at("total"), 2);
  EXPECT_EQ(anyone.Get("/api/opportunities?direction=offer").Json().at("total"), 2);
  EXPECT_EQ(anyone.Get("/api/opportunities?cooperation=distribution&area=rehabilitation&target_country=RU")
                .Json().at("total"),
            3);
  EXPECT_EQ(anyone.Get("/api/opportunities?country=RU").Json().at("total"), 0);
  EXPECT_EQ(anyone.Get("/api/opportunities?kind=company&organization=cn-1").Json().at("total"), 3);

  ClientResponse typo = anyone.Get("/api/organizations?countyr=CN");
  EXPECT_EQ(typo.status, 400);
  EXPECT_EQ(typo.ErrorField(), "countyr");
  EXPECT_EQ(anyone.Get("/api/organizations?country=XX").ErrorField(), "country");
  EXPECT_EQ(anyone.Get("/api/organizations?per_page=1000").ErrorField(), "per_page");
  EXPECT_EQ(anyone.Get("/api/organizations?page=two").status, 400);
}

TEST_F(ApiTest, ConfidentialOpportunitiesStayHidden) {
  env_.Organization("org-1");
  HttpClient owner = SignedIn("o@1.example", {{"org-1", MembershipRole::kMember}});
  ClientResponse created = owner.Post("/api/opportunities", R"({"organization":"org-1","direction":"offer",
      "cooperation":["licensing_out"],"title":{"en":"Confidential asset"},"confidentiality":"members"})");
  ASSERT_EQ(created.status, 201);
  const std::string id(created.Json().at("id").as_string());
  EXPECT_EQ(Client().Get("/api/opportunities/" + id).status, 404);
  EXPECT_EQ(Client().Get("/api/opportunities").Json().at("total"), 0);
  HttpClient other = SignedIn("x@2.example");
  EXPECT_EQ(other.Get("/api/opportunities/" + id).status, 200);
}

TEST_F(ApiTest, RegistrationAndMembers) {
  ClientResponse registered = Client().Post(
      "/api/auth/register", R"({"email":"new@clinic.example","password":"a sound password","display_name":"New"})");
  ASSERT_EQ(registered.status, 201) << registered.body;
  EXPECT_FALSE(registered.body.find("password") != std::string::npos);
  EXPECT_EQ(Client().Post("/api/auth/register", R"({"email":"new@clinic.example","password":"a sound password"})")
                .status,
            409);
  EXPECT_EQ(Client().Post("/api/auth/register", R"({"email":"x@y.example","password":"short"})").ErrorField(),
            "password");

  env_.Organization("org-1");
  HttpClient admin = SignedIn("admin@1.example", {{"org-1", MembershipRole::kAdmin}});
  // Adding someone invites them: 202 with the invitation, and nothing about the account.
  ClientResponse invited = admin.Put("/api/organizations/org-1/members", R"({"email":"new@clinic.example"})");
  ASSERT_EQ(invited.status, 202) << invited.body;
  const json::object invitation = invited.Json().at("invitation").as_object();
  EXPECT_EQ(invitation.at("kind"), "membership");
  EXPECT_EQ(invitation.at("role"), "member");
  EXPECT_EQ(invited.body.find(registered.Json().at("id").as_string()), std::string::npos) << "no user id";
  ClientResponse to_ghost = admin.Put("/api/organizations/org-1/members", R"({"email":"ghost@clinic.example"})");
  EXPECT_EQ(to_ghost.status, 202) << "the same answer for an email without an account";
  EXPECT_EQ(admin.Get("/api/organizations/org-1/members").Json().at("items").as_array().size(), 1u);
  EXPECT_EQ(admin.Get("/api/organizations/org-1/invitations").Json().at("items").as_array().size(), 2u);
  // Until the newcomer shows they read mail at the address, an invitation
  // to it is not theirs; the link mailed at registration shows it.
  HttpClient newcomer = Client();
  ASSERT_TRUE(newcomer.SignIn("new@clinic.example", "a sound password"));
  EXPECT_EQ(newcomer.Get("/api/me").Json().at("user").at("email_verified"), false);
  EXPECT_EQ(newcomer.Get("/api/me/invitations").Json().at("items").as_array().size(), 0u);
  std::string token;
  const std::vector<storage::OutboxMail> outbox = *env_.store().DueMail(env_.clock.Now(), 100);
  for (const storage::OutboxMail& mail : outbox) {
    if (mail.kind == "verify_email" && mail.to_address == "new@clinic.example") {
      token = std::string(mail.payload.at("token").as_string());
    }
  }
  ASSERT_FALSE(token.empty()) << "a verification link was mailed";
  EXPECT_EQ(Client().Post("/api/auth/verify-email", R"({"token":"forged"})").ErrorField(), "token");
  ClientResponse verified = Client().Post("/api/auth/verify-email", json::serialize(json::object{{"token", token}}));
  ASSERT_EQ(verified.status, 200) << verified.body;
  EXPECT_EQ(Client().Post("/api/auth/verify-email", json::serialize(json::object{{"token", token}})).ErrorField(),
            "token") << "single use";
  EXPECT_EQ(newcomer.Get("/api/me").Json().at("user").at("email_verified"), true);
  // The invitee sees it and accepts it.
  ClientResponse mine = newcomer.Get("/api/me/invitations");
  ASSERT_EQ(mine.status, 200);
  ASSERT_EQ(mine.Json().at("items").as_array().size(), 1u);
  EXPECT_EQ(mine.Json().at("items").at(0).at("target_name"), "Organisation org-1");
  const std::string id(invitation.at("id").as_string());
  EXPECT_EQ(admin.Post("/api/invitations/" + id + "/accept", R"({"version":1})").status, 403);
  ClientResponse accepted = newcomer.Post("/api/invitations/" + id + "/accept", R"({"version":1})");
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_EQ(accepted.Json().at("status"), "accepted");
  EXPECT_EQ(admin.Get("/api/organizations/org-1/members").Json().at("items").as_array().size(), 2u);
  const std::string user_id(registered.Json().at("id").as_string());
  EXPECT_EQ(Client().Get("/api/organizations/org-1/members").status, 401);
  EXPECT_EQ(admin.Put("/api/organizations/org-1/members", R"({"email":"new@clinic.example","role":"owner"})")
                .ErrorField(),
            "role");
  EXPECT_EQ(admin.Delete("/api/organizations/org-1/members/" + user_id).status, 204);
}

TEST_F(ApiTest, OnlyPlatformAdminsCreateUsersWithRoles) {
  HttpClient alice = SignedIn("alice@example.org");
  EXPECT_EQ(alice.Post("/api/users", R"({"email":"e@x.example","password":"long enough pw","expert":true})").status,
            403);
  auto admin = env_.accounts.CreateUser(service::Principal::System("test"),
                                        {"root@example.org", "root password 123", "Root", "en", true});
  ASSERT_TRUE(admin.ok());
  HttpClient root = Client();
  ASSERT_TRUE(root.SignIn("root@example.org", "root password 123"));
  ClientResponse expert =
      root.Post("/api/users", R"({"email":"e@x.example","password":"long enough pw","expert":true})");
  ASSERT_EQ(expert.status, 201);
  EXPECT_EQ(expert.Json().at("expert"), true);
}

TEST_F(ApiTest, PasswordsChange) {
  HttpClient alice = SignedIn("alice@example.org");
  EXPECT_EQ(alice.Post("/api/me/password", R"({"current_password":"wrong","new_password":"another long one"})")
                .status,
            403);
  EXPECT_EQ(alice.Post("/api/me/password",
                       R"({"current_password":"correct horse battery","new_password":"another long one"})")
                .status,
            204);
  EXPECT_TRUE(Client().SignIn("alice@example.org", "another long one"));
}

TEST_F(ApiTest, UnknownRoutesAndMethodsAreExplained) {
  ClientResponse missing = Client().Get("/api/nothing");
  EXPECT_EQ(missing.status, 404);
  EXPECT_NE(missing.Json().at("error").at("message").as_string().find("openapi.json"), json::string::npos);
  ClientResponse method = Client().Send("POST", "/api/health");
  EXPECT_EQ(method.status, 405);
  EXPECT_EQ(method.Header("allow"), "GET, HEAD");
}

TEST_F(ApiTest, TaxonomiesAreServedInThreeLanguages) {
  ClientResponse list = Client().Get("/api/taxonomies");
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.Json().at("taxonomies").as_array().size(), 11u);
  ClientResponse countries = Client().Get("/api/taxonomies/countries");
  ASSERT_EQ(countries.status, 200);
  bool found = false;
  const json::value taxonomy = countries.Json();
  for (const json::value& e : taxonomy.at("entries").as_array()) {
    if (e.at("code") == "KZ") {
      found = true;
      EXPECT_EQ(e.at("labels").at("zh"), "哈萨克斯坦");
      EXPECT_EQ(e.at("groups"), json::parse(R"(["sco","eaeu"])"));
    }
  }
  EXPECT_TRUE(found);
  EXPECT_EQ(Client().Get("/api/taxonomies/planets").status, 404);
}

// Percent-encodes a query value (UTF-8 bytes).
std::string Encode(std::string_view value) {
  std::string out;
  for (unsigned char c : value) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.') {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

TEST_F(ApiTest, SearchFindsAcrossLanguagesWithFacetsSnippetsAndLabels) {
  HttpClient admin = SignedIn("admin@example.ru");
  env_.Organization("org-ru", "RU", "hospital");
  env_.User("ru@example.ru", {{"org-ru", MembershipRole::kAdmin}});
  HttpClient ru = Client();
  ASSERT_TRUE(ru.SignIn("ru@example.ru", ServiceEnv::kPassword));
  ASSERT_EQ(ru.Send("PATCH", "/api/organizations/org-ru",
                    R"({"name":{"en":null,"ru":"Клиника «Здоровье»"},"description":{"ru":"Проводим клинические исследования медицинских изделий."},"version":1})")
                .status,
            200);
  ClientResponse r = Client().Get("/api/search?q=" + Encode("临床试验") + "&type=organization");
  ASSERT_EQ(r.status, 200) << r.body;
  const json::value result = r.Json();
  EXPECT_EQ(result.at("language"), "zh");
  EXPECT_EQ(result.at("total"), 1);
  EXPECT_EQ(result.at("concepts").at(0).at("id"), "coop_clinical_trial");
  EXPECT_EQ(result.at("concepts").at(0).at("label"), "临床试验");
  const json::value& item = result.at("items").at(0);
  EXPECT_EQ(item.at("id"), "org-ru");
  EXPECT_EQ(item.at("title_language"), "ru");
  bool highlighted = false;
  for (const json::value& part : item.at("snippet").as_array()) {
    if (part.as_object().contains("highlight")) highlighted = part.at("text") == "клинические исследования";
  }
  EXPECT_TRUE(highlighted) << json::serialize(item.at("snippet"));
  EXPECT_EQ(result.at("facets").at("country").at(0).at("label"), "俄罗斯");
  // The viewer's language can be chosen.
  ClientResponse en = Client().Get("/api/search?q=" + Encode("临床试验") + "&lang=en");
  ASSERT_EQ(en.status, 200);
  EXPECT_EQ(en.Json().at("facets").at("country").at(0).at("label"), "Russian Federation");
}

TEST_F(ApiTest, BadSearchesGetClearClientErrors) {
  struct Case {
    std::string query;
    int status;
    std::string field;
  };
  const std::vector<Case> cases = {
      {"", 422, "q"},
      {"q=", 422, "q"},
      {"q=" + Encode("  !!! ... ，。 "), 422, "q"},
      {"q=" + std::string(501, 'a'), 422, "q"},
      {"q=vaccine&lang=xx", 422, "lang"},
      {"q=vaccine&type=planet", 422, "type"},
      {"q=vaccine&country=ZZ", 422, "country"},
      {"q=vaccine&page=0", 422, "page"},
      {"q=vaccine&page=2", 422, "page"},
      {"q=vaccine&page=abc", 400, "page"},
      {"q=vaccine&per_page=1000", 422, "per_page"},
      {"q=vaccine&colour=red", 400, "colour"},
      {"q=" + Encode("\xff"), 400, "q"},
  };
  for (const Case& c : cases) {
    ClientResponse r = Client().Get("/api/search?" + c.query);
    EXPECT_EQ(r.status, c.status) << c.query << " -> " << r.body;
    EXPECT_EQ(r.Json().at("error").at("field"), json::value(c.field)) << c.query << " -> " << r.body;
  }
  // A query far past any limit is still a client error, never a crash.
  ClientResponse huge = Client().Get("/api/search?q=" + std::string(200000, 'x'));
  EXPECT_GE(huge.status, 400);
  EXPECT_LT(huge.status, 500);
  EXPECT_EQ(Client().Get("/api/health").status, 200);
}

TEST_F(ApiTest, MatchesComeWithReasonsInTheViewersLanguage) {
  env_.Organization("org-kz", "KZ", "distributor");
  env_.Organization("org-cn", "CN", "company");
  HttpClient owner = SignedIn("owner@example.cn", {{"org-cn", MembershipRole::kAdmin}});
  ASSERT_EQ(owner.Post("/api/opportunities", R"({"id":"opp-dist","organization":"org-cn","direction":"request",)"
                                             R"("cooperation":["distribution"],"title":{"zh":"寻找哈萨克斯坦经销商"},)"
                                             R"("target_countries":["KZ"]})")
                .status,
            201);
  ClientResponse r = Client().Get("/api/opportunities/opp-dist/matches?lang=ru&top=5");
  ASSERT_EQ(r.status, 200) << r.body;
  const json::value result = r.Json();
  EXPECT_EQ(result.at("language"), "ru");
  EXPECT_EQ(result.at("source").at("id"), "opp-dist");
  const json::value& top = result.at("items").at(0);
  EXPECT_EQ(top.at("id"), "org-kz");
  bool market = false;
  for (const json::value& reason : top.at("reasons").as_array()) {
    if (reason.at("code") == "target_market") {
      market = true;
      EXPECT_EQ(reason.at("text"), "Находится в целевой стране: Казахстан");  // a visitor is not addressed as the seeker
      EXPECT_EQ(reason.at("items"), json::parse(R"(["KZ"])"));
    }
  }
  EXPECT_TRUE(market) << r.body;
  // The request's own member is the one looking: "for you".
  ClientResponse mine = owner.Get("/api/opportunities/opp-dist/matches?lang=ru&top=5");
  ASSERT_EQ(mine.status, 200);
  EXPECT_NE(mine.body.find("Находится в целевой для вас стране: Казахстан"), std::string::npos) << mine.body;
  ClientResponse org = Client().Get("/api/organizations/org-kz/matches");
  ASSERT_EQ(org.status, 200);
  ASSERT_FALSE(org.Json().at("items").as_array().empty()) << org.body;
  EXPECT_EQ(org.Json().at("items").at(0).at("id"), "opp-dist");

  EXPECT_EQ(Client().Get("/api/opportunities/opp-none/matches").status, 404);
  EXPECT_EQ(Client().Get("/api/organizations/org-none/matches").status, 404);
  EXPECT_EQ(Client().Get("/api/opportunities/opp-dist/matches?top=0").Json().at("error").at("field"), "top");
  EXPECT_EQ(Client().Get("/api/opportunities/opp-dist/matches?top=x").status, 400);
  EXPECT_EQ(Client().Get("/api/opportunities/opp-dist/matches?lang=qq").Json().at("error").at("field"), "lang");
}

TEST_F(ApiTest, AnOrganisationsCollaborationsAreListedLatestFirst) {
  env_.Organization("org-a", "CN", "company");
  env_.Organization("org-b", "RU", "hospital");
  env_.Organization("org-c", "KZ", "distributor");
  std::istringstream file(
      R"({"type":"collaboration","id":"c-old","title":{"en":"First trial"},"year":2019,"organizations":["org-a","org-b"]})"
      "\n"
      R"({"type":"collaboration","id":"c-new","title":{"zh":"第二项研究"},"year":2024,"lead":"org-c","organizations":["org-c","org-a"]})"
      "\n");
  auto imported = env_.interchange.ImportJsonLines(service::Principal::System("test"), file, {});
  ASSERT_TRUE(imported.ok() && imported->refused.empty());
  ClientResponse r = Client().Get("/api/organizations/org-a/collaborations?per_page=1");
  ASSERT_EQ(r.status, 200) << r.body;
  const json::value page = r.Json();
  EXPECT_EQ(page.at("total"), 2);
  EXPECT_EQ(page.at("pages"), 2);
  const json::value& latest = page.at("items").at(0);
  EXPECT_EQ(latest.at("id"), "c-new");
  EXPECT_EQ(latest.at("lead"), "org-c");
  EXPECT_EQ(latest.at("organizations"), json::parse(R"(["org-c","org-a"])"));
  EXPECT_EQ(latest.at("version"), 1);
  EXPECT_EQ(Client().Get("/api/organizations/org-a/collaborations?per_page=1&page=2").Json().at("items").at(0).at("id"),
            "c-old");
  EXPECT_EQ(Client().Get("/api/organizations/org-b/collaborations").Json().at("total"), 1);
  EXPECT_EQ(Client().Get("/api/organizations/org-none/collaborations").status, 404);
  EXPECT_EQ(Client().Get("/api/organizations/org-a/collaborations?per_page=1000").Json().at("error").at("field"),
            "per_page");
}

TEST_F(ApiTest, AnInterestBecomesADealThatMovesToAgreement) {
  env_.Organization("org-cn", "CN", "company");
  env_.Organization("org-ru", "RU", "hospital");
  HttpClient cn = SignedIn("cn@example.cn", {{"org-cn", MembershipRole::kAdmin}});
  HttpClient ru = SignedIn("ru@example.ru", {{"org-ru", MembershipRole::kMember}});
  HttpClient outsider = SignedIn("kz@example.kz");

  ClientResponse interest = cn.Post("/api/interests", R"({"from_organization":"org-cn","organization":"org-ru",)"
                                                      R"("message":"Our robots fit your rehabilitation centre."})");
  ASSERT_EQ(interest.status, 201) << interest.body;
  const std::string interest_id(interest.Json().at("id").as_string());
  EXPECT_EQ(interest.Json().at("status"), "pending");
  EXPECT_EQ(outsider.Get("/api/interests/" + interest_id).status, 404);
  EXPECT_EQ(ru.Get("/api/organizations/org-ru/interests?side=received").Json().at("total"), 1);
  EXPECT_EQ(ru.Get("/api/organizations/org-ru/interests?side=sideways").ErrorField(), "side");

  ClientResponse deal = ru.Post("/api/interests/" + interest_id + "/accept", R"({"version":1})");
  ASSERT_EQ(deal.status, 201) << deal.body;
  const std::string deal_id(deal.Json().at("id").as_string());
  EXPECT_EQ(deal.Header("location"), "/api/deals/" + deal_id);
  EXPECT_EQ(deal.Json().at("stage"), "contact");
  EXPECT_EQ(deal.Json().at("allowed_moves"), json::parse(R"(["closed"])"));  // the CDA comes first

  ClientResponse early = cn.Post("/api/deals/" + deal_id + "/moves", R"({"to":"cda"})");
  EXPECT_EQ(early.status, 409);
  EXPECT_EQ(early.ErrorCode(), "failed_precondition");

  const std::string agreement(Client().Get("/api/agreements/current").Json().at("version").as_string());
  for (auto [client, organization] : {std::pair{&cn, "org-cn"}, std::pair{&ru, "org-ru"}}) {
    ClientResponse accepted = client->Post("/api/deals/" + deal_id + "/agreement",
                                           R"({"organization":")" + std::string(organization) +
                                               R"(","agreement_version":")" + agreement + R"("})");
    ASSERT_EQ(accepted.status, 200) << accepted.body;
  }
  EXPECT_EQ(cn.Get("/api/deals/" + deal_id).Json().at("cda"), true);
  for (const char* stage : {"cda", "evaluation", "intention", "agreement"}) {
    ClientResponse moved = cn.Post("/api/deals/" + deal_id + "/moves", std::string(R"({"to":")") + stage + R"("})");
    ASSERT_EQ(moved.status, 200) << stage << ": " << moved.body;
  }
  ClientResponse closing = ru.Post("/api/deals/" + deal_id + "/moves", R"({"to":"closed"})");
  EXPECT_EQ(closing.status, 422);
  EXPECT_EQ(closing.ErrorField(), "reason");
  EXPECT_EQ(outsider.Get("/api/deals/" + deal_id).status, 404);

  const json::value funnel = ru.Get("/api/organizations/org-ru/funnel").Json();
  EXPECT_EQ(funnel.at("deals"), 1);
  EXPECT_EQ(funnel.at("stages").at(4).at("stage"), "agreement");
  EXPECT_EQ(funnel.at("stages").at(4).at("current"), 1);
  EXPECT_EQ(outsider.Get("/api/organizations/org-ru/funnel").status, 403);
  EXPECT_EQ(ru.Get("/api/organizations/org-ru/funnel?to=2020-01-01").Json().at("deals"), 0);  // before it opened
  EXPECT_EQ(ru.Get("/api/organizations/org-ru/funnel?from=2020-01-01").Json().at("deals"), 1);
  EXPECT_EQ(ru.Get("/api/organizations/org-ru/funnel?from=2020-13-01").ErrorField(), "from");

  // A programme org-ru operates (a platform admin sets it up), with CSV analytics for its operator.
  const char* programme = R"({"id":"prog-1","name":{"en":"Exchange"},"kind":"other","operator":"org-ru"})";
  EXPECT_EQ(ru.Post("/api/programmes", programme).status, 403);
  env_.Admin("root@example.org");
  HttpClient admin = Client();
  ASSERT_TRUE(admin.SignIn("root@example.org", ServiceEnv::kPassword));
  ASSERT_EQ(admin.Post("/api/programmes", programme).status, 201);
  ClientResponse csv = ru.Get("/api/programmes/prog-1/analytics/csv?from=2020-01-01");
  EXPECT_EQ(csv.status, 200);
  EXPECT_EQ(csv.Header("content-type"), "text/csv; charset=utf-8");
  EXPECT_EQ(csv.body.substr(0, csv.body.find('\n')), "stage,reached,current,conversion,median_days");
  EXPECT_EQ(ru.Get("/api/programmes/prog-1/analytics?from=yesterday").ErrorField(), "from");
  EXPECT_EQ(outsider.Get("/api/programmes/prog-1/analytics").status, 403);
  EXPECT_EQ(Client().Get("/api/programmes").Json().at("total"), 1);
  EXPECT_EQ(Client().Get("/api/organizations/org-ru/deals").status, 401);
}

}  // namespace
}  // namespace biobridge::api
