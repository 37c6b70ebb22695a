#include "api/handlers/support.hpp"

#include <fmt/format.h>

#include "common/accounts/accounts.hpp"
#include "common/cache/rate_limiter.hpp"
#include "common/core/log.hpp"

namespace tailor::api {

Result<std::string> require_user(const Deps& deps, const http::Request& req) {
  auto h = req.header("authorization");
  constexpr std::string_view kBearer = "Bearer ";
  if (!h || h->size() <= kBearer.size() || !h->starts_with(kBearer)) {
    return fail(Errc::unauthenticated, "sign in first: send 'Authorization: Bearer <access_token>'");
  }
  return deps.accounts.authenticate(h->substr(kBearer.size()));
}

Result<json::Value> json_body(const http::Request& req) {
  if (req.body.empty()) return fail(Errc::invalid_argument, "the request needs a JSON body");
  auto v = json::parse(req.body);
  if (!v) return v;
  if (!v->is_object()) return fail(Errc::invalid_argument, "the JSON body must be an object");
  return v;
}

Result<std::string> required_string(const json::Value& body, std::string_view key) {
  auto v = body.string_at(key);
  if (!v || v->empty()) return fail(Errc::invalid_argument, fmt::format("'{}' is required and must be a string", key));
  return std::string(*v);
}

Status rate_limit(const Deps& deps, const http::Request& req, std::string_view what, int limit, int window_s) {
  const std::string key = fmt::format("{}:rl:{}:{}", deps.config.ns, what, req.remote_address);
  auto d = cache::rate_limit(deps.redis, key, limit, window_s);
  if (!d) {
    log::warn("rate limiter unavailable; allowing", {{"error", d.error().message}});
    return {};
  }
  if (!d->allowed) {
    return fail(Errc::resource_exhausted, fmt::format("too many requests; try again in {} s", d->retry_after_s));
  }
  return {};
}

}  // namespace tailor::api
