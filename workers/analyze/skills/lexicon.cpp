// Lexicon: construction, the TSV format, the built-in lexicon and lookups by name. The matcher
// is in matcher.cpp, the CSV import in import.cpp.
#include "workers/analyze/skills/lexicon.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <unordered_set>

#include "workers/analyze/skills/atoms.hpp"
#include "workers/analyze/skills/builtin_tsv.hpp"
#include "workers/analyze/skills/lexicon_impl.hpp"
#include "workers/analyze/text/text.hpp"

namespace tailor::analyze::skills {

namespace {

constexpr std::array<std::string_view, 11> kCategories = {
    "language", "framework", "library",       "database", "tool",  "cloud",
    "data",     "method",    "certification", "soft",     "domain"};
constexpr std::string_view kAmbiguousFlag = "ambiguous";
constexpr char kAmbiguousAlias = '~';

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i < s.size() && s[i] != sep) continue;
    parts.push_back(s.substr(start, i - start));
    start = i + 1;
  }
  return parts;
}

// One skill line of the TSV: adds the skill or returns what is wrong with the line.
Status add_tsv_line(LexiconData& impl, std::string_view line) {
  const auto fields = split(line, '\t');
  if (fields.size() < 2 || fields.size() > 4)
    return fail(Errc::invalid_argument,
                fmt::format("expected 2 to 4 tab-separated fields, found {}", fields.size()));
  const auto name = text::trim(fields[0]);
  const auto category = text::trim(fields[1]);
  if (name.empty()) return fail(Errc::invalid_argument, "empty name");
  if (std::find(kCategories.begin(), kCategories.end(), category) == kCategories.end())
    return fail(Errc::invalid_argument, fmt::format("unknown category \"{}\"", category));
  bool ambiguous = false;
  if (fields.size() == 4) {
    for (auto flag : split(fields[3], ',')) {
      flag = text::trim(flag);
      if (flag == kAmbiguousFlag) {
        ambiguous = true;
      } else if (!flag.empty()) {
        return fail(Errc::invalid_argument, fmt::format("unknown flag \"{}\"", flag));
      }
    }
  }

  const std::size_t index = impl.skills.size();
  impl.skills.push_back(
      Skill{.name = std::string(name), .category = std::string(category), .aliases = {}});
  const auto add = [&](std::string_view form, bool form_ambiguous) -> Status {
    std::size_t other = 0;
    switch (impl.add_form(index, form, form_ambiguous, &other)) {
      case LexiconData::Added::added:
        return {};
      case LexiconData::Added::duplicate:
        return fail(Errc::invalid_argument, fmt::format("\"{}\" is listed twice", form));
      case LexiconData::Added::conflict:
        return fail(Errc::invalid_argument,
                    fmt::format("\"{}\" already denotes \"{}\"", form, impl.skills[other].name));
      case LexiconData::Added::empty:
        break;
    }
    return fail(Errc::invalid_argument,
                fmt::format("\"{}\" has no letters, digits or marks", form));
  };
  if (auto st = add(name, ambiguous); !st) return st;
  if (fields.size() >= 3) {
    for (auto alias : split(fields[2], '|')) {
      alias = text::trim(alias);
      if (alias.empty()) continue;
      const bool alias_ambiguous = alias.front() == kAmbiguousAlias;
      if (alias_ambiguous) alias = text::trim(alias.substr(1));
      if (auto st = add(alias, alias_ambiguous); !st) return st;
      impl.skills[index].aliases.emplace_back(alias);
    }
  }
  return {};
}

}  // namespace

const Form* LexiconData::form_of(std::string_view text) const {
  const auto key = key_of(text);
  const auto it = keys.find(std::string_view(key.text));
  if (it == keys.end() || it->second.form == KeyEntry::kNone) return nullptr;
  return &forms[it->second.form];
}

LexiconData::Added LexiconData::add_form(std::size_t skill, std::string_view text, bool ambiguous,
                                         std::size_t* other) {
  const auto key = key_of(text);
  if (key.atoms == 0) return Added::empty;
  auto& entry = keys[key.text];
  if (entry.form != KeyEntry::kNone) {
    if (other != nullptr) *other = forms[entry.form].skill;
    return forms[entry.form].skill == skill ? Added::duplicate : Added::conflict;
  }
  entry.form = static_cast<std::uint32_t>(forms.size());
  forms.push_back(Form{.skill = skill, .text = std::string(text), .ambiguous = ambiguous});
  max_atoms = std::max(max_atoms, key.atoms);
  // Every proper prefix, in atoms, is marked so the matcher knows to keep extending. A joining
  // hyphen reads as a space, so the key up to it is no prefix of its own (see matcher.cpp).
  const auto atoms = atomize(text);
  std::string prefix;
  for (std::size_t i = 0; i + 1 < atoms.size(); ++i) {
    append_key(prefix, text, atoms, 0, i);
    if (!is_joining_hyphen(text, atoms, i)) keys[prefix].prefix = true;
  }
  return Added::added;
}

Lexicon::Lexicon() : impl_(std::make_unique<Impl>()) {}
Lexicon::~Lexicon() = default;
Lexicon::Lexicon(Lexicon&&) noexcept = default;
Lexicon& Lexicon::operator=(Lexicon&&) noexcept = default;

const Lexicon& Lexicon::builtin() {
  static const Lexicon lexicon = [] {
    auto parsed = from_tsv(builtin_tsv());
    // skills.tsv is compiled in and checked by the unit tests: failing here is a build bug.
    if (!parsed) throw std::logic_error("built-in skills.tsv: " + parsed.error().message);
    return std::move(*parsed);
  }();
  return lexicon;
}

Result<const Lexicon*> Lexicon::for_process(const core::Env& env) {
  const std::string paths = env.string("TAILOR_SKILLS_CSV", "");
  if (paths.empty()) return &builtin();
  static std::mutex mu;
  static std::unique_ptr<Lexicon> extended;
  std::lock_guard lock(mu);
  if (extended) return extended.get();
  auto lexicon = from_tsv(builtin_tsv());
  if (!lexicon) return std::unexpected(lexicon.error());
  std::size_t start = 0;
  while (start <= paths.size()) {
    const std::size_t end = std::min(paths.find(':', start), paths.size());
    const std::string path = paths.substr(start, end - start);
    start = end + 1;
    if (path.empty()) continue;
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail(Errc::invalid_argument, fmt::format("TAILOR_SKILLS_CSV: cannot read {}", path));
    std::ostringstream csv;
    csv << in.rdbuf();
    if (auto added = lexicon->import_csv(csv.str()); !added) {
      return fail(Errc::invalid_argument, fmt::format("TAILOR_SKILLS_CSV: {}: {}", path, added.error().message));
    }
  }
  extended = std::make_unique<Lexicon>(std::move(*lexicon));
  return extended.get();
}

Result<Lexicon> Lexicon::from_tsv(std::string_view tsv) {
  Lexicon lexicon;
  std::size_t line_no = 0;
  for (auto line : text::split_lines(tsv)) {
    ++line_no;
    if (text::trim(line).empty() || text::trim(line).front() == '#') continue;
    if (auto st = add_tsv_line(*lexicon.impl_, line); !st)
      return fail(Errc::invalid_argument,
                  fmt::format("skills TSV line {}: {}", line_no, st.error().message));
  }
  return lexicon;
}

const std::vector<Skill>& Lexicon::skills() const {
  return impl_->skills;
}
std::size_t Lexicon::size() const {
  return impl_->skills.size();
}

const Skill* Lexicon::find(std::string_view name_or_alias) const {
  const Form* form = impl_->form_of(name_or_alias);
  return form == nullptr ? nullptr : &impl_->skills[form->skill];
}

std::vector<std::size_t> Lexicon::distinct_in(std::string_view text) const {
  std::vector<std::size_t> out;
  std::unordered_set<std::size_t> seen;
  for (const auto& mention : find_in(text))
    if (seen.insert(mention.skill).second) out.push_back(mention.skill);
  return out;
}

}  // namespace tailor::analyze::skills
