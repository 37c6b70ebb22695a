// tailor-layout-probe DIR [-v]: what pdf_layout finds in every *.pdf under DIR (pages, columns,
// tables, header/footer lines, fonts, images), and on two-column pages whether poppler's
// reading order (extract_pdf) reads across the columns. For every PDF with a two-column page
// it prints the word-pair F1 against `pdftotext` of poppler's order and of the column order
// (column_order_text), and the same against the column order as reference. A measurement,
// not a test: it needs poppler-utils and prints figures instead of failing.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "tests/unit/extract/text_compare.hpp"
#include "workers/extract/layout_pdf.hpp"
#include "workers/extract/pdf_text.hpp"
#include "workers/extract/reading_order.hpp"

namespace {

using namespace tailor::testing;

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s DIR [-v]\n", argv[0]);
    return 2;
  }
  const bool verbose = argc > 2 && std::strcmp(argv[2], "-v") == 0;
  std::vector<std::string> pdfs;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(argv[1])) {
    if (entry.is_regular_file() && entry.path().extension() == ".pdf") pdfs.push_back(entry.path());
  }
  std::sort(pdfs.begin(), pdfs.end());
  const tailor::extract::ExtractLimits limits;
  std::vector<double> ms;
  std::printf("%-58s %5s %-7s %4s %4s %3s %5s %s\n", "file", "pages", "columns", "tbls", "imgs",
              "hf", "fonts",
              "two-column: joins | pair F1 vs pdftotext poppler/column | "
              "poppler vs column");
  for (const auto& path : pdfs) {
    const auto start = std::chrono::steady_clock::now();
    auto layout = tailor::extract::pdf_layout(path, limits);
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                     .count());
    const std::string name = std::filesystem::relative(path, argv[1]).string();
    if (!layout) {
      std::printf("%-58s FAIL %s\n", name.c_str(), layout.error().message.c_str());
      continue;
    }
    std::string columns;
    bool two = false;
    for (const auto& p : layout->pages) {
      columns += std::to_string(p.columns);
      two = two || p.columns == 2;
    }
    int embedded = 0;
    for (const auto& f : layout->fonts) embedded += f.embedded ? 1 : 0;
    std::printf("%-58s %5d %-7s %4zu %4d %3s %2d/%-2zu", name.c_str(), layout->page_count,
                columns.c_str(), layout->tables.size(), layout->images,
                layout->header_footer_text.empty() ? "-" : "yes", embedded, layout->fonts.size());
    if (two) {
      auto poppler = tailor::extract::extract_pdf(path, limits);
      const std::string reference = run_pdftotext(path);
      std::string poppler_text, column_text, fixed_text;
      int joins = 0;
      for (const auto& page : poppler ? poppler->pages : decltype(poppler->pages){}) {
        joins += tailor::extract::cross_column_joins(*layout, page.number, page.text);
        poppler_text += page.text + "\f";
        column_text += tailor::extract::column_order_text(*layout, page.number) + "\f";
        fixed_text += tailor::extract::fix_reading_order(*layout, page.number, page.text) + "\f";
      }
      std::printf("  joins %d | %.4f/%.4f | %.4f | word F1 column vs pdftotext %.4f", joins,
                  f1(poppler_text, reference, 2), f1(column_text, reference, 2),
                  f1(poppler_text, column_text, 2), f1(column_text, reference, 1));
      if (verbose) {
        std::printf("\n----- column order -----\n%s\n----- poppler -----\n%s\n",
                    column_text.c_str(), poppler_text.c_str());
      }
    }
    std::printf("\n");
    if (verbose) {
      for (const auto& t : layout->tables)
        std::printf("  table p%d %dx%d\n", t.page, t.rows, t.columns);
      if (!layout->header_footer_text.empty())
        std::printf("  header/footer: %s\n", layout->header_footer_text.c_str());
    }
  }
  std::sort(ms.begin(), ms.end());
  if (!ms.empty()) std::printf("\nmedian pdf_layout %.2f ms/doc\n", ms[ms.size() / 2]);
  return 0;
}
