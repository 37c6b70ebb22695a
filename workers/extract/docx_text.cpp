#include "workers/extract/docx_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <deque>
#include <filesystem>
#include <map>
#include <optional>
#include <pugixml.hpp>
#include <set>

#include "common/files/byte_size.hpp"
#include "common/files/utf8.hpp"
#include "common/files/zip_reader.hpp"
#include "workers/extract/normalize.hpp"

namespace tailor::extract {

namespace {

using files::human_bytes;
using files::ZipReader;

constexpr std::string_view kWordNamespace =
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr std::string_view kWordStrictNamespace =
    "http://purl.oclc.org/ooxml/wordprocessingml/main";
constexpr std::string_view kCompatibilityNamespace =
    "http://schemas.openxmlformats.org/markup-compatibility/2006";
// Word nests a few dozen levels at most; the walk is recursive, so bound it.
constexpr int kMaxDepth = 200;
constexpr std::uint64_t kMaxAppXmlBytes = 1024 * 1024;

// Element names with the prefixes this part binds to the WordprocessingML and
// markup-compatibility namespaces (almost always "w:" and "mc:", but not guaranteed).
struct Names {
  std::string body, p, t, tab, br, cr, tbl, tr, tc, sdt, sdt_content, p_pr, r_pr, num_pr, num_id,
      txbx_content, del, move_from, instr_text, del_text, no_break_hyphen, custom_xml, smart_tag,
      ins, move_to, alternate_content, choice, fallback, b, i, sz, r_fonts, r_style, p_style, style,
      style_id, based_on, doc_defaults, r_pr_default, val, ascii, h_ansi, cs, east_asia,
      ascii_theme, h_ansi_theme, grid_col, tbl_grid, font, font_name;

  explicit Names(pugi::xml_node root) {
    std::string w = "w:";
    std::string mc = "mc:";
    for (const auto& attr : root.attributes()) {
      const std::string_view name = attr.name();
      const std::string_view value = attr.value();
      if (!name.starts_with("xmlns")) continue;
      const std::string prefix =
          name == "xmlns" ? std::string()
                          : std::string(name.substr(std::min<std::size_t>(6, name.size()))) + ":";
      if (value == kWordNamespace || value == kWordStrictNamespace) w = prefix;
      if (value == kCompatibilityNamespace) mc = prefix;
    }
    body = w + "body";
    p = w + "p";
    t = w + "t";
    tab = w + "tab";
    br = w + "br";
    cr = w + "cr";
    tbl = w + "tbl";
    tr = w + "tr";
    tc = w + "tc";
    sdt = w + "sdt";
    sdt_content = w + "sdtContent";
    p_pr = w + "pPr";
    r_pr = w + "rPr";
    num_pr = w + "numPr";
    num_id = w + "numId";
    txbx_content = w + "txbxContent";
    del = w + "del";
    move_from = w + "moveFrom";
    instr_text = w + "instrText";
    del_text = w + "delText";
    no_break_hyphen = w + "noBreakHyphen";
    custom_xml = w + "customXml";
    smart_tag = w + "smartTag";
    ins = w + "ins";
    move_to = w + "moveTo";
    alternate_content = mc + "AlternateContent";
    choice = mc + "Choice";
    fallback = mc + "Fallback";
    b = w + "b";
    i = w + "i";
    sz = w + "sz";
    r_fonts = w + "rFonts";
    r_style = w + "rStyle";
    p_style = w + "pStyle";
    style = w + "style";
    style_id = w + "styleId";
    based_on = w + "basedOn";
    doc_defaults = w + "docDefaults";
    r_pr_default = w + "rPrDefault";
    val = w + "val";
    ascii = w + "ascii";
    h_ansi = w + "hAnsi";
    cs = w + "cs";
    east_asia = w + "eastAsia";
    ascii_theme = w + "asciiTheme";
    h_ansi_theme = w + "hAnsiTheme";
    grid_col = w + "gridCol";
    tbl_grid = w + "tblGrid";
    font = w + "font";
    font_name = w + "name";
  }
};

bool is(pugi::xml_node node, const std::string& name) {
  return name == node.name();
}

std::string_view trim(std::string_view s) {
  const std::size_t begin = s.find_first_not_of(" \t\n");
  if (begin == std::string_view::npos) return {};
  const std::size_t end = s.find_last_not_of(" \t\n");
  return s.substr(begin, end - begin + 1);
}

// Run formatting as far as the layout needs it; unset fields inherit.
struct RunProps {
  std::optional<bool> bold;
  std::optional<bool> italic;
  std::optional<double> size;  // points
  std::string font;            // a font name, or "major"/"minor" for the theme's fonts

  void inherit(const RunProps& from) {
    if (!bold) bold = from.bold;
    if (!italic) italic = from.italic;
    if (!size) size = from.size;
    if (font.empty()) font = from.font;
  }
};

// <w:b/> is on; <w:b w:val="0|false|off"/> is off.
bool toggle(pugi::xml_node node, const Names& n) {
  const std::string_view v = node.attribute(n.val.c_str()).value();
  return !(v == "0" || v == "false" || v == "off" || v == "none");
}

RunProps read_run_props(pugi::xml_node r_pr, const Names& n) {
  RunProps props;
  if (!r_pr) return props;
  if (auto b = r_pr.child(n.b.c_str())) props.bold = toggle(b, n);
  if (auto i = r_pr.child(n.i.c_str())) props.italic = toggle(i, n);
  if (auto sz = r_pr.child(n.sz.c_str())) {
    const std::string_view v = sz.attribute(n.val.c_str()).value();
    int half_points = 0;
    const auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), half_points);
    if (ec == std::errc() && half_points > 0 && half_points < 4000) props.size = half_points / 2.0;
  }
  if (auto f = r_pr.child(n.r_fonts.c_str())) {
    for (const std::string* attr : {&n.ascii, &n.h_ansi, &n.cs, &n.east_asia}) {
      props.font = f.attribute(attr->c_str()).value();
      if (!props.font.empty()) break;
    }
    if (props.font.empty()) {
      std::string_view theme = f.attribute(n.ascii_theme.c_str()).value();
      if (theme.empty()) theme = f.attribute(n.h_ansi_theme.c_str()).value();
      if (theme.starts_with("major")) props.font = "major";
      if (theme.starts_with("minor")) props.font = "minor";
    }
  }
  return props;
}

// word/styles.xml (paragraph and character styles with their basedOn chains, the document
// defaults) and the theme's major and minor fonts.
class Styles {
 public:
  void load(pugi::xml_node root) {
    const Names n(root);
    defaults_ = read_run_props(
        root.child(n.doc_defaults.c_str()).child(n.r_pr_default.c_str()).child(n.r_pr.c_str()), n);
    for (pugi::xml_node style : root.children(n.style.c_str())) {
      Style& s = styles_[style.attribute(n.style_id.c_str()).value()];
      s.props = read_run_props(style.child(n.r_pr.c_str()), n);
      s.based_on = style.child(n.based_on.c_str()).attribute(n.val.c_str()).value();
    }
  }
  void set_theme(std::string major, std::string minor) {
    major_ = std::move(major);
    minor_ = std::move(minor);
  }

  // `props` completed from the character style, the paragraph style and the defaults.
  RunProps resolve(RunProps props, const std::string& char_style,
                   const std::string& para_style) const {
    inherit_style(props, char_style);
    inherit_style(props, para_style);
    props.inherit(defaults_);
    if (props.font == "major") props.font = major_;
    if (props.font == "minor") props.font = minor_;
    return props;
  }

 private:
  struct Style {
    RunProps props;
    std::string based_on;
  };

  void inherit_style(RunProps& props, std::string id) const {
    for (int depth = 0; depth < 20 && !id.empty(); ++depth) {  // basedOn may loop in bad files
      const auto it = styles_.find(id);
      if (it == styles_.end()) return;
      props.inherit(it->second.props);
      id = it->second.based_on;
    }
  }

  std::map<std::string, Style, std::less<>> styles_;
  RunProps defaults_;
  std::string major_, minor_;
};

// What the layout collects from one part.
struct PartLayout {
  std::vector<TextLine> lines;
  std::vector<Table> tables;
  int images = 0;
  std::set<std::string> fonts;
};

std::string local_name(pugi::xml_node node) {
  const std::string_view name = node.name();
  const std::size_t colon = name.find(':');
  return std::string(colon == std::string_view::npos ? name : name.substr(colon + 1));
}

// Writes the text of WordprocessingML block content (body, header, footer, cell, text box).
class TextWriter {
 public:
  // Also collects paragraphs (as lines), tables, pictures and fonts into `layout`.
  TextWriter(const Names& names, const Styles* styles, PartLayout* layout, bool header_footer)
      : n_(names), styles_(styles), layout_(layout), header_footer_(header_footer) {}

  bool too_deep() const { return too_deep_; }

  // Paragraphs and tables inside `container`, each paragraph ending in "\n".
  void blocks(pugi::xml_node container, std::string& out, int depth) {
    if (!enter(depth)) return;
    for (pugi::xml_node child : container.children()) {
      if (child.type() != pugi::node_element) continue;
      if (is(child, n_.p)) {
        paragraph(child, out, depth + 1);
      } else if (is(child, n_.tbl)) {
        table(child, out, depth + 1);
      } else if (is(child, n_.del) || is(child, n_.move_from)) {
        continue;  // deleted or moved-away text is not in the document
      } else if (is(child, n_.alternate_content)) {
        if (auto chosen = alternative(child)) blocks(chosen, out, depth + 1);
      } else if (is(child, n_.sdt) || is(child, n_.sdt_content) || is(child, n_.custom_xml) ||
                 is(child, n_.ins) || is(child, n_.move_to) || is(child, n_.smart_tag)) {
        blocks(child, out, depth + 1);
      }
    }
  }

 private:
  bool enter(int depth) {
    if (depth > kMaxDepth) too_deep_ = true;
    return !too_deep_;
  }

  // Word writes the same content twice in mc:AlternateContent (a modern mc:Choice and a VML
  // mc:Fallback); read one.
  pugi::xml_node alternative(pugi::xml_node node) const {
    if (auto choice = node.child(n_.choice.c_str())) return choice;
    return node.child(n_.fallback.c_str());
  }

  void paragraph(pugi::xml_node p, std::string& out, int depth) {
    std::string line;
    std::string nested;  // paragraphs of text boxes anchored in this paragraph
    ParagraphStats stats;
    stats.style =
        p.child(n_.p_pr.c_str()).child(n_.p_style.c_str()).attribute(n_.val.c_str()).value();
    ParagraphStats* outer = stats_;
    stats_ = &stats;
    inline_content(p, line, nested, depth);
    stats_ = outer;
    const std::string_view text = trim(line);
    if (!text.empty() && is_list_item(p)) out += "• ";
    if (!text.empty() && layout_ != nullptr) add_line(text, is_list_item(p), stats);
    out += text;
    // A paragraph that only anchors a text box is not a blank line of its own.
    if (!text.empty() || nested.empty()) out += '\n';
    out += nested;
  }

  bool is_list_item(pugi::xml_node p) const {
    const pugi::xml_node num_pr = p.child(n_.p_pr.c_str()).child(n_.num_pr.c_str());
    if (!num_pr) return false;
    // numId 0 explicitly removes numbering inherited from a style.
    const pugi::xml_node num_id = num_pr.child(n_.num_id.c_str());
    return !num_id || std::string_view(num_id.first_attribute().value()) != "0";
  }

  void inline_content(pugi::xml_node node, std::string& line, std::string& nested, int depth) {
    if (!enter(depth)) return;
    for (pugi::xml_node child : node.children()) {
      if (child.type() != pugi::node_element) continue;
      if (is(child, n_.t)) {
        line += child.child_value();
        if (stats_ != nullptr && layout_ != nullptr) count_run_text(child);
      } else if (is(child, n_.tab)) {
        line += '\t';
      } else if (is(child, n_.br) || is(child, n_.cr)) {
        line += '\n';
      } else if (is(child, n_.no_break_hyphen)) {
        line += '-';
      } else if (is(child, n_.p_pr) || is(child, n_.r_pr) || is(child, n_.del) ||
                 is(child, n_.move_from) || is(child, n_.instr_text) || is(child, n_.del_text)) {
        continue;  // properties (tab stops are w:tab too), deletions, field codes
      } else if (is(child, n_.txbx_content)) {
        blocks(child, nested, depth + 1);
      } else if (is(child, n_.alternate_content)) {
        if (auto chosen = alternative(child)) inline_content(chosen, line, nested, depth + 1);
      } else if (is(child, n_.p)) {
        // A paragraph inside inline content only happens in malformed files; keep its text.
        paragraph(child, nested, depth + 1);
      } else {
        // Runs, hyperlinks, insertions, simple fields, content controls, drawings.
        if (layout_ != nullptr) {
          const std::string name = local_name(child);
          if (name == "pic" || name == "imagedata") ++layout_->images;
        }
        inline_content(child, line, nested, depth + 1);
      }
    }
  }

  // Rows and cells may be wrapped in content controls or custom XML.
  void find_children(pugi::xml_node node, const std::string& name,
                     std::vector<pugi::xml_node>& found, int depth) {
    if (!enter(depth)) return;
    for (pugi::xml_node child : node.children()) {
      if (child.type() != pugi::node_element) continue;
      if (is(child, name)) {
        found.push_back(child);
      } else if (is(child, n_.sdt) || is(child, n_.sdt_content) || is(child, n_.custom_xml) ||
                 is(child, n_.ins) || is(child, n_.move_to)) {
        find_children(child, name, found, depth + 1);
      }
    }
  }

  void table(pugi::xml_node tbl, std::string& out, int depth) {
    std::vector<pugi::xml_node> rows;
    find_children(tbl, n_.tr, rows, depth + 1);
    if (layout_ != nullptr && !rows.empty()) {
      // Columns from the grid Word keeps; from the widest row when it is missing.
      std::size_t columns = 0;
      for ([[maybe_unused]] pugi::xml_node col :
           tbl.child(n_.tbl_grid.c_str()).children(n_.grid_col.c_str()))
        ++columns;
      if (columns == 0) {
        for (pugi::xml_node row : rows) {
          std::vector<pugi::xml_node> row_cells;
          find_children(row, n_.tc, row_cells, depth + 1);
          columns = std::max(columns, row_cells.size());
        }
      }
      layout_->tables.push_back(
          {.page = 0, .rows = static_cast<int>(rows.size()), .columns = static_cast<int>(columns)});
    }
    for (pugi::xml_node row : rows) {
      std::vector<pugi::xml_node> cell_nodes;
      find_children(row, n_.tc, cell_nodes, depth + 1);
      std::vector<std::string> cells;
      bool layout = false;
      for (pugi::xml_node cell : cell_nodes) {
        std::string text;
        blocks(cell, text, depth + 2);
        std::string trimmed(trim(text));
        if (trimmed.empty()) continue;  // merged or spacer cells
        layout = layout || trimmed.find('\n') != std::string::npos;
        cells.push_back(std::move(trimmed));
      }
      if (cells.empty()) continue;
      // A row of one-line cells is data: one line. Cells holding several paragraphs are a
      // page layout (a two-column résumé): write them one after another.
      const std::string_view separator = layout ? "\n" : " | ";
      for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i != 0) out += separator;
        out += cells[i];
      }
      out += '\n';
    }
  }

  struct ParagraphStats {
    std::string style;
    std::map<std::string, std::size_t> chars_by_font;
    std::map<std::string, double> size_by_font;
    std::size_t bold = 0, italic = 0, total = 0;
  };

  void count_run_text(pugi::xml_node t) {
    const std::size_t chars = std::string_view(t.child_value()).size();
    if (chars == 0) return;
    const pugi::xml_node run = t.parent();
    const pugi::xml_node r_pr = run.child(n_.r_pr.c_str());
    RunProps props = read_run_props(r_pr, n_);
    if (styles_ != nullptr) {
      props =
          styles_->resolve(props, r_pr.child(n_.r_style.c_str()).attribute(n_.val.c_str()).value(),
                           stats_->style.empty() ? std::string("Normal") : stats_->style);
    }
    stats_->chars_by_font[props.font] += chars;
    stats_->size_by_font[props.font] = props.size.value_or(0);
    if (props.bold.value_or(false)) stats_->bold += chars;
    if (props.italic.value_or(false)) stats_->italic += chars;
    stats_->total += chars;
    if (!props.font.empty()) layout_->fonts.insert(props.font);
  }

  void add_line(std::string_view text, bool list_item, const ParagraphStats& stats) {
    TextLine line;
    line.text = normalize_text((list_item ? "• " : "") + std::string(text)).text;
    const auto main_font =
        std::max_element(stats.chars_by_font.begin(), stats.chars_by_font.end(),
                         [](const auto& a, const auto& b) { return a.second < b.second; });
    if (main_font != stats.chars_by_font.end()) {
      line.font = main_font->first;
      line.size = stats.size_by_font.at(main_font->first);
    }
    line.bold = stats.total > 0 && 2 * stats.bold >= stats.total;
    line.italic = stats.total > 0 && 2 * stats.italic >= stats.total;
    line.header_footer = header_footer_;
    layout_->lines.push_back(std::move(line));
  }

  const Names& n_;
  const Styles* styles_ = nullptr;
  PartLayout* layout_ = nullptr;
  bool header_footer_ = false;
  ParagraphStats* stats_ = nullptr;
  bool too_deep_ = false;
};

// Blank lines collapsed to at most one, trailing spaces removed, no leading or trailing blanks.
std::string tidy(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  int newlines = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    const std::size_t end = std::min(text.find('\n', pos), text.size());
    std::string_view line = text.substr(pos, end - pos);
    const std::size_t last = line.find_last_not_of(" \t");
    line = last == std::string_view::npos ? std::string_view() : line.substr(0, last + 1);
    if (line.empty()) {
      ++newlines;
    } else {
      if (!out.empty()) out.append(newlines > 1 ? 2 : 1, '\n');
      out += line;
      newlines = 1;
    }
    pos = end + 1;
  }
  return out;
}

struct Part {
  std::string name;
  std::string xml;
};

Result<pugi::xml_document> parse_part(Part& part) {
  // Entity definitions only come with a DOCTYPE, and Word never writes one. pugixml would not
  // expand them anyway (it skips the DOCTYPE without parse_doctype), but a part that has one
  // was not made by a word processor.
  if (part.xml.find("<!DOCTYPE") != std::string::npos) {
    return fail(Errc::invalid_argument,
                fmt::format("the DOCX is rejected: {} declares a DOCTYPE, which Word documents "
                            "never contain",
                            part.name));
  }
  pugi::xml_document doc;
  // parse_ws_pcdata_single keeps <w:t xml:space="preserve"> </w:t>, the space between words.
  const pugi::xml_parse_result parsed = doc.load_buffer_inplace(
      part.xml.data(), part.xml.size(), pugi::parse_default | pugi::parse_ws_pcdata_single,
      pugi::encoding_auto);
  if (!parsed) {
    return fail(Errc::invalid_argument,
                fmt::format("the DOCX is damaged ({}: {} at byte {})", part.name,
                            parsed.description(), parsed.offset));
  }
  return doc;
}

Result<std::string> part_text(Part& part, const Styles& styles, PartLayout& layout,
                              bool header_footer) {
  auto doc = parse_part(part);
  if (!doc) return std::unexpected(doc.error());
  const pugi::xml_node root = doc->document_element();
  const Names names(root);
  TextWriter writer(names, &styles, &layout, header_footer);
  std::string text;
  // The body lives in w:document/w:body; headers and footers are w:hdr/w:ftr themselves.
  const pugi::xml_node body = root.child(names.body.c_str());
  writer.blocks(body ? body : root, text, 0);
  if (writer.too_deep()) {
    return fail(Errc::invalid_argument,
                fmt::format("the DOCX is rejected: {} nests elements more than {} levels deep",
                            part.name, kMaxDepth));
  }
  return tidy(files::to_valid_utf8(files::normalize_text(text)));
}

// word/header.xml, word/header1.xml, ... (stem "word/header").
bool is_part(std::string_view name, std::string_view stem) {
  if (!name.starts_with(stem) || !name.ends_with(".xml")) return false;
  const std::string_view digits = name.substr(stem.size(), name.size() - stem.size() - 4);
  return std::all_of(digits.begin(), digits.end(),
                     [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
}

// header1.xml < header2.xml < header10.xml
bool natural_less(const std::string& a, const std::string& b) {
  const auto split = [](const std::string& s) {
    const std::size_t digits = s.find_first_of("0123456789");
    const std::size_t end = s.find_first_not_of("0123456789", digits);
    long number = -1;
    if (digits != std::string::npos) {
      std::from_chars(s.data() + digits, s.data() + (end == std::string::npos ? s.size() : end),
                      number);
    }
    return std::pair(s.substr(0, std::min(digits, s.size())), number);
  };
  return split(a) < split(b);
}

int app_page_count(const ZipReader& zip, const ExtractLimits& limits) {
  const auto entry = zip.find("docProps/app.xml");
  if (!entry) return 0;
  auto xml = zip.read(*entry, std::min<std::uint64_t>(kMaxAppXmlBytes, limits.max_entry_bytes));
  if (!xml) return 0;
  Part part{"docProps/app.xml", std::move(*xml)};
  auto doc = parse_part(part);
  if (!doc) return 0;
  // <Properties xmlns="...extended-properties"><Pages>2</Pages>, with or without a prefix.
  for (pugi::xml_node child : doc->document_element().children()) {
    std::string_view name = child.name();
    if (const std::size_t colon = name.find(':'); colon != std::string_view::npos)
      name.remove_prefix(colon + 1);
    if (name != "Pages") continue;
    const std::string_view value = trim(child.child_value());
    int pages = 0;
    const auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), pages);
    if (ec == std::errc() && ptr == value.data() + value.size() && pages > 0) return pages;
  }
  return 0;
}

}  // namespace

Result<Extraction> extract_docx(const std::string& path, const ExtractLimits& limits) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return fail(Errc::internal, fmt::format("cannot read {}: {}", path, ec.message()));
  if (size == 0) return fail(Errc::invalid_argument, "the file is empty");

  auto zip = ZipReader::open(path, "the DOCX");
  if (!zip) return std::unexpected(zip.error());

  // Everything below is decided from the ZIP directory, before anything is inflated.
  if (zip->entry_count() > limits.max_zip_entries) {
    return fail(Errc::invalid_argument,
                fmt::format("the DOCX is rejected: it holds {} files, over the limit of {} "
                            "(a damaged file or a zip bomb)",
                            zip->entry_count(), limits.max_zip_entries));
  }
  auto entries = zip->entries();
  if (!entries) return std::unexpected(entries.error());
  std::uint64_t total = 0;
  for (const auto& entry : *entries) {
    total += entry.size;
    if (total > limits.max_total_uncompressed) {
      return fail(Errc::invalid_argument,
                  fmt::format("the DOCX is rejected: its contents would inflate to more than {} "
                              "(a damaged file or a zip bomb)",
                              human_bytes(limits.max_total_uncompressed)));
    }
  }

  const auto document = zip->find("word/document.xml");
  if (!document) {
    return fail(Errc::invalid_argument,
                "the file is not a Word document (the DOCX has no word/document.xml); save it "
                "from Word as .docx, or upload a PDF");
  }

  std::vector<std::string> headers, footers;
  for (const auto& entry : *entries) {
    if (is_part(entry.name, "word/header")) headers.push_back(entry.name);
    if (is_part(entry.name, "word/footer")) footers.push_back(entry.name);
  }
  std::sort(headers.begin(), headers.end(), natural_less);
  std::sort(footers.begin(), footers.end(), natural_less);

  // Formatting for the layout; a missing or damaged styles or theme part only loses formatting.
  Styles styles;
  std::vector<FontInfo> font_table;
  // pugixml parses in place: a part's text must outlive its document, so the parts read here
  // are kept (a deque keeps their addresses) until the end of the function.
  std::deque<Part> optional_parts;
  const auto read_optional = [&](const char* name) -> std::optional<pugi::xml_document> {
    const auto entry = zip->find(name);
    if (!entry) return std::nullopt;
    auto xml = zip->read(*entry, limits.max_entry_bytes);
    if (!xml) return std::nullopt;
    Part& part = optional_parts.emplace_back(Part{name, std::move(*xml)});
    auto doc = parse_part(part);
    if (!doc) return std::nullopt;
    return std::move(*doc);
  };
  if (auto doc = read_optional("word/styles.xml")) styles.load(doc->document_element());
  if (auto doc = read_optional("word/theme/theme1.xml")) {
    // <a:majorFont><a:latin typeface="Calibri Light"/>, <a:minorFont>...
    const auto typeface = [&](const char* which) {
      const pugi::xpath_node node = doc->select_node(
          fmt::format("//*[local-name()='{}']/*[local-name()='latin']", which).c_str());
      return std::string(node.node().attribute("typeface").value());
    };
    styles.set_theme(typeface("majorFont"), typeface("minorFont"));
  }
  if (auto doc = read_optional("word/fontTable.xml")) {
    const pugi::xml_node root = doc->document_element();
    const Names names(root);
    for (pugi::xml_node font : root.children(names.font.c_str())) {
      FontInfo info{
          .name = font.attribute(names.font_name.c_str()).value(), .embedded = false, .type = {}};
      for (pugi::xml_node child : font.children()) {
        if (local_name(child).starts_with("embed")) info.embedded = true;
      }
      if (!info.name.empty()) font_table.push_back(std::move(info));
    }
  }

  const auto read_text = [&](const ZipReader::Entry& entry, PartLayout& layout,
                             bool header_footer) -> Result<std::string> {
    auto xml = zip->read(entry, limits.max_entry_bytes);
    if (!xml) return std::unexpected(xml.error());
    Part part{entry.name, std::move(*xml)};
    return part_text(part, styles, layout, header_footer);
  };
  // Word keeps separate first-page, even and default headers that often repeat each other.
  const auto read_all = [&](const std::vector<std::string>& names, std::vector<std::string>& texts,
                            std::vector<PartLayout>& layouts) -> Status {
    for (const auto& part_name : names) {
      const auto entry = zip->find(part_name);
      if (!entry) continue;
      PartLayout layout;
      auto text = read_text(*entry, layout, true);
      if (!text) return std::unexpected(text.error());
      if (!text->empty() && std::find(texts.begin(), texts.end(), *text) == texts.end()) {
        texts.push_back(std::move(*text));
        layouts.push_back(std::move(layout));
      }
    }
    return {};
  };

  PartLayout body_layout;
  auto body = read_text(*document, body_layout, false);
  if (!body) return std::unexpected(body.error());
  std::vector<std::string> header_texts, footer_texts;
  std::vector<PartLayout> header_layouts, footer_layouts;
  if (auto ok = read_all(headers, header_texts, header_layouts); !ok)
    return std::unexpected(ok.error());
  if (auto ok = read_all(footers, footer_texts, footer_layouts); !ok)
    return std::unexpected(ok.error());

  Extraction out;
  out.method = "docx-xml";
  out.page_count = app_page_count(*zip, limits);
  const auto append = [](std::string& to, const std::string& block) {
    if (block.empty()) return;
    if (!to.empty()) to += "\n\n";
    to += block;
  };
  std::string text;
  for (const auto& h : header_texts) {
    append(text, h);
    append(out.header_footer_text, h);
  }
  append(text, *body);
  for (const auto& f : footer_texts) {
    append(text, f);
    append(out.header_footer_text, f);
  }
  if (trim(text).empty()) {
    return fail(Errc::invalid_argument,
                "the DOCX contains no text (only images or empty pages?); upload a document with "
                "the résumé typed in it");
  }
  if (text.size() > limits.max_text_bytes) {
    text.resize(files::utf8_prefix_length(text, limits.max_text_bytes));
    out.warnings.push_back(
        fmt::format("the text was cut at {}", human_bytes(limits.max_text_bytes)));
  }
  // Glyphs without a character, odd bullets, ligatures and NFC, as for every other format.
  NormalizedText normalized = normalize_text(text);
  out.text = std::move(normalized.text);
  out.unmapped_glyphs = normalized.unmapped_glyphs;
  out.header_footer_text = normalize_text(out.header_footer_text).text;

  Layout& layout = out.layout;
  std::set<std::string> used;
  layout.images = 0;
  const auto take = [&](PartLayout& part) {
    std::move(part.lines.begin(), part.lines.end(), std::back_inserter(layout.lines));
    std::move(part.tables.begin(), part.tables.end(), std::back_inserter(layout.tables));
    layout.images += part.images;
    used.insert(part.fonts.begin(), part.fonts.end());
  };
  for (PartLayout& part : header_layouts) take(part);
  take(body_layout);
  for (PartLayout& part : footer_layouts) take(part);
  for (const std::string& name : used) {
    const auto listed = std::find_if(font_table.begin(), font_table.end(),
                                     [&](const FontInfo& f) { return f.name == name; });
    layout.fonts.push_back(
        {.name = name, .embedded = listed != font_table.end() && listed->embedded, .type = {}});
  }
  // Fonts the text does not name directly but the file embeds are still worth knowing.
  for (const FontInfo& f : font_table) {
    if (f.embedded && !used.contains(f.name)) layout.fonts.push_back(f);
  }
  layout.header_footer_text = out.header_footer_text;
  return out;
}

}  // namespace tailor::extract
