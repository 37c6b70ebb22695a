#include <doctest/doctest.h>

#include <cstdint>

#include "common/json/value.hpp"
#include "common/json/writer.hpp"

using namespace tailor;

TEST_CASE("the writer escapes what JSON requires and replaces invalid UTF-8") {
  json::Writer w;
  w.object_begin().field("q", "a\"b\\c\n\t\x01").field("utf8", "café").field("bad", std::string("x\xff" "y"));
  w.object_end();
  CHECK(w.str() == R"({"q":"a\"b\\c\n\t\u0001","utf8":"café","bad":"x�y"})");
}

TEST_CASE("the writer places commas in nested containers and writes null for absent optionals") {
  json::Writer w;
  w.object_begin().key("a").array_begin().value(1).value(true).null().array_end();
  w.field("n", std::optional<std::string>()).field("d", 0.5).key("o").object_begin().object_end().object_end();
  CHECK(w.str() == R"({"a":[1,true,null],"n":null,"d":0.5,"o":{}})");
}

TEST_CASE("what the writer writes, the parser reads back") {
  json::Writer w;
  w.object_begin().field("s", "line\nbreak \"quoted\"").field("i", std::int64_t{-42}).object_end();
  auto v = json::parse(w.str());
  REQUIRE(v);
  CHECK(v->string_at("s") == "line\nbreak \"quoted\"");
  CHECK(v->int_at("i") == -42);
  CHECK_FALSE(v->string_at("missing"));
  CHECK_FALSE(v->string_at("i"));  // wrong type is not a string
}

TEST_CASE("malformed JSON is an invalid_argument error, not a crash") {
  for (const char* text : {"", "{", "{\"a\":}", "[1,]", "nul", "{\"a\":1} x"}) {
    auto v = json::parse(text);
    CHECK_FALSE(v);
    if (!v) CHECK(v.error().code == Errc::invalid_argument);
  }
}

TEST_CASE("deep nesting is refused") {
  std::string deep(200, '[');
  deep += std::string(200, ']');
  auto v = json::parse(deep);
  REQUIRE_FALSE(v);
  CHECK(v.error().message == "JSON nested too deeply");
}
