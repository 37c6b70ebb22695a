#include "workers/extract/ocr.hpp"

#include <dlfcn.h>
#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>

#include <mutex>
#include <string_view>

#include "common/files/utf8.hpp"

namespace tailor::extract {

void PixDeleter::operator()(Pix* pix) const noexcept {
  pixDestroy(&pix);
}

namespace {

struct EngineDeleter {
  void operator()(tesseract::TessBaseAPI* api) const noexcept {
    api->End();
    delete api;
  }
};
using Engine = std::unique_ptr<tesseract::TessBaseAPI, EngineDeleter>;

// One per thread: a TessBaseAPI is not thread-safe, and loading it costs ~0.2 s, so it is kept
// for the thread's life once a page needed it.
thread_local Engine t_engine;

Result<tesseract::TessBaseAPI*> engine() {
  if (t_engine) return t_engine.get();
  silence_leptonica();
  Engine api(new tesseract::TessBaseAPI());
  // Tesseract prints diagnostics ("Estimating resolution", "Empty page!!") to stderr; the
  // worker's stderr is its log. debug_file is a global parameter, so it is set before Init.
  api->SetVariable("debug_file", "/dev/null");
  if (api->Init(nullptr, "eng", tesseract::OEM_LSTM_ONLY) != 0) {
    return fail(Errc::internal,
                "the OCR engine could not load its English model (eng.traineddata from the "
                "tesseract-ocr-eng package; set TESSDATA_PREFIX if it is installed elsewhere)");
  }
  // Résumés mix blocks, columns and lists: let Tesseract find the layout.
  api->SetPageSegMode(tesseract::PSM_AUTO);
  t_engine = std::move(api);
  return t_engine.get();
}

std::string_view trim(std::string_view text) {
  const std::size_t begin = text.find_first_not_of(" \t\n\f\v");
  if (begin == std::string_view::npos) return {};
  const std::size_t end = text.find_last_not_of(" \t\n\f\v");
  return text.substr(begin, end + 1 - begin);
}

// Tesseract reads a round list bullet as "e", "¢", "«", "°" or "©" (no résumé line starts with
// one of those alone): give the bullet back.
std::string restore_bullets(std::string text) {
  static constexpr std::string_view kMisreads[] = {"e ",      "e\u00A2 ", "\u00A2 ",
                                                   "\u00AB ", "\u00B0 ",  "\u00A9 "};
  std::size_t line = 0;
  while (line < text.size()) {
    for (std::string_view bad : kMisreads) {
      if (std::string_view(text).substr(line, bad.size()) == bad) {
        text.replace(line, bad.size() - 1, "\u2022");
        break;
      }
    }
    const std::size_t end = text.find('\n', line);
    if (end == std::string::npos) break;
    line = end + 1;
  }
  return text;
}

}  // namespace

void silence_leptonica() {
  static std::once_flag once;
  std::call_once(once, [] { leptSetStderrHandler([](const char*) {}); });
}

bool ocr_engine_loaded() {
  return t_engine != nullptr;
}

int openmp_thread_limit() {
  using Fn = int (*)();
  // Looked up rather than linked, so the worker does not depend on libgomp itself.
  void* symbol = dlsym(RTLD_DEFAULT, "omp_get_thread_limit");
  if (symbol == nullptr) return 0;
  return reinterpret_cast<Fn>(symbol)();
}

Result<OcrResult> ocr_image(Pix* image, int dpi) {
  if (image == nullptr) return fail(Errc::internal, "ocr_image: no image");
  auto api = engine();
  if (!api) return std::unexpected(api.error());
  tesseract::TessBaseAPI& tess = **api;
  // Photos and scans carry speckle that Tesseract's layout analysis takes for text (a noisy
  // photo gave no text at all and took 3x longer); a 3x3 median removes it and keeps strokes of
  // text from about 5 pt up at 300 dpi. ~40 ms a page.
  PixPtr denoised;
  if (pixGetDepth(image) == 8 && pixGetColormap(image) == nullptr) {
    denoised.reset(pixMedianFilter(image, 3, 3));
    if (denoised) image = denoised.get();
  }
  tess.SetImage(image);
  tess.SetSourceResolution(dpi);
  if (tess.Recognize(nullptr) != 0) {
    tess.Clear();
    return fail(Errc::internal, "the OCR engine failed on the page image");
  }
  std::unique_ptr<char[]> text(tess.GetUTF8Text());
  OcrResult out;
  if (text)
    out.text = restore_bullets(files::normalize_text(files::to_valid_utf8(trim(text.get()))));
  out.confidence = out.text.empty() ? 0.0 : static_cast<double>(tess.MeanTextConf());
  // Drops the page's image and results (the model stays loaded).
  tess.Clear();
  return out;
}

}  // namespace tailor::extract
