// Fuzz target: bytes off the wire, through the request path as the server
// runs it: Boost.Beast's parser with the server's limits, the framing rule,
// the conversion to an HttpRequest and the whole API (routing, credentials,
// handlers, services, storage). Inputs whose first byte is odd go in as a
// signed-in organisation admin (an API token), the others as sent.
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>

#include "api/api.h"
#include "api/http_wire.h"
#include "tests/fuzz/fuzz_world.h"

namespace {

using namespace biobridge;

api::Api& TheApi() {
  static api::Api* api = [] {
    testing::ServiceEnv& env = fuzz::World();
    return new api::Api({env.accounts, env.directory, env.search, env.match, domain::Taxonomies::Builtin(),
                         env.pipeline, env.committee, env.events, env.invitations, env.notifications, env.messages, env.saved_searches, env.documents, env.certificates, env.countries, env.plans, env.clock},
                        {});
  }();
  return *api;
}

// An API token of org-ru's admin, for the inputs sent as a signed-in member.
const std::string& MemberToken() {
  static const std::string token = [] {
    testing::ServiceEnv& env = fuzz::World();
    auto member = env.store().FindUserByEmail("member@fuzz.example");
    auto principal = service::Principal::ForUser(*member, *env.store().ListMembershipsOfUser(member->id));
    return env.accounts.CreateApiToken(principal, "fuzz")->token;
  }();
  return token;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace http = boost::beast::http;
  if (size == 0) return 0;
  api::Api& api = TheApi();
  boost::beast::flat_buffer buffer;
  auto bytes = buffer.prepare(size);
  std::memcpy(bytes.data(), data, size);
  buffer.commit(size);
  // Every request the bytes hold, as a kept-alive connection would read them.
  for (int n = 0; n < 8 && buffer.size() > 0; ++n) {
    http::request_parser<http::string_body> parser;
    parser.body_limit(1024 * 1024);
    parser.header_limit(16 * 1024);
    parser.eager(true);
    boost::beast::error_code ec;
    const std::size_t used = parser.put(buffer.data(), ec);
    buffer.consume(used);
    if (ec || !parser.is_header_done()) return 0;
    if (!api::wire::FramingProblem(parser.get()).empty()) return 0;
    if (!parser.is_done()) {
      parser.put_eof(ec);
      if (ec || !parser.is_done()) return 0;
    }
    Result<api::HttpRequest> request = api::wire::ToHttpRequest(parser.get(), "127.0.0.1");
    if (!request.ok()) return 0;
    if (size > 0 && (data[0] & 1) && request->authorization.empty()) request->authorization = "Bearer " + MemberToken();
    (void)api.Handle(*request);
    if (!parser.get().keep_alive()) return 0;
  }
  return 0;
}
