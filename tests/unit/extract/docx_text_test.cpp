#include "workers/extract/docx_text.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <string>

#include "common/files/utf8.hpp"
#include "tests/unit/files/checks.hpp"
#include "tests/unit/files/fixtures.hpp"

using tailor::Errc;
using tailor::extract::extract_docx;
using tailor::extract::ExtractLimits;
namespace testing = tailor::testing;
using testing::check_error;
using testing::contains;

namespace {


std::string cell(const std::string& text) {
  return "<w:tc>" + testing::word_paragraph(text) + "</w:tc>";
}

// Peak resident memory (kB) since the last reset_peak_rss(); Linux only.
bool reset_peak_rss() {
  std::ofstream out("/proc/self/clear_refs");
  out << "5";
  out.flush();
  return static_cast<bool>(out);
}

long status_kb(const char* field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.starts_with(field)) return std::stol(line.substr(std::strlen(field)));
  }
  return -1;
}

void put_u32(std::string& bytes, std::size_t at, std::uint32_t value) {
  for (int i = 0; i < 4; ++i) bytes[at + i] = static_cast<char>((value >> (8 * i)) & 0xFF);
}

}  // namespace

TEST_CASE("body paragraphs, lists, tables, headers and footers") {
  testing::TempDir dir;
  const std::string body =
      testing::word_paragraph("Jane Doe") +
      // Runs split mid-word and a preserved space between words, a tab and a line break.
      R"(<w:p><w:r><w:t>Soft</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>ware</w:t></w:r>)"
      R"(<w:r><w:t xml:space="preserve"> </w:t></w:r><w:r><w:t>engineer</w:t><w:tab/>)"
      R"(<w:t>Berlin</w:t><w:br/><w:t>jane@example.com</w:t></w:r></w:p>)" +
      "<w:p/>" + testing::word_paragraph("Skills") + testing::word_paragraph("C++", true) +
      testing::word_paragraph("PostgreSQL", true) + "<w:tbl><w:tblPr/><w:tr>" + cell("Acme Corp") +
      cell("Engineer") +
      cell(
          "2019\xE2\x80\x93"
          "2023") +
      "</w:tr><w:tr>" + cell("Globex") + "<w:tc><w:p/></w:tc>" + cell("2015") + "</w:tr></w:tbl>" +
      testing::word_paragraph("R\xC3\xA9sum\xC3\xA9 \xE4\xB8\xAD\xE6\x96\x87 &amp; more");
  const auto path = dir.path("cv.docx");
  testing::write_docx(
      path, testing::word_document(body),
      {{"word/header1.xml", testing::word_header_footer(
                                "hdr", testing::word_paragraph("Jane Doe \xC2\xB7 +49 30 1234"))},
       {"word/header2.xml",  // a first-page header repeating the default one
        testing::word_header_footer("hdr",
                                    testing::word_paragraph("Jane Doe \xC2\xB7 +49 30 1234"))},
       {"word/footer1.xml", testing::word_header_footer("ftr", testing::word_paragraph("Page 1"))},
       {"docProps/app.xml",
        R"(<?xml version="1.0"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Pages>2</Pages><Words>30</Words></Properties>)"}});

  auto r = extract_docx(path, ExtractLimits{});
  REQUIRE_MESSAGE(r.has_value(), r.error().message);
  CHECK(r->method == "docx-xml");
  CHECK(r->page_count == 2);
  CHECK(r->pages.empty());
  CHECK(r->warnings.empty());
  CHECK(r->text ==
        "Jane Doe \xC2\xB7 +49 30 1234\n\n"
        "Jane Doe\n"
        "Software engineer\tBerlin\n"
        "jane@example.com\n\n"
        "Skills\n"
        "\xE2\x80\xA2 C++\n"
        "\xE2\x80\xA2 PostgreSQL\n"
        "Acme Corp | Engineer | 2019\xE2\x80\x93"
        "2023\n"
        "Globex | 2015\n"
        "R\xC3\xA9sum\xC3\xA9 \xE4\xB8\xAD\xE6\x96\x87 & more\n\n"
        "Page 1");
  CHECK(r->header_footer_text == "Jane Doe \xC2\xB7 +49 30 1234\n\nPage 1");
}

TEST_CASE("layout tables, text boxes, tracked changes and field codes") {
  testing::TempDir dir;
  const std::string body =
      // A two-column layout table: each cell holds a whole column.
      "<w:tbl><w:tr><w:tc>" + testing::word_paragraph("Contact") +
      testing::word_paragraph("jane@example.com") + "</w:tc><w:tc>" +
      testing::word_paragraph("Experience") + testing::word_paragraph("Acme Corp") +
      "</w:tc></w:tr></w:tbl>" +
      // A text box, written twice by Word (modern and VML fallback): read once.
      R"(<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent>)" +
      testing::word_paragraph("Summary in a box") +
      R"(</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>)" +
      testing::word_paragraph("Summary in a box") +
      R"(</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>)" +
      // A deletion and an insertion; a hyperlink field whose code must not leak.
      R"(<w:p><w:del><w:r><w:delText>Old title</w:delText></w:r></w:del><w:ins><w:r><w:t>New title</w:t></w:r></w:ins></w:p>)"
      R"(<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> HYPERLINK "https://x.example" </w:instrText></w:r>)"
      R"(<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>portfolio</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>)"
      // A content control around a paragraph; a tab-stop definition that is not text.
      R"(<w:sdt><w:sdtContent>)" +
      testing::word_paragraph("In a control") +
      R"(</w:sdtContent></w:sdt><w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t>Tabbed</w:t></w:r></w:p>)";
  const auto path = dir.path("layout.docx");
  testing::write_docx(path, testing::word_document(body));
  auto r = extract_docx(path, ExtractLimits{});
  REQUIRE_MESSAGE(r.has_value(), r.error().message);
  CHECK(r->text ==
        "Contact\njane@example.com\nExperience\nAcme Corp\n"
        "Summary in a box\n"
        "New title\n"
        "portfolio\n"
        "In a control\n"
        "Tabbed");
  CHECK(r->page_count == 0);  // no docProps/app.xml: unknown
  CHECK(r->header_footer_text.empty());
}

TEST_CASE("a DOCX without word/document.xml is not a Word document") {
  testing::TempDir dir;
  const auto path = dir.path("not-word.docx");
  testing::write_zip(path, {{"[Content_Types].xml", "<Types/>"}, {"xl/workbook.xml", "<x/>"}});
  check_error(extract_docx(path, ExtractLimits{}), Errc::invalid_argument, "word/document.xml");
}

TEST_CASE("damaged and empty DOCX files") {
  testing::TempDir dir;
  const auto whole = dir.path("whole.docx");
  testing::write_docx(whole, testing::word_document(testing::word_paragraph("Jane Doe")));
  const std::string bytes = testing::read_file(whole);

  SUBCASE("truncated") {
    const auto half = dir.path("half.docx");
    testing::write_file(half, bytes.substr(0, bytes.size() / 2));
    check_error(extract_docx(half, ExtractLimits{}), Errc::invalid_argument,
                "the DOCX is damaged or not a ZIP archive");
  }
  SUBCASE("empty file") {
    const auto empty = dir.path("empty.docx");
    testing::write_file(empty, "");
    check_error(extract_docx(empty, ExtractLimits{}), Errc::invalid_argument, "the file is empty");
  }
  SUBCASE("malformed XML") {
    const auto bad = dir.path("bad-xml.docx");
    testing::write_docx(bad, "<w:document><w:body><w:p>");
    check_error(extract_docx(bad, ExtractLimits{}), Errc::invalid_argument,
                "the DOCX is damaged (word/document.xml");
  }
  SUBCASE("no text") {
    const auto blank = dir.path("blank.docx");
    testing::write_docx(blank, testing::word_document("<w:p/><w:p/>"));
    check_error(extract_docx(blank, ExtractLimits{}), Errc::invalid_argument, "contains no text");
  }
}

TEST_CASE("a zip bomb is refused from the ZIP directory, without inflating it") {
  testing::TempDir dir;
  constexpr std::uint64_t kHundredMiB = 100ull * 1024 * 1024;
  const auto path = dir.path("bomb.docx");
  testing::write_zeros_zip(path, "word/document.xml", kHundredMiB);
  const long before_kb = status_kb("VmRSS:");
  const bool can_measure = reset_peak_rss();
  const auto start = std::chrono::steady_clock::now();

  // Over the total: 100 MiB declared against 50 MiB.
  check_error(extract_docx(path, ExtractLimits{}), Errc::invalid_argument,
              "would inflate to more than 50 MiB");
  // Over the per-entry limit when the total would allow it.
  ExtractLimits loose;
  loose.max_total_uncompressed = 1ull << 30;
  check_error(extract_docx(path, loose), Errc::invalid_argument,
              "word/document.xml would inflate to 100 MiB, over the 20 MiB limit per entry");

  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));
  if (can_measure && before_kb > 0) {
    const long peak_kb = status_kb("VmHWM:");
    CHECK_MESSAGE(peak_kb - before_kb < 16 * 1024, "peak RSS grew by ", peak_kb - before_kb, " kB");
  }
}

TEST_CASE("an entry that inflates past its declared size is cut off") {
  testing::TempDir dir;
  constexpr std::uint64_t kHundredMiB = 100ull * 1024 * 1024;
  const auto honest = dir.path("honest.docx");
  testing::write_zeros_zip(honest, "word/document.xml", kHundredMiB);
  // Lie in both the local header and the central directory: "1000 bytes".
  std::string bytes = testing::read_file(honest);
  REQUIRE(bytes.compare(0, 4, "PK\x03\x04") == 0);
  put_u32(bytes, 22, 1000);
  const std::size_t central = bytes.rfind("PK\x01\x02");
  REQUIRE(central != std::string::npos);
  put_u32(bytes, central + 24, 1000);
  const auto liar = dir.path("liar.docx");
  testing::write_file(liar, bytes);

  const long before_kb = status_kb("VmRSS:");
  const bool can_measure = reset_peak_rss();
  check_error(extract_docx(liar, ExtractLimits{}), Errc::invalid_argument,
              "inflates to more than the 1000 bytes it declares");
  if (can_measure && before_kb > 0) {
    const long peak_kb = status_kb("VmHWM:");
    CHECK_MESSAGE(peak_kb - before_kb < 16 * 1024, "peak RSS grew by ", peak_kb - before_kb, " kB");
  }
}

TEST_CASE("too many entries") {
  testing::TempDir dir;
  testing::ZipEntries entries{
      {"word/document.xml", testing::word_document(testing::word_paragraph("x"))}};
  for (int i = 0; i < 2000; ++i)
    entries.emplace_back("word/media/image" + std::to_string(i) + ".png", "x");
  const auto path = dir.path("many.docx");
  testing::write_zip(path, entries);
  check_error(extract_docx(path, ExtractLimits{}), Errc::invalid_argument,
              "it holds 2001 files, over the limit of 2000");
}

TEST_CASE("billion laughs: a DOCTYPE is refused and entities are never expanded") {
  testing::TempDir dir;
  std::string doctype = "<!DOCTYPE w:document [\n<!ENTITY lol \"lol\">\n";
  std::string previous = "lol";
  for (int i = 1; i <= 9; ++i) {
    std::string value;
    for (int j = 0; j < 10; ++j) value += "&" + previous + ";";
    previous = "lol" + std::to_string(i);
    doctype += "<!ENTITY " + previous + " \"" + value + "\">\n";
  }
  doctype += "]>\n";
  std::string xml = testing::word_document(testing::word_paragraph("&lol9;"));
  xml.insert(xml.find("<w:document"), doctype);

  const auto path = dir.path("lol.docx");
  testing::write_docx(path, xml);
  check_error(extract_docx(path, ExtractLimits{}), Errc::invalid_argument, "DOCTYPE");

  // The same reference without its DOCTYPE stays literal text: nothing is expanded.
  const auto bare = dir.path("bare.docx");
  testing::write_docx(bare, testing::word_document(testing::word_paragraph("&lol9;")));
  auto r = extract_docx(bare, ExtractLimits{});
  REQUIRE_MESSAGE(r.has_value(), r.error().message);
  CHECK(r->text.size() < 100);
}

TEST_CASE("deeply nested XML is refused instead of overflowing the stack") {
  testing::TempDir dir;
  std::string open, close;
  for (int i = 0; i < 100000; ++i) {
    open += "<w:sdt><w:sdtContent>";
    close += "</w:sdtContent></w:sdt>";
  }
  const auto path = dir.path("deep.docx");
  testing::write_docx(path, testing::word_document(open + testing::word_paragraph("deep") + close));
  check_error(extract_docx(path, ExtractLimits{}), Errc::invalid_argument, "levels deep");
}

TEST_CASE("DOCX text over the limit is cut at a character boundary") {
  testing::TempDir dir;
  const auto path = dir.path("long.docx");
  testing::write_docx(path,
                      testing::word_document(testing::word_paragraph("\xC3\xA9\xC3\xA9\xC3\xA9")));
  ExtractLimits limits;
  limits.max_text_bytes = 3;
  auto r = extract_docx(path, limits);
  REQUIRE_MESSAGE(r.has_value(), r.error().message);
  CHECK(r->text == "\xC3\xA9");
  REQUIRE(r->warnings.size() == 1);
  CHECK(contains(r->warnings[0], "cut at 3 bytes"));
}

TEST_CASE("a DOCX we cannot read is an internal error") {
  check_error(extract_docx("/nonexistent/cv.docx", ExtractLimits{}), Errc::internal, "cannot read");
}
