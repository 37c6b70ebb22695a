#include <doctest/doctest.h>

#include "common/cache/redis_url.hpp"

using namespace tailor;
using namespace tailor::cache;

TEST_CASE("parse_redis_url accepts the usual forms") {
  auto u = parse_redis_url("redis://127.0.0.1:6379/0");
  REQUIRE(u);
  CHECK(u->host == "127.0.0.1");
  CHECK(u->port == 6379);
  CHECK(u->db == 0);
  CHECK(u->password.empty());

  u = parse_redis_url("redis://cache.internal");
  REQUIRE(u);
  CHECK(u->host == "cache.internal");
  CHECK(u->port == 6379);
  CHECK(u->db == 0);

  u = parse_redis_url("redis://:s%40cret@localhost:7000/3");
  REQUIRE(u);
  CHECK(u->username.empty());
  CHECK(u->password == "s@cret");
  CHECK(u->host == "localhost");
  CHECK(u->port == 7000);
  CHECK(u->db == 3);

  u = parse_redis_url("redis://worker:pw:with:colons@h:1/");
  REQUIRE(u);
  CHECK(u->username == "worker");
  CHECK(u->password == "pw:with:colons");
  CHECK(u->db == 0);

  u = parse_redis_url("redis://lonepassword@h");
  REQUIRE(u);
  CHECK(u->username.empty());
  CHECK(u->password == "lonepassword");

  u = parse_redis_url("redis://[::1]:6380/2");
  REQUIRE(u);
  CHECK(u->host == "::1");
  CHECK(u->port == 6380);
  CHECK(u->display() == "redis://[::1]:6380/2");
}

TEST_CASE("display never shows credentials") {
  auto u = parse_redis_url("redis://user:hunter2@h:1/5");
  REQUIRE(u);
  CHECK(u->display() == "redis://h:1/5");
}

TEST_CASE("parse_redis_url rejects bad URLs with a reason") {
  for (std::string_view bad :
       {"", "127.0.0.1:6379", "http://h:1", "rediss://h:6380", "redis://", "redis://:6379",
        "redis://h:", "redis://h:0", "redis://h:65536", "redis://h:port", "redis://h/x",
        "redis://h/-1", "redis://[::1", "redis://[::1]x", "redis://:%zz@h"}) {
    CAPTURE(bad);
    auto r = parse_redis_url(bad);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == Errc::invalid_argument);
    CHECK(r.error().message.rfind("REDIS_URL is not valid: ", 0) == 0);
  }
  CHECK(parse_redis_url("rediss://h").error().message.find("TLS") != std::string::npos);
}
