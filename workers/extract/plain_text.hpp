#pragma once
// Text from a plain UTF-8 text file.
#include <string>

#include "common/core/error.hpp"
#include "workers/extract/extraction.hpp"

namespace tailor::extract {

// The file's text without a UTF-8 BOM, with "\n" line ends; method "plain", page_count 1.
// Reads at most limits.max_text_bytes (more is cut at a character boundary, with a warning).
// Fails with invalid_argument when the file is empty, has no text, holds NUL bytes, or is not
// UTF-8 (the message says where); internal when the file cannot be read.
Result<Extraction> extract_text(const std::string& path, const ExtractLimits& limits);

}  // namespace tailor::extract
