#include <doctest/doctest.h>

#include "workers/extract/extract_file.hpp"

#include <algorithm>
#include <string>

#include "tests/unit/files/fixtures.hpp"
#include "workers/extract/docx_text.hpp"

namespace testing = tailor::testing;
using tailor::extract::extract_docx;
using tailor::extract::ExtractLimits;

namespace {

constexpr const char* kW =
    R"(xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main")";

std::string cell(const std::string& text) {
  return "<w:tc>" + testing::word_paragraph(text) + "</w:tc>";
}

std::string styles_xml() {
  return std::string(R"(<?xml version="1.0"?><w:styles )") + kW + ">" +
         R"(<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:asciiTheme="minorHAnsi"/>)"
         R"(<w:sz w:val="22"/></w:rPr></w:rPrDefault></w:docDefaults>)"
         R"(<w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/></w:style>)"
         R"(<w:style w:type="paragraph" w:styleId="Heading1"><w:basedOn w:val="Normal"/>)"
         R"(<w:rPr><w:rFonts w:ascii="Georgia" w:hAnsi="Georgia"/><w:b/><w:sz w:val="32"/></w:rPr>)"
         R"(</w:style></w:styles>)";
}

std::string theme_xml() {
  return R"(<?xml version="1.0"?><a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">)"
         R"(<a:themeElements><a:fontScheme><a:majorFont><a:latin typeface="Calibri Light"/></a:majorFont>)"
         R"(<a:minorFont><a:latin typeface="Calibri"/></a:minorFont></a:fontScheme></a:themeElements></a:theme>)";
}

std::string font_table_xml() {
  return std::string(R"(<?xml version="1.0"?><w:fonts )") + kW + ">" +
         R"(<w:font w:name="Calibri"/><w:font w:name="Georgia"/>)"
         R"(<w:font w:name="Lato"><w:embedRegular r:id="rId1" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></w:font>)"
         "</w:fonts>";
}

// A picture as Word writes it: w:drawing / wp:inline / a:graphic / a:graphicData / pic:pic.
std::string picture() {
  return R"(<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">)"
         R"(<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData>)"
         R"(<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"/>)"
         R"(</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>)";
}

}  // namespace

TEST_CASE("DOCX layout: paragraphs with formatting, tables, pictures, fonts, headers") {
  testing::TempDir dir;
  const std::string body =
      R"(<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Jane Doe</w:t></w:r></w:p>)"
      R"(<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Staff Engineer</w:t></w:r>)"
      R"(<w:r><w:t xml:space="preserve">, Acme</w:t></w:r></w:p>)"
      R"(<w:p><w:r><w:rPr><w:i/><w:b w:val="0"/><w:sz w:val="20"/></w:rPr><w:t>Remote, 2019 to 2023</w:t></w:r></w:p>)" +
      picture() + "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid><w:tr>" +
      cell("2021") + cell("AWS") + cell("Amazon") + "</w:tr><w:tr>" + cell("2019") + cell("CKA") +
      cell("CNCF") + "</w:tr></w:tbl>" + testing::word_paragraph("Go \xEF\xAC\x81le", true);
  const auto path = dir.path("cv.docx");
  testing::write_docx(
      path, testing::word_document(body),
      {{"word/styles.xml", styles_xml()},
       {"word/theme/theme1.xml", theme_xml()},
       {"word/fontTable.xml", font_table_xml()},
       {"word/header1.xml",
        testing::word_header_footer("hdr", testing::word_paragraph("jane@example.com"))},
       {"word/footer1.xml", testing::word_header_footer("ftr", testing::word_paragraph("Page 1"))},
       {"docProps/app.xml",
        R"(<?xml version="1.0"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Pages>2</Pages></Properties>)"}});

  auto r = extract_file(path, tailor::files::MediaType::docx, ExtractLimits{});
  REQUIRE(r.has_value());
  const auto& layout = r->layout;

  // One line per paragraph: the header, three body paragraphs, six cells, a list item, the footer.
  REQUIRE(layout.lines.size() == 12);
  CHECK(layout.lines[0].text == "jane@example.com");
  CHECK(layout.lines[0].header_footer);
  CHECK(layout.lines.back().text == "Page 1");
  CHECK(layout.lines.back().header_footer);

  const auto& name = layout.lines[1];  // bold, 16 pt Georgia from the Heading1 style
  CHECK(name.text == "Jane Doe");
  CHECK(name.bold);
  CHECK(name.font == "Georgia");
  CHECK(name.size == doctest::Approx(16));
  CHECK_FALSE(name.header_footer);
  CHECK(name.page == 0);
  CHECK(name.x == 0);

  const auto& title = layout.lines[2];  // 14 bold characters of 20
  CHECK(title.text == "Staff Engineer, Acme");
  CHECK(title.bold);
  CHECK(title.font == "Calibri");  // the theme's minor font, from the document defaults
  CHECK(title.size == doctest::Approx(11));

  const auto& dates = layout.lines[3];
  CHECK_FALSE(dates.bold);
  CHECK(dates.italic);
  CHECK(dates.size == doctest::Approx(10));

  CHECK(layout.lines[10].text == "\xE2\x80\xA2 Go file");  // list item, ligature normalized

  REQUIRE(layout.tables.size() == 1);
  CHECK(layout.tables[0].rows == 2);
  CHECK(layout.tables[0].columns == 3);
  CHECK(layout.tables[0].page == 0);
  CHECK(layout.images == 1);

  const auto font = [&](const std::string& n) {
    return std::find_if(layout.fonts.begin(), layout.fonts.end(),
                        [&](const auto& f) { return f.name == n; });
  };
  REQUIRE(font("Georgia") != layout.fonts.end());
  CHECK_FALSE(font("Georgia")->embedded);
  REQUIRE(font("Calibri") != layout.fonts.end());
  REQUIRE(font("Lato") != layout.fonts.end());  // not used by a run, but embedded in the file
  CHECK(font("Lato")->embedded);

  CHECK(layout.header_footer_text == "jane@example.com\n\nPage 1");
  CHECK(layout.page_count == 2);
  CHECK(layout.word_count == 20);
  CHECK(r->text.find("Go file") != std::string::npos);
  CHECK(r->unmapped_glyphs == 0);
}

TEST_CASE("DOCX without styles: formatting from the runs only, nothing unknown invented") {
  testing::TempDir dir;
  const auto path = dir.path("plain.docx");
  testing::write_docx(path, testing::word_document(testing::word_paragraph("Jane Doe") +
                                                   testing::word_paragraph("a\xEE\x80\x80"
                                                                           "b")));
  auto r = extract_file(path, tailor::files::MediaType::docx, ExtractLimits{});
  REQUIRE(r.has_value());
  REQUIRE(r->layout.lines.size() == 2);
  CHECK(r->layout.lines[0].font.empty());
  CHECK(r->layout.lines[0].size == 0);
  CHECK_FALSE(r->layout.lines[0].bold);
  CHECK(r->layout.tables.empty());
  CHECK(r->layout.images == 0);
  CHECK(r->layout.fonts.empty());
  CHECK(r->unmapped_glyphs == 1);  // the private-use glyph
}
