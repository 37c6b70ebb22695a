#pragma once
// Text from a PDF's text layer (poppler-cpp).
#include <string>

#include "common/core/error.hpp"
#include "workers/extract/extraction.hpp"

namespace tailor::extract {

// How poppler orders the words of a page. reading_order is pdftotext's default and the one
// that matches it best on our résumé set (see tests/unit/extract/pdf_fidelity.cpp).
enum class PdfLayout { reading_order, physical, raw };

// The text of every page, pages joined with "\f"; method "text-layer".
// Fails with invalid_argument when the file is empty, damaged, truncated, not a PDF,
// password-protected or has more than limits.max_pages pages; unsupported_media_type when no
// page has any text (a scan; OCR is not available yet); internal when the file cannot be read.
// Text over limits.max_text_bytes is cut with a warning.
Result<Extraction> extract_pdf(const std::string& path, const ExtractLimits& limits,
                               PdfLayout layout = PdfLayout::reading_order);

}  // namespace tailor::extract
