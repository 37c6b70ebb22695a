// Bullet scores: 0–100 from the opener, a figure, the length and the person, with the issues a
// writer would fix.
#include "workers/analyze/ats/bullet_score.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <iterator>

#include "workers/analyze/ats/word_lists.hpp"
#include "workers/analyze/text/text.hpp"

namespace tailor::analyze::ats {
namespace {

// The points a bullet earns; they add up to 100.
struct Points {
  int action_verb = 35;   // opens with a strong action verb
  int other_opener = 10;  // opens with neither a strong verb nor a weak phrase ("Migration of …")
  int quantified = 30;    // carries a figure
  int good_length = 25;   // kGoodMinWords–kGoodMaxWords words
  int fair_length = 12;   // a little outside: kFairMinWords–kFairMaxWords
  int not_first_person = 10;
};
constexpr Points kPoints;
constexpr int kFairMinWords = 5;
constexpr int kFairMaxWords = 40;

// Words that state a figure without digits.
constexpr std::string_view kNumberWords[] = {
    "two",      "three",   "four",   "five",    "six",      "seven",    "eight",     "nine",
    "ten",      "twelve",  "twenty", "hundred", "hundreds", "thousand", "thousands", "million",
    "millions", "billion", "dozen",  "dozens",  "doubled",  "tripled",  "halved",    "twice"};

constexpr std::string_view kFirstPerson[] = {"i",      "me",  "my",   "mine",
                                             "myself", "i'm", "i've", "i'd"};

// Words that may stand before the verb without being the opener: "I led", "Was responsible".
constexpr std::string_view kLeadIns[] = {"i",   "we",  "was",  "were", "have",
                                         "has", "had", "been", "am"};

template <std::size_t N>
bool contains(const std::string_view (&list)[N], std::string_view word) {
  return std::ranges::find(list, word) != std::end(list);
}

bool alnum_or_utf8(unsigned char c) {
  return text::is_word_byte(c);
}

// The bullet's tokens (split at whitespace), lower case, stripped of punctuation at both ends.
std::vector<std::string> tokens(std::string_view s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    std::size_t end = i;
    while (end < s.size() && s[end] != ' ' && s[end] != '\t') ++end;
    auto token = s.substr(i, end - i);
    while (!token.empty() && !alnum_or_utf8(static_cast<unsigned char>(token.front())))
      token.remove_prefix(1);
    while (!token.empty() && !alnum_or_utf8(static_cast<unsigned char>(token.back())))
      token.remove_suffix(1);
    if (!token.empty()) out.push_back(text::lower_ascii(token));
    i = end;
  }
  return out;
}

// The verb forms the list holds, tried for a word as written: "builds", "launches",
// "unifies", "building", "managing", "running".
bool is_action_verb(const std::string& w) {
  const auto& verbs = word_lists().action_verbs;
  const auto known = [&](std::string_view form) { return verbs.contains(std::string(form)); };
  if (known(w)) return true;
  const std::string_view v = w;
  if (v.ends_with("ies") && v.size() > 4 && known(std::string(v.substr(0, v.size() - 3)) + "y"))
    return true;
  if (v.ends_with("es") && known(v.substr(0, v.size() - 2))) return true;
  if (v.ends_with('s') && known(v.substr(0, v.size() - 1))) return true;
  if (v.ends_with("ing") && v.size() > 5) {
    const auto stem = v.substr(0, v.size() - 3);
    if (known(stem) || known(std::string(stem) + "e")) return true;
    if (stem[stem.size() - 1] == stem[stem.size() - 2] && known(stem.substr(0, stem.size() - 1)))
      return true;
  }
  return false;
}

// The weak phrase the bullet opens with, or "".
std::string_view weak_opener(const std::vector<std::string>& words, std::size_t first) {
  for (const auto& phrase : word_lists().weak_openers) {
    std::size_t k = first;
    std::size_t p = 0;
    bool ok = true;
    while (ok && p < phrase.size()) {
      const auto space = std::min(phrase.find(' ', p), phrase.size());
      ok = k < words.size() && words[k] == std::string_view(phrase).substr(p, space - p);
      ++k;
      p = space + 1;
    }
    if (ok) return phrase;
  }
  return {};
}

}  // namespace

int word_count(std::string_view s) {
  return static_cast<int>(tokens(s).size());
}

bool first_person(std::string_view s) {
  for (const auto& w : text::words(s)) {
    // Lower case, with U+2019 read as an apostrophe ("I’m").
    std::string lower;
    for (std::size_t i = 0; i < w.text.size(); ++i) {
      if (w.text.substr(i).starts_with("\xE2\x80\x99")) {
        lower.push_back('\'');
        i += 2;
        continue;
      }
      const char c = w.text[i];
      lower.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    }
    if (contains(kFirstPerson, lower)) return true;
  }
  return false;
}

bool quantified(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if ((c >= '0' && c <= '9') || c == '%' || c == '$') return true;
  }
  for (const std::string_view sign : {"\xE2\x82\xAC", "\xC2\xA3", "\xC3\x97"})  // € £ ×
    if (s.find(sign) != std::string_view::npos) return true;
  for (const auto& w : text::words(s))
    if (contains(kNumberWords, text::lower_ascii(w.text))) return true;
  return false;
}

BulletScore score_bullet(const Bullet& bullet) {
  BulletScore out;
  out.text = bullet.text;
  out.section = bullet.section;
  out.entry = bullet.entry;

  const auto words = tokens(bullet.text);
  out.words = static_cast<int>(words.size());
  std::size_t first = 0;
  while (first + 1 < words.size() && contains(kLeadIns, words[first])) ++first;

  const auto weak = weak_opener(words, first);
  out.weak_verb = !weak.empty();
  out.action_verb = !out.weak_verb && first < words.size() && is_action_verb(words[first]);
  out.quantified = quantified(bullet.text);
  out.first_person = first_person(bullet.text);

  int score = 0;
  if (out.action_verb) {
    score += kPoints.action_verb;
  } else if (out.weak_verb) {
    out.issues.push_back(fmt::format("weak opener \"{}\"", weak));
  } else {
    score += kPoints.other_opener;
    out.issues.emplace_back("no action verb");
  }
  if (out.quantified)
    score += kPoints.quantified;
  else
    out.issues.emplace_back("no number");
  if (out.words >= kGoodMinWords && out.words <= kGoodMaxWords)
    score += kPoints.good_length;
  else if (out.words >= kFairMinWords && out.words <= kFairMaxWords)
    score += kPoints.fair_length;
  if (out.words < kGoodMinWords)
    out.issues.push_back(fmt::format("too short ({} words)", out.words));
  if (out.words > kGoodMaxWords)
    out.issues.push_back(fmt::format("too long ({} words)", out.words));
  if (out.first_person)
    out.issues.emplace_back("first person");
  else
    score += kPoints.not_first_person;
  out.score = score;
  return out;
}

}  // namespace tailor::analyze::ats
