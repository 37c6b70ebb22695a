#include <doctest/doctest.h>

#include <stdexcept>

#include "api/server/router.hpp"

using tailor::http::Request;
using tailor::http::Response;
using tailor::http::Router;

namespace {
Response ok(Request&) {
  return Response::json(200, "{}");
}

std::string header_of(const Response& r, std::string_view name) {
  for (const auto& [k, v] : r.headers) {
    if (k == name) return v;
  }
  return "";
}
}  // namespace

TEST_CASE("router: literals, captures and decoding") {
  Router r;
  r.add("GET", "/health", ok);
  r.add("GET", "/v1/jobs/{id}", ok);
  r.add("GET", "/v1/jobs/{id}/events", ok);
  r.add("POST", "/v1/resumes", ok, {.upload = true, .max_file_bytes = 1024});

  auto m = r.match("GET", "/v1/jobs/abc-123");
  REQUIRE(m);
  CHECK(m->route->pattern == "/v1/jobs/{id}");
  CHECK(m->params.at("id") == "abc-123");

  m = r.match("GET", "/v1/jobs/a%20b%2Fc/events");
  REQUIRE(m);
  CHECK(m->route->pattern == "/v1/jobs/{id}/events");
  CHECK(m->params.at("id") == "a b/c");

  m = r.match("POST", "/v1/resumes");
  REQUIRE(m);
  CHECK(m->route->options.upload);
  CHECK(m->route->options.max_file_bytes == 1024);
  CHECK(m->params.empty());

  m = r.match("GET", "/health");
  REQUIRE(m);
  CHECK(m->route->options.max_body == 64 * 1024);
}

TEST_CASE("router: a literal segment beats a capture whatever the order") {
  Router r;
  r.add("GET", "/v1/jobs/{id}", ok);
  r.add("GET", "/v1/jobs/stats", ok);
  r.add("GET", "/v1/{kind}/stats", ok);
  auto m = r.match("GET", "/v1/jobs/stats");
  REQUIRE(m);
  CHECK(m->route->pattern == "/v1/jobs/stats");
  m = r.match("GET", "/v1/users/stats");
  REQUIRE(m);
  CHECK(m->route->pattern == "/v1/{kind}/stats");
  CHECK(m->params.at("kind") == "users");
}

TEST_CASE("router: unknown path is 404, wrong method is 405 with Allow") {
  Router r;
  r.add("GET", "/v1/jobs/{id}", ok);
  r.add("DELETE", "/v1/jobs/{id}", ok);

  auto m = r.match("GET", "/x");
  REQUIRE(!m);
  CHECK(m.error().status == 404);
  CHECK(m.error().body == R"({"error":{"code":"not_found","message":"no route for GET /x"}})");

  m = r.match("POST", "/v1/jobs/7");
  REQUIRE(!m);
  CHECK(m.error().status == 405);
  CHECK(header_of(m.error(), "Allow") == "GET, DELETE");
  CHECK(m.error().body.find("method_not_allowed") != std::string::npos);

  CHECK(r.match("GET", "/v1/jobs/").error().status == 404);  // an empty capture does not match
  CHECK(r.match("GET", "/v1/jobs/7/").error().status == 404);
  CHECK(r.match("GET", "/v1/jobs").error().status == 404);
  CHECK(r.match("GET", "").error().status == 404);
  CHECK(r.match("GET", "/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q/r/s").error().status == 404);
}

TEST_CASE("router: a bad escape in a capture is 400") {
  Router r;
  r.add("GET", "/v1/jobs/{id}", ok);
  auto m = r.match("GET", "/v1/jobs/%zz");
  REQUIRE(!m);
  CHECK(m.error().status == 400);
  CHECK(r.match("GET", "/v1/jobs/a%00b").error().status == 400);
}

TEST_CASE("router: bad tables fail at startup") {
  Router r;
  CHECK_THROWS_AS(r.add("GET", "v1/x", ok), std::invalid_argument);
  CHECK_THROWS_AS(r.add("GET", "/v1/{}", ok), std::invalid_argument);
  CHECK_THROWS_AS(r.add("GET", "/v1/x{id}", ok), std::invalid_argument);
  CHECK_THROWS_AS(r.add("GET", "/v1/x", nullptr), std::invalid_argument);
  r.add("GET", "/v1/x", ok);
  CHECK_THROWS_AS(r.add("GET", "/v1/x", ok), std::invalid_argument);
  CHECK_NOTHROW(r.add("POST", "/v1/x", ok));
}
