#include "workers/extract/plain_text.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "common/files/utf8.hpp"
#include "common/files/byte_size.hpp"

namespace tailor::extract {

Result<Extraction> extract_text(const std::string& path, const ExtractLimits& limits) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return fail(Errc::internal, fmt::format("cannot open {}: {}", path, std::strerror(errno)));
  constexpr std::size_t kBom = 3;
  // One byte more than allowed tells us whether the file goes on; a BOM does not count.
  std::string data(limits.max_text_bytes + kBom + 1, '\0');
  in.read(data.data(), static_cast<std::streamsize>(data.size()));
  if (in.bad()) return fail(Errc::internal, fmt::format("cannot read {}", path));
  data.resize(static_cast<std::size_t>(in.gcount()));
  if (data.empty()) return fail(Errc::invalid_argument, "the file is empty");

  std::string_view text = data;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(kBom);
  if (text.starts_with("\xFF\xFE") || text.starts_with("\xFE\xFF")) {
    return fail(Errc::invalid_argument,
                "the text file is UTF-16; save it as UTF-8 and upload it again");
  }
  Extraction out;
  if (text.size() > limits.max_text_bytes) {
    text = text.substr(0, files::utf8_prefix_length(text, limits.max_text_bytes));
    out.warnings.push_back(
        fmt::format("the text was cut at {}", files::human_bytes(limits.max_text_bytes)));
  }
  if (const std::size_t nul = text.find('\0'); nul != std::string_view::npos) {
    return fail(Errc::invalid_argument,
                fmt::format("the text file contains NUL bytes (at byte {}), so it is not UTF-8 "
                            "text; save it as UTF-8 and upload it again",
                            nul));
  }
  if (auto bad = files::find_invalid_utf8(text)) {
    return fail(Errc::invalid_argument,
                fmt::format("the text file is not UTF-8 (invalid byte at offset {}); save it as "
                            "UTF-8 and upload it again",
                            *bad));
  }
  out.text = files::normalize_text(text);
  if (out.text.find_first_not_of(" \t\n\f\v") == std::string::npos) {
    return fail(Errc::invalid_argument, "the text file contains no text");
  }
  out.page_count = 1;
  out.method = "plain";
  return out;
}

}  // namespace tailor::extract
