// Lexicon::find_in: the skill matcher.
//
// The text is tokenized once into atoms (atoms.hpp). From every atom that may start a word, the
// matcher extends an n-gram atom by atom, looking each normalized key up in the lexicon's hash
// map, and stops as soon as no form starts with the key; the longest form that ends on a token
// boundary wins and the scan resumes after it. So "Google Cloud Platform" beats "Google Cloud",
// "C++" and "C#" beat "C", and "JavaScript" is one atom that "Java" never matches inside.
//
// Boundaries. A match starts at the beginning of the text, after whitespace, or glued after an
// opening mark ("(", "/", "|", a bullet…); not after "@" or "." ("user@github.com", "x.net").
// It ends before whitespace or a closing mark (not "://": "https://" is no HTTP skill); before
// "." or "-" only when no word is glued after it ("Python." yes, "Node" in "Node.js" no,
// "Python-based" yes for unambiguous forms);
// before a glued number only as a version of an unambiguous form ("C++17", "Python3").
//
// Ambiguous forms ("Go", "R", "C", "Swift", "Excel", "Spring", "Chef"… flagged in skills.tsv)
// are also ordinary words or names, so they count only with evidence:
//   1. the exact case of the lexicon (or all capitals): "go" and "swift" are never skills;
//   2. strict boundaries: no hyphen, number or "." word glued after ("Go-live", "R2", "C-suite");
//      a single capital followed by ". Name" is an initial ("Mr. R. Smith"), never a skill; and
//      no "than", "of", "is"… right after it ("Less than 1 year");
//   3. and one of
//      a. a qualifier right after: "Go language", "R programming", "Excel spreadsheets", "Swift 5";
//      b. the form is a whole list item (between commas, pipes, slashes, parentheses, bullets,
//         "and"/"or", line breaks, column gaps of two spaces or a tab, "such as"/"including"
//         before it, a preposition after it) next to another item that is an accepted skill
//         (unambiguous, or ambiguous with evidence of its own) or a label such as "Skills:" —
//         "Python, Go, Rust", "R (tidyverse)", "Excel and Word", "Vitest or Jest for tests";
//      c. it ends its item and follows "in", "with" or "using": "written in Go.", "using R".
#include <algorithm>
#include <array>
#include <cstdint>

#include "workers/analyze/skills/atoms.hpp"
#include "workers/analyze/skills/lexicon.hpp"
#include "workers/analyze/skills/lexicon_impl.hpp"
#include "workers/analyze/text/text.hpp"

namespace tailor::analyze::skills {

namespace {

constexpr std::array<std::string_view, 41> kQualifiersAfter = {
    "language",  "languages",    "lang",        "programming",   "programmer", "programmers",
    "developer", "developers",   "development", "engineer",      "engineers",  "code",
    "coding",    "codebase",     "scripting",   "scripts",       "framework",  "library",
    "libraries", "modules",      "packages",    "ecosystem",     "toolchain",  "sdk",
    "api",       "apis",         "services",    "microservices", "backend",    "applications",
    "apps",      "spreadsheets", "spreadsheet", "formulas",      "macros",     "pivot",
    "manifests", "cookbooks",    "playbooks",   "documents",     "databases"};
constexpr std::array<std::string_view, 3> kQualifiersBefore = {"in", "with", "using"};
// A preposition after a list item ends it: "Vitest or Jest for unit tests".
constexpr std::array<std::string_view, 10> kPrepositions = {"for", "in",    "with", "on", "to",
                                                            "via", "using", "as",   "at", "from"};
// Words that, right after a capitalized word, show it begins a sentence rather than names a
// skill: "Less than 1 year", "Spring of 2020", "Chef is…".
constexpr std::array<std::string_view, 8> kSentenceWords = {"than", "of",  "the",  "is",
                                                            "are",  "was", "were", "be"};
// Words that open a list: "tools such as Evidently or WhyLogs", "including Chef and Puppet".
constexpr std::array<std::string_view, 3> kListOpeners = {"including", "like", "especially"};
constexpr std::array<std::string_view, 16> kListLabels = {
    "skills",        "languages", "technologies", "tools",       "stack",     "frameworks",
    "libraries",     "databases", "platforms",    "software",    "expertise", "competencies",
    "proficiencies", "technical", "environment",  "environments"};

constexpr std::array<std::string_view, 2> kConjunctions = {"and", "or"};

// ASCII marks a match may follow or precede when glued to it, and marks that separate list
// items. Non-ASCII punctuation (bullets, dashes, quotes) does all three.
constexpr std::string_view kOpeningMarks = "([{<\"'`/\\|,;:*";
constexpr std::string_view kClosingMarks = ")]}>\"'`/\\|,;*";
constexpr std::string_view kListMarks = ",;|/()[]:*+&";

constexpr std::uint32_t kNoMention = UINT32_MAX;

struct Candidate {
  std::size_t first{};  // atoms [first, end)
  std::size_t end{};
  std::uint32_t form{};
};

template <std::size_t N>
bool is_one_of(const std::array<std::string_view, N>& words, std::string_view word) {
  return std::any_of(words.begin(), words.end(),
                     [&](std::string_view w) { return text::iequals_ascii(w, word); });
}

class Scan {
 public:
  Scan(const LexiconData& lexicon, std::string_view text)
      : lexicon_(lexicon), text_(text), atoms_(atomize(text)) {}

  std::vector<Mention> run() {
    find_candidates();
    accept_ambiguous();
    std::vector<Mention> out;
    out.reserve(candidates_.size());
    for (std::size_t k = 0; k < candidates_.size(); ++k) {
      if (!accepted_[k]) continue;
      const Candidate& c = candidates_[k];
      const Atom& last = atoms_[c.end - 1];
      const std::size_t offset = atoms_[c.first].offset;
      out.push_back(Mention{.skill = lexicon_.forms[c.form].skill,
                            .offset = offset,
                            .length = last.offset + last.length - offset});
    }
    return out;
  }

 private:
  std::string_view atom_text(std::size_t i) const {
    return text_.substr(atoms_[i].offset, atoms_[i].length);
  }
  bool is_mark(std::size_t i, char c) const {
    return i < atoms_.size() && atoms_[i].kind == AtomKind::punct && atoms_[i].length == 1 &&
           text_[atoms_[i].offset] == c;
  }
  bool glued(std::size_t i) const { return i < atoms_.size() && !atoms_[i].space_before; }
  bool glued_word(std::size_t i) const { return glued(i) && is_word(atoms_[i]); }

  bool can_start(std::size_t i) const {
    if (i == 0 || atoms_[i].space_before) return true;
    const Atom& prev = atoms_[i - 1];
    if (is_word(prev)) return false;   // inside "3D", "x86"
    if (prev.length > 1) return true;  // a bullet, dash or quote
    const char c = text_[prev.offset];
    if (c == '-') return i == 1 || prev.space_before;  // a bullet, not "non-"
    return kOpeningMarks.find(c) != std::string_view::npos;
  }

  bool can_end(std::size_t e, bool ambiguous) const {
    if (e == atoms_.size() || atoms_[e].space_before) return true;
    const Atom& next = atoms_[e];
    if (next.kind == AtomKind::digits) return !ambiguous;  // a version: "C++17", "Python3"
    if (next.kind == AtomKind::letters) return false;
    if (next.length > 1) return true;
    const char c = text_[next.offset];
    if (c == ':') return !is_mark(e + 1, '/') || !glued(e + 1);  // not a URL scheme: "https://"
    if (c == '.' || c == '!' || c == '?') return !glued_word(e + 1);
    if (c == '-') return !ambiguous || !glued_word(e + 1);
    return kClosingMarks.find(c) != std::string_view::npos;
  }

  // The matched text in the lexicon's case, or in capitals.
  bool same_case(std::size_t first, std::size_t end, std::string_view form) const {
    std::string matched;
    for (std::size_t k = first; k < end; ++k) {
      if (k > first && atoms_[k].space_before) matched.push_back(' ');
      matched.append(atom_text(k));
    }
    if (matched == form) return true;
    if (matched.size() != form.size()) return false;
    for (std::size_t k = 0; k < form.size(); ++k) {
      const char f = form[k];
      if (matched[k] != (f >= 'a' && f <= 'z' ? static_cast<char>(f - 'a' + 'A') : f)) return false;
    }
    return true;
  }

  void find_candidates() {
    std::string key;
    std::size_t i = 0;
    while (i < atoms_.size()) {
      if (!can_start(i)) {
        ++i;
        continue;
      }
      key.clear();
      Candidate best{.first = i, .end = i, .form = 0};
      // Extend atom by atom; a joining hyphen is the space before the next atom, so
      // "problem-solving" and "problem solving" reach the same keys in the same steps.
      std::size_t counted = 0;
      for (std::size_t j = i; j < atoms_.size() && counted < lexicon_.max_atoms; ++j) {
        append_key(key, text_, atoms_, i, j);
        if (is_joining_hyphen(text_, atoms_, j)) continue;
        ++counted;
        const auto it = lexicon_.keys.find(std::string_view(key));
        if (it == lexicon_.keys.end()) break;
        const KeyEntry& entry = it->second;
        if (entry.form != KeyEntry::kNone) {
          const Form& form = lexicon_.forms[entry.form];
          if (can_end(j + 1, form.ambiguous) && (!form.ambiguous || same_case(i, j + 1, form.text)))
            best = Candidate{.first = i, .end = j + 1, .form = entry.form};
        }
        if (!entry.prefix) break;
      }
      if (best.end > i) {
        candidates_.push_back(best);
        i = best.end;
      } else {
        ++i;
      }
    }
  }

  // Unambiguous candidates are accepted as they are. Ambiguous ones are accepted in rounds:
  // a list neighbor counts as evidence once it is accepted itself, so "Languages: Go, Rust"
  // accepts Go (label) and then Rust, while "Phoenix, Arizona" next to "MANAGEMENT" does not
  // lift two ambiguous words on each other.
  void accept_ambiguous() {
    accepted_.assign(candidates_.size(), true);
    bool any = false;
    for (std::size_t k = 0; k < candidates_.size(); ++k) {
      accepted_[k] = !lexicon_.forms[candidates_[k].form].ambiguous;
      any = any || !accepted_[k];
    }
    if (!any) return;
    starts_at_.assign(atoms_.size() + 1, kNoMention);
    ends_at_.assign(atoms_.size() + 1, kNoMention);
    for (std::size_t k = 0; k < candidates_.size(); ++k) {
      starts_at_[candidates_[k].first] = static_cast<std::uint32_t>(k);
      ends_at_[candidates_[k].end] = static_cast<std::uint32_t>(k);
    }
    for (bool changed = true; changed;) {
      changed = false;
      for (std::size_t k = 0; k < candidates_.size(); ++k) {
        if (accepted_[k] || !has_evidence(candidates_[k])) continue;
        accepted_[k] = true;
        changed = true;
      }
    }
  }
  bool accepted_at(const std::vector<std::uint32_t>& index, std::size_t atom) const {
    return index[atom] != kNoMention && accepted_[index[atom]];
  }

  // "and", "or": they join list items like a comma.
  bool is_conjunction(std::size_t i) const {
    return atoms_[i].space_before && is_word_in(i, kConjunctions);
  }
  // A mark that separates list items; non-ASCII marks are bullets, dashes and quotes.
  bool is_delimiter(std::size_t i) const {
    const Atom& a = atoms_[i];
    if (a.kind != AtomKind::punct) return false;
    if (a.length > 1) return true;
    const char c = text_[a.offset];
    if (c == '-') return a.space_before;  // "Python - Go", not "event-driven"
    return kListMarks.find(c) != std::string_view::npos;
  }
  bool separates(std::size_t i) const { return is_delimiter(i) || is_conjunction(i); }

  bool is_word_in(std::size_t i, auto const& words) const {
    return i < atoms_.size() && atoms_[i].kind == AtomKind::letters &&
           is_one_of(words, atom_text(i));
  }
  bool opens_list(std::size_t i) const {
    if (is_word_in(i, kListOpeners)) return true;
    return i > 0 && text::iequals_ascii(atom_text(i), "as") &&
           text::iequals_ascii(atom_text(i - 1), "such");
  }
  // A line break or a column gap ("Python      Go") parts items like a delimiter.
  bool breaks_before(std::size_t i) const {
    return atoms_[i].newline_before || atoms_[i].gap_before;
  }
  bool item_starts_at(std::size_t i) const {
    return i == 0 || breaks_before(i) || separates(i - 1) || opens_list(i - 1);
  }
  bool item_ends_at(std::size_t e) const {
    if (e == atoms_.size() || breaks_before(e) || separates(e)) return true;
    if (atoms_[e].space_before && is_word_in(e, kPrepositions)) return true;
    return is_mark(e, '.') && (e + 1 == atoms_.size() || atoms_[e + 1].space_before);
  }

  bool qualified_after(std::size_t e) const {
    if (e == atoms_.size() || !atoms_[e].space_before) return false;
    if (atoms_[e].kind == AtomKind::letters) return is_word_in(e, kQualifiersAfter);
    // A version: "Swift 5", "Go 1.21" (not a year: "Spring 2020").
    if (atoms_[e].kind == AtomKind::digits && atoms_[e].length <= 2)
      return item_ends_at(e + 1) ||
             (is_mark(e + 1, '.') && glued(e + 2) && atoms_[e + 2].kind == AtomKind::digits);
    return false;
  }
  bool qualified_before(std::size_t first) const {
    return first > 0 && atoms_[first].space_before && is_word_in(first - 1, kQualifiersBefore);
  }
  bool is_initial(std::size_t first, std::size_t end) const {
    return end == first + 1 && atoms_[first].length == 1 && is_mark(end, '.') &&
           end + 1 < atoms_.size() && atoms_[end + 1].space_before &&
           atoms_[end + 1].kind == AtomKind::letters && text_[atoms_[end + 1].offset] >= 'A' &&
           text_[atoms_[end + 1].offset] <= 'Z';
  }

  // The previous list item ends with an accepted skill or is a label ("Skills:").
  bool skill_item_before(std::size_t first) const {
    std::size_t k = first;
    bool crossed = false;
    while (k > 0) {
      crossed = crossed || breaks_before(k);
      if (!separates(k - 1)) break;
      crossed = true;
      --k;
    }
    if (!crossed || k == 0) return false;
    return accepted_at(ends_at_, k) || is_word_in(k - 1, kListLabels);
  }
  // The next list item starts with an accepted skill.
  bool skill_item_after(std::size_t end) const {
    std::size_t k = end;
    bool crossed = false;
    while (k < atoms_.size()) {
      crossed = crossed || breaks_before(k);
      if (!separates(k)) break;
      crossed = true;
      ++k;
    }
    return crossed && k < atoms_.size() && accepted_at(starts_at_, k);
  }

  // The next word, past spaces and one "/", is one of kSentenceWords ("Less/than 1 year").
  bool sentence_follows(std::size_t e) const {
    if (is_mark(e, '/')) ++e;
    return is_word_in(e, kSentenceWords);
  }

  bool has_evidence(const Candidate& c) const {
    if (is_initial(c.first, c.end) || sentence_follows(c.end)) return false;
    if (qualified_after(c.end)) return true;
    if (!item_ends_at(c.end)) return false;
    if (qualified_before(c.first)) return true;
    return item_starts_at(c.first) && (skill_item_before(c.first) || skill_item_after(c.end));
  }

  const LexiconData& lexicon_;
  std::string_view text_;
  std::vector<Atom> atoms_;
  std::vector<Candidate> candidates_;
  std::vector<std::uint32_t> starts_at_;
  std::vector<std::uint32_t> ends_at_;
  std::vector<bool> accepted_;  // per candidate
};

}  // namespace

std::vector<Mention> Lexicon::find_in(std::string_view text) const {
  return Scan(*impl_, text).run();
}

}  // namespace tailor::analyze::skills
