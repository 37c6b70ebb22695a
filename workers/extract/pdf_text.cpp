#include "workers/extract/pdf_text.hpp"

#include <fmt/format.h>
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <filesystem>
#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

#include "common/files/utf8.hpp"
#include "common/files/byte_size.hpp"

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

  Extraction out;
  out.page_count = page_count;
  out.method = "text-layer";
  bool truncated = false;
  std::vector<int> empty_pages;
  for (int i = 0; i < page_count && !truncated; ++i) {
    PageText page{.number = i + 1, .text = {}, .method = "text-layer"};
    std::unique_ptr<poppler::page> p(doc->create_page(i));
    if (p) {
      page.text = page_text_layer(*p, layout);
    } else {
      out.warnings.push_back(fmt::format("page {} could not be read", i + 1));
    }
    // A page without a text layer is where OCR will slot in (a scanned page).
    if (!has_visible_text(page.text)) empty_pages.push_back(page.number);

    const std::size_t separator = out.pages.empty() ? 0 : 1;
    const std::size_t room = limits.max_text_bytes > out.text.size() + separator
                                 ? limits.max_text_bytes - out.text.size() - separator
                                 : 0;
    if (page.text.size() > room) {
      page.text.resize(files::utf8_prefix_length(page.text, room));
      truncated = true;
      out.warnings.push_back(fmt::format("the text was cut at {} (page {} of {})",
                                         files::human_bytes(limits.max_text_bytes), page.number,
                                         page_count));
    }
    if (separator != 0) out.text.push_back('\f');
    out.text += page.text;
    out.pages.push_back(std::move(page));
  }

  if (!has_visible_text(out.text)) {
    return fail(Errc::unsupported_media_type,
                "the PDF has no selectable text (it looks like a scan or an image); scanned "
                "documents cannot be read yet — upload a PDF exported from a word processor, or "
                "a DOCX");
  }
  if (!empty_pages.empty()) {
    std::string list;
    for (int n : empty_pages) list += (list.empty() ? "" : ", ") + std::to_string(n);
    out.warnings.push_back(
        fmt::format("no text found on page(s) {} (scanned pages are not read yet)", list));
  }
  if (!errors.errors().empty()) {
    out.warnings.push_back(
        fmt::format("the PDF has errors; some text may be missing ({})", errors.first()));
  }
  return out;
}

}  // namespace tailor::extract
