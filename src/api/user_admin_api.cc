// /api/v1/admin/users…: the people who log in, managed by admins — list, create (the
// password rules of `aicc user add`), change role, disable or enable, reset a password
// (which ends the user's sessions). Every change is audited; a password never is.
#include "api/api.h"
#include "api/json_io.h"
#include "api/people_json.h"
#include "api/schemas.h"

namespace aicc::api {
namespace {

std::vector<ResponseDoc> with_errors(std::vector<ResponseDoc> ok,
                                     std::initializer_list<int> codes) {
  static const std::map<int, std::string> text = {
      {400, "Invalid input (malformed JSON, unknown field, bad username, weak password)"},
      {404, "No such user"},
      {409, "The username is taken, or the change would lock the caller out"},
      {415, "Body is not application/json"},
      {422, "A role change across admin and agent/supervisor (an admin has no agent profile)"}};
  return with_error_docs(std::move(ok), codes, text);
}

std::string user_text(const User& u) {
  return json::serialize(to_json(u));
}

Response list_users(ApiContext& ctx, Request&) {
  auto users = ctx.store.list_users();
  if (!users) return net::error_response(users.error());
  json::array items;
  for (const auto& u : *users) items.push_back(to_json(u));
  return json_response(200, json::object{{"users", std::move(items)}});
}

Response create_user(ApiContext& ctx, Request& req) {
  auto body = read_object(req);
  if (auto* err = std::get_if<Response>(&body)) return *err;
  FieldReader f(std::get<json::object>(body));
  NewAccount a;
  a.username = f.string("username", true).value_or("");
  a.password = f.string("password", true).value_or("");
  a.display_name = f.string("display_name").value_or("");
  const std::string role = f.string("role", true).value_or("");
  f.reject_unknown();
  if (!f.ok()) return f.error();
  auto parsed = parse_role(role);
  if (!parsed)
    return net::error_response(400, "invalid_request", "role must be agent, supervisor or admin",
                               {{"field", "role"}});
  a.role = *parsed;
  auto user = ctx.accounts.create(a);
  if (!user) return net::error_response(user.error());
  ctx.audit.record(audit_actor(req), "user.create", "user", user->id, "null", user_text(*user));
  auto resp = json_response(201, to_json(*user));
  resp.set_header("location", "/api/v1/admin/users/" + user->id);
  return resp;
}

Response get_user(ApiContext& ctx, Request& req) {
  auto user = ctx.store.get_user(req.param("id"));
  if (!user) return net::error_response(user.error());
  return json_response(200, to_json(*user));
}

// {"role": …, "active": …, "display_name": …}, each optional; applied in that order.
Response patch_user(ApiContext& ctx, Request& req) {
  auto body = read_object(req);
  if (auto* err = std::get_if<Response>(&body)) return *err;
  FieldReader f(std::get<json::object>(body));
  auto role_name = f.string("role");
  auto active = f.boolean("active");
  auto display_name = f.string("display_name");
  f.reject_unknown();
  if (!f.ok()) return f.error();
  std::optional<Role> role;
  if (role_name) {
    role = parse_role(*role_name);
    if (!role)
      return net::error_response(400, "invalid_request", "role must be agent, supervisor or admin",
                                 {{"field", "role"}});
  }
  if (display_name) {
    if (auto st = validate_display_name(*display_name); !st) return net::error_response(st.error());
  }
  auto before = ctx.store.get_user(req.param("id"));
  if (!before) return net::error_response(before.error());
  // An admin who demotes or disables themselves could leave nobody to undo it.
  if (before->id == req.principal->user_id &&
      ((role && *role != before->role) || (active && !*active)))
    return net::error_response(409, "conflict",
                               "an admin cannot change their own role or disable themselves",
                               {{"field", role ? "role" : "active"}});
  Result<User> user = *before;
  if (role) user = ctx.accounts.change_role(before->username, *role);
  if (user && active) {
    user = *active ? ctx.accounts.enable(before->username) : ctx.accounts.disable(before->username);
  }
  if (user && display_name && *display_name != user->display_name) {
    User changed = *user;
    changed.display_name = *display_name;
    changed.updated_at = ctx.clock.now();
    user = ctx.store.update_user(changed);
  }
  if (!user) return net::error_response(user.error());
  ctx.audit.record(audit_actor(req), "user.update", "user", user->id, user_text(*before),
                   user_text(*user));
  return json_response(200, to_json(*user));
}

Response reset_password(ApiContext& ctx, Request& req) {
  auto body = read_object(req);
  if (auto* err = std::get_if<Response>(&body)) return *err;
  FieldReader f(std::get<json::object>(body));
  const std::string password = f.string("password", true).value_or("");
  f.reject_unknown();
  if (!f.ok()) return f.error();
  auto before = ctx.store.get_user(req.param("id"));
  if (!before) return net::error_response(before.error());
  auto user = ctx.accounts.set_password(before->username, password);
  if (!user) return net::error_response(user.error());
  // The hash is not in the user's JSON, so before/after show who and when, not the secret.
  ctx.audit.record(audit_actor(req), "user.password", "user", user->id, user_text(*before),
                   user_text(*user));
  return json_response(200, to_json(*user));
}

}  // namespace

void add_user_admin_routes(net::Router& r, ApiContext& ctx) {
  r.add(
      Method::kGet, "/api/v1/admin/users", [&ctx](Request& q) { return list_users(ctx, q); },
      RouteDoc{.operation_id = "listUsers",
               .summary = "Every user (agents, supervisors, admins), by username",
               .tag = "Admin",
               .responses = {{200, "The users", schema_ref("UserList")}},
               .required_role = Role::kAdmin});
  r.add(
      Method::kPost, "/api/v1/admin/users", [&ctx](Request& q) { return create_user(ctx, q); },
      RouteDoc{
          .operation_id = "createUser",
          .summary = "Create a user with a role",
          .description = "The password rules of `aicc user add` apply (at least 10 "
                         "characters). Agents and supervisors get an agent profile with "
                         "default capacity; edit it with PATCH /api/v1/agents/{id}.",
          .tag = "Admin",
          .request_schema_json = schema_ref("NewUserRequest"),
          .responses = with_errors({{201, "The new user", schema_ref("User")}}, {400, 409, 415}),
          .required_role = Role::kAdmin});
  r.add(
      Method::kGet, "/api/v1/admin/users/{id}", [&ctx](Request& q) { return get_user(ctx, q); },
      RouteDoc{.operation_id = "getUser",
               .summary = "One user",
               .tag = "Admin",
               .responses = with_errors({{200, "The user", schema_ref("User")}}, {404}),
               .required_role = Role::kAdmin});
  r.add(
      Method::kPatch, "/api/v1/admin/users/{id}", [&ctx](Request& q) { return patch_user(ctx, q); },
      RouteDoc{.operation_id = "updateUser",
               .summary = "Change a user's role, disable or enable them, rename them",
               .description = "A role change or disabling ends the user's sessions. Agent and "
                              "supervisor swap freely; admin ↔ agent/supervisor is 422. An "
                              "admin cannot demote or disable themselves (409).",
               .tag = "Admin",
               .request_schema_json = schema_ref("UserChangeRequest"),
               .responses = with_errors({{200, "The changed user", schema_ref("User")}},
                                        {400, 404, 409, 415, 422}),
               .required_role = Role::kAdmin});
  r.add(
      Method::kPost, "/api/v1/admin/users/{id}/password",
      [&ctx](Request& q) { return reset_password(ctx, q); },
      RouteDoc{.operation_id = "resetUserPassword",
               .summary = "Set a new password; every session of the user ends",
               .tag = "Admin",
               .request_schema_json = schema_ref("PasswordResetRequest"),
               .responses = with_errors({{200, "The user", schema_ref("User")}}, {400, 404, 415}),
               .required_role = Role::kAdmin});
}

}  // namespace aicc::api
