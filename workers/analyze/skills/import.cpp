// Lexicon::import_csv: ESCO and O*NET skills files merged into a lexicon.
//
// Columns are found by header name, so column order and extra columns do not matter:
//   ESCO        preferredLabel, altLabels (separated by line breaks or "|"), skillType
//   O*NET       Example (Technology Skills), or Element Name (Skills, Knowledge…);
//               Commodity Title as the category when present
// A row whose label (or label without its parenthetical: "Python (computer programming)")
// already denotes a skill adds its other labels to that skill as aliases; otherwise it becomes
// a new skill. Labels that would make poor matchers are skipped: more than six words, shorter
// than two characters, or a common word on the stoplist below. One-word labels that read
// like ordinary words ("Canvas", "Salt", "Unity", "dance", "report") are imported as ambiguous
// forms, so they need the same evidence as the built-in ambiguous names (matcher.cpp).
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>

#include "workers/analyze/skills/csv.hpp"
#include "workers/analyze/skills/lexicon.hpp"
#include "workers/analyze/skills/lexicon_impl.hpp"
#include "workers/analyze/text/text.hpp"

namespace tailor::analyze::skills {

namespace {

constexpr std::size_t kMaxLabelWords = 6;
constexpr std::string_view kImportedCategory = "imported";

// Words that ESCO and O*NET use as labels but that occur in almost any résumé sentence.
constexpr std::array<std::string_view, 48> kStoplist = {
    "analysis",   "business", "communicate", "computer", "computing",   "data",
    "design",     "develop",  "development", "email",    "engineering", "information",
    "internet",   "lead",     "learning",    "listen",   "listening",   "manage",
    "management", "office",   "operations",  "plan",     "planning",    "programming",
    "project",    "quality",  "read",        "reading",  "research",    "safety",
    "security",   "service",  "services",    "software", "speak",       "speaking",
    "support",    "system",   "systems",     "teach",    "teaching",    "technology",
    "testing",    "tools",    "use",         "work",     "write",       "writing"};

struct Columns {
  std::size_t name{};
  std::optional<std::size_t> aliases;
  std::optional<std::size_t> category;
};

std::optional<std::size_t> column(const std::vector<std::string>& header, std::string_view name) {
  for (std::size_t i = 0; i < header.size(); ++i) {
    std::string_view h = text::trim(header[i]);
    if (h.starts_with("\xEF\xBB\xBF")) h.remove_prefix(3);  // a UTF-8 byte order mark
    if (text::iequals_ascii(h, name)) return i;
  }
  return std::nullopt;
}

Result<Columns> columns_of(const std::vector<std::string>& header) {
  for (std::string_view name : {"preferredLabel", "Example", "Element Name"}) {
    if (auto index = column(header, name)) {
      return Columns{.name = *index,
                     .aliases = column(header, "altLabels"),
                     .category = name == "preferredLabel" ? column(header, "skillType")
                                                          : column(header, "Commodity Title")};
    }
  }
  return fail(Errc::invalid_argument,
              "CSV line 1: no preferredLabel (ESCO), Example or Element Name (O*NET) column");
}

std::size_t word_count(std::string_view label) {
  std::size_t words = 0;
  bool in_word = false;
  for (char c : label) {
    const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

bool usable(std::string_view label) {
  if (label.size() < 2 || word_count(label) > kMaxLabelWords) return false;
  return std::none_of(kStoplist.begin(), kStoplist.end(),
                      [&](std::string_view w) { return text::iequals_ascii(w, label); });
}

// One word of lowercase letters, perhaps capitalized: "Canvas", "dance"; not "GIMP", "Unity3D".
bool reads_like_a_word(std::string_view label) {
  if (label.size() < 2 ||
      !((label[0] >= 'A' && label[0] <= 'Z') || (label[0] >= 'a' && label[0] <= 'z')))
    return false;
  return std::all_of(label.begin() + 1, label.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// "Python (computer programming)" → "Python"; other labels unchanged.
std::string_view without_parenthetical(std::string_view label) {
  if (!label.ends_with(')')) return label;
  const auto open = label.rfind('(');
  return open == std::string_view::npos ? label : text::trim(label.substr(0, open));
}

// The preferred label first, then the alternatives, trimmed, without empty ones.
std::vector<std::string_view> labels_of(const CsvRow& row, const Columns& columns) {
  std::vector<std::string_view> labels;
  const auto add = [&](std::string_view label) {
    label = text::trim(label);
    if (!label.empty()) labels.push_back(label);
  };
  add(row.fields[columns.name]);
  if (columns.aliases && *columns.aliases < row.fields.size()) {
    std::string_view alts = row.fields[*columns.aliases];
    std::size_t start = 0;
    for (std::size_t i = 0; i <= alts.size(); ++i) {
      if (i < alts.size() && alts[i] != '\n' && alts[i] != '|') continue;
      add(alts.substr(start, i - start));
      start = i + 1;
    }
  }
  return labels;
}

// The skill one of the labels already denotes.
std::optional<std::size_t> known_skill(const LexiconData& data,
                                       const std::vector<std::string_view>& labels) {
  for (auto label : labels) {
    for (auto candidate : {label, without_parenthetical(label)}) {
      if (const Form* form = data.form_of(candidate)) return form->skill;
    }
  }
  return std::nullopt;
}

void add_alias(LexiconData& data, std::size_t skill, std::string_view label) {
  if (data.add_form(skill, label, reads_like_a_word(label)) == LexiconData::Added::added)
    data.skills[skill].aliases.emplace_back(label);
}

}  // namespace

Result<std::size_t> Lexicon::import_csv(std::string_view csv) {
  const auto first_line = csv.substr(0, csv.find('\n'));
  const char delimiter = first_line.find('\t') != std::string_view::npos &&
                                 first_line.find(',') == std::string_view::npos
                             ? '\t'
                             : ',';
  auto rows = read_csv(csv, delimiter);
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return fail(Errc::invalid_argument, "CSV line 1: empty file");
  auto columns = columns_of(rows->front().fields);
  if (!columns) return std::unexpected(columns.error());

  LexiconData& data = *impl_;
  std::size_t added = 0;
  for (std::size_t r = 1; r < rows->size(); ++r) {
    const CsvRow& row = (*rows)[r];
    if (columns->name >= row.fields.size())
      return fail(Errc::invalid_argument,
                  fmt::format("CSV line {}: {} fields, fewer than the header's", row.line,
                              row.fields.size()));
    const auto labels = labels_of(row, *columns);
    if (auto skill = known_skill(data, labels)) {
      for (auto label : labels)
        if (usable(label)) add_alias(data, *skill, label);
      continue;
    }
    const auto name = std::find_if(labels.begin(), labels.end(), usable);
    if (name == labels.end()) continue;
    std::string category(kImportedCategory);
    if (columns->category && *columns->category < row.fields.size() &&
        !text::trim(row.fields[*columns->category]).empty())
      category = text::trim(row.fields[*columns->category]);
    const std::size_t index = data.skills.size();
    data.skills.push_back(
        Skill{.name = std::string(*name), .category = std::move(category), .aliases = {}});
    if (data.add_form(index, *name, reads_like_a_word(*name)) != LexiconData::Added::added) {
      data.skills.pop_back();  // a label of marks or spaces only
      continue;
    }
    for (auto label = name + 1; label != labels.end(); ++label)
      if (usable(*label)) add_alias(data, index, *label);
    ++added;
  }
  return added;
}

}  // namespace tailor::analyze::skills
