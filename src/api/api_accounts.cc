// Routes of accounts: registration, signing in and out, the current user,
// API tokens, users with platform roles, and organisation members.
#include <fmt/format.h>

#include "api/api.h"
#include "api/views.h"

namespace biobridge::api {

namespace {

Result<std::string> StringField(const json::object& body, std::string_view key, bool required) {
  const json::value* v = body.if_contains(key);
  if (!v || v->is_null()) {
    if (required) return InvalidArgumentError(std::string(key), fmt::format("{} is required", key));
    return std::string();
  }
  if (!v->is_string()) {
    return InvalidArgumentError(std::string(key), fmt::format("must be a string, got {}", JsonKindName(*v)));
  }
  return std::string(v->get_string());
}

Result<bool> BoolField(const json::object& body, std::string_view key) {
  const json::value* v = body.if_contains(key);
  if (!v || v->is_null()) return false;
  if (!v->is_bool()) {
    return InvalidArgumentError(std::string(key), fmt::format("must be true or false, got {}", JsonKindName(*v)));
  }
  return v->get_bool();
}

Result<service::NewUser> NewUserFromJson(const json::object& body, bool with_roles) {
  service::NewUser user;
  BB_ASSIGN_OR_RETURN(user.email, StringField(body, "email", true));
  BB_ASSIGN_OR_RETURN(user.password, StringField(body, "password", true));
  BB_ASSIGN_OR_RETURN(user.display_name, StringField(body, "display_name", false));
  BB_ASSIGN_OR_RETURN(user.preferred_language, StringField(body, "preferred_language", false));
  if (with_roles) {
    BB_ASSIGN_OR_RETURN(user.platform_admin, BoolField(body, "platform_admin"));
    BB_ASSIGN_OR_RETURN(user.expert, BoolField(body, "expert"));
    BB_ASSIGN_OR_RETURN(user.event_organiser, BoolField(body, "event_organiser"));
  }
  return user;
}

Result<domain::MembershipRole> RoleField(const json::object& body) {
  BB_ASSIGN_OR_RETURN(std::string name, StringField(body, "role", false));
  if (name.empty()) return domain::MembershipRole::kMember;
  domain::MembershipRole role;
  if (!domain::ParseMembershipRole(name, role)) {
    return InvalidArgumentError("role", fmt::format("unknown role '{}'; use admin or member", name));
  }
  return role;
}

}  // namespace

void Api::AddAccountRoutes() {
  service::AccountService& accounts = services_.accounts;

  router_.Add({"POST", "/api/auth/register", {}, [&accounts](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(json::object body, c.JsonBody());
                 BB_ASSIGN_OR_RETURN(service::NewUser user, NewUserFromJson(body, /*with_roles=*/false));
                 BB_ASSIGN_OR_RETURN(domain::User created, accounts.Register(user));
                 return JsonResponse(201, View(created));
               },
               /*hashes_password=*/true});

  router_.Add({"POST", "/api/auth/signin", {}, [this, &accounts](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(json::object body, c.JsonBody());
                 BB_ASSIGN_OR_RETURN(std::string email, StringField(body, "email", true));
                 BB_ASSIGN_OR_RETURN(std::string password, StringField(body, "password", true));
                 BB_ASSIGN_OR_RETURN(service::SignedIn session,
                                     accounts.SignIn(email, password, {c.request.remote_address, c.request.user_agent}));
                 HttpResponse response = JsonResponse(
                     200, {{"user", View(session.user)}, {"expires_at", FormatTimestamp(session.expires_at)}});
                 response.headers.emplace_back("Set-Cookie", SessionCookie(session.token, session.lifetime.count()));
                 return response;
               },
               /*hashes_password=*/true});

  router_.Add({"POST", "/api/auth/signout", {}, [this, &accounts](RequestContext& c) -> Result<HttpResponse> {
                 if (!c.session_token.empty()) BB_RETURN_IF_ERROR(accounts.SignOut(c.session_token, c.principal));
                 HttpResponse response = NoContent();
                 response.headers.emplace_back("Set-Cookie", SessionCookie("", 0));
                 return response;
               }});

  router_.Add({"GET", "/api/me", {}, [](RequestContext& c) -> Result<HttpResponse> {
                 if (!c.principal.user()) return UnauthenticatedError("sign in to see your account");
                 json::array memberships;
                 for (const std::string& id : c.principal.organization_ids()) {
                   memberships.push_back(json::object{{"organization", id},
                                                      {"role", c.principal.AdminOf(id) ? "admin" : "member"}});
                 }
                 return JsonResponse(200, {{"user", View(*c.principal.user())}, {"memberships", std::move(memberships)}});
               }});

  router_.Add({"POST", "/api/me/password", {}, [&accounts](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(json::object body, c.JsonBody());
                 BB_ASSIGN_OR_RETURN(std::string current, StringField(body, "current_password", true));
                 BB_ASSIGN_OR_RETURN(std::string next, StringField(body, "new_password", true));
                 BB_ASSIGN_OR_RETURN(bool end_tokens, BoolField(body, "end_api_tokens"));
                 // Every other session ends; this one stays.
                 BB_RETURN_IF_ERROR(accounts.ChangePassword(c.principal, current, next, c.session_token, end_tokens));
                 return NoContent();
               },
               /*hashes_password=*/true});

  router_.Add({"PATCH", "/api/me", {}, [&accounts](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(json::object body, c.JsonBody());
                 BB_ASSIGN_OR_RETURN(domain::User user, accounts.UpdateProfile(c.principal, body));
                 return JsonResponse(200, View(user));
               }});

  // Links mailed to a person: the token is the capability, so these take
  // no session (the link may be opened in another browser).
  router_.Add({"POST", "/api/auth/verify-email", {}, [&accounts](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(json::object body, c.JsonBody());
                 BB_ASSIGN_OR_RETURN(std::string token, StringField(body, "token", true));
                 BB_ASSIGN_OR_RETURN(domain::User user, accounts.VerifyEmail(token));
                 return JsonResponse(200, json::object{{"email", user.email}, {"email_verified", true}});
               }});
  router_.Add({"POST", "/api/me/verify-email", {}, [&accounts](RequestContext& c) -> Result<HttpResponse> {
                 BB_RETURN_IF_ERROR(accounts.SendVerification(c.principal));
                 return JsonResponse(202, json::object{{"sent", true}});
               }});
  router_.Add({"POST", "/api/auth/password-reset", {}, [&accounts](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(json::object body, c.JsonBody());
                 BB_ASSIGN_OR_RETURN(std::string email, StringField(body, "email", true));
                 // The same answer whether or not the address has an account.
                 BB_RETURN_IF_ERROR(accounts.RequestPasswordReset(email));
                 return JsonResponse(202, json::object{{"sent_if_known", true}});
               }});
  router_.Add({"POST", "/api/auth/password-reset/confirm", {}, [&accounts](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(json::object body, c.JsonBody());
                 BB_ASSIGN_OR_RETURN(std::string token, StringField(body, "token", true));
                 BB_ASSIGN_OR_RETURN(std::string next, StringField(body, "new_password", true));
                 BB_RETURN_IF_ERROR(accounts.ResetPassword(token, next));
                 return NoContent();
               },
               /*hashes_password=*/true});

  router_.Add({"GET", "/api/me/sessions", {}, [&accounts](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(auto sessions, accounts.ListSessions(c.principal, c.session_token));
                 json::array items;
                 for (const service::SessionInfo& s : sessions) {
                   items.push_back(json::object{{"id", s.id},
                                                {"user_agent", s.user_agent},
                                                {"created_at", FormatTimestamp(s.created_at)},
                                                {"expires_at", FormatTimestamp(s.expires_at)},
                                                {"current", s.current}});
                 }
                 return JsonResponse(200, {{"items", std::move(items)}});
               }});

  router_.Add({"DELETE", "/api/me/sessions/{id}", {}, [&accounts](RequestContext& c) -> Result<HttpResponse> {
                 BB_RETURN_IF_ERROR(accounts.EndSession(c.principal, c.PathParam("id")));
                 return NoContent();
               }});

  router_.Add({"GET", "/api/me/tokens", {}, [&accounts](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(auto tokens, accounts.ListApiTokens(c.principal));
                 json::array items;
                 for (const auto& t : tokens) items.push_back(View(t));
                 return JsonResponse(200, {{"items", std::move(items)}});
               }});

  router_.Add({"POST", "/api/me/tokens", {}, [&accounts](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(json::object body, c.JsonBody());
                 BB_ASSIGN_OR_RETURN(std::string name, StringField(body, "name", true));
                 BB_ASSIGN_OR_RETURN(service::CreatedApiToken created, accounts.CreateApiToken(c.principal, name));
                 json::object view = View(created.record);
                 view["token"] = created.token;  // the only time it is shown
                 return JsonResponse(201, view);
               }});

  router_.Add({"DELETE", "/api/me/tokens/{id}", {}, [&accounts](RequestContext& c) -> Result<HttpResponse> {
                 BB_RETURN_IF_ERROR(accounts.DeleteApiToken(c.principal, c.PathParam("id")));
                 return NoContent();
               }});

  router_.Add({"POST", "/api/users", {}, [&accounts](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(json::object body, c.JsonBody());
                 BB_ASSIGN_OR_RETURN(service::NewUser user, NewUserFromJson(body, /*with_roles=*/true));
                 BB_ASSIGN_OR_RETURN(domain::User created, accounts.CreateUser(c.principal, user));
                 return JsonResponse(201, View(created));
               },
               /*hashes_password=*/true});

  router_.Add({"GET", "/api/users", {"email"}, [&accounts](RequestContext& c) -> Result<HttpResponse> {
                 // (The service authorises first, then names a missing or bad email.)
                 BB_ASSIGN_OR_RETURN(domain::User user, accounts.FindUser(c.principal, c.Query("email")));
                 json::object view = View(user);
                 view["version"] = user.meta.version;
                 return JsonResponse(200, view);
               }});
  router_.Add({"PATCH", "/api/users/{id}", {}, [&accounts](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(json::object body, c.JsonBody());
                 BB_ASSIGN_OR_RETURN(domain::User user, accounts.GrantRoles(c.principal, c.PathParam("id"), body));
                 json::object view = View(user);
                 view["version"] = user.meta.version;
                 return JsonResponse(200, view);
               }});

  router_.Add({"GET", "/api/organizations/{id}/members", {}, [&accounts](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(auto members, accounts.ListMembers(c.principal, c.PathParam("id")));
                 json::array items;
                 for (const auto& m : members) items.push_back(View(m));
                 return JsonResponse(200, {{"items", std::move(items)}});
               }});

  router_.Add({"PUT", "/api/organizations/{id}/members", {}, [&accounts](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(json::object body, c.JsonBody());
                 BB_ASSIGN_OR_RETURN(std::string email, StringField(body, "email", true));
                 BB_ASSIGN_OR_RETURN(domain::MembershipRole role, RoleField(body));
                 BB_ASSIGN_OR_RETURN(std::string message, StringField(body, "message", false));
                 BB_ASSIGN_OR_RETURN(service::MemberChange change,
                                     accounts.PutMember(c.principal, c.PathParam("id"), email, role, message));
                 if (change.invitation) return JsonResponse(202, InvitationSent(*change.invitation));
                 return JsonResponse(200, View(*change.member));
               }});

  router_.Add({"DELETE", "/api/organizations/{id}/members/{user_id}", {},
               [&accounts](RequestContext& c) -> Result<HttpResponse> {
                 BB_RETURN_IF_ERROR(accounts.RemoveMember(c.principal, c.PathParam("id"), c.PathParam("user_id")));
                 return NoContent();
               }});
}

}  // namespace biobridge::api
