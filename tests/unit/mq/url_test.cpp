#include <doctest/doctest.h>

#include "common/mq/url.hpp"

using tailor::Errc;
using tailor::mq::parse_url;

TEST_CASE("parse_url reads every part and decodes %2f as the default vhost") {
  auto u = parse_url("amqp://guest:s3cret@127.0.0.1:55674/%2f");
  REQUIRE(u);
  CHECK(u->user == "guest");
  CHECK(u->password == "s3cret");
  CHECK(u->host == "127.0.0.1");
  CHECK(u->port == 55674);
  CHECK(u->vhost == "/");
  CHECK(u->display() == "127.0.0.1:55674/%2f");
}

TEST_CASE("parse_url decodes percent-escapes in credentials and names a vhost") {
  auto u = parse_url("amqp://us%40er:p%3Ass@rabbit.internal/tailor");
  REQUIRE(u);
  CHECK(u->user == "us@er");
  CHECK(u->password == "p:ss");
  CHECK(u->host == "rabbit.internal");
  CHECK(u->port == 5672);
  CHECK(u->vhost == "tailor");
  CHECK(u->display() == "rabbit.internal:5672/tailor");
}

TEST_CASE("parse_url defaults: no credentials, no port, no path") {
  auto u = parse_url("amqp://localhost");
  REQUIRE(u);
  CHECK(u->user == "guest");
  CHECK(u->password == "guest");
  CHECK(u->port == 5672);
  CHECK(u->vhost == "/");
  auto slash = parse_url("amqp://localhost/");  // empty vhost by the spec; RabbitMQ has none
  REQUIRE(slash);
  CHECK(slash->vhost == "/");
  auto no_host = parse_url("amqp://:5673");  // empty host means the default host
  REQUIRE(no_host);
  CHECK(no_host->host == "localhost");
  CHECK(no_host->port == 5673);
}

TEST_CASE("parse_url refuses other schemes and garbage without echoing the password") {
  for (std::string bad : {"http://guest:hunter2@host/", "amqps://guest:hunter2@host/", "",
                          "amqp://guest:hunter2@host:notaport/", "amqp://guest:hunter2@host:99999/",
                          "amqp://guest:hunter2@host:5672/a/b"}) {
    CAPTURE(bad);
    auto u = parse_url(bad);
    REQUIRE_FALSE(u);
    CHECK(u.error().code == Errc::invalid_argument);
    CHECK(u.error().message.find("hunter2") == std::string::npos);
  }
}
