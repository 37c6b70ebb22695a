// POST /v1/auth/register, /login, /refresh, /logout; GET /v1/me.
#include "api/handlers/handlers.hpp"
#include "api/handlers/support.hpp"
#include "common/accounts/accounts.hpp"

namespace tailor::api {

namespace {
// Per client address, to slow down password guessing and account farming.
constexpr int kLoginsPerMinute = 30;
constexpr int kRegistrationsPerHour = 20;

void write_user(json::Writer& w, const accounts::User& u) {
  w.object_begin().field("id", u.id).field("email", u.email).field("email_verified", u.email_verified)
      .field("created_at", u.created_at).object_end();
}

struct Credentials {
  std::string email, password;
};

Result<Credentials> credentials(const http::Request& req) {
  auto body = json_body(req);
  if (!body) return std::unexpected(body.error());
  auto email = required_string(*body, "email");
  if (!email) return std::unexpected(email.error());
  auto password = required_string(*body, "password");
  if (!password) return std::unexpected(password.error());
  return Credentials{std::move(*email), std::move(*password)};
}

// The refresh token both /refresh and /logout take.
Result<std::string> refresh_token(const http::Request& req) {
  auto body = json_body(req);
  if (!body) return std::unexpected(body.error());
  return required_string(*body, "refresh_token");
}

http::Response tokens_response(const accounts::Tokens& t) {
  json::Writer w;
  w.object_begin().field("access_token", t.access_token).field("refresh_token", t.refresh_token)
      .field("token_type", "Bearer").field("expires_in", t.expires_in).object_end();
  return json_response(200, std::move(w));
}
}  // namespace

http::Response register_user(const Deps& deps, http::Request& req) {
  if (auto ok = rate_limit(deps, req, "register", kRegistrationsPerHour, 3600); !ok) return http::Response::error(ok.error());
  auto c = credentials(req);
  if (!c) return http::Response::error(c.error());
  auto user = deps.accounts.register_user(c->email, c->password, req.request_id);
  if (!user) return http::Response::error(user.error());
  json::Writer w;
  write_user(w, *user);
  return json_response(201, std::move(w));
}

http::Response login(const Deps& deps, http::Request& req) {
  if (auto ok = rate_limit(deps, req, "login", kLoginsPerMinute, 60); !ok) return http::Response::error(ok.error());
  auto c = credentials(req);
  if (!c) return http::Response::error(c.error());
  auto tokens = deps.accounts.login(c->email, c->password, req.request_id);
  if (!tokens) return http::Response::error(tokens.error());
  return tokens_response(*tokens);
}

http::Response refresh(const Deps& deps, http::Request& req) {
  auto token = refresh_token(req);
  if (!token) return http::Response::error(token.error());
  auto tokens = deps.accounts.refresh(*token, req.request_id);
  if (!tokens) return http::Response::error(tokens.error());
  return tokens_response(*tokens);
}

http::Response logout(const Deps& deps, http::Request& req) {
  auto token = refresh_token(req);
  if (!token) return http::Response::error(token.error());
  if (auto done = deps.accounts.logout(*token, req.request_id); !done) return http::Response::error(done.error());
  return http::Response::no_content();
}

http::Response me(const Deps& deps, http::Request& req) {
  auto user_id = require_user(deps, req);
  if (!user_id) return http::Response::error(user_id.error());
  auto user = deps.accounts.get_user(*user_id);
  if (!user) return http::Response::error(user.error());
  json::Writer w;
  write_user(w, *user);
  return json_response(200, std::move(w));
}

}  // namespace tailor::api
