#pragma once
// The layout of a document, kept with its text for the analyze stage and the ATS checks: lines
// with position and font, columns per page, tables, images, fonts, header/footer text, counts.
// Filled by pdf_layout (layout_pdf.hpp) and extract_docx (docx_text.hpp). Plain data: every
// field is a number, a bool, a string or a vector of these structs, so it serializes as is.
#include <string>
#include <vector>

namespace tailor::extract {

// One line of text as it sits on the page. PDF: words on one baseline, split where the gap
// between words is wider than about a character (so the two columns of a résumé give two lines).
// DOCX: one paragraph, with no position (page 0, x = y = width = height = 0).
struct TextLine {
  int page{};  // 1-based; 0 when the format has no fixed pages (DOCX)
  // In points, origin at the top-left corner of the page, y growing downwards; (x, y) is the
  // top-left corner of the line's box.
  double x{};
  double y{};
  double width{};
  double height{};
  std::string text;  // normalized (normalize.hpp), words separated by one space
  std::string font;  // the font of most of the line's characters, subset prefix removed
  double size{};     // points; 0 when unknown
  bool bold{};       // most characters are bold (PDF: judged from the font name)
  bool italic{};
  int column{};          // 0-based column on its page (0 on one-column pages and for DOCX)
  bool header_footer{};  // PDF: repeated at the top/bottom of pages; DOCX: in a header/footer part
};

struct PageLayout {
  int number{};  // 1-based
  double width{};
  double height{};
  int columns{1};   // 1 or 2: résumés have at most a sidebar and a main column
  double gutter{};  // x (points) of the gap between the columns; 0 on one-column pages
};

struct FontInfo {
  std::string name;  // subset prefix ("ABCDEF+") removed
  bool embedded{};
  // PDF: "type1", "type1c", "type1c_ot", "type3", "truetype", "truetype_ot", "cid_type0",
  // "cid_type0c", "cid_type0c_ot", "cid_truetype", "cid_truetype_ot" or "unknown"; DOCX: "".
  std::string type;
};

struct Table {
  int page{};  // 1-based; 0 for DOCX
  int rows{};
  int columns{};
};

struct Layout {
  std::vector<TextLine> lines;    // in reading order (column by column on two-column pages)
  std::vector<PageLayout> pages;  // PDF only
  std::vector<FontInfo> fonts;    // every font the document uses, each name once
  std::vector<Table> tables;      // DOCX tables (w:tbl, nested ones too); PDF aligned cells
  // Pictures in the document; -1 when unknown. PDF: image XObjects in the file (soft masks not
  // counted); DOCX: pictures (pic:pic, v:imagedata) in the body, headers and footers.
  int images{-1};
  // Lines that sit in headers and footers, one per line, each once ("\n"-joined). PDF: lines
  // repeated at the top or bottom of two or more pages (digits ignored, so "Page 1 of 2" and
  // "Page 2 of 2" repeat); DOCX: the header and footer parts.
  std::string header_footer_text;
  int page_count{};  // as in Extraction::page_count
  int word_count{};  // whitespace-separated words of the document's text
};

}  // namespace tailor::extract
