// /api/v1/auth: logging in (public), logging out and "who am I" (any role), and the
// bearer-token check the pipeline runs for every route that declares a role.
#include "api/api.h"
#include "api/json_io.h"
#include "api/people_json.h"
#include "api/schemas.h"

namespace aicc::api {
namespace {

class SessionAuthenticator final : public net::Authenticator {
 public:
  SessionAuthenticator(AuthService& auth, ApiKeys* keys) : auth_(auth), keys_(keys) {}
  Result<net::Principal> authenticate(std::string_view token) override {
    auto p = auth_.authenticate(token);
    if (!p) return tl::unexpected(p.error());
    return net::Principal{p->user.id, p->user.username, p->user.role, p->session.token_hash};
  }
  // A key acts as "apikey:<id>" (its name in the audit log), with the key's role.
  Result<net::Principal> authenticate_api_key(std::string_view key) override {
    if (!keys_) return net::Authenticator::authenticate_api_key(key);
    auto k = keys_->authenticate(key);
    if (!k) return tl::unexpected(k.error());
    return net::Principal{"apikey:" + k->id, "apikey:" + k->name, k->role, ""};
  }

 private:
  AuthService& auth_;
  ApiKeys* keys_;
};

json::object session_json(const Session& s) {
  return {{"created_at", format_iso8601(s.created_at)},
          {"expires_at", format_iso8601(s.expires_at)}};
}

Response login(ApiContext& ctx, Request& req) {
  auto body = read_object(req);
  if (auto* err = std::get_if<Response>(&body)) return *err;
  FieldReader f(std::get<json::object>(body));
  auto username = f.string("username", true);
  auto password = f.string("password", true);
  f.reject_unknown();
  if (!f.ok()) return f.error();
  auto result = ctx.auth.login(*username, *password, req.remote_address);
  if (!result) {
    Response r = net::error_response(result.error());
    if (auto it = result.error().details.find("retry_after_s"); it != result.error().details.end())
      r.set_header("retry-after", it->second);
    return r;
  }
  return json_response(200, json::object{{"token", result->token},
                                         {"token_type", "Bearer"},
                                         {"expires_at", format_iso8601(result->session.expires_at)},
                                         {"user", to_json(result->user)}});
}

Response logout(ApiContext& ctx, Request& req) {
  // The pipeline has checked the session; revoke exactly that one.
  if (auto st = ctx.store.revoke_session(req.principal->session_token_hash, ctx.clock.now()); !st)
    return net::error_response(st.error());
  Response r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

Response me(ApiContext& ctx, Request& req) {
  auto user = ctx.store.get_user(req.principal->user_id);
  if (!user) return net::error_response(user.error());
  auto session = ctx.store.find_valid_session(req.principal->session_token_hash, ctx.clock.now());
  if (!session) return net::error_response(401, "unauthenticated", "the session has ended");
  return json_response(200,
                       json::object{{"user", to_json(*user)}, {"session", session_json(*session)}});
}

}  // namespace

std::unique_ptr<net::Authenticator> session_authenticator(AuthService& auth, ApiKeys* keys) {
  return std::make_unique<SessionAuthenticator>(auth, keys);
}

void add_auth_routes(net::Router& r, ApiContext& ctx) {
  const std::string base = "/api/v1/auth";
  r.add(
      Method::kPost, base + "/login", [&ctx](Request& q) { return login(ctx, q); },
      RouteDoc{
          .operation_id = "login",
          .summary = "Log in with a username and password",
          .description = "Returns a bearer token for the Authorization header and when it expires. "
                         "A wrong password and an unknown username get the same 401. After "
                         "auth.login_max_failures failures for one username from one address, "
                         "attempts are refused with 429 and Retry-After for auth.login_lockout_s.",
          .tag = "Authentication",
          .request_schema_json = schema_ref("LoginRequest"),
          .responses = {{200, "Logged in", schema_ref("LoginResponse")},
                        {400, "Malformed body", schema_ref("Error")},
                        {401, "Invalid username or password", schema_ref("Error")},
                        {415, "Body is not application/json", schema_ref("Error")},
                        {429, "Too many failed logins; see Retry-After", schema_ref("Error")}}});
  r.add(
      Method::kPost, base + "/logout", [&ctx](Request& q) { return logout(ctx, q); },
      RouteDoc{.operation_id = "logout",
               .summary = "End the caller's session",
               .description = "The token stops working at once.",
               .tag = "Authentication",
               .responses = {{204, "Logged out", ""}},
               .required_role = Role::kAgent});
  r.add(
      Method::kGet, base + "/me", [&ctx](Request& q) { return me(ctx, q); },
      RouteDoc{.operation_id = "whoAmI",
               .summary = "The caller and their session",
               .tag = "Authentication",
               .responses = {{200, "The caller", schema_ref("Me")}},
               .required_role = Role::kAgent});
}

}  // namespace aicc::api
