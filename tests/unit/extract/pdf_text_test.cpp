#include "workers/extract/pdf_text.hpp"

#include <doctest/doctest.h>

#include <random>

#include "common/files/utf8.hpp"
#include "tests/unit/files/checks.hpp"
#include "tests/unit/files/fixtures.hpp"

using tailor::Errc;
using tailor::extract::extract_pdf;
using tailor::extract::ExtractLimits;
namespace testing = tailor::testing;
using testing::check_error;
using testing::contains;

namespace {


}  // namespace

TEST_CASE("a two-page PDF gives each page's text, joined by form feed") {
  testing::TempDir dir;
  const auto path = dir.path("cv.pdf");
  testing::write_pdf(path,
                     {"Jane Doe\nR\xE9sum\xE9 of a software engineer", "Experience\nAcme Corp"});

  auto r = extract_pdf(path, ExtractLimits{});
  REQUIRE_MESSAGE(r.has_value(), r.error().message);
  CHECK(r->method == "text-layer");
  CHECK(r->page_count == 2);
  REQUIRE(r->pages.size() == 2);
  CHECK(r->pages[0].number == 1);
  CHECK(r->pages[0].text == "Jane Doe\nR\xC3\xA9sum\xC3\xA9 of a software engineer");
  CHECK(r->pages[1].text == "Experience\nAcme Corp");
  CHECK(r->pages[1].method == "text-layer");
  CHECK(r->text == r->pages[0].text + "\f" + r->pages[1].text);
  CHECK(r->warnings.empty());
  CHECK_FALSE(tailor::files::find_invalid_utf8(r->text));
}

TEST_CASE("uncompressed PDFs read the same") {
  testing::TempDir dir;
  const auto path = dir.path("plain.pdf");
  testing::write_pdf(path, {"Jane Doe"}, {.user_password = "", .compress = false});
  auto r = extract_pdf(path, ExtractLimits{});
  REQUIRE_MESSAGE(r.has_value(), r.error().message);
  CHECK(r->text == "Jane Doe");
}

TEST_CASE("more pages than the limit is an invalid argument") {
  testing::TempDir dir;
  const auto path = dir.path("long.pdf");
  testing::write_pdf(path, {"one", "two", "three"});
  ExtractLimits limits;
  limits.max_pages = 2;
  check_error(extract_pdf(path, limits), Errc::invalid_argument, "the PDF has 3 pages; at most 2");
}

TEST_CASE("a password-protected PDF is an invalid argument") {
  testing::TempDir dir;
  const auto path = dir.path("locked.pdf");
  testing::write_pdf(path, {"secret"}, {.user_password = "hunter2", .compress = true});
  check_error(extract_pdf(path, ExtractLimits{}), Errc::invalid_argument,
              "the PDF is password-protected");
}

TEST_CASE("damaged files are permanent failures with a readable message") {
  testing::TempDir dir;
  SUBCASE("empty") {
    const auto path = dir.path("empty.pdf");
    testing::write_file(path, "");
    check_error(extract_pdf(path, ExtractLimits{}), Errc::invalid_argument, "the file is empty");
  }
  SUBCASE("the first half of a valid PDF") {
    const auto whole = dir.path("whole.pdf");
    testing::write_pdf(whole, {"Jane Doe\nEngineer", "Experience\nAcme Corp"});
    const std::string bytes = testing::read_file(whole);
    const auto half = dir.path("half.pdf");
    testing::write_file(half, bytes.substr(0, bytes.size() / 2));
    check_error(extract_pdf(half, ExtractLimits{}), Errc::invalid_argument,
                "the PDF is damaged or not a PDF");
  }
  SUBCASE("random bytes named .pdf") {
    std::mt19937 rng(42);
    std::string noise(4096, '\0');
    for (auto& c : noise) c = static_cast<char>(rng() & 0xFF);
    const auto path = dir.path("noise.pdf");
    testing::write_file(path, noise);
    check_error(extract_pdf(path, ExtractLimits{}), Errc::invalid_argument,
                "the PDF is damaged or not a PDF");
  }
  SUBCASE("a PDF header and nothing else") {
    const auto path = dir.path("stub.pdf");
    testing::write_file(path, "%PDF-1.7\n%%EOF\n");
    check_error(extract_pdf(path, ExtractLimits{}), Errc::invalid_argument,
                "the PDF is damaged or not a PDF");
  }
}

TEST_CASE("a PDF with no text anywhere, not even by OCR, is a clear error") {
  testing::TempDir dir;
  const auto path = dir.path("blank.pdf");
  testing::write_pdf(path, {"", ""});
  check_error(extract_pdf(path, ExtractLimits{}), Errc::invalid_argument, "no text could be read from the PDF");
}

TEST_CASE("pages without text are named in a warning") {
  testing::TempDir dir;
  const auto path = dir.path("mixed.pdf");
  testing::write_pdf(path, {"Jane Doe", ""});
  auto r = extract_pdf(path, ExtractLimits{});
  REQUIRE_MESSAGE(r.has_value(), r.error().message);
  CHECK(r->page_count == 2);
  CHECK(r->pages[1].text.empty());
  REQUIRE(r->warnings.size() == 1);
  CHECK(contains(r->warnings[0], "page(s) 2"));
}

TEST_CASE("PDF text over the limit is cut with a warning") {
  testing::TempDir dir;
  const auto path = dir.path("big.pdf");
  testing::write_pdf(path, {"R\xE9sum\xE9 R\xE9sum\xE9 R\xE9sum\xE9", "second page"});
  ExtractLimits limits;
  limits.max_text_bytes = 11;  // 11 bytes would end inside the é of "Résumé Ré"
  auto r = extract_pdf(path, limits);
  REQUIRE_MESSAGE(r.has_value(), r.error().message);
  CHECK(r->text.size() <= 11);
  CHECK(r->text == "R\xC3\xA9sum\xC3\xA9 R");
  CHECK_FALSE(tailor::files::find_invalid_utf8(r->text));
  REQUIRE_FALSE(r->warnings.empty());
  CHECK(contains(r->warnings[0], "the text was cut at 11 bytes"));
}

TEST_CASE("a PDF we cannot read is an internal error") {
  check_error(extract_pdf("/nonexistent/cv.pdf", ExtractLimits{}), Errc::internal, "cannot read");
}
