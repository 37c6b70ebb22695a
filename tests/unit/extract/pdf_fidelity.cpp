// tailor-extract-fidelity DIR: how closely extract_pdf agrees with pdftotext, and how fast.
// For every *.pdf under DIR it runs extract_pdf (in each poppler layout) and
// `pdftotext -q -enc UTF-8 FILE -`, and prints the word-count F1 between the two (words are
// whitespace-separated, compared as multisets) and the median milliseconds per document.
// A measurement, not a test: it needs poppler-utils and prints figures instead of failing.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <numeric>
#include <sstream>
#include <string>
#include <vector>

#include "workers/extract/pdf_text.hpp"

namespace {

using Clock = std::chrono::steady_clock;

std::string run_pdftotext(const std::string& path) {
  int fds[2];
  if (pipe(fds) != 0) return {};
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(fds[1], STDOUT_FILENO);
    close(fds[0]);
    close(fds[1]);
    execlp("pdftotext", "pdftotext", "-q", "-enc", "UTF-8", path.c_str(), "-",
           static_cast<char*>(nullptr));
    _exit(127);
  }
  close(fds[1]);
  std::string out;
  std::array<char, 65536> buf;
  ssize_t n = 0;
  while ((n = read(fds[0], buf.data(), buf.size())) > 0)
    out.append(buf.data(), static_cast<std::size_t>(n));
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  return out;
}

// Whitespace-separated words (n = 1), or adjacent word pairs (n = 2, which also checks order).
std::map<std::string, int> ngrams(const std::string& text, int n) {
  std::map<std::string, int> bag;
  std::istringstream in(text);
  std::string w, previous;
  bool first = true;
  while (in >> w) {
    if (n == 1) {
      ++bag[w];
    } else if (!first) {
      ++bag[previous + ' ' + w];
    }
    previous = w;
    first = false;
  }
  return bag;
}

double f1(const std::string& got, const std::string& want, int n) {
  const auto a = ngrams(got, n);
  const auto b = ngrams(want, n);
  long total_a = 0, total_b = 0, common = 0;
  for (const auto& [w, count] : a) total_a += count;
  for (const auto& [w, count] : b) total_b += count;
  for (const auto& [w, count] : a) {
    if (auto it = b.find(w); it != b.end()) common += std::min(count, it->second);
  }
  if (total_a == 0 && total_b == 0) return 1.0;
  if (common == 0) return 0.0;
  const double precision = static_cast<double>(common) / total_a;
  const double recall = static_cast<double>(common) / total_b;
  return 2 * precision * recall / (precision + recall);
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

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s DIR\n", argv[0]);
    return 2;
  }
  std::vector<std::string> pdfs;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(argv[1])) {
    if (entry.is_regular_file() && entry.path().extension() == ".pdf") pdfs.push_back(entry.path());
  }
  std::sort(pdfs.begin(), pdfs.end());

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
      l.f1.push_back(f1(got->text, reference, 1));
      l.bigram_f1.push_back(f1(got->text, reference, 2));
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
