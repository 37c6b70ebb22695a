#include "workers/extract/layout_pdf.hpp"

#include <fmt/format.h>
#include <poppler-document.h>
#include <poppler-font.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <set>
#include <sstream>

#include "common/files/utf8.hpp"
#include "workers/extract/normalize.hpp"

namespace tailor::extract {

namespace {

// A word (poppler text box) on a page.
struct Word {
  double x0{}, y0{}, x1{}, y1{};
  std::string text;
  std::string font;
  double size{};
  bool space_after{};
};

// Words on one baseline, split where the gap is wider than kSplitGap font sizes: wider than
// any word space, narrower than any column gutter.
constexpr double kSplitGap = 1.0;
// A line in the top or bottom kMarginFraction of a page may be a running header or footer.
constexpr double kMarginFraction = 0.15;
constexpr double kRepeatTolerance = 12;  // points between the y of repeated lines
constexpr double kAlignTolerance = 3;    // points between aligned cell edges
constexpr int kMinTableRows = 3;
constexpr std::size_t kMinOwnLines = 2;  // lines per column with nothing beside them
constexpr int kMinTableColumns = 3;

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// "ABCDEF+Calibri-Bold" → "Calibri-Bold" (the subset tag is six capitals and a plus).
std::string strip_subset(std::string name) {
  if (name.size() > 7 && name[6] == '+' &&
      std::all_of(name.begin(), name.begin() + 6, [](char c) { return c >= 'A' && c <= 'Z'; })) {
    name.erase(0, 7);
  }
  return name;
}

bool has_any(const std::string& haystack, std::initializer_list<std::string_view> needles) {
  return std::any_of(needles.begin(), needles.end(),
                     [&](std::string_view n) { return haystack.find(n) != std::string::npos; });
}

// From the font name, the only signal a PDF gives: "Arial-BoldMT", "Lato-Black", "CMBX10".
bool bold_font(const std::string& font) {
  const std::string f = lower(font);
  return has_any(f, {"bold", "black", "heavy", "semibold", "demi", "extrabold", "ultra"}) ||
         f.starts_with("cmbx") || f.starts_with("cmb10") || f.starts_with("sfbx") ||
         f.ends_with(",bold") || f.ends_with("-bd");
}

bool italic_font(const std::string& font) {
  const std::string f = lower(font);
  return has_any(f, {"italic", "oblique", "slanted"}) || f.starts_with("cmti") ||
         f.starts_with("cmsl") || f.starts_with("sfti") || f.ends_with("-it") ||
         f.ends_with("-bi") || f.ends_with(",italic") || f.ends_with(",bolditalic");
}

const char* font_type(poppler::font_info::type_enum t) {
  switch (t) {
    case poppler::font_info::type1:
      return "type1";
    case poppler::font_info::type1c:
      return "type1c";
    case poppler::font_info::type1c_ot:
      return "type1c_ot";
    case poppler::font_info::type3:
      return "type3";
    case poppler::font_info::truetype:
      return "truetype";
    case poppler::font_info::truetype_ot:
      return "truetype_ot";
    case poppler::font_info::cid_type0:
      return "cid_type0";
    case poppler::font_info::cid_type0c:
      return "cid_type0c";
    case poppler::font_info::cid_type0c_ot:
      return "cid_type0c_ot";
    case poppler::font_info::cid_truetype:
      return "cid_truetype";
    case poppler::font_info::cid_truetype_ot:
      return "cid_truetype_ot";
    case poppler::font_info::unknown:
      break;
  }
  return "unknown";
}

std::vector<Word> page_words(const poppler::page& page) {
  std::vector<Word> words;
  for (const auto& box : page.text_list(poppler::page::text_list_include_font)) {
    const poppler::byte_array utf8 = box.text().to_utf8();
    std::string text = files::to_valid_utf8(std::string_view(utf8.data(), utf8.size()));
    if (text.find_first_not_of(" \t\n") == std::string::npos) continue;
    const poppler::rectf r = box.bbox();
    Word w;
    w.x0 = r.left();
    w.y0 = r.top();
    w.x1 = r.right();
    w.y1 = r.bottom();
    w.text = std::move(text);
    if (box.has_font_info()) {
      w.font = strip_subset(box.get_font_name(0));
      w.size = box.get_font_size();
    }
    w.space_after = box.has_space_after();
    words.push_back(std::move(w));
  }
  return words;
}

// A line under construction, with the row it sits in (lines of one row share a baseline).
struct RawLine {
  TextLine line;
  int row{};
};

TextLine make_line(int page, const std::vector<const Word*>& words) {
  TextLine line;
  line.page = page;
  double x0 = words.front()->x0, y0 = words.front()->y0, x1 = words.front()->x1,
         y1 = words.front()->y1;
  std::map<std::string, std::size_t> chars_by_font;
  std::map<std::string, double> size_by_font;
  std::size_t bold_chars = 0, italic_chars = 0, total = 0;
  std::string text;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const Word& w = *words[i];
    x0 = std::min(x0, w.x0);
    y0 = std::min(y0, w.y0);
    x1 = std::max(x1, w.x1);
    y1 = std::max(y1, w.y1);
    if (i != 0) {
      // poppler splits words at font changes too ("Skills:" bold, then regular): keep those
      // joined when the boxes touch.
      const Word& prev = *words[i - 1];
      if (prev.space_after || w.x0 - prev.x1 > 0.15 * std::max(w.size, 1.0)) text += ' ';
    }
    text += w.text;
    chars_by_font[w.font] += w.text.size();
    size_by_font[w.font] = w.size;
    if (bold_font(w.font)) bold_chars += w.text.size();
    if (italic_font(w.font)) italic_chars += w.text.size();
    total += w.text.size();
  }
  const auto main_font =
      std::max_element(chars_by_font.begin(), chars_by_font.end(),
                       [](const auto& a, const auto& b) { return a.second < b.second; });
  line.x = x0;
  line.y = y0;
  line.width = x1 - x0;
  line.height = y1 - y0;
  line.text = normalize_text(text).text;
  line.font = main_font->first;
  line.size = size_by_font[main_font->first];
  line.bold = 2 * bold_chars >= total;
  line.italic = 2 * italic_chars >= total;
  return line;
}

// Words into rows (same baseline) and rows into lines (split at wide gaps).
std::vector<RawLine> page_lines(int page, std::vector<Word> words, int& next_row) {
  std::vector<RawLine> lines;
  std::stable_sort(words.begin(), words.end(),
                   [](const Word& a, const Word& b) { return (a.y0 + a.y1) < (b.y0 + b.y1); });
  std::size_t i = 0;
  while (i < words.size()) {
    // A row: words whose vertical middle falls inside the first word's box.
    const double top = words[i].y0, bottom = words[i].y1;
    std::size_t end = i + 1;
    while (end < words.size() && (words[end].y0 + words[end].y1) / 2 <= bottom &&
           (words[end].y0 + words[end].y1) / 2 >= top)
      ++end;
    std::vector<const Word*> row;
    for (std::size_t k = i; k < end; ++k) row.push_back(&words[k]);
    std::sort(row.begin(), row.end(), [](const Word* a, const Word* b) { return a->x0 < b->x0; });
    const int row_id = next_row++;
    std::vector<const Word*> current;
    for (const Word* w : row) {
      if (!current.empty()) {
        const double em = std::max({w->size, current.back()->size, w->y1 - w->y0, 1.0});
        if (w->x0 - current.back()->x1 > kSplitGap * em) {
          lines.push_back({make_line(page, current), row_id});
          current.clear();
        }
      }
      current.push_back(w);
    }
    if (!current.empty()) lines.push_back({make_line(page, current), row_id});
    i = end;
  }
  return lines;
}

std::string repeat_key(std::string_view text) {
  std::string key;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      if (key.empty() || key.back() != '#') key += '#';
    } else {
      key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return key;
}

// Lines at the top or bottom of a page repeated on another page at about the same height.
void mark_headers_footers(std::vector<RawLine>& lines, const std::vector<PageLayout>& pages,
                          Layout& layout) {
  if (pages.size() < 2) return;
  const auto page_height = [&](int number) { return pages[number - 1].height; };
  struct Candidate {
    RawLine* line{};
    std::string key;
    bool top{};
    double offset{};  // from the top (top) or the bottom (bottom) edge
  };
  std::vector<Candidate> candidates;
  for (auto& l : lines) {
    const double h = page_height(l.line.page);
    if (h <= 0) continue;
    const double bottom_offset = h - (l.line.y + l.line.height);
    if (l.line.y + l.line.height <= kMarginFraction * h) {
      candidates.push_back({&l, repeat_key(l.line.text), true, l.line.y});
    } else if (l.line.y >= (1 - kMarginFraction) * h) {
      candidates.push_back({&l, repeat_key(l.line.text), false, bottom_offset});
    }
  }
  std::vector<std::string> texts;
  for (std::size_t a = 0; a < candidates.size(); ++a) {
    for (std::size_t b = a + 1; b < candidates.size(); ++b) {
      const Candidate& x = candidates[a];
      const Candidate& y = candidates[b];
      if (x.line->line.page == y.line->line.page || x.top != y.top || x.key != y.key) continue;
      if (std::abs(x.offset - y.offset) > kRepeatTolerance) continue;
      for (const Candidate* c : {&x, &y}) {
        if (c->line->line.header_footer) continue;
        c->line->line.header_footer = true;
        if (std::find(texts.begin(), texts.end(), c->line->line.text) == texts.end() &&
            std::none_of(texts.begin(), texts.end(),
                         [&](const std::string& t) { return repeat_key(t) == c->key; }))
          texts.push_back(c->line->line.text);
      }
    }
  }
  for (const auto& t : texts) {
    if (!layout.header_footer_text.empty()) layout.header_footer_text += '\n';
    layout.header_footer_text += t;
  }
}

// A gutter: an x that no line crosses over the part of the page where both sides have text,
// with at least three lines on each side there, covering a third of the text's height.
void find_columns(std::vector<RawLine*>& lines, PageLayout& page) {
  page.columns = 1;
  page.gutter = 0;
  if (lines.size() < 6) return;
  double left_edge = 1e9, right_edge = -1e9, top = 1e9, bottom = -1e9;
  for (const RawLine* l : lines) {
    left_edge = std::min(left_edge, l->line.x);
    right_edge = std::max(right_edge, l->line.x + l->line.width);
    top = std::min(top, l->line.y);
    bottom = std::max(bottom, l->line.y + l->line.height);
  }
  const double text_height = bottom - top;
  if (text_height <= 0) return;
  std::size_t best_count = 0;
  double run_start = -1, run_end = -1;
  for (double x = std::floor(left_edge) + 1; x < right_edge; x += 1) {
    double l_top = 1e9, l_bottom = -1e9, r_top = 1e9, r_bottom = -1e9;
    for (const RawLine* l : lines) {
      const double x0 = l->line.x, x1 = l->line.x + l->line.width;
      if (x1 <= x) {
        l_top = std::min(l_top, l->line.y);
        l_bottom = std::max(l_bottom, l->line.y + l->line.height);
      } else if (x0 >= x) {
        r_top = std::min(r_top, l->line.y);
        r_bottom = std::max(r_bottom, l->line.y + l->line.height);
      }
    }
    const double region_top = std::max(l_top, r_top), region_bottom = std::min(l_bottom, r_bottom);
    std::size_t left = 0, right = 0, crossing = 0;
    if (region_bottom - region_top >= text_height / 3) {
      for (const RawLine* l : lines) {
        const double mid = l->line.y + l->line.height / 2;
        if (mid < region_top || mid > region_bottom) continue;
        const double x0 = l->line.x, x1 = l->line.x + l->line.width;
        if (x1 <= x) {
          ++left;
        } else if (x0 >= x) {
          ++right;
        } else {
          ++crossing;
        }
      }
    }
    const bool valid = left >= 3 && right >= 3 && crossing == 0;
    if (valid && left + right > best_count) {
      best_count = left + right;
      run_start = run_end = x;
    } else if (valid && left + right == best_count && x == run_end + 1) {
      run_end = x;
    }
  }
  if (best_count == 0) return;
  page.columns = 2;
  page.gutter = (run_start + run_end) / 2;
  // A flush-right date column beside job titles is not a column: every one of its lines sits
  // on a row with text on the other side. Real columns each have lines of their own.
  std::size_t alone_left = 0, alone_right = 0;
  for (const RawLine* a : lines) {
    const bool left = a->line.x + a->line.width <= page.gutter;
    const bool right = a->line.x >= page.gutter;
    const bool partnered = std::any_of(lines.begin(), lines.end(), [&](const RawLine* b) {
      return b->row == a->row &&
             (left ? b->line.x >= page.gutter : b->line.x + b->line.width <= page.gutter);
    });
    if (partnered) continue;
    if (left) ++alone_left;
    if (right) ++alone_right;
  }
  if (alone_left < kMinOwnLines || alone_right < kMinOwnLines) {
    page.columns = 1;
    page.gutter = 0;
  }
}

bool crosses(const TextLine& l, double gutter) {
  return l.x < gutter && l.x + l.width > gutter;
}

// Reading order of one page: on two columns, bands between full-width lines, each band's left
// column before its right column; on one column, top to bottom.
std::vector<RawLine*> order_page(std::vector<RawLine*> lines, const PageLayout& page) {
  std::stable_sort(lines.begin(), lines.end(), [](const RawLine* a, const RawLine* b) {
    if (a->row != b->row) return a->row < b->row;
    return a->line.x < b->line.x;
  });
  if (page.columns < 2) return lines;
  std::vector<RawLine*> out, left, right;
  const auto flush = [&] {
    out.insert(out.end(), left.begin(), left.end());
    out.insert(out.end(), right.begin(), right.end());
    left.clear();
    right.clear();
  };
  for (RawLine* l : lines) {
    if (crosses(l->line, page.gutter)) {
      flush();
      out.push_back(l);
    } else if (l->line.x + l->line.width <= page.gutter) {
      l->line.column = 0;
      left.push_back(l);
    } else {
      l->line.column = 1;
      right.push_back(l);
    }
  }
  flush();
  return out;
}

bool aligned(double a, double b) {
  return std::abs(a - b) <= kAlignTolerance;
}

// Runs of at least kMinTableRows consecutive rows (within one column) that each hold the same
// number (≥ kMinTableColumns) of cells, every cell starting or ending where the cell above does.
void find_tables(const std::vector<RawLine*>& lines, int page, Layout& layout) {
  for (int column = 0; column < 2; ++column) {
    std::vector<std::vector<const TextLine*>> rows;  // in row order
    int last_row = -1;
    std::vector<const RawLine*> sorted(lines.begin(), lines.end());
    std::stable_sort(sorted.begin(), sorted.end(), [](const RawLine* a, const RawLine* b) {
      if (a->row != b->row) return a->row < b->row;
      return a->line.x < b->line.x;
    });
    for (const RawLine* l : sorted) {
      if (l->line.column != column || l->line.header_footer) continue;
      if (l->row != last_row) rows.emplace_back();
      rows.back().push_back(&l->line);
      last_row = l->row;
    }
    const auto same_grid = [](const std::vector<const TextLine*>& a,
                              const std::vector<const TextLine*>& b) {
      if (a.size() != b.size()) return false;
      for (std::size_t i = 0; i < a.size(); ++i) {
        if (!aligned(a[i]->x, b[i]->x) && !aligned(a[i]->x + a[i]->width, b[i]->x + b[i]->width))
          return false;
      }
      return true;
    };
    std::size_t start = 0;
    while (start < rows.size()) {
      std::size_t end = start + 1;
      if (rows[start].size() >= static_cast<std::size_t>(kMinTableColumns)) {
        while (end < rows.size() && same_grid(rows[end - 1], rows[end])) ++end;
        if (end - start >= static_cast<std::size_t>(kMinTableRows)) {
          layout.tables.push_back({.page = page,
                                   .rows = static_cast<int>(end - start),
                                   .columns = static_cast<int>(rows[start].size())});
        } else {
          end = start + 1;
        }
      }
      start = end;
    }
  }
}

}  // namespace

Layout pdf_layout(const poppler::document& doc, const ExtractLimits& limits) {
  Layout layout;
  layout.page_count = doc.pages();
  const int pages = std::min(layout.page_count, static_cast<int>(limits.max_pages));
  std::vector<RawLine> lines;
  int next_row = 0;
  for (int i = 0; i < pages; ++i) {
    PageLayout page{.number = i + 1};
    std::unique_ptr<poppler::page> p(doc.create_page(i));
    if (p) {
      const poppler::rectf r = p->page_rect(poppler::media_box);
      page.width = r.width();
      page.height = r.height();
      auto page_lines_ = page_lines(i + 1, page_words(*p), next_row);
      std::move(page_lines_.begin(), page_lines_.end(), std::back_inserter(lines));
    }
    layout.pages.push_back(page);
  }
  mark_headers_footers(lines, layout.pages, layout);

  std::vector<std::vector<RawLine*>> by_page(layout.pages.size());
  for (auto& l : lines) by_page[l.line.page - 1].push_back(&l);
  for (std::size_t i = 0; i < by_page.size(); ++i) {
    std::vector<RawLine*> body;
    for (RawLine* l : by_page[i]) {
      if (!l->line.header_footer) body.push_back(l);
    }
    find_columns(body, layout.pages[i]);
    for (RawLine* l : order_page(by_page[i], layout.pages[i])) {
      layout.lines.push_back(l->line);
    }
    find_tables(by_page[i], static_cast<int>(i) + 1, layout);
  }
  for (const auto& l : layout.lines) layout.word_count += count_words(l.text);

  std::set<std::string> seen;
  for (const auto& f : doc.fonts()) {
    std::string name = strip_subset(f.name());
    if (name.empty() || !seen.insert(name + (f.is_embedded() ? "/e" : "/n")).second) continue;
    layout.fonts.push_back(
        {.name = std::move(name), .embedded = f.is_embedded(), .type = font_type(f.type())});
  }
  return layout;
}

Result<Layout> pdf_layout(const std::string& path, const ExtractLimits& limits) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(Errc::internal, fmt::format("cannot read {}", path));
  std::ostringstream bytes;
  bytes << in.rdbuf();
  const std::string data = std::move(bytes).str();
  if (data.empty()) return fail(Errc::invalid_argument, "the file is empty");
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(data.data(), static_cast<int>(data.size())));
  if (!doc) return fail(Errc::invalid_argument, "the PDF is damaged or not a PDF");
  if (doc->is_locked()) {
    return fail(Errc::invalid_argument,
                "the PDF is password-protected; remove the password and upload it again");
  }
  Layout layout = pdf_layout(*doc, limits);
  layout.images = count_pdf_images(data);
  return layout;
}

int count_pdf_images(std::string_view pdf) {
  // "12 0 obj <</Type/XObject/Subtype/Image ... /SMask 13 0 R>>": collect the object numbers
  // of images and of the soft masks they name; count the images nobody uses as a mask.
  const auto skip_space = [&](std::size_t i) {
    while (i < pdf.size() && (pdf[i] == ' ' || pdf[i] == '\n' || pdf[i] == '\r' || pdf[i] == '\t' ||
                              pdf[i] == '\f' || pdf[i] == '\0'))
      ++i;
    return i;
  };
  const auto read_number = [&](std::size_t& i) {
    long n = 0;
    bool any = false;
    while (i < pdf.size() && pdf[i] >= '0' && pdf[i] <= '9' && n < 100000000) {
      n = n * 10 + (pdf[i] - '0');
      ++i;
      any = true;
    }
    return any ? n : -1;
  };
  std::set<long> images, masks;
  int anonymous = 0;
  for (std::size_t at = pdf.find("/Subtype"); at != std::string_view::npos;
       at = pdf.find("/Subtype", at + 8)) {
    const std::size_t value = skip_space(at + 8);
    if (pdf.substr(value, 6) != "/Image") continue;
    const char after = value + 6 < pdf.size() ? pdf[value + 6] : ' ';
    if (std::isalnum(static_cast<unsigned char>(after))) continue;  // /ImageB etc.
    // The object header before the dictionary: the last "obj" keyword before us.
    const std::size_t obj = pdf.rfind("obj", at);
    long number = -1;
    if (obj != std::string_view::npos && obj >= 2) {
      // "<number> <generation> obj": walk back over the generation and the number.
      std::size_t i = obj;
      while (i > 0 && std::isspace(static_cast<unsigned char>(pdf[i - 1]))) --i;
      while (i > 0 && std::isdigit(static_cast<unsigned char>(pdf[i - 1]))) --i;
      while (i > 0 && std::isspace(static_cast<unsigned char>(pdf[i - 1]))) --i;
      std::size_t end = i;
      while (i > 0 && std::isdigit(static_cast<unsigned char>(pdf[i - 1]))) --i;
      if (i < end) {
        std::size_t k = i;
        number = read_number(k);
      }
    }
    if (number >= 0) {
      images.insert(number);
    } else {
      ++anonymous;
    }
  }
  for (std::size_t at = pdf.find("/SMask"); at != std::string_view::npos;
       at = pdf.find("/SMask", at + 6)) {
    std::size_t i = skip_space(at + 6);
    const long number = read_number(i);
    if (number >= 0) masks.insert(number);
  }
  int count = anonymous;
  for (long n : images) count += masks.contains(n) ? 0 : 1;
  return count;
}

}  // namespace tailor::extract
