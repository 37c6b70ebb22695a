#pragma once
// The layout of a PDF's text layer (poppler-cpp): lines with position, font, size and
// bold/italic; columns per page; tables of aligned cells; fonts; repeated header/footer lines.
#include <string>
#include <string_view>

#include "common/core/error.hpp"
#include "workers/extract/extraction.hpp"
#include "workers/extract/layout.hpp"

namespace poppler {
class document;
}

namespace tailor::extract {

// The layout of every page of an open, unlocked document, its lines in reading order (column
// by column on two-column pages). images is -1 (poppler-cpp cannot list images; see
// count_pdf_images); page_count is doc.pages(); word_count counts the words of the lines.
// Reads at most limits.max_pages pages. Never fails: a page poppler cannot read has no lines.
Layout pdf_layout(const poppler::document& doc, const ExtractLimits& limits = {});

// The same for the file at `path`, with images counted from the file's bytes. Fails with
// invalid_argument when the file is not a readable PDF or is password-protected, internal when
// it cannot be read.
Result<Layout> pdf_layout(const std::string& path, const ExtractLimits& limits = {});

// Image XObjects in a PDF file, soft masks (the alpha channel of another image) not counted.
// Their dictionaries are never inside compressed object streams (streams cannot be), so a scan
// of the bytes finds them all; inline images (BI … EI, rare) are not counted.
int count_pdf_images(std::string_view pdf_bytes);

}  // namespace tailor::extract
