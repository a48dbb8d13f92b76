// Api: the JSON API of BioBridge over HTTP.
//
// Handle() turns one HttpRequest into one HttpResponse: it finds the route,
// refuses unknown query parameters, works out who is asking (session cookie
// "bb_session", or "Authorization: Bearer <API token>"), runs the route's
// handler and maps any error through the one Status -> HTTP table
// (errors.h). Handlers are thin: parse, call a service, serialise.
//
// Every route is listed in the OpenAPI document served at /api/openapi.json;
// api_test checks both ways that the document and the router agree.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "api/exchange_log.h"
#include "api/http.h"
#include "api/router.h"
#include "base/json.h"
#include "domain/taxonomy.h"
#include "service/account_service.h"
#include "service/committee_service.h"
#include "service/directory_service.h"
#include "service/environment.h"
#include "service/event_service.h"
#include "service/invitation_service.h"
#include "service/message_service.h"
#include "service/notification_service.h"
#include "service/match_service.h"
#include "service/pipeline_service.h"
#include "service/search_service.h"

namespace biobridge::api {

inline constexpr std::string_view kSessionCookie = "bb_session";

// What a handler gets: the request, its path parameters, and who asks.
struct RequestContext {
  const HttpRequest& request;
  std::map<std::string, std::string, std::less<>> path;
  service::Principal principal;
  std::string session_token;  // when signed in through the cookie
  const JsonLimits& json_limits;

  const std::string& PathParam(std::string_view name) const { return path.find(name)->second; }
  // The body as a JSON object; kMalformed when it is not one.
  Result<json::object> JsonBody() const;
  // A query parameter, or "" when absent.
  std::string Query(std::string_view name) const;
  // A whole-number query parameter, or `fallback` when absent.
  Result<std::int64_t> QueryInt(std::string_view name, std::int64_t fallback) const;
};

// The query parameters of a route that pages, with "page" and "per_page" added.
std::vector<std::string> WithPageParameters(std::vector<std::string> names);
// "page" and "per_page" of the request (the service checks their range).
Result<domain::PageRequest> PageFrom(const RequestContext& c);
// The body's "version", required: the version of `what` the caller read.
Result<std::int64_t> RequiredBodyVersion(const RequestContext& c, std::string_view what);

// Views shared by the search and match routes (api_search.cc).
json::array ConceptsView(const std::vector<std::string>& concept_ids, const text::Vocabulary& vocabulary,
                         std::string_view language);
json::object RecordSummaryView(const service::RecordSummary& record);
// A matched candidate: its summary, score and reasons.
json::object MatchItemView(const service::MatchItem& item);
json::array SnippetView(const std::vector<search::SnippetPart>& parts);

class Api {
 public:
  struct Services {
    service::AccountService& accounts;
    service::DirectoryService& directory;
    const service::SearchService& search;
    const service::MatchService& match;
    const domain::Taxonomies& taxonomies;
    service::PipelineService& pipeline;
    service::CommitteeService& committee;
    service::EventService& events;
    service::InvitationService& invitations;
    service::NotificationService& notifications;
    service::MessageService& messages;
    service::SavedSearchService& saved_searches;
    service::DocumentService& documents;
    service::CertificateService& certificates;
    service::CountryService& countries;
    service::PlanService& plans;
    const Clock& clock;  // today's date for certificates' state

    // Every service of a running BioBridge.
    static Services Of(service::Environment& env);
  };
  struct Options {
    JsonLimits json_limits;
    // The address people reach BioBridge at ("https://exchange.example.org"):
    // state-changing requests that carry an Origin must come from it, and
    // with https cookies are Secure and Strict-Transport-Security is sent.
    // Empty: the origin is this server's own ("http://" + the Host header).
    std::string public_url;
    std::function<Status()> health_probe;  // checks the database for /api/health
    std::string version = "0.1.0";
    // For tests: every /api/ answer is written down here (not owned; may be null).
    ExchangeLog* exchange_log = nullptr;
  };

  Api(Services services, Options options);

  // Thread-safe; never throws.
  HttpResponse Handle(const HttpRequest& request) const;
  // Whether answering `request` hashes a password (its route says so:
  // Route::hashes_password): the server runs those on a pool of their own
  // (HttpServer::Options::offload).
  bool HashesPassword(const HttpRequest& request) const;
  // The body a request to `path` may carry (Route::body_limit), known from
  // its header alone; 0: the server's default (HttpServer::Options::body_limit_for).
  std::size_t BodyLimit(std::string_view method, std::string_view path) const;

  const Router& router() const { return router_; }
  // The OpenAPI 3 document describing every route.
  static std::string_view OpenApiDocument();

 private:
  void AddMetaRoutes();
  void AddAccountRoutes();
  void AddDirectoryRoutes();
  void AddSearchRoutes();
  void AddMatchRoutes();
  void AddPipelineRoutes();
  void AddCommitteeRoutes();
  void AddEventRoutes();
  void AddInvitationRoutes();
  void AddNotificationRoutes();
  void AddDocumentRoutes();
  void AddCertificateRoutes();
  void AddCountryRoutes();
  void AddPlanRoutes();
  HttpResponse Dispatch(const HttpRequest& request) const;
  // An organisation or opportunity page a visitor may see, with its content
  // in the HTML (public_page.h); nullopt for any other path or record.
  std::optional<HttpResponse> PublicPageResponse(const HttpRequest& request) const;
  std::string SessionCookie(std::string_view token, std::int64_t max_age_seconds) const;
  // Where this server is reached: the public URL's origin, else http:// and the Host header.
  std::string Origin(const HttpRequest& request) const;
  // kPermissionDenied for a state-changing request from another site.
  Status CheckSameOrigin(const HttpRequest& request) const;
  bool https() const { return options_.public_url.starts_with("https://"); }

  Services services_;
  Options options_;
  Router router_;
  std::vector<std::string> hashing_methods_;  // of the routes that hash passwords
};

// Responses handlers build.
HttpResponse JsonResponse(int status, const json::object& body);
// 201 with the created thing and its address in Location.
HttpResponse CreatedResponse(const json::object& body, std::string location);
HttpResponse NoContent();

}  // namespace biobridge::api
