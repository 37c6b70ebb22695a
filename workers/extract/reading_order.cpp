#include "workers/extract/reading_order.hpp"

#include <cmath>

namespace tailor::extract {

namespace {

const PageLayout* find_page(const Layout& layout, int page) {
  for (const auto& p : layout.pages) {
    if (p.number == page) return &p;
  }
  return nullptr;
}

// Runs of whitespace as one space, so a line break and a space compare equal.
std::string squeeze(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  out += ' ';
  for (char c : text) {
    const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == '\v';
    if (space) {
      if (out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  if (out.back() != ' ') out += ' ';
  return out;
}

}  // namespace

std::string column_order_text(const Layout& layout, int page) {
  // pdf_layout keeps the lines in this order already.
  std::string out;
  for (const auto& l : layout.lines) {
    if (l.page != page) continue;
    out += l.text;
    out += '\n';
  }
  return out;
}

int cross_column_joins(const Layout& layout, int page, std::string_view page_text) {
  const PageLayout* p = find_page(layout, page);
  if (p == nullptr || p->columns < 2) return 0;
  std::vector<const TextLine*> left, right;
  for (const auto& l : layout.lines) {
    if (l.page != page || l.header_footer || l.text.empty()) continue;
    if (l.x + l.width <= p->gutter) {
      left.push_back(&l);
    } else if (l.x >= p->gutter) {
      right.push_back(&l);
    }
  }
  const std::string text = squeeze(page_text);
  int joins = 0;
  for (const TextLine* a : left) {
    for (const TextLine* b : right) {
      const double mid_a = a->y + a->height / 2, mid_b = b->y + b->height / 2;
      if (std::abs(mid_a - mid_b) > std::min(a->height, b->height) / 2) continue;
      if (text.find(squeeze(a->text + ' ' + b->text)) != std::string::npos) ++joins;
    }
  }
  return joins;
}

std::string fix_reading_order(const Layout& layout, int page, std::string_view page_text) {
  if (cross_column_joins(layout, page, page_text) == 0) return std::string(page_text);
  return column_order_text(layout, page);
}

}  // namespace tailor::extract
