// Finding a job's title and company in its description: labels, a title-like first line, and
// the phrases job ads open with.
#include "workers/analyze/match/job_header.hpp"

#include <vector>

#include "workers/analyze/match/phrases.hpp"
#include "workers/analyze/text/text.hpp"

namespace tailor::analyze::matching {
namespace {

constexpr std::string_view kRoleNouns[] = {
    "engineer",  "developer",  "programmer",    "architect",  "manager",     "designer",
    "scientist", "analyst",    "administrator", "consultant", "specialist",  "lead",
    "director",  "intern",     "technician",    "officer",    "coordinator", "representative",
    "writer",    "researcher", "strategist",    "accountant", "recruiter",   "marketer",
    "editor",    "head",       "owner",         "tester",     "assistant",   "advisor",
    "executive", "sre",        "swe",           "president",  "vp",          "nurse",
    "teacher",   "associate",  "partner",       "producer",   "supervisor",  "operator"};

// Words that open a company's name in prose but are not one.
constexpr std::string_view kNotCompany[] = {"we",   "our",     "the",      "this",  "you",   "your",
                                            "it",   "they",    "us",       "a",     "an",    "team",
                                            "role", "company", "position", "here",  "there", "what",
                                            "who",  "why",     "how",      "about", "join"};

template <std::size_t N>
bool in(const std::string_view (&list)[N], std::string_view w) {
  for (const auto x : list)
    if (x == w) return true;
  return false;
}

bool capitalized(std::string_view w) {
  return !w.empty() && ((w[0] >= 'A' && w[0] <= 'Z') || (w[0] >= '0' && w[0] <= '9'));
}

// A title as written, cut before a location or company tail: " - Remote", " | Berlin",
// " (Remote)", ", New York", " at Acme". `company` receives the "at …" part.
std::string clean_title(std::string_view t, std::string* company) {
  t = text::trim(t);
  for (const std::string_view cut :
       {" - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " | ", " (", ", ", " / "})
    if (const auto at = t.find(cut); at != std::string_view::npos && at > 0) t = t.substr(0, at);
  const auto folded = fold(t);
  if (const auto at = find_phrase(folded, "at"); at != std::string::npos && at > 0) {
    if (company != nullptr) *company = std::string(text::trim(t.substr(at + 2)));
    t = t.substr(0, at);
  }
  while (!t.empty() && (t.back() == '.' || t.back() == ':' || t.back() == ',' || t.back() == ' '))
    t.remove_suffix(1);
  return std::string(text::trim(t));
}

bool has_role_noun(std::string_view s) {
  for (const auto& w : text::words(s))
    if (is_role_noun(text::lower_ascii(w.text))) return true;
  return false;
}

// "Job Title: X", "Company: Y": the value of the first line whose label is one of `labels`.
std::string labelled(const std::vector<std::string_view>& lines,
                     std::initializer_list<std::string_view> labels) {
  for (const auto line : lines) {
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    const auto label = fold(text::trim(line.substr(0, colon)));
    for (const auto l : labels)
      if (label == l) return std::string(text::trim(line.substr(colon + 1)));
  }
  return {};
}

// The title in "looking for a Senior Backend Engineer to …": from the role noun back over the
// capitalised words before it (or up to three words when written in lower case).
std::string title_after(std::string_view text, std::size_t from) {
  const auto rest = text.substr(from, 120);
  const auto ws = text::words(rest);
  std::size_t noun = ws.size();
  for (std::size_t k = 0; k < ws.size() && k < 8; ++k) {
    const auto w = text::lower_ascii(ws[k].text);
    if (w == "to" || w == "who" || w == "that" || w == "with" || w == "for" || w == "in" ||
        w == "on")
      break;
    if (is_role_noun(w)) noun = k;
    // Stop at the end of the phrase: a comma, a full stop or a dash after this word.
    const auto after = ws[k].offset + ws[k].text.size();
    if (after < rest.size() &&
        (rest[after] == ',' || rest[after] == '.' || rest[after] == ';' || rest[after] == '('))
      break;
  }
  if (noun == ws.size()) return {};
  std::size_t first = noun;
  const bool upper = capitalized(ws[noun].text);
  while (first > 0) {
    const auto& prev = ws[first - 1].text;
    if (upper ? !capitalized(prev) : noun - first >= 3) break;
    const auto w = text::lower_ascii(prev);
    if (w == "a" || w == "an" || w == "and" || w == "talented" || w == "passionate" ||
        w == "motivated" || w == "experienced" || w == "skilled")
      break;
    --first;
  }
  const auto b = ws[first].offset;
  return std::string(rest.substr(b, ws[noun].offset + ws[noun].text.size() - b));
}

// A line that reads as a job title: short, no full stop, a role noun, mostly capitalised words.
bool reads_as_title(std::string_view line) {
  const auto ws = text::words(line);
  if (ws.empty() || ws.size() > 10 || line.ends_with('.') || !has_role_noun(line)) return false;
  std::size_t caps = 0;
  for (const auto& w : ws) caps += capitalized(w.text) ? 1 : 0;
  return caps * 2 >= ws.size();
}

std::string find_title(std::string_view text, const std::vector<std::string_view>& lines,
                       std::string* company) {
  if (auto t = labelled(lines, {"job title", "title", "position", "role", "job"}); !t.empty())
    return clean_title(t, company);
  if (!lines.empty() && reads_as_title(lines.front())) return clean_title(lines.front(), company);
  const auto folded = text::lower_ascii(text);  // same offsets as `text`
  for (const std::string_view cue :
       {"looking for a ", "looking for an ", "seeking a ", "seeking an ", "hiring a ", "hiring an ",
        "as a ", "as an ", "role of "}) {
    for (auto at = folded.find(cue); at != std::string::npos; at = folded.find(cue, at + 1)) {
      if (auto t = title_after(text, at + cue.size()); !t.empty()) return t;
    }
  }
  return {};
}

// The capitalised words that end at `end` ("Acme Corp" before " is hiring"), or "".
std::string name_before(std::string_view text, std::size_t end) {
  const auto ws = text::words(text.substr(0, end));
  std::size_t first = ws.size();
  while (first > 0 && ws.size() - first < 4 && capitalized(ws[first - 1].text)) {
    // Stay within the sentence: no full stop or line break between the words.
    if (first < ws.size()) {
      const auto gap =
          text.substr(ws[first - 1].offset + ws[first - 1].text.size(),
                      ws[first].offset - ws[first - 1].offset - ws[first - 1].text.size());
      if (gap.find_first_of(".\n:;") != std::string_view::npos) break;
    }
    --first;
  }
  if (first == ws.size() || in(kNotCompany, text::lower_ascii(ws[first].text))) return {};
  const auto b = ws[first].offset;
  return std::string(text.substr(b, ws.back().offset + ws.back().text.size() - b));
}

// The capitalised words that start at `from` ("Acme" in "About Acme"), or "".
std::string name_after(std::string_view text, std::size_t from) {
  const auto rest = text.substr(from, 80);
  const auto ws = text::words(rest);
  std::size_t n = 0;
  while (n < ws.size() && n < 4 && capitalized(ws[n].text)) {
    if (n > 0) {
      const auto gap = rest.substr(ws[n - 1].offset + ws[n - 1].text.size(),
                                   ws[n].offset - ws[n - 1].offset - ws[n - 1].text.size());
      if (gap != " " && gap != " & ") break;
    }
    ++n;
  }
  if (n == 0 || in(kNotCompany, text::lower_ascii(ws[0].text))) return {};
  return std::string(
      rest.substr(ws[0].offset, ws[n - 1].offset + ws[n - 1].text.size() - ws[0].offset));
}

std::string find_company(std::string_view text, const std::vector<std::string_view>& lines) {
  if (auto c = labelled(lines, {"company", "employer", "organization", "organisation"}); !c.empty())
    return c;
  for (const auto line : lines)
    if (line.starts_with("About ")) {
      if (auto c = name_after(line, 6); !c.empty()) return c;
    }
  const auto folded = text::lower_ascii(text);
  for (const std::string_view cue :
       {" is hiring", " is looking for", " is seeking", " is searching for"})
    for (auto at = folded.find(cue); at != std::string::npos; at = folded.find(cue, at + 1))
      if (auto c = name_before(text, at); !c.empty()) return c;
  for (const std::string_view cue : {"At ", "Join "})
    for (auto at = text.find(cue); at != std::string::npos; at = text.find(cue, at + 1)) {
      const bool sentence_start =
          at == 0 || text[at - 1] == '\n' || (at >= 2 && text[at - 2] == '.');
      if (!sentence_start) continue;
      if (auto c = name_after(text, at + cue.size()); !c.empty()) return c;
    }
  return {};
}

}  // namespace

bool is_role_noun(std::string_view w) {
  return in(kRoleNouns, w);
}

JobHeader find_header(std::string_view description) {
  std::vector<std::string_view> lines;
  for (const auto raw : text::split_lines(description))
    if (const auto line = text::trim(raw); !line.empty()) lines.push_back(line);
  JobHeader h;
  std::string company_from_title;
  h.title = find_title(description, lines, &company_from_title);
  h.company = company_from_title.empty() ? find_company(description, lines) : company_from_title;
  return h;
}

}  // namespace tailor::analyze::matching
