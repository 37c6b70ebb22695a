// Term splitting, Snowball stemming (libstemmer) and the background corpus, loaded once.
#include "workers/analyze/match/terms.hpp"

#include <libstemmer.h>

#include <charconv>
#include <cmath>
#include <memory>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include "workers/analyze/text/text.hpp"

namespace tailor::analyze::matching {
namespace {

constexpr double kAds = 1000;

struct StemmerDeleter {
  void operator()(sb_stemmer* s) const { sb_stemmer_delete(s); }
};

// A mark that joins two words into one term: "on-call", "node.js", "ci/cd".
bool joiner(char c) {
  return c == '-' || c == '.' || c == '/';
}
bool has_letter(std::string_view s) {
  for (const char c : s)
    if ((c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0xC0) return true;
  return false;
}

template <class Fn>
void for_each_data_line(std::string_view file, Fn&& fn) {
  for (const auto raw : text::split_lines(file)) {
    const auto line = text::trim(raw);
    if (!line.empty() && line.front() != '#') fn(line);
  }
}

const std::unordered_set<std::string>& stop_words() {
  static const auto words = [] {
    std::unordered_set<std::string> out;
    for_each_data_line(stop_words_txt(), [&](std::string_view w) { out.emplace(w); });
    return out;
  }();
  return words;
}

// The non-empty pieces of `s` between `separator`s.
std::vector<std::string_view> split(std::string_view s, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (start <= s.size()) {
    const auto end = std::min(s.find(separator, start), s.size());
    if (end > start) parts.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

bool all_stop_words(std::string_view surface) {
  const auto& stops = stop_words();
  for (const auto part : split(surface, '-'))
    if (!stops.contains(std::string(part))) return false;
  return true;
}

double idf_of_df(double df) {
  return std::log((kAds + 1) / (df + 1));
}

// Background document frequencies by key; forms sharing a key keep the highest count.
const std::unordered_map<std::string, double>& background() {
  static const auto table = [] {
    std::unordered_map<std::string, double> out;
    for_each_data_line(background_df_tsv(), [&](std::string_view line) {
      const auto tab = line.find('\t');
      if (tab == std::string_view::npos)
        throw std::logic_error("background_df.tsv: no TAB in " + std::string(line));
      const auto count = text::trim(line.substr(tab + 1));
      int df = 0;
      if (std::from_chars(count.data(), count.data() + count.size(), df).ec != std::errc{})
        throw std::logic_error("background_df.tsv: bad count in " + std::string(line));
      auto& slot = out[term_key(text::lower_ascii(text::trim(line.substr(0, tab))))];
      slot = std::max(slot, static_cast<double>(df));
    });
    return out;
  }();
  return table;
}

}  // namespace

std::vector<std::string_view> key_parts(std::string_view key) {
  return split(key, ' ');
}

std::string term_key(std::string_view surface) {
  std::string key;
  for (const auto part : split(surface, '-')) {
    if (!key.empty()) key.push_back(' ');
    const bool plain = part.find_first_of("./'+#") == std::string_view::npos;
    key += plain ? stem(part) : std::string(part);
  }
  return key;
}

std::string stem(std::string_view word) {
  thread_local const std::unique_ptr<sb_stemmer, StemmerDeleter> stemmer(
      sb_stemmer_new("english", nullptr));
  if (!stemmer) throw std::runtime_error("libstemmer has no English stemmer");
  const auto* out = sb_stemmer_stem(stemmer.get(), reinterpret_cast<const sb_symbol*>(word.data()),
                                    static_cast<int>(word.size()));
  if (out == nullptr) throw std::bad_alloc();
  return {reinterpret_cast<const char*>(out),
          static_cast<std::size_t>(sb_stemmer_length(stemmer.get()))};
}

std::vector<Term> terms_of(std::string_view s) {
  std::vector<Term> out;
  const auto words = text::words(s);
  for (std::size_t k = 0; k < words.size(); ++k) {
    const std::size_t start = words[k].offset;
    std::size_t end = start + words[k].text.size();
    // "on-call", "node.js", "ci/cd": words joined by one mark and no space are one term.
    while (k + 1 < words.size() && words[k + 1].offset == end + 1 && joiner(s[end])) {
      ++k;
      end = words[k].offset + words[k].text.size();
    }
    // "c++", "c#": the marks belong to the name.
    while (end < s.size() && (s[end] == '+' || s[end] == '#') && end - start <= 2) ++end;
    std::string surface = text::lower_ascii(s.substr(start, end - start));
    for (const std::string_view possessive : {"'s", "\xE2\x80\x99s"})
      if (surface.ends_with(possessive)) surface.resize(surface.size() - possessive.size());
    if (surface.size() < 2 || !has_letter(surface)) continue;
    const bool stop = all_stop_words(surface);
    std::string key = term_key(surface);
    out.push_back({std::move(surface), std::move(key), start, stop});
  }
  return out;
}

double idf(std::string_view key) {
  const auto& table = background();
  if (const auto it = table.find(std::string(key)); it != table.end()) return idf_of_df(it->second);
  if (key.find(' ') == std::string_view::npos) return idf_of_df(0);
  // A compound not listed: the mean of its parts.
  const auto& stops = stop_words();
  const auto parts = key_parts(key);
  double sum = 0;
  for (const auto part : parts) {
    const std::string p(part);
    const auto it = table.find(p);
    sum += stops.contains(p) ? 0.0 : idf_of_df(it == table.end() ? 0 : it->second);
  }
  return sum / static_cast<double>(parts.size());
}

}  // namespace tailor::analyze::matching
