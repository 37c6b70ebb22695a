// tailor-extract-fidelity DIR: how closely extract_pdf agrees with pdftotext, and how fast.
// For every *.pdf under DIR it runs extract_pdf (in each poppler layout) and
// `pdftotext -q -enc UTF-8 FILE -`, and prints the word-count F1 between the two (words are
// whitespace-separated, compared as multisets, after canonical() on both) and the median
// milliseconds per document.
// A measurement, not a test: it needs poppler-utils and prints figures instead of failing.
//
// tailor-extract-fidelity --ocr DIR: the OCR path instead. Every page of every PDF is rendered
// to a 300 dpi gray PNG (as a user's scan or export would be uploaded) and read back with
// extract_image; it prints the word F1 of the pages' text against pdftotext's, for all tokens
// and for words (tokens with a letter or digit: OCR cannot tell the bullets •, ·, ▪ apart), the
// median seconds per page, and the peak RSS. Both texts are first freed of typographic variants
// that print alike (see canonical()). Run it with OMP_THREAD_LIMIT=1 in the environment.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <numeric>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <sys/resource.h>

#include "tests/unit/extract/text_compare.hpp"
#include "workers/extract/image_text.hpp"
#include "workers/extract/ocr.hpp"
#include "workers/extract/pdf_render.hpp"
#include "workers/extract/pdf_text.hpp"

namespace {

using namespace tailor::testing;

using Clock = std::chrono::steady_clock;

// Tokens with at least one ASCII letter or digit, or any non-ASCII letter byte (UTF-8 lead
// bytes of é, ü, ...); bullets and dashes alone are not words.
bool is_word(const std::string& token) {
  for (unsigned char c : token) {
    if (std::isalnum(c) || (c >= 0xC3 && c <= 0xC5)) return true;
  }
  return false;
}

// Typographic variants that print alike, so neither side is scored for choosing one: no-break
// space (some Word exports put one before every word), soft hyphen (PDFs draw it: TeX fonts
// map their hyphen to U+00AD), Unicode hyphens, curly quotes, the fi/fl ligatures, bullet
// shapes. Tailor's normalization makes these choices; pdftotext leaves them as drawn.
std::string canonical(std::string text) {
  static const std::pair<std::string_view, std::string_view> kMap[] = {
      {"\u00A0", " "},  {"\u00AD", "-"},  {"\u2010", "-"},  {"\u2011", "-"},  {"\u2018", "'"},
      {"\u2019", "'"},  {"\u201C", "\""}, {"\u201D", "\""}, {"\uFB01", "fi"}, {"\uFB02", "fl"},
      {"\u25CF", "\u2022"}, {"\u25AA", "\u2022"}, {"\u25E6", "\u2022"}, {"\u2023", "\u2022"},
      {"\u2219", "\u2022"}, {"\u25BA", "\u2022"}, {"\uF0B7", "\u2022"}, {"\uF0A7", "\u2022"}};
  for (const auto& [from, to] : kMap) {
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at)) {
      text.replace(at, from.size(), to);
      at += to.size();
    }
  }
  return text;
}

std::string ascii_lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

Overlap word_counts(const std::string& got, const std::string& want, bool words_only,
                   bool fold_case = false) {
  auto a = ngrams(fold_case ? ascii_lower(canonical(got)) : canonical(got), 1);
  auto b = ngrams(fold_case ? ascii_lower(canonical(want)) : canonical(want), 1);
  if (words_only) {
    std::erase_if(a, [](const auto& kv) { return !is_word(kv.first); });
    std::erase_if(b, [](const auto& kv) { return !is_word(kv.first); });
  }
  return overlap(a, b);
}

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const std::size_t mid = v.size() / 2;
  return v.size() % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

long peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

std::vector<std::string> find_pdfs(const char* dir) {
  std::vector<std::string> pdfs;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".pdf") pdfs.push_back(entry.path());
  }
  std::sort(pdfs.begin(), pdfs.end());
  return pdfs;
}

int run_ocr(const char* dir) {
  namespace fs = std::filesystem;
  const auto pdfs = find_pdfs(dir);
  const fs::path scratch =
      fs::temp_directory_path() / ("tailor-ocr-fidelity-" + std::to_string(getpid()));
  fs::create_directories(scratch);
  const tailor::extract::ExtractLimits limits;
  std::printf("OpenMP thread limit: %d (want 1: run with OMP_THREAD_LIMIT=1)\n",
              tailor::extract::openmp_thread_limit());
  std::printf("peak RSS before OCR: %ld MB\n", peak_rss_mb());
  std::printf("%-66s %5s %8s %8s %8s %7s %6s\n", "file", "pages", "tokenF1", "wordF1", "foldedF1",
              "s/page", "conf");
  Overlap all_tokens, all_words, all_folded;
  std::vector<double> seconds, doc_word_f1, doc_folded_f1;
  int failures = 0;
  for (const auto& path : pdfs) {
    const std::string reference = run_pdftotext(path);
    auto pngs = tailor::extract::render_pdf_to_pngs(path, scratch.string());
    if (!pngs) {
      ++failures;
      std::fprintf(stderr, "%s: %s\n", path.c_str(), pngs.error().message.c_str());
      continue;
    }
    std::string text;
    double doc_seconds = 0, confidence = 0;
    for (const auto& png : *pngs) {
      const auto start = Clock::now();
      auto got = tailor::extract::extract_image(png, tailor::files::MediaType::png, limits);
      const double s = ms_since(start) / 1000;
      seconds.push_back(s);
      doc_seconds += s;
      if (!got) {
        ++failures;
        std::fprintf(stderr, "%s: %s\n", png.c_str(), got.error().message.c_str());
      } else {
        confidence += got->pages.at(0).confidence.value_or(0);
        if (!text.empty()) text += '\f';
        text += got->text;
      }
      fs::remove(png);
    }
    const Overlap tokens = word_counts(text, reference, false);
    const Overlap words = word_counts(text, reference, true);
    // Case folded: small capitals (LaTeX section titles) look upper-case to any reader.
    const Overlap folded = word_counts(text, reference, true, true);
    for (auto [sum, c] : {std::pair{&all_tokens, tokens}, std::pair{&all_words, words},
                          std::pair{&all_folded, folded}}) {
      sum->got += c.got;
      sum->want += c.want;
      sum->common += c.common;
    }
    doc_word_f1.push_back(words.f1());
    doc_folded_f1.push_back(folded.f1());
    const auto n = static_cast<double>(pngs->size());
    std::printf("%-66s %5zu %8.4f %8.4f %8.4f %7.2f %6.1f\n", fs::relative(path, dir).c_str(),
                pngs->size(), tokens.f1(), words.f1(), folded.f1(), doc_seconds / n,
                confidence / n);
    std::fflush(stdout);
  }
  fs::remove_all(scratch);
  std::printf("\n%zu PDFs, %zu pages, %d failures\n", pdfs.size(), seconds.size(), failures);
  const auto low = [](const std::vector<double>& v) {
    return v.empty() ? 0 : *std::min_element(v.begin(), v.end());
  };
  std::printf(
      "OCR token F1 overall %.4f | word F1 overall %.4f, per-PDF min %.4f | "
      "case-folded word F1 overall %.4f, per-PDF min %.4f\n",
      all_tokens.f1(), all_words.f1(), low(doc_word_f1), all_folded.f1(), low(doc_folded_f1));
  std::printf("OCR seconds per page: median %.2f, max %.2f (PNG decode + OCR, 300 dpi)\n",
              median(seconds),
              seconds.empty() ? 0 : *std::max_element(seconds.begin(), seconds.end()));
  std::printf("peak RSS: %ld MB\n", peak_rss_mb());
  return failures == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 3 && std::string(argv[1]) == "--ocr") return run_ocr(argv[2]);
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s [--ocr] DIR\n", argv[0]);
    return 2;
  }
  const std::vector<std::string> pdfs = find_pdfs(argv[1]);

  struct Layout {
    const char* name;
    tailor::extract::PdfLayout layout;
    std::vector<double> f1;
    std::vector<double> bigram_f1;
    std::vector<double> ms;
  };
  std::vector<Layout> layouts{{"reading", tailor::extract::PdfLayout::reading_order, {}, {}, {}},
                              {"physical", tailor::extract::PdfLayout::physical, {}, {}, {}},
                              {"raw", tailor::extract::PdfLayout::raw, {}, {}, {}}};
  std::vector<double> pdftotext_ms;
  int failures = 0;
  const tailor::extract::ExtractLimits limits;

  std::printf("word F1 / word-pair F1 against pdftotext\n");
  std::printf("%-66s %13s %13s %13s\n", "file", "reading", "physical", "raw");
  for (const auto& path : pdfs) {
    auto start = Clock::now();
    const std::string reference = run_pdftotext(path);
    pdftotext_ms.push_back(ms_since(start));
    std::printf("%-66s", std::filesystem::relative(path, argv[1]).c_str());
    for (auto& l : layouts) {
      start = Clock::now();
      auto got = tailor::extract::extract_pdf(path, limits, l.layout);
      l.ms.push_back(ms_since(start));
      if (!got) {
        ++failures;
        std::printf(" %13s", "FAIL");
        std::fprintf(stderr, "%s: %s\n", path.c_str(), got.error().message.c_str());
        l.f1.push_back(0);
        l.bigram_f1.push_back(0);
        continue;
      }
      l.f1.push_back(f1(canonical(got->text), canonical(reference), 1));
      l.bigram_f1.push_back(f1(canonical(got->text), canonical(reference), 2));
      std::printf(" %6.4f/%6.4f", l.f1.back(), l.bigram_f1.back());
    }
    std::printf("\n");
  }

  std::printf("\n%zu PDFs\n", pdfs.size());
  const auto mean = [](const std::vector<double>& v) {
    return v.empty() ? 0 : std::accumulate(v.begin(), v.end(), 0.0) / v.size();
  };
  const auto low = [](const std::vector<double>& v) {
    return v.empty() ? 0 : *std::min_element(v.begin(), v.end());
  };
  for (const auto& l : layouts) {
    std::printf(
        "extract_pdf %-9s word F1 mean %.4f min %.4f | pair F1 mean %.4f min %.4f | "
        "median %.2f ms/doc\n",
        l.name, mean(l.f1), low(l.f1), mean(l.bigram_f1), low(l.bigram_f1), median(l.ms));
  }
  std::printf("pdftotext (process)   median %.2f ms/doc\n", median(pdftotext_ms));
  return failures == 0 ? 0 : 1;
}
