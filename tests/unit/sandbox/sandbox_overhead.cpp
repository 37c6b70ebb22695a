// tailor-extract-sandbox-overhead DIR [ROUNDS]: what reading in the sandbox costs per document.
// For every *.pdf under DIR it times extract_file() in-process and extract_sandboxed() through
// tailor-extract-child (fork, exec, the child's own start-up, JSON both ways), ROUNDS times
// each (default 3, the first round discarded as warm-up), and prints the median milliseconds
// per document of both and of their difference. A measurement, not a test.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "workers/extract/extract_file.hpp"
#include "workers/extract/sandbox.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: tailor-extract-sandbox-overhead DIR [ROUNDS]\n");
    return 64;
  }
  const int rounds = argc > 2 ? std::max(2, std::atoi(argv[2])) : 3;
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(argv[1])) {
    if (e.is_regular_file() && e.path().extension() == ".pdf") files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());

  const tailor::extract::ExtractLimits limits;
  const tailor::extract::SandboxLimits sandbox;
  std::vector<double> inside, sandboxed, overhead;
  int failures = 0;
  for (const auto& f : files) {
    std::vector<double> a, b;
    for (int round = 0; round < rounds; ++round) {
      auto t0 = Clock::now();
      auto x = tailor::extract::extract_file(f, tailor::files::MediaType::pdf, limits);
      const double in_ms = ms_since(t0);
      t0 = Clock::now();
      auto y = tailor::extract::extract_sandboxed(TAILOR_EXTRACT_CHILD, f,
                                                  tailor::files::MediaType::pdf, limits, sandbox);
      const double out_ms = ms_since(t0);
      if (x.has_value() != y.has_value() || (x && x->text != y->text)) ++failures;
      if (round == 0) continue;  // warm-up: page cache, first use of the fonts
      a.push_back(in_ms);
      b.push_back(out_ms);
    }
    inside.push_back(median(a));
    sandboxed.push_back(median(b));
    overhead.push_back(median(b) - median(a));
  }
  std::printf("%zu PDFs, %d timed rounds each\n", files.size(), rounds - 1);
  std::printf(
      "median ms per document: in-process %.2f, sandboxed %.2f, overhead %.2f (max overhead "
      "%.2f)\n",
      median(inside), median(sandboxed), median(overhead),
      overhead.empty() ? 0.0 : *std::max_element(overhead.begin(), overhead.end()));
  std::printf("results that differ between in-process and sandboxed: %d\n", failures);
  return failures == 0 ? 0 : 1;
}
