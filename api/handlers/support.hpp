#pragma once
// Small pieces every handler uses: the caller's identity, JSON bodies, JSON responses.
#include <string>
#include <string_view>

#include "api/handlers/deps.hpp"
#include "api/server/http_types.hpp"
#include "common/core/error.hpp"
#include "common/json/value.hpp"
#include "common/json/writer.hpp"

namespace tailor::api {

// The user id from "Authorization: Bearer <access token>"; unauthenticated otherwise.
Result<std::string> require_user(const Deps& deps, const http::Request& req);

// The body as a JSON object; invalid_argument with a readable message otherwise.
Result<json::Value> json_body(const http::Request& req);

// A required non-empty string member of a JSON object.
Result<std::string> required_string(const json::Value& body, std::string_view key);

// Counts one hit of `what` for the caller's address; resource_exhausted when over `limit` per
// `window_s`. Fails open (allows) when Redis is down: a rate limit must not take logins down.
Status rate_limit(const Deps& deps, const http::Request& req, std::string_view what, int limit, int window_s);

inline http::Response json_response(int status, json::Writer&& w) {
  return http::Response::json(status, std::move(w).str());
}

}  // namespace tailor::api
