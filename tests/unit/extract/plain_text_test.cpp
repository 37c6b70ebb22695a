#include "workers/extract/plain_text.hpp"

#include <doctest/doctest.h>

#include "tests/unit/files/checks.hpp"
#include "tests/unit/files/fixtures.hpp"

using tailor::Errc;
using tailor::extract::extract_text;
using tailor::extract::ExtractLimits;
namespace testing = tailor::testing;
using testing::check_error;
using testing::contains;

namespace {


tailor::Result<tailor::extract::Extraction> extract_bytes(const std::string& bytes,
                                                          const ExtractLimits& limits = {}) {
  testing::TempDir dir;
  const auto path = dir.path("cv.txt");
  testing::write_file(path, bytes);
  return extract_text(path, limits);
}

}  // namespace

TEST_CASE("plain UTF-8 text without its BOM and with unix line ends") {
  auto r = extract_bytes("\xEF\xBB\xBFJane Doe\r\nR\xC3\xA9sum\xC3\xA9\r\n\tC++, SQL\rend\n");
  REQUIRE_MESSAGE(r.has_value(), r.error().message);
  CHECK(r->text == "Jane Doe\nR\xC3\xA9sum\xC3\xA9\n\tC++, SQL\nend\n");
  CHECK(r->page_count == 1);
  CHECK(r->method == "plain");
  CHECK(r->pages.empty());
  CHECK(r->warnings.empty());
}

TEST_CASE("text that is not UTF-8 is refused, saying where") {
  check_error(extract_bytes("Jane Doe\nR\xE9sum\xE9\n"), Errc::invalid_argument,
              "the text file is not UTF-8 (invalid byte at offset 10)");
  check_error(extract_bytes(std::string("Jane\0Doe", 8)), Errc::invalid_argument, "NUL bytes");
  check_error(extract_bytes("\xFF\xFEJ\0a\0"), Errc::invalid_argument, "UTF-16");
}

TEST_CASE("empty and blank files") {
  check_error(extract_bytes(""), Errc::invalid_argument, "the file is empty");
  check_error(extract_bytes(" \n\t\r\n"), Errc::invalid_argument, "contains no text");
  check_error(extract_bytes("\xEF\xBB\xBF"), Errc::invalid_argument, "contains no text");
}

TEST_CASE("plain text over the limit is cut at a character boundary with a warning") {
  ExtractLimits limits;
  limits.max_text_bytes = 4;
  auto r = extract_bytes(
      "ab\xE4\xB8\xAD"
      "cdef",
      limits);  // a b 中 c d e f
  REQUIRE_MESSAGE(r.has_value(), r.error().message);
  CHECK(r->text == "ab");
  REQUIRE(r->warnings.size() == 1);
  CHECK(contains(r->warnings[0], "cut at 4 bytes"));

  // Exactly at the limit is not cut, and a BOM does not count against it.
  auto exact = extract_bytes(
      "\xEF\xBB\xBF"
      "abcd",
      limits);
  REQUIRE_MESSAGE(exact.has_value(), exact.error().message);
  CHECK(exact->text == "abcd");
  CHECK(exact->warnings.empty());
}

TEST_CASE("a text file we cannot read is an internal error") {
  check_error(extract_text("/nonexistent/cv.txt", ExtractLimits{}), Errc::internal, "cannot open");
}
