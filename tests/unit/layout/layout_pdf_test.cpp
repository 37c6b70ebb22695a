#include "workers/extract/layout_pdf.hpp"

#include <doctest/doctest.h>
#include <hpdf.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "tests/unit/files/fixtures.hpp"
#include "workers/extract/reading_order.hpp"

namespace testing = tailor::testing;
using tailor::extract::Layout;
using tailor::extract::pdf_layout;

namespace {

// Text drawn at (x, y) from the top-left corner of an A4 page, in points.
struct Placed {
  int page = 1;
  double x = 0;
  double y = 0;
  std::string text;
  bool bold = false;
};

void write_placed_pdf(const std::string& path, const std::vector<Placed>& items, int pages,
                      bool image = false) {
  HPDF_Doc pdf = HPDF_New(nullptr, nullptr);
  if (pdf == nullptr) throw std::runtime_error("HPDF_New failed");
  HPDF_Font regular = HPDF_GetFont(pdf, "Helvetica", "WinAnsiEncoding");
  HPDF_Font bold = HPDF_GetFont(pdf, "Helvetica-Bold", "WinAnsiEncoding");
  for (int p = 1; p <= pages; ++p) {
    HPDF_Page page = HPDF_AddPage(pdf);
    HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    const float height = HPDF_Page_GetHeight(page);
    if (image && p == 1) {
      const std::vector<unsigned char> gray(16 * 16, 0x80);
      HPDF_Image img = HPDF_LoadRawImageFromMem(pdf, gray.data(), 16, 16, HPDF_CS_DEVICE_GRAY, 8);
      HPDF_Page_DrawImage(page, img, 500, 700, 40, 40);
    }
    HPDF_Page_BeginText(page);
    for (const auto& item : items) {
      if (item.page != p) continue;
      HPDF_Page_SetFontAndSize(page, item.bold ? bold : regular, 10);
      HPDF_Page_TextOut(page, static_cast<float>(item.x), height - static_cast<float>(item.y),
                        item.text.c_str());
    }
    HPDF_Page_EndText(page);
  }
  const HPDF_STATUS status = HPDF_SaveToFile(pdf, path.c_str());
  HPDF_Free(pdf);
  if (status != HPDF_OK) throw std::runtime_error("HPDF_SaveToFile failed");
}

Layout layout_of(const std::vector<Placed>& items, int pages = 1, bool image = false) {
  testing::TempDir dir;
  const auto path = dir.path("cv.pdf");
  write_placed_pdf(path, items, pages, image);
  auto layout = pdf_layout(path);
  REQUIRE(layout.has_value());
  return *layout;
}

}  // namespace

TEST_CASE("a two-column page is found and read column by column") {
  std::vector<Placed> items{{.page = 1, .x = 200, .y = 60, .text = "Jane Doe", .bold = true}};
  // Left: a sidebar at 17 pt spacing; right: the main column at 13 pt, so rows rarely meet.
  for (int i = 0; i < 12; ++i) {
    items.push_back(
        {.page = 1, .x = 50, .y = 100.0 + 17 * i, .text = "Sidebar item " + std::to_string(i)});
  }
  for (int i = 0; i < 14; ++i) {
    items.push_back({.page = 1,
                     .x = 300,
                     .y = 100.0 + 13 * i,
                     .text = "Main column line " + std::to_string(i) + " with more words"});
  }
  const Layout layout = layout_of(items);
  REQUIRE(layout.pages.size() == 1);
  CHECK(layout.pages[0].columns == 2);
  CHECK(layout.pages[0].gutter > 120);
  CHECK(layout.pages[0].gutter < 300);
  CHECK(layout.tables.empty());

  const std::string text = tailor::extract::column_order_text(layout, 1);
  CHECK(text.starts_with("Jane Doe\n"));
  const auto last_left = text.rfind("Sidebar item");
  const auto first_right = text.find("Main column line");
  CHECK(last_left < first_right);
  CHECK(text.find("Sidebar item 11\nMain column line 0 with more words\n") != std::string::npos);

  // A text that runs a sidebar line into the main line beside it reads across the columns.
  const std::string across = "Jane Doe\nSidebar item 0 Main column line 0 with more words\n";
  CHECK(tailor::extract::cross_column_joins(layout, 1, across) == 1);
  CHECK(tailor::extract::fix_reading_order(layout, 1, across) == text);
  CHECK(tailor::extract::cross_column_joins(layout, 1, text) == 0);
  CHECK(tailor::extract::fix_reading_order(layout, 1, text) == text);
}

TEST_CASE("dates flush right beside job titles are not a second column") {
  std::vector<Placed> items;
  for (int i = 0; i < 5; ++i) {
    items.push_back(
        {.page = 1, .x = 50, .y = 100.0 + 40 * i, .text = "Staff Engineer", .bold = true});
    items.push_back({.page = 1, .x = 480, .y = 100.0 + 40 * i, .text = "2019 - 2023"});
    items.push_back({.page = 1, .x = 50, .y = 114.0 + 40 * i, .text = "Globex Corporation"});
  }
  const Layout layout = layout_of(items);
  CHECK(layout.pages[0].columns == 1);
}

TEST_CASE("lines carry their font, size and bold flag") {
  const Layout layout =
      layout_of({{.page = 1, .x = 50, .y = 100, .text = "Experience", .bold = true},
                 {.page = 1, .x = 50, .y = 120, .text = "Acme Corp engineer"}});
  REQUIRE(layout.lines.size() == 2);
  CHECK(layout.lines[0].text == "Experience");
  CHECK(layout.lines[0].font == "Helvetica-Bold");
  CHECK(layout.lines[0].bold);
  CHECK_FALSE(layout.lines[0].italic);
  CHECK(layout.lines[0].size == doctest::Approx(10).epsilon(0.05));
  CHECK(layout.lines[0].page == 1);
  CHECK(layout.lines[0].x == doctest::Approx(50).epsilon(0.02));
  CHECK(layout.lines[0].y < layout.lines[1].y);
  CHECK(layout.lines[1].text == "Acme Corp engineer");
  CHECK(layout.lines[1].font == "Helvetica");
  CHECK_FALSE(layout.lines[1].bold);
  CHECK(layout.word_count == 4);
  CHECK(layout.page_count == 1);
  REQUIRE(layout.fonts.size() == 2);
  for (const auto& f : layout.fonts) {
    CHECK_FALSE(f.embedded);  // the 14 standard fonts are never embedded
    CHECK(f.type == "type1");
  }
  CHECK(layout.images == 0);
}

TEST_CASE("lines repeated at the top or bottom of pages are headers and footers") {
  std::vector<Placed> items;
  for (int p = 1; p <= 3; ++p) {
    items.push_back({.page = p, .x = 50, .y = 40, .text = "Jane Doe - Resume"});
    items.push_back({.page = p, .x = 270, .y = 810, .text = "Page " + std::to_string(p) + " of 3"});
    items.push_back(
        {.page = p, .x = 50, .y = 200, .text = "Body text of page " + std::to_string(p)});
  }
  // The same words in the body of a page are not a header.
  items.push_back({.page = 2, .x = 50, .y = 400, .text = "Jane Doe - Resume"});
  const Layout layout = layout_of(items, 3);
  CHECK(layout.header_footer_text == "Jane Doe - Resume\nPage 1 of 3");
  int flagged = 0;
  for (const auto& l : layout.lines) {
    if (l.header_footer) {
      ++flagged;
      CHECK((l.text == "Jane Doe - Resume" || l.text.starts_with("Page ")));
      CHECK((l.y < 100 || l.y > 700));
    }
  }
  CHECK(flagged == 6);
  CHECK(layout.page_count == 3);
}

TEST_CASE("rows of aligned cells are a table") {
  std::vector<Placed> items{{.page = 1, .x = 50, .y = 80, .text = "Certifications", .bold = true}};
  const char* rows[][3] = {{"2021", "AWS Solutions Architect", "Amazon"},
                           {"2019", "Kubernetes Administrator", "CNCF"},
                           {"2018", "Scrum Master", "Scrum Alliance"},
                           {"2016", "Oracle Java SE", "Oracle"}};
  for (int r = 0; r < 4; ++r) {
    for (int c = 0; c < 3; ++c)
      items.push_back({.page = 1, .x = 50.0 + 150 * c, .y = 100.0 + 14 * r, .text = rows[r][c]});
  }
  items.push_back({.page = 1, .x = 50, .y = 200, .text = "A closing paragraph of plain prose."});
  const Layout layout = layout_of(items);
  REQUIRE(layout.tables.size() == 1);
  CHECK(layout.tables[0].page == 1);
  CHECK(layout.tables[0].rows == 4);
  CHECK(layout.tables[0].columns == 3);
  CHECK(layout.pages[0].columns == 1);
}

TEST_CASE("images are counted") {
  const Layout layout = layout_of({{.page = 1, .x = 50, .y = 100, .text = "Jane Doe"}}, 2, true);
  CHECK(layout.images == 1);
  CHECK(tailor::extract::count_pdf_images(
            "1 0 obj <</Type/XObject /Subtype /Image /SMask 2 0 R>>"
            " 2 0 obj <</Subtype/Image>> 3 0 obj <</Subtype/Form>>") == 1);
}

TEST_CASE("a file that is not a PDF fails") {
  testing::TempDir dir;
  testing::write_file(dir.path("x.pdf"), "not a pdf at all");
  auto layout = pdf_layout(dir.path("x.pdf"));
  REQUIRE_FALSE(layout.has_value());
  CHECK(layout.error().code == tailor::Errc::invalid_argument);
}
