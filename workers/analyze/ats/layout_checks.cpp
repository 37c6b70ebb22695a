// ATS checks on how the file was made: scanned pages, columns, tables, contact details in the
// header or footer, length, unmapped glyphs, tiny type.
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <algorithm>
#include <string>

#include "workers/analyze/ats/flags.hpp"
#include "workers/analyze/text/text.hpp"

namespace tailor::analyze::ats {
namespace {

constexpr int kMaxPages = 2;
constexpr double kMinFontSize = 9.0;  // points
// A header/footer run with this many digits (and only phone punctuation between) is a phone.
constexpr int kPhoneDigits = 10;

int page_count(const Document& d) {
  return d.page_count > 0 ? d.page_count : d.layout.page_count;
}

std::string digits_of(std::string_view s) {
  std::string out;
  for (const char c : s)
    if (c >= '0' && c <= '9') out.push_back(c);
  return out;
}

bool has_email(std::string_view line) {
  const auto at = line.find('@');
  if (at == std::string_view::npos || at == 0 ||
      !text::is_word_byte(static_cast<unsigned char>(line[at - 1])))
    return false;
  const auto rest = line.substr(at + 1);
  const auto dot = rest.find('.');
  return dot != std::string_view::npos && dot > 0 && dot + 1 < rest.size();
}

bool has_phone_run(std::string_view line) {
  int digits = 0;
  for (const char c : line) {
    if (c >= '0' && c <= '9')
      ++digits;
    else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')' && c != '+')
      digits = 0;
    if (digits >= kPhoneDigits) return true;
  }
  return false;
}

// The header/footer line that holds the résumé's e-mail or phone (or one that looks like
// either), "" when none does.
std::string contact_line(const std::string& header_footer, const Basics& basics) {
  const auto email = text::lower_ascii(basics.email);
  const auto phone = digits_of(basics.phone);
  for (const auto line : text::split_lines(header_footer)) {
    const auto lower = text::lower_ascii(line);
    if (!email.empty() && lower.find(email) != std::string::npos) return std::string(line);
    if (phone.size() >= 7 && digits_of(line).find(phone) != std::string::npos)
      return std::string(line);
    if (has_email(line) || has_phone_run(line)) return std::string(line);
  }
  return {};
}

void check_image_only(const Document& d, std::vector<AtsFlag>& flags) {
  const int pages = page_count(d);
  std::string evidence;
  if (d.method == "ocr")
    evidence = fmt::format("{} page(s) read by OCR: the file has no text layer", pages);
  else if (pages > 0 && text::trim(d.text).empty())
    evidence = fmt::format("no text on {} page(s)", pages);
  if (evidence.empty()) return;
  flags.push_back(make_flag("image_only_pdf",
                            "The résumé is an image: most ATS read no text from it.",
                            std::move(evidence),
                            "Export the résumé from the word processor as a PDF with real text "
                            "(\"Save as PDF\"), not as a scan or a picture."));
}

void check_columns(const Document& d, std::vector<AtsFlag>& flags) {
  std::vector<std::string> pages;
  for (const auto& p : d.layout.pages)
    if (p.columns > 1) pages.push_back(fmt::format("page {}: {} columns", p.number, p.columns));
  if (pages.empty()) return;
  flags.push_back(make_flag("multiple_columns",
                            "The layout has more than one column: an ATS may read across the "
                            "columns and mix sections.",
                            fmt::format("{}", fmt::join(pages, "; ")),
                            "Use a single column; move a sidebar's contact and skills into the "
                            "main flow."));
}

void check_tables(const Document& d, std::vector<AtsFlag>& flags) {
  const auto& tables = d.layout.tables;
  if (tables.empty()) return;
  std::vector<std::string> shapes;
  for (const auto& t : tables) {
    if (shapes.size() == 3) break;
    shapes.push_back(t.page > 0 ? fmt::format("page {}: {}×{}", t.page, t.rows, t.columns)
                                : fmt::format("{}×{}", t.rows, t.columns));
  }
  flags.push_back(make_flag("tables",
                            "The résumé uses tables: many ATS skip or scramble table cells.",
                            fmt::format("{} table(s) ({})", tables.size(), fmt::join(shapes, "; ")),
                            "Replace tables with plain lines of text and tab stops."));
}

void check_header_footer(const Document& d, const ParsedResume& r, std::vector<AtsFlag>& flags) {
  auto line = contact_line(d.layout.header_footer_text, r.resume.basics);
  if (line.empty()) return;
  flags.push_back(
      make_flag("contact_in_header_footer",
                "Contact details sit in the page header or footer, which many ATS ignore.",
                quote(line), "Put the e-mail and phone number in the body, under the name."));
}

void check_length(const Document& d, std::vector<AtsFlag>& flags) {
  const int pages = page_count(d);
  if (pages <= kMaxPages) return;
  flags.push_back(make_flag("too_long", "The résumé is longer than two pages.",
                            fmt::format("{} pages", pages),
                            "Cut it to one or two pages: keep the last ten years and the bullets "
                            "that match the job."));
}

void check_glyphs(const Document& d, std::vector<AtsFlag>& flags) {
  if (d.unmapped_glyphs <= 0) return;
  flags.push_back(make_flag(
      "unmapped_glyphs", "Some characters have no Unicode meaning: an ATS reads them as garbage.",
      fmt::format("{} character(s)", d.unmapped_glyphs),
      "Use a standard font (Arial, Calibri, Georgia, …) and export the PDF again."));
}

void check_font_size(const Document& d, std::vector<AtsFlag>& flags) {
  int small = 0;
  double smallest = kMinFontSize;
  for (const auto& l : d.layout.lines) {
    if (l.size <= 0 || l.size >= kMinFontSize || text::trim(l.text).empty()) continue;
    ++small;
    smallest = std::min(smallest, l.size);
  }
  if (small == 0) return;
  flags.push_back(make_flag("tiny_font",
                            "Some text is set smaller than 9 pt, hard to read and to OCR.",
                            fmt::format("{} line(s) under 9 pt, smallest {:g} pt", small, smallest),
                            "Set body text at 10–12 pt and nothing under 9 pt."));
}

}  // namespace

void check_layout(const Document& document, const ParsedResume& resume,
                  std::vector<AtsFlag>& flags) {
  check_image_only(document, flags);
  check_columns(document, flags);
  check_tables(document, flags);
  check_header_footer(document, resume, flags);
  check_length(document, flags);
  check_glyphs(document, flags);
  check_font_size(document, flags);
}

}  // namespace tailor::analyze::ats
