#pragma once
// Comparing extracted text with pdftotext's, for the measurement tools (tailor-extract-fidelity,
// tailor-layout-probe): words as multisets, or adjacent word pairs, which also check order.
#include <map>
#include <string>

namespace tailor::testing {

// `pdftotext -q -enc UTF-8 FILE -`; "" when it cannot run.
std::string run_pdftotext(const std::string& path);

// Whitespace-separated words (n = 1), or adjacent word pairs (n = 2).
std::map<std::string, int> ngrams(const std::string& text, int n);

struct Overlap {
  long got = 0;
  long want = 0;
  long common = 0;
  double f1() const;
};
Overlap overlap(const std::map<std::string, int>& got, const std::map<std::string, int>& want);

// F1 of the n-grams of `got` against those of `want`.
double f1(const std::string& got, const std::string& want, int n);

}  // namespace tailor::testing
