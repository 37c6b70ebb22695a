// Degree names and abbreviations, read from tokens with their dots and apostrophes removed
// ("B.S." → "bs", "Master's" → "master").
#include "workers/analyze/match/degree.hpp"

#include <string>

#include "workers/analyze/match/phrases.hpp"

namespace tailor::analyze::matching {
namespace {

struct Name {
  std::string_view token;  // dots and "'s" removed, lower case
  Degree degree{};
  bool abbreviation{};  // also an ordinary word or acronym: needs degree context in prose
                        // ("MS in", not "MS Office"; "MFA degree", not "MFA tokens")
  bool field_only{};    // too ambiguous in prose at all ("AS", "MD", "JD", "diploma")
};

constexpr Name kNames[] = {
    {"bachelor", Degree::bachelor},
    {"bachelors", Degree::bachelor},
    {"baccalaureate", Degree::bachelor},
    {"bs", Degree::bachelor, true},
    {"ba", Degree::bachelor, true},
    {"bsc", Degree::bachelor},
    {"bse", Degree::bachelor, true},
    {"beng", Degree::bachelor},
    {"btech", Degree::bachelor},
    {"bba", Degree::bachelor},
    {"bfa", Degree::bachelor},
    {"bcom", Degree::bachelor},
    {"be", Degree::bachelor, true, true},
    {"ab", Degree::bachelor, true, true},
    {"master", Degree::master, false, true},  // "Scrum Master"; prose uses "master's" or "masters"
    {"masters", Degree::master},
    {"ms", Degree::master, true},
    {"msc", Degree::master},
    {"ma", Degree::master, true},
    {"meng", Degree::master},
    {"mtech", Degree::master},
    {"mba", Degree::master},
    {"mfa", Degree::master, true},
    {"mph", Degree::master, true},
    {"mpa", Degree::master},
    {"mcs", Degree::master, true},
    {"phd", Degree::doctorate},
    {"dphil", Degree::doctorate},
    {"doctorate", Degree::doctorate},
    {"doctoral", Degree::doctorate},
    {"doctor", Degree::doctorate, false, true},
    {"edd", Degree::doctorate},
    {"md", Degree::doctorate, true, true},
    {"jd", Degree::doctorate, true, true},
    {"associate", Degree::associate, false, true},  // "Associate Product Manager"; see below
    {"associates", Degree::associate, false, true},
    {"aa", Degree::associate, true, true},
    {"as", Degree::associate, true, true},
    {"aas", Degree::associate, true, true},
    {"ged", Degree::high_school},
    {"diploma", Degree::high_school, false, true},
};

struct Token {
  std::string key;  // lower case, dots and "'s" removed
  std::size_t offset{};
  std::size_t end{};
  bool upper{};  // had an upper-case letter
};

bool token_byte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '\'';
}

std::vector<Token> tokens(std::string_view s) {
  std::vector<Token> out;
  std::size_t i = 0;
  while (i < s.size()) {
    if (!token_byte(s[i]) || s[i] == '.' || s[i] == '\'') {
      ++i;
      continue;
    }
    const std::size_t start = i;
    while (i < s.size() && token_byte(s[i])) ++i;
    // U+2019 as an apostrophe: "Master’s" (its bytes are skipped below, leaving "masters").
    std::size_t end = i;
    if (s.substr(end).starts_with("\xE2\x80\x99s")) {
      end += 4;
      i = end;
    }
    Token t{.key = {}, .offset = start, .end = end, .upper = false};
    for (std::size_t k = start; k < end; ++k) {
      const char c = s[k];
      if (c == '.' || static_cast<unsigned char>(c) >= 0x80) continue;
      t.upper = t.upper || (c >= 'A' && c <= 'Z');
      t.key.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    }
    if (t.key.ends_with("'s")) t.key.resize(t.key.size() - 2);
    if (t.key.ends_with("'")) t.key.pop_back();
    if (!t.key.empty()) out.push_back(std::move(t));
  }
  return out;
}

const Name* name_of(std::string_view key) {
  for (const auto& n : kNames)
    if (n.token == key) return &n;
  return nullptr;
}

// What follows an abbreviation when it names a degree: "in", "or", "and", "degree", '/', ',',
// ')' or the end ("BS in CS", "BS/MS", "an MS, or"), not a word like "Office".
bool degree_context(std::string_view prose, const std::vector<Token>& ts, std::size_t k) {
  std::size_t i = ts[k].end;
  while (i < prose.size() && prose[i] == ' ') ++i;
  if (i >= prose.size()) return true;
  const char c = prose[i];
  if (c == '/' || c == ',' || c == ')' || c == ';' || c == '.' || c == '\n') return true;
  if (k + 1 >= ts.size()) return false;
  const auto& next = ts[k + 1].key;
  return next == "in" || next == "or" || next == "and" || next == "degree" || next == "degrees" ||
         name_of(next) != nullptr;
}

}  // namespace

std::string_view to_string(Degree degree) {
  switch (degree) {
    case Degree::none:
      return "";
    case Degree::high_school:
      return "high_school";
    case Degree::associate:
      return "associate";
    case Degree::bachelor:
      return "bachelor";
    case Degree::master:
      return "master";
    case Degree::doctorate:
      return "doctorate";
  }
  return "";
}

std::string_view describe(Degree degree) {
  switch (degree) {
    case Degree::none:
      return "no degree";
    case Degree::high_school:
      return "a high-school diploma";
    case Degree::associate:
      return "an associate degree";
    case Degree::bachelor:
      return "a bachelor's degree";
    case Degree::master:
      return "a master's degree";
    case Degree::doctorate:
      return "a doctorate";
  }
  return "no degree";
}

Degree degree_of(std::string_view field) {
  const auto folded = fold(field);
  Degree best = Degree::none;
  const auto raise = [&](Degree d) { best = std::max(best, d); };
  for (const auto& t : tokens(field))
    if (const auto* n = name_of(t.key)) raise(n->degree);
  if (has_phrase(folded, "high school")) raise(Degree::high_school);
  return best;
}

std::vector<DegreeMention> degrees_in(std::string_view prose) {
  std::vector<DegreeMention> out;
  const auto ts = tokens(prose);
  for (std::size_t k = 0; k < ts.size(); ++k) {
    const auto& t = ts[k];
    const auto next = k + 1 < ts.size() ? std::string_view(ts[k + 1].key) : std::string_view{};
    const auto prev = k > 0 ? std::string_view(ts[k - 1].key) : std::string_view{};
    Degree d = Degree::none;
    if (const auto* n = name_of(t.key)) {
      if (!n->field_only && (!n->abbreviation || (t.upper && degree_context(prose, ts, k))))
        d = n->degree;
      // "associate degree", "associate's degree", "master degree", "master of science"
      if (n->field_only && !n->abbreviation && (next == "degree" || next == "of")) d = n->degree;
    } else if (t.key == "degree" || t.key == "degrees") {
      if (prev == "advanced" || prev == "graduate" || prev == "postgraduate")
        d = Degree::master;
      else if (prev == "college" || prev == "university" || prev == "undergraduate" ||
               prev == "year" || prev == "4" || prev == "four" || prev == "bachelor" ||
               next == "in")
        d = Degree::bachelor;
      // "a degree in X" counts once: not when a named degree stands just before ("BS degree in").
      if (d != Degree::none && !out.empty() && out.back().offset + 40 > t.offset &&
          prev != "advanced" && prev != "graduate" && prev != "postgraduate")
        d = Degree::none;
    } else if (t.key == "high" && next == "school") {
      d = Degree::high_school;
    }
    if (d != Degree::none) out.push_back({d, t.offset});
  }
  return out;
}

}  // namespace tailor::analyze::matching
