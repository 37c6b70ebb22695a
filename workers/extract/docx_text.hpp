#pragma once
// Text from a Word (DOCX) file: libzip for the container, pugixml for the WordprocessingML.
#include <string>

#include "common/core/error.hpp"
#include "workers/extract/extraction.hpp"

namespace tailor::extract {

// Headers, body and footers in reading order (method "docx-xml"); header and footer text is
// also in `header_footer_text`. Paragraphs end in "\n", list items start with "• ", table rows
// are one line with cells joined by " | " — except rows whose cells hold several paragraphs
// (layout tables), which are written cell after cell. page_count comes from docProps/app.xml
// <Pages>, 0 when the file does not say. The text goes through normalize_text (normalize.hpp),
// with unmapped_glyphs counted. `layout` holds one line per non-empty paragraph (headers, body,
// footers; no positions; bold/italic/size/font resolved through styles.xml and the theme),
// every w:tbl (rows, grid columns), pictures (pic:pic, v:imagedata), the fonts the runs use
// plus the ones word/fontTable.xml embeds, header/footer text, page and word counts.
// Checks the ZIP directory against `limits` before inflating anything, and never inflates more
// than an entry declares. Fails with invalid_argument when the file is empty, damaged, not a
// Word document, over a limit, carries a DOCTYPE (entity expansion attacks; Word never writes
// one) or has no text; internal when the file cannot be read.
Result<Extraction> extract_docx(const std::string& path, const ExtractLimits& limits);

}  // namespace tailor::extract
