#pragma once
// Joining pages into an Extraction, the same way for every paged format (PDF, images).
#include "workers/extract/extraction.hpp"

namespace tailor::extract {

// OCR pages read below this mean confidence (0-100) get a warning.
inline constexpr double kLowOcrConfidence = 60;

// Appends `page` to x.pages and its text to x.text ("\f" between pages, as pdftotext does).
// Text past limits.max_text_bytes is cut on a character boundary with a warning naming the
// page; an OCR page below kLowOcrConfidence gets a warning too. Returns false once the text
// limit is reached: nothing after it fits.
bool append_page(Extraction& x, PageText page, const ExtractLimits& limits, int page_count);

}  // namespace tailor::extract
