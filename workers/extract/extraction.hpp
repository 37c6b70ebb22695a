#pragma once
// What the extract stage produces from an uploaded file, and the limits that bound the work.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "workers/extract/layout.hpp"

namespace tailor::extract {

struct PageText {
  int number = 0;  // 1-based
  std::string text;
  std::string method;                // "text-layer" | "ocr"
  std::optional<double> confidence{};  // OCR only: Tesseract's mean word confidence, 0-100
};

struct Extraction {
  // The whole document as UTF-8 with "\n" line ends and no NUL bytes. PDF pages are joined
  // with "\f" (form feed) as pdftotext does, so page boundaries survive without the pages list.
  // DOCX text is in reading order: headers, body, footers.
  std::string text;
  // Pages in the file; 0 when the format has no fixed pages and the file does not say
  // (DOCX without docProps/app.xml <Pages>); 1 for plain text.
  int page_count = 0;
  // One entry per page, for paged formats only (PDF; images later). Empty for DOCX and text.
  std::vector<PageText> pages;
  std::string method;  // "text-layer" | "docx-xml" | "plain"
  // DOCX only: the header and footer text also present in `text`, so consumers can tell it
  // apart from the body (a résumé often keeps the name and contact line in the header).
  std::string header_footer_text;
  // Things a person may want to know: truncated text, pages without text, recovered damage.
  std::vector<std::string> warnings;
  // Glyphs that map to no character (no ToUnicode entry, U+FFFD, private-use code points):
  // counted and reported, never silently dropped.
  int unmapped_glyphs = 0;
  // Where the text sits and how it looks, for the analyze stage and the ATS checks.
  Layout layout;
};

struct ExtractLimits {
  std::size_t max_pages = 50;
  std::size_t max_text_bytes = 2 * 1024 * 1024;  // longer text is cut, with a warning
  std::size_t max_zip_entries = 2000;
  std::size_t max_entry_bytes = 20 * 1024 * 1024;         // per inflated ZIP entry we read
  std::size_t max_total_uncompressed = 50 * 1024 * 1024;  // sum declared by all ZIP entries
  std::size_t max_image_pixels = 40'000'000;  // per image or TIFF page, checked before decoding
  // Pages OCR reads in one file (scanned PDF pages, TIFF pages), at about 0.7-2.3 s each: kept
  // within the sandbox's CPU limit.
  std::size_t max_ocr_pages = 10;
};

}  // namespace tailor::extract
