#include "workers/extract/pdf_text.hpp"

#include <fstream>

#include "workers/extract/layout_pdf.hpp"
#include "workers/extract/normalize.hpp"
#include "workers/extract/pages.hpp"
#include "workers/extract/reading_order.hpp"

#include <fmt/format.h>
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <filesystem>
#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

#include "common/files/byte_size.hpp"
#include "common/files/utf8.hpp"
#include "workers/extract/image_text.hpp"
#include "workers/extract/ocr.hpp"
#include "workers/extract/pdf_render.hpp"

namespace tailor::extract {

namespace {

// poppler reports problems through one process-wide callback and prints them to stderr by
// default. We install it once and collect the messages of the current thread's call, because
// poppler calls it on the thread that is parsing.
thread_local std::vector<std::string>* t_poppler_errors = nullptr;

void collect_poppler_error(const std::string& message, void* /*closure*/) {
  constexpr std::size_t kKeep = 20;
  if (t_poppler_errors == nullptr || t_poppler_errors->size() >= kKeep) return;
  // poppler-cpp formats them as "error: text" or "error (byte offset): text".
  std::string_view text = message;
  if (text.starts_with("error")) {
    if (const std::size_t colon = text.find(": "); colon != std::string_view::npos && colon < 32)
      text.remove_prefix(colon + 2);
  }
  t_poppler_errors->emplace_back(text);
}

void silence_poppler() {
  static std::once_flag once;
  std::call_once(once, [] { poppler::set_debug_error_function(collect_poppler_error, nullptr); });
}

class PopplerErrorScope {
 public:
  PopplerErrorScope() {
    silence_poppler();
    previous_ = t_poppler_errors;
    t_poppler_errors = &errors_;
  }
  ~PopplerErrorScope() { t_poppler_errors = previous_; }
  PopplerErrorScope(const PopplerErrorScope&) = delete;
  PopplerErrorScope& operator=(const PopplerErrorScope&) = delete;

  const std::vector<std::string>& errors() const { return errors_; }
  std::string first() const { return errors_.empty() ? std::string() : errors_.front(); }

 private:
  std::vector<std::string> errors_;
  std::vector<std::string>* previous_ = nullptr;
};

// The file's bytes (already known to be `size` long, and bounded by the upload limit).
std::string read_bounded(const std::string& path, std::uintmax_t size) {
  std::string bytes(static_cast<std::size_t>(size), '\0');
  std::ifstream in(path, std::ios::binary);
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  bytes.resize(static_cast<std::size_t>(in.gcount()));
  return bytes;
}

std::string damaged(std::string_view why) {
  return fmt::format("the PDF is damaged or not a PDF ({}); export it again or upload another copy",
                     why);
}

poppler::page::text_layout_enum poppler_layout(PdfLayout layout) {
  switch (layout) {
    case PdfLayout::physical:
      return poppler::page::physical_layout;
    case PdfLayout::raw:
      return poppler::page::raw_order_layout;
    case PdfLayout::reading_order:
      break;
  }
  return poppler::page::non_raw_non_physical_layout;
}

// Whitespace at the end of a page (poppler ends each line with "\n", some pages with "\f").
std::string_view trim_end(std::string_view text) {
  const std::size_t end = text.find_last_not_of(" \t\n\f\v");
  return end == std::string_view::npos ? std::string_view() : text.substr(0, end + 1);
}

bool has_visible_text(std::string_view text) {
  return text.find_first_not_of(" \t\n\f\v") != std::string_view::npos;
}

// Non-whitespace bytes in `text`, counting no further than `stop`.
std::size_t visible_chars(std::string_view text, std::size_t stop) {
  std::size_t n = 0;
  for (char c : text) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\f' && c != '\v' && c != '\r' && ++n >= stop)
      break;
  }
  return n;
}

// Fewer visible characters than this and the page is taken for a scan and OCR'd (a scanned
// page may carry a page number or an invisible stamp in its text layer).
constexpr std::size_t kMinTextLayerChars = 10;
// The share of a page inked outside its text layer from which it is taken for a scan. A scanned
// page with three lines of text is about 0.5 %; a 200 pt square outline about 0.15 %.
constexpr double kMinScanInk = 0.0025;
// Below this mean word confidence an OCR'd page gets a warning.

bool has_text_layer(std::string_view text) {
  return visible_chars(text, kMinTextLayerChars) >= kMinTextLayerChars;
}

std::string page_text_layer(const poppler::page& page, PdfLayout layout) {
  const poppler::byte_array utf8 = page.text(poppler::rectf(), poppler_layout(layout)).to_utf8();
  const std::string_view raw(utf8.data(), utf8.size());
  return std::string(trim_end(files::normalize_text(files::to_valid_utf8(raw))));
}

}  // namespace

Result<Extraction> extract_pdf(const std::string& path, const ExtractLimits& limits,
                               PdfLayout layout) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return fail(Errc::internal, fmt::format("cannot read {}: {}", path, ec.message()));
  if (size == 0) return fail(Errc::invalid_argument, "the file is empty");

  PopplerErrorScope errors;
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(path));
  if (!doc) {
    const std::string first = errors.first();
    return fail(Errc::invalid_argument,
                damaged(first.empty() ? "poppler could not open it" : first));
  }
  if (doc->is_locked()) {
    return fail(Errc::invalid_argument,
                "the PDF is password-protected; remove the password and upload it again");
  }
  const int page_count = doc->pages();
  if (page_count <= 0) return fail(Errc::invalid_argument, damaged("it has no pages"));
  if (static_cast<std::size_t>(page_count) > limits.max_pages) {
    return fail(
        Errc::invalid_argument,
        fmt::format("the PDF has {} pages; at most {} are accepted — upload just the résumé",
                    page_count, limits.max_pages));
  }

  // First the text layer of every page (cheap), and which pages look scanned: (nearly) no text
  // layer, ink elsewhere. Then OCR for those, so their count is bounded before any is read.
  std::vector<std::unique_ptr<poppler::page>> pages(static_cast<std::size_t>(page_count));
  std::vector<PageText> texts(static_cast<std::size_t>(page_count));
  std::vector<bool> scanned(static_cast<std::size_t>(page_count), false);
  std::vector<std::string> warnings;
  int ocr_pages = 0;
  for (int i = 0; i < page_count; ++i) {
    const auto at = static_cast<std::size_t>(i);
    auto& page = texts[at];
    page.number = i + 1;
    page.method = "text-layer";
    pages[at].reset(doc->create_page(i));
    if (!pages[at]) {
      warnings.push_back(fmt::format("page {} could not be read", i + 1));
      continue;
    }
    page.text = page_text_layer(*pages[at], layout);
    // An empty page, a rule or a small logo beside a few words is nothing for OCR, and no
    // reason to load the engine.
    if (!has_text_layer(page.text) && ink_outside_text(*pages[at]) >= kMinScanInk) {
      scanned[at] = true;
      ++ocr_pages;
    }
  }
  if (static_cast<std::size_t>(ocr_pages) > limits.max_ocr_pages) {
    return fail(Errc::invalid_argument,
                fmt::format("the PDF has {} pages without selectable text (scanned); at most {} "
                            "are read by OCR — upload just the résumé",
                            ocr_pages, limits.max_ocr_pages));
  }
  if (ocr_pages > 0) {
    for (int i = 0; i < page_count; ++i) {
      const auto at = static_cast<std::size_t>(i);
      if (!scanned[at]) continue;
      auto& page = texts[at];
      auto image = render_page(*pages[at], kOcrDpi);
      if (!image) {
        warnings.push_back(fmt::format("page {} could not be drawn for OCR", page.number));
        continue;
      }
      auto ocr = ocr_image(image->get(), kOcrDpi);
      if (!ocr) return std::unexpected(ocr.error());
      // A page with a few characters of text layer (a page number over a scan) keeps whichever
      // reading found more.
      if (visible_chars(ocr->text, std::string::npos) <=
          visible_chars(page.text, std::string::npos)) {
        continue;
      }
      page.text = std::move(ocr->text);
      page.method = "ocr";
      page.confidence = ocr->confidence;
    }
  }

  // Layout from the text boxes; on pages that read across two columns, the text is put back in
  // column order. Then every page's text is normalized (ligatures, bullets, NFC…).
  Extraction out;
  out.layout = pdf_layout(*doc, limits);
  for (auto& page : texts) {
    if (page.method == "text-layer") page.text = fix_reading_order(out.layout, page.number, page.text);
    NormalizedText normalized = normalize_text(page.text, SoftHyphens::drawn);
    page.text = std::move(normalized.text);
    out.unmapped_glyphs += normalized.unmapped_glyphs;
  }
  out.layout.images = count_pdf_images(read_bounded(path, size));
  out.page_count = page_count;
  out.warnings = std::move(warnings);
  bool any_layer = false;
  bool any_ocr = false;
  std::vector<int> empty_pages;
  for (auto& page : texts) {
    if (!has_visible_text(page.text)) {
      empty_pages.push_back(page.number);
    } else if (page.method == "ocr") {
      any_ocr = true;
    } else {
      any_layer = true;
    }
    if (!append_page(out, std::move(page), limits, page_count)) break;
  }
  out.method = any_ocr ? (any_layer ? "mixed" : "ocr") : "text-layer";

  if (!has_visible_text(out.text)) {
    return fail(Errc::invalid_argument,
                "no text could be read from the PDF: it has no selectable text and OCR found "
                "none on its scanned pages; upload a sharper scan, or a PDF exported from a word "
                "processor, or a DOCX");
  }
  if (!empty_pages.empty()) {
    std::string list;
    for (int n : empty_pages) list += (list.empty() ? "" : ", ") + std::to_string(n);
    out.warnings.push_back(fmt::format("no text found on page(s) {}", list));
  }
  if (out.unmapped_glyphs > 0) {
    out.warnings.push_back(fmt::format(
        "{} character(s) in the PDF map to no letter (shown as \uFFFD); its fonts lack the "
        "information to read them, and an ATS will not read them either",
        out.unmapped_glyphs));
  }
  if (!errors.errors().empty()) {
    out.warnings.push_back(
        fmt::format("the PDF has errors; some text may be missing ({})", errors.first()));
  }
  return out;
}

}  // namespace tailor::extract
