#include <doctest/doctest.h>

#include "common/json/value.hpp"
#include "common/mq/message.hpp"

using tailor::Errc;
using tailor::mq::attempt_of;
using tailor::mq::with_attempt;

TEST_CASE("with_attempt replaces attempt in place and keeps the other members") {
  auto out = with_attempt(R"({"job_id":"0b9c","stage":"extract","attempt":1})", 2);
  REQUIRE(out);
  CHECK(*out == R"({"job_id":"0b9c","stage":"extract","attempt":2})");
  CHECK(attempt_of(*out) == 2);
}

TEST_CASE("with_attempt appends attempt when absent") {
  auto out = with_attempt(R"({"job_id":"x"})", 3);
  REQUIRE(out);
  CHECK(*out == R"({"job_id":"x","attempt":3})");
}

TEST_CASE("with_attempt keeps nested values, numbers, escapes and collapses duplicate keys") {
  const char* in =
      R"({"attempt":1,"n":-5,"f":1.5,"t":true,"z":null,"s":"a\"b\u00e9","a":[1,{"b":[]}],)"
      R"("o":{},"attempt":7})";
  auto out = with_attempt(in, 4);
  REQUIRE(out);
  CHECK(*out ==
        R"({"attempt":4,"n":-5,"f":1.5,"t":true,"z":null,"s":"a\"bé","a":[1,{"b":[]}],"o":{}})");
  auto parsed = tailor::json::parse(*out);
  REQUIRE(parsed);
  CHECK(parsed->int_at("attempt") == 4);
}

TEST_CASE("with_attempt refuses what is not a JSON object") {
  for (std::string bad : {"", "not json", "[1,2]", "\"s\"", "{\"a\":"}) {
    CAPTURE(bad);
    auto out = with_attempt(bad, 2);
    REQUIRE_FALSE(out);
    CHECK(out.error().code == Errc::invalid_argument);
  }
}

TEST_CASE("attempt_of defaults to 1") {
  CHECK(attempt_of(R"({"attempt":5})") == 5);
  CHECK(attempt_of(R"({"job_id":"x"})") == 1);
  CHECK(attempt_of(R"({"attempt":"2"})") == 1);
  CHECK(attempt_of(R"({"attempt":0})") == 1);
  CHECK(attempt_of(R"({"attempt":-3})") == 1);
  CHECK(attempt_of("garbage") == 1);
  CHECK(attempt_of(R"({"attempt":2.0})") == 2);
}
