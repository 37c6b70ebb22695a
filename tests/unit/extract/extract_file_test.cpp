#include "workers/extract/extract_file.hpp"

#include <doctest/doctest.h>

#include "tests/unit/files/fixtures.hpp"

using tailor::Errc;
using tailor::extract::extract_file;
using tailor::extract::ExtractLimits;
using tailor::files::MediaType;
namespace testing = tailor::testing;

TEST_CASE("extract_file dispatches on the sniffed type") {
  testing::TempDir dir;
  const auto pdf = dir.path("a");
  testing::write_pdf(pdf, {"Jane Doe"});
  auto from_pdf = extract_file(pdf, MediaType::pdf, ExtractLimits{});
  REQUIRE_MESSAGE(from_pdf.has_value(), from_pdf.error().message);
  CHECK(from_pdf->method == "text-layer");
  CHECK(from_pdf->text == "Jane Doe");

  const auto docx = dir.path("b");
  testing::write_docx(docx, testing::word_document(testing::word_paragraph("Jane Doe")));
  auto from_docx = extract_file(docx, MediaType::docx, ExtractLimits{});
  REQUIRE_MESSAGE(from_docx.has_value(), from_docx.error().message);
  CHECK(from_docx->method == "docx-xml");
  CHECK(from_docx->text == "Jane Doe");

  const auto txt = dir.path("c");
  testing::write_file(txt, "Jane Doe\n");
  auto from_text = extract_file(txt, MediaType::text, ExtractLimits{});
  REQUIRE_MESSAGE(from_text.has_value(), from_text.error().message);
  CHECK(from_text->method == "plain");
}

TEST_CASE("a ZIP sniffed as DOCX is verified before reading") {
  testing::TempDir dir;
  const auto zip = dir.path("photos");
  testing::write_zip(zip, {{"a.txt", "hello"}});
  auto r = extract_file(zip, MediaType::docx, ExtractLimits{});
  REQUIRE_FALSE(r);
  CHECK(r.error().code == Errc::unsupported_media_type);
  CHECK(r.error().message.find("ZIP without word/document.xml") != std::string::npos);
}

TEST_CASE("a damaged image is a clear error whatever its declared type") {
  testing::TempDir dir;
  const auto png = dir.path("scan.png");
  testing::write_file(png, "\x89PNG\r\n\x1A\n");
  for (MediaType t : {MediaType::png, MediaType::jpeg, MediaType::tiff}) {
    auto r = extract_file(png, t, ExtractLimits{});
    REQUIRE_FALSE(r);
    CHECK(r.error().code == Errc::invalid_argument);
  }
}

TEST_CASE("every format reports its page and word counts in the layout") {
  testing::TempDir dir;
  const auto txt = dir.path("cv.txt");
  testing::write_file(txt, "Jane Doe\nSkills: C++, SQL and ﬁve others\n");
  auto r = extract_file(txt, MediaType::text, ExtractLimits{});
  REQUIRE_MESSAGE(r.has_value(), r.error().message);
  CHECK(r->layout.page_count == 1);
  CHECK(r->layout.word_count == 8);  // Jane Doe Skills C++ SQL and five others
  CHECK(r->text.find("five others") != std::string::npos);  // the ligature is spelled out
}
