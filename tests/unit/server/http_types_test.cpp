#include <doctest/doctest.h>

#include <set>

#include "api/server/http_types.hpp"

using namespace tailor::http;

TEST_CASE("percent_decode") {
  CHECK(percent_decode("a%20b%2fc").value() == "a b/c");
  CHECK(percent_decode("a+b").value() == "a+b");
  CHECK(percent_decode("a+b", true).value() == "a b");
  CHECK(!percent_decode("%"));
  CHECK(!percent_decode("%4"));
  CHECK(!percent_decode("%zz"));
  CHECK(!percent_decode("%00"));
  CHECK(percent_decode("%C3%A9").value() == "\xC3\xA9");
}

TEST_CASE("parse_query") {
  auto q = parse_query("a=1&b=x%20y&&c&d=e+f&a=2");
  REQUIRE(q);
  REQUIRE(q->size() == 5);
  CHECK((*q)[0] == std::pair<std::string, std::string>{"a", "1"});
  CHECK((*q)[1] == std::pair<std::string, std::string>{"b", "x y"});
  CHECK((*q)[2] == std::pair<std::string, std::string>{"c", ""});
  CHECK((*q)[3] == std::pair<std::string, std::string>{"d", "e f"});
  CHECK(!parse_query("a=%G1"));

  Request r;
  r.query = *q;
  CHECK(r.query_param("a") == std::optional<std::string_view>("1"));
  CHECK(!r.query_param("zz"));
}

TEST_CASE("request ids") {
  CHECK(is_sane_request_id("abc-DEF_123"));
  CHECK(!is_sane_request_id(""));
  CHECK(!is_sane_request_id("has space"));
  CHECK(!is_sane_request_id("a\r\nb"));
  CHECK(!is_sane_request_id(std::string(65, 'a')));
  CHECK(is_sane_request_id(std::string(64, 'a')));
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    const std::string id = generate_request_id();
    CHECK(id.size() == 32);
    CHECK(is_sane_request_id(id));
    seen.insert(id);
  }
  CHECK(seen.size() == 1000);
}

TEST_CASE("responses") {
  auto e = Response::error(tailor::Errc::too_large, "the file is larger than 10 MB");
  CHECK(e.status == 413);
  CHECK(e.content_type == "application/json");
  CHECK(e.body == R"({"error":{"code":"too_large","message":"the file is larger than 10 MB"}})");
  CHECK(Response::error(tailor::Errc::not_found, "q\"x").body ==
        R"({"error":{"code":"not_found","message":"q\"x"}})");
  CHECK(Response::no_content().status == 204);
  auto s = Response::events(EventStream{
      [](const std::string&) { return tailor::Result<EventBatch>(EventBatch{}); }, "t"});
  CHECK(s.stream);
  CHECK(s.content_type.starts_with("text/event-stream"));

  Request r;
  r.headers = {{"x-a", "1"}, {"x-b", "2"}};
  CHECK(r.header("x-b") == std::optional<std::string_view>("2"));
  CHECK(!r.header("X-B"));  // names are stored lower-case; callers ask in lower case
  r.params = {{"id", "7"}};
  CHECK(r.param("id") == "7");
  CHECK(r.param("nope").empty());
}
