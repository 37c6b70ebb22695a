#pragma once
// PDF pages as images (poppler's Splash renderer), for OCR of pages without a text layer.
#include <string>
#include <vector>

#include "common/core/error.hpp"
#include "workers/extract/ocr.hpp"

namespace poppler {
class page;
}

namespace tailor::extract {

// `page` as an 8-bit gray image at `dpi`, anti-aliased, on white. An A4 page at 300 dpi is
// 2480 x 3508 pixels (8.7 MB). Fails with invalid_argument when poppler cannot render it.
Result<PixPtr> render_page(const poppler::page& page, int dpi = kOcrDpi);

// The share (0-1) of `page` covered by ink that is not in its text layer's words: drawn at
// 72 dpi, the text layer's word boxes whitened, pixels darker than light gray counted. A
// scanned page scores a few percent; a text page, or one with a rule or a small logo, ~0.
// Takes a few milliseconds: for pages whose text layer is (nearly) empty only.
double ink_outside_text(const poppler::page& page);

// Renders every page of the PDF at `pdf_path` to `dir`/page-N.png (N from 1) and returns the
// paths in page order. For tests and the OCR fidelity measurement. Fails with invalid_argument
// when the PDF cannot be opened or rendered, internal when a PNG cannot be written.
Result<std::vector<std::string>> render_pdf_to_pngs(const std::string& pdf_path,
                                                    const std::string& dir, int dpi = kOcrDpi);

}  // namespace tailor::extract
