#pragma once
// Text from a PDF's text layer (poppler-cpp).
#include <string>

#include "common/core/error.hpp"
#include "workers/extract/extraction.hpp"

namespace tailor::extract {

// How poppler orders the words of a page. reading_order is pdftotext's default and the one
// that matches it best on our résumé set (see tests/unit/extract/pdf_fidelity.cpp).
enum class PdfLayout { reading_order, physical, raw };

// The text of every page, pages joined with "\f". Pages whose text layer has fewer than 10
// visible characters and that carry ink elsewhere (scans) are drawn at 300 dpi and OCR'd; each
// PageText says "text-layer" or "ocr" (with Tesseract's confidence), and the method is
// "text-layer", "ocr" or "mixed". The OCR engine is loaded only when a page needs it.
// Fails with invalid_argument when the file is empty, damaged, truncated, not a PDF,
// password-protected, has more than limits.max_pages pages or more than limits.max_ocr_pages scanned
// pages, or when no text can be read from any page even by OCR; internal when the file cannot
// be read or the OCR engine cannot start. Text over limits.max_text_bytes is cut with a warning.
Result<Extraction> extract_pdf(const std::string& path, const ExtractLimits& limits,
                               PdfLayout layout = PdfLayout::reading_order);

}  // namespace tailor::extract
