#pragma once
// Text from PNG, JPEG and TIFF images by OCR (Tesseract).
#include <cstdint>
#include <string>

#include "common/core/error.hpp"
#include "common/files/media_type.hpp"
#include "workers/extract/extraction.hpp"

namespace tailor::extract {

// The most pixels an image (each TIFF page) may have; checked from the file's header before any
// pixel is decoded. 40 MP is a 7700 x 5200 photo; decoded as RGBA it takes 160 MB.

// The text of the image at `path` (type png, jpeg or tiff; a TIFF's pages each a page), read by
// OCR: method "ocr", one PageText per page with method "ocr" and Tesseract's confidence, pages
// joined with "\f". JPEG photos are turned upright by their EXIF orientation; small images are
// enlarged 2x so text is near the size Tesseract reads best.
// Fails with invalid_argument when the file is empty, damaged or not of `type`, has more than
// limits.max_image_pixels pixels on a page (before decoding), more than limits.max_pages or
// limits.max_ocr_pages pages, or when no text can be read from it; unsupported_media_type when `type`
// is not an image; internal when the file cannot be read or the OCR engine cannot start.
Result<Extraction> extract_image(const std::string& path, files::MediaType type,
                                 const ExtractLimits& limits);

}  // namespace tailor::extract
