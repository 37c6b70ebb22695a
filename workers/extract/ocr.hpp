#pragma once
// Text from a page image with Tesseract 5 (LSTM, English). One engine per thread, loaded the
// first time that thread OCRs a page, so a worker that never sees a scan never loads the model.
//
// Tesseract on Debian is built with OpenMP, which on our 2-core machines makes a page 3-7x
// slower. OpenMP reads OMP_THREAD_LIMIT once, when libgomp is loaded (before main), so it must be
// in the environment the process starts with; setenv() in main is too late.
#include <memory>
#include <string>

#include "common/core/error.hpp"

struct Pix;  // Leptonica's image (<leptonica/allheaders.h>)

namespace tailor::extract {

// Renders and OCR run at this resolution; Tesseract is trained on text of about this size.
inline constexpr int kOcrDpi = 300;

// Owns a Leptonica image.
struct PixDeleter {
  void operator()(Pix* pix) const noexcept;
};
using PixPtr = std::unique_ptr<Pix, PixDeleter>;

struct OcrResult {
  // UTF-8, lines ended by "\n", paragraphs separated by an empty line, no trailing whitespace.
  std::string text{};
  // Tesseract's mean word confidence, 0-100 (0 when no word was found).
  double confidence{};
};

// Recognizes the text of `image` (1, 8 or 32 bits per pixel; 8-bit gray is cheapest and is
// denoised with a 3x3 median first), scanned at `dpi`. Loads this thread's engine on first use
// (about 0.2 s and 40 MB). Fails with internal when the English model cannot be loaded (package
// tesseract-ocr-eng) or recognition fails. Finding no text is not an error: the text is empty.
Result<OcrResult> ocr_image(Pix* image, int dpi = kOcrDpi);

// Sends Leptonica's messages ("Error in pixReadHeader: ...") nowhere instead of stderr, once
// per process; the errors they describe reach the caller as results.
void silence_leptonica();

// Whether the calling thread has loaded its OCR engine (tests check that text PDFs do not).
bool ocr_engine_loaded();

// OpenMP's thread limit in this process (omp_get_thread_limit), or 0 when no OpenMP runtime is
// loaded. Should be 1: start the process with OMP_THREAD_LIMIT=1.
int openmp_thread_limit();

}  // namespace tailor::extract
