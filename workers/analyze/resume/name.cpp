#include "workers/analyze/resume/name.hpp"

#include <algorithm>

#include "workers/analyze/resume/fields.hpp"
#include "workers/analyze/resume/vocabulary.hpp"
#include "workers/analyze/text/text.hpp"

namespace tailor::analyze::resume_parse {

namespace {

// How far down a name is looked for: banners, "Curriculum Vitae" and a headline can come first.
constexpr int kNameWindow = 15;

const Line& at(const Lines& lines, int i) {
  return lines.lines[static_cast<std::size_t>(i)];
}

// One word of a name as written: "Jane", "O'Neil", "Smith-Jones", "J.", "ÉLODIE"; not a word
// the vocabularies give another meaning (a title, a heading, a degree, an employer, "Resume"),
// not a joining word ("The", "At") and not a mask ("XXXX").
bool name_word(std::string_view w, bool caps_line) {
  if (w.empty()) return false;
  // In a line not set in capitals, a word in capitals is an acronym ("ESB Developer").
  if (!caps_line && w.size() >= 2 &&
      std::none_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
    return false;
  // Non-ASCII: a letter (U+00C0 onwards), not a space or a mark (U+00A0, U+2022, U+F0B7).
  const auto first = static_cast<unsigned char>(w.front());
  if (!((first >= 'A' && first <= 'Z') || (first >= 0xC3 && first != 0xE2 && first != 0xEF)))
    return false;
  for (char ch : w) {
    const auto c = static_cast<unsigned char>(ch);
    if (!(std::isalpha(c) != 0 || c >= 0x80 || c == '.' || c == '\'' || c == '-')) return false;
  }
  if (w.size() >= 3 && std::all_of(w.begin(), w.end(), [](char c) { return c == 'X'; }))
    return false;
  const auto& v = Vocabulary::get();
  for (const auto& lw : lower_words(w)) {
    if (lw == "the" || lw == "at" || lw == "of" || lw == "and" || lw == "for" || lw == "in" ||
        lw == "to" || lw == "a" || lw == "an" || lw == "on" || lw == "by" || lw == "with")
      return false;
    if (v.not_name.contains(lw) || v.title_words.contains(lw) || v.company_words.contains(lw) ||
        v.institution_words.contains(lw) || v.heading_words.contains(lw) || v.verbs.contains(lw) ||
        (lw.size() > 2 && v.degree_openings.contains(lw)))
      return false;
  }
  return !v.degree_openings.contains(text::lower_ascii(w));
}

bool honorific(std::string_view w) {
  const auto l = text::lower_ascii(w);
  return l == "mr." || l == "mr" || l == "mrs." || l == "mrs" || l == "ms." || l == "ms" ||
         l == "dr." || l == "dr" || l == "prof." || l == "prof";
}

// "Name: Jane Smith" → "Jane Smith"; "Name:" alone → "" with `labelled` set.
bool name_label(std::string_view t, std::string_view& rest) {
  const auto colon = t.find(':');
  if (colon == std::string_view::npos) return false;
  const auto key = heading_key(t.substr(0, colon));
  if (key != "name" && key != "full name" && key != "candidate name" && key != "candidate")
    return false;
  rest = text::trim(t.substr(colon + 1));
  return true;
}

// "Resume of Jane Smith", "CV: Jane Smith", "Curriculum Vitae - Jane Smith" → "Jane Smith".
std::string_view without_banner(std::string_view t) {
  static constexpr std::string_view kBanners[] = {"curriculum vitae", "resume of", "cv of",
                                                  "resume",           "cv",        "vita"};
  for (auto banner : kBanners) {
    if (!text::starts_with_ci(t, banner) || t.size() == banner.size()) continue;
    const char next = t[banner.size()];
    if (next != ' ' && next != ':' && next != '-') continue;
    auto rest = t.substr(banner.size());
    while (!rest.empty() && (rest.front() == ' ' || rest.front() == ':' || rest.front() == '-'))
      rest.remove_prefix(1);
    return rest;
  }
  return t;
}

struct Candidate {
  std::string name;
  int words{};
  bool whole{};  // nothing but separators and other fields follow the name on its line
};

bool caps(std::string_view t) {
  return std::none_of(t.begin(), t.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// The name words that open `t`: up to the first word that is no part of a name, a comma, a
// bar or a tab. None when the line turns out to be a job title ("Medical Assistant") or the name
// runs into a sentence ("Argentina. Forged …"), or a lone word into an address ("Peperfeld 55").
Candidate leading_name(std::string_view t) {
  Candidate c;
  const bool caps_line = caps(t);
  std::size_t i = 0;
  bool first = true;
  while (true) {
    while (i < t.size() && t[i] == ' ') ++i;
    if (i == t.size()) {
      c.whole = true;
      break;
    }
    std::size_t j = i;
    while (j < t.size() && t[j] != ' ' && t[j] != ',' && t[j] != '|' && t[j] != '\t' && t[j] != '(')
      ++j;
    const auto word = t.substr(i, j - i);
    if (first && honorific(word)) {
      i = j;
      first = false;
      continue;
    }
    first = false;
    if (!name_word(word, caps_line)) {
      // "Jane Smith - Engineer", "Jane Smith • Chicago": another field follows.
      c.whole = word == "-" || word == "\u2013" || word == "\u2022" || word == "\u00B7";
      // "Ivan Keeling 87 Some Street" is a name before an address; "Peperfeld 55" an address.
      const bool address = !word.empty() && word.front() >= '0' && word.front() <= '9';
      // "Harbor Freight Logistics", "Lakeside Institute": an employer or a school.
      if ((address && c.words < 2) || company_score(word) > 0 || is_institution(word)) return {};
      if (!c.whole && title_score(word) > 0) {
        // "Medical Assistant" is a title; in "Rahul Mehta Java Developer" the word before the
        // title word is the title's own.
        if (c.words <= 2) return {};
        c.name.resize(c.name.rfind(' '));
        --c.words;
      }
      break;
    }
    // "Jacobson. Heath": a full stop after more than an initial ends a sentence.
    if (word.ends_with('.') && word.size() > 2) {
      if (j < t.size() && t[j] == ' ' && text::trim(t.substr(j)).size() > 0) return {};
    }
    c.name += (c.name.empty() ? "" : " ") + std::string(word);
    ++c.words;
    if (j < t.size() && t[j] != ' ') {
      // "Jane Smith, MBA" keeps the name; "Waukegan," alone is part of an address.
      c.whole = text::trim(t.substr(j + 1)).size() > 0 || t[j] != ',';
      break;
    }
    i = j;
  }
  if (c.words == 0) c.whole = false;
  return c;
}

bool contact_line(std::string_view t) {
  if (t.find('@') != std::string_view::npos) return true;
  return std::count_if(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; }) >= 7;
}

bool heading_line(std::string_view t) {
  const auto colon = t.find(':');
  return Vocabulary::get().headings.contains(heading_key(t.substr(0, colon)));
}

// A name set on two lines ("Chanchal" / "Sharma"): the next line's single name word.
std::string second_half(const Lines& lines, int i, int last) {
  if (i + 1 > last) return "";
  const auto& next = at(lines, i + 1);
  if (next.size != at(lines, i).size || text::words(next.text).size() != 1 ||
      text::words(at(lines, i).text).size() != 1)
    return "";
  const auto c = leading_name(next.text);
  return c.words == 1 && c.whole ? c.name : "";
}

}  // namespace

NameLine find_name(const Lines& lines, int contact_last) {
  const int n = static_cast<int>(lines.lines.size());
  const int last = std::min(n - 1, std::max(contact_last, kNameWindow - 1));
  if (lines.layout) {
    // The largest type near the top.
    int largest = -1;
    for (int i = 0; i <= std::min(last, 7); ++i) {
      if (largest < 0 || at(lines, i).size > at(lines, largest).size) largest = i;
    }
    if (largest >= 0 && at(lines, largest).size > lines.body_size) {
      const auto fields = split_fields(at(lines, largest).text);
      auto c = fields.empty() ? Candidate{} : leading_name(fields.front());
      if (c.whole && c.words >= 1 && c.words <= 4) {
        if (c.words == 1) {
          if (auto more = second_half(lines, largest, last); !more.empty()) c.name += " " + more;
        }
        return {largest, c.name};
      }
    }
  }
  NameLine best;
  double best_score = 0;
  bool past_heading = false;
  for (int i = 0; i <= last; ++i) {
    std::string_view t = at(lines, i).text;
    double score = 10 - 0.6 * i - (past_heading ? 3 : 0);
    int line = i;
    std::string_view rest;
    if (name_label(t, rest)) {
      score += 8;
      if (rest.empty() && i + 1 <= last) {
        line = i + 1;
        rest = at(lines, line).text;
      }
      t = rest;
    } else if (heading_line(t)) {
      past_heading = past_heading || i > 0;
      continue;
    }
    t = without_banner(t);
    if (parse_location(t, false)) continue;
    auto c = leading_name(t);
    if (c.words == 0 || c.words > 5) continue;
    if (c.words == 1) {
      if (auto more = second_half(lines, line, last); !more.empty()) {
        c.name += " " + more;
        c.words = 2;
      }
    }
    bool near_contact = false;
    for (int j = line; j <= std::min(last, line + 3) && !near_contact; ++j)
      near_contact = contact_line(at(lines, j).text);
    // A single word ("Tillman") only right above the e-mail or phone.
    if (c.words == 1 && !near_contact) continue;
    static constexpr double kByWords[] = {0, -5, 2, 2, 1, -1};
    score += kByWords[c.words] + (c.whole ? 3 : 0) + (near_contact ? 3 : 0);
    if (score > best_score) {
      best_score = score;
      best = {line, c.name};
    }
  }
  return best;
}

}  // namespace tailor::analyze::resume_parse
