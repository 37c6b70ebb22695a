#pragma once
// What the analysis reads: one résumé as the extract stage left it (documents.text and
// documents.layout), or as the CLI extracts it in-process.
#include <string>

#include "workers/extract/extraction.hpp"
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

// The document an extraction describes (the CLI's path; the stage reads the stored columns).
inline Document to_document(extract::Extraction x) {
  return {std::move(x.text), std::move(x.layout), std::move(x.method), x.page_count, x.unmapped_glyphs};
}

}  // namespace tailor::analyze
