#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "api/server/multipart.hpp"

using tailor::Errc;
using tailor::Status;
using tailor::http::MultipartParser;
using tailor::http::MultipartSink;
using tailor::http::PartHeaders;

namespace {

struct Part {
  PartHeaders headers;
  std::string data;
  bool ended = false;
};

struct RecordingSink : MultipartSink {
  std::vector<Part> parts;
  std::size_t fail_after_bytes = static_cast<std::size_t>(-1);
  std::size_t bytes = 0;

  Status on_part_begin(const PartHeaders& h) override {
    parts.push_back(Part{h, {}, false});
    return {};
  }
  Status on_part_data(std::string_view d) override {
    REQUIRE(!parts.empty());
    REQUIRE(!parts.back().ended);
    bytes += d.size();
    if (bytes > fail_after_bytes)
      return tailor::fail(Errc::too_large, "the file is larger than 1 MB");
    parts.back().data.append(d);
    return {};
  }
  Status on_part_end() override {
    parts.back().ended = true;
    return {};
  }
};

const std::string kBoundary = "----TailorBoundary7MA4YWxkTrZu0gW";

std::string sample_body(const std::string& file_data) {
  return "--" + kBoundary +
         "\r\n"
         "Content-Disposition: form-data; name=\"job\"\r\n"
         "\r\n"
         "Senior C++ engineer\r\nline two\r\n"
         "--" +
         kBoundary +
         "\r\n"
         "Content-Disposition: form-data; name=\"file\"; filename=\"cv \\\"final\\\".pdf\"\r\n"
         "Content-Type: application/pdf\r\n"
         "\r\n" +
         file_data + "\r\n--" + kBoundary + "--\r\n";
}

// Data full of near-misses: CRs, CRLFs, dashes, boundary prefixes and the boundary without CRLF.
std::string tricky_data() {
  return "%PDF-1.7\r\r\n\r\n-\r\n--\r\n--" + kBoundary.substr(0, 10) + "\r\n--" +
         kBoundary.substr(0, kBoundary.size() - 1) + "X --" + kBoundary + " end\r\n\r";
}

void check_sample(const RecordingSink& sink, const std::string& file_data) {
  REQUIRE(sink.parts.size() == 2);
  CHECK(sink.parts[0].headers.name == "job");
  CHECK(!sink.parts[0].headers.filename);
  CHECK(sink.parts[0].data == "Senior C++ engineer\r\nline two");
  CHECK(sink.parts[0].ended);
  CHECK(sink.parts[1].headers.name == "file");
  REQUIRE(sink.parts[1].headers.filename);
  CHECK(*sink.parts[1].headers.filename == "cv \"final\".pdf");
  CHECK(sink.parts[1].headers.content_type == "application/pdf");
  CHECK(sink.parts[1].data == file_data);
  CHECK(sink.parts[1].ended);
}

}  // namespace

TEST_CASE("multipart: parses fields and a file in one chunk") {
  const std::string data = tricky_data();
  RecordingSink sink;
  MultipartParser p(kBoundary, sink);
  REQUIRE(p.feed(sample_body(data)));
  CHECK(p.done());
  REQUIRE(p.finish());
  check_sample(sink, data);
}

TEST_CASE("multipart: any split into two chunks gives the same parts") {
  const std::string data = tricky_data();
  const std::string body = sample_body(data);
  for (std::size_t cut = 0; cut <= body.size(); ++cut) {
    CAPTURE(cut);
    RecordingSink sink;
    MultipartParser p(kBoundary, sink);
    REQUIRE(p.feed(std::string_view(body).substr(0, cut)));
    REQUIRE(p.feed(std::string_view(body).substr(cut)));
    REQUIRE(p.finish());
    check_sample(sink, data);
  }
}

TEST_CASE("multipart: byte-by-byte and three-way splits") {
  const std::string data = tricky_data();
  const std::string body = sample_body(data);
  {
    RecordingSink sink;
    MultipartParser p(kBoundary, sink);
    for (const char c : body) REQUIRE(p.feed(std::string_view(&c, 1)));
    REQUIRE(p.finish());
    check_sample(sink, data);
  }
  for (std::size_t a = 0; a < body.size(); a += 7) {
    for (std::size_t b = a; b <= body.size(); b += 13) {
      RecordingSink sink;
      MultipartParser p(kBoundary, sink);
      REQUIRE(p.feed(std::string_view(body).substr(0, a)));
      REQUIRE(p.feed(std::string_view(body).substr(a, b - a)));
      REQUIRE(p.feed(std::string_view(body).substr(b)));
      REQUIRE(p.finish());
      check_sample(sink, data);
    }
  }
}

TEST_CASE("multipart: preamble, epilogue and transport padding are ignored") {
  RecordingSink sink;
  MultipartParser p("xyz", sink);
  const std::string body =
      "This is the preamble. --xyz is not a boundary here.\r\n"
      "--xyz  \t\r\n"
      "content-disposition: FORM-DATA; name=a\r\n\r\n"
      "A\r\n"
      "--xyz--\r\n"
      "epilogue --xyz\r\n garbage";
  REQUIRE(p.feed(body));
  REQUIRE(p.finish());
  REQUIRE(sink.parts.size() == 1);
  CHECK(sink.parts[0].headers.name == "a");
  CHECK(sink.parts[0].data == "A");
}

TEST_CASE("multipart: CRLF before the delimiter belongs to it; earlier CRLFs are data") {
  RecordingSink sink;
  MultipartParser p("b", sink);
  REQUIRE(p.feed("--b\r\nContent-Disposition: form-data; name=\"t\"\r\n\r\nhello\r\n\r\n--b--"));
  REQUIRE(p.finish());
  REQUIRE(sink.parts.size() == 1);
  CHECK(sink.parts[0].data == "hello\r\n");
}

TEST_CASE("multipart: an empty part and an empty file") {
  RecordingSink sink;
  MultipartParser p("b", sink);
  REQUIRE(p.feed(
      "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\"\r\n\r\n\r\n--b--\r\n"));
  REQUIRE(p.finish());
  REQUIRE(sink.parts.size() == 1);
  CHECK(sink.parts[0].data.empty());
  CHECK(sink.parts[0].headers.filename == std::optional<std::string>(""));
}

TEST_CASE("multipart: missing final boundary is an error at finish") {
  RecordingSink sink;
  MultipartParser p(kBoundary, sink);
  std::string body = sample_body("data");
  body.resize(body.size() - (kBoundary.size() + 6));  // cut "\r\n--" + boundary + "--\r\n"
  REQUIRE(p.feed(body));
  auto s = p.finish();
  REQUIRE(!s);
  CHECK(s.error().code == Errc::invalid_argument);
  CHECK(s.error().message == "malformed multipart body: missing closing boundary");
}

TEST_CASE("multipart: an empty body has no closing boundary") {
  RecordingSink sink;
  MultipartParser p("b", sink);
  REQUIRE(p.feed(""));
  CHECK(!p.finish());
}

TEST_CASE("multipart: part headers too long") {
  RecordingSink sink;
  MultipartParser p("b", sink, MultipartParser::Limits{.max_header_bytes = 256, .max_parts = 8});
  std::string body =
      "--b\r\nContent-Disposition: form-data; name=\"x\"\r\nX-Pad: " + std::string(300, 'a');
  auto s = p.feed(body);
  REQUIRE(!s);
  CHECK(s.error().message == "malformed multipart body: part headers too long");
  CHECK(!p.feed("more"));  // stays failed
  CHECK(!p.finish());
}

TEST_CASE("multipart: too many parts") {
  RecordingSink sink;
  MultipartParser p("b", sink, MultipartParser::Limits{.max_header_bytes = 256, .max_parts = 2});
  std::string body;
  for (int i = 0; i < 3; ++i)
    body += "--b\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nv\r\n";
  body += "--b--";
  auto s = p.feed(body);
  REQUIRE(!s);
  CHECK(s.error().message == "malformed multipart body: too many parts");
}

TEST_CASE("multipart: malformed inputs") {
  auto parse = [](std::string_view body) {
    RecordingSink sink;
    MultipartParser p("b", sink);
    auto s = p.feed(body);
    if (s) s = p.finish();
    return s;
  };
  SUBCASE("no Content-Disposition") {
    auto s = parse("--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--");
    REQUIRE(!s);
    CHECK(s.error().message == "malformed multipart body: a part has no Content-Disposition");
  }
  SUBCASE("not form-data") {
    CHECK(!parse("--b\r\nContent-Disposition: attachment; name=a\r\n\r\nx\r\n--b--"));
  }
  SUBCASE("no name") {
    CHECK(!parse("--b\r\nContent-Disposition: form-data\r\n\r\nx\r\n--b--"));
  }
  SUBCASE("garbage after boundary") {
    CHECK(!parse("--bX\r\n"));
  }
  SUBCASE("single dash after boundary") {
    CHECK(!parse("--b-x"));
  }
  SUBCASE("header line without colon") {
    CHECK(!parse("--b\r\nnonsense\r\n\r\nx\r\n--b--"));
  }
  SUBCASE("unterminated quote") {
    CHECK(!parse("--b\r\nContent-Disposition: form-data; name=\"a\r\n\r\nx\r\n--b--"));
  }
  SUBCASE("every message names the problem") {
    auto s = parse("--b\r\nnonsense\r\n\r\nx\r\n--b--");
    REQUIRE(!s);
    CHECK(s.error().message.starts_with("malformed multipart body: "));
  }
}

TEST_CASE("multipart: a sink error stops the parser and is returned as is") {
  RecordingSink sink;
  sink.fail_after_bytes = 3;
  MultipartParser p("b", sink);
  auto s =
      p.feed("--b\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n0123456789\r\n--b--");
  REQUIRE(!s);
  CHECK(s.error().code == Errc::too_large);
  CHECK(!p.feed("x"));
}

TEST_CASE("multipart: boundary_from_content_type") {
  using tailor::http::boundary_from_content_type;
  CHECK(boundary_from_content_type("multipart/form-data; boundary=abc") ==
        std::optional<std::string>("abc"));
  CHECK(boundary_from_content_type("Multipart/Form-Data;boundary=\"a b:c\"") ==
        std::optional<std::string>("a b:c"));
  CHECK(boundary_from_content_type("multipart/form-data; charset=utf-8; boundary=x1") ==
        std::optional<std::string>("x1"));
  CHECK(!boundary_from_content_type("multipart/form-data"));
  CHECK(!boundary_from_content_type("multipart/form-data; boundary="));
  CHECK(!boundary_from_content_type("multipart/mixed; boundary=abc"));
  CHECK(!boundary_from_content_type("application/json"));
  CHECK(!boundary_from_content_type(""));
  CHECK(!boundary_from_content_type("multipart/form-data; boundary=" + std::string(71, 'a')));
}
