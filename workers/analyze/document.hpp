#pragma once
// What the analysis reads: one résumé as the extract stage left it (documents.text and
// documents.layout), or as the CLI extracts it in-process.
#include <string>

#include "workers/extract/layout.hpp"

namespace tailor::analyze {

struct Document {
  // The whole résumé, UTF-8, "\n" line ends, PDF pages joined with "\f" (see Extraction::text).
  std::string text;
  // Where the text sits and how it looks. `layout.lines` is empty when nothing is known about
  // the layout (plain text, an older row): every reader must work from `text` alone then.
  extract::Layout layout;
  std::string method;  // "text-layer" | "ocr" | "mixed" | "docx-xml" | "plain"
  int page_count{};
  int unmapped_glyphs{};
};

}  // namespace tailor::analyze
