#include "workers/extract/pages.hpp"

#include <fmt/format.h>

#include "common/files/byte_size.hpp"
#include "common/files/utf8.hpp"

namespace tailor::extract {

bool append_page(Extraction& x, PageText page, const ExtractLimits& limits, int page_count) {
  const std::size_t separator = x.pages.empty() ? 0 : 1;
  const std::size_t used = x.text.size() + separator;
  const std::size_t room = limits.max_text_bytes > used ? limits.max_text_bytes - used : 0;
  const bool fits = page.text.size() <= room;
  if (!fits) {
    page.text.resize(files::utf8_prefix_length(page.text, room));
    x.warnings.push_back(fmt::format("the text was cut at {} (page {} of {})",
                                     files::human_bytes(limits.max_text_bytes), page.number, page_count));
  }
  if (page.confidence && !page.text.empty() && *page.confidence < kLowOcrConfidence) {
    x.warnings.push_back(fmt::format("page {} was read by OCR with low confidence ({:.0f}%); some words may be wrong",
                                     page.number, *page.confidence));
  }
  if (separator != 0) x.text.push_back('\f');
  x.text += page.text;
  x.pages.push_back(std::move(page));
  return fits;
}

}  // namespace tailor::extract
