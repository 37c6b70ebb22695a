#pragma once
// The extract stage's entry point: text from a stored upload, by its sniffed media type.
#include <string>

#include "common/core/error.hpp"
#include "common/files/media_type.hpp"
#include "workers/extract/docx_text.hpp"
#include "workers/extract/extraction.hpp"
#include "workers/extract/image_text.hpp"
#include "workers/extract/pdf_text.hpp"
#include "workers/extract/plain_text.hpp"

namespace tailor::extract {

// Dispatches on `type`: extract_pdf, extract_docx (after files::verify_docx), extract_text,
// extract_image (PNG, JPEG, TIFF). Fails as those functions do.
Result<Extraction> extract_file(const std::string& path, files::MediaType type,
                                const ExtractLimits& limits);

}  // namespace tailor::extract
