#include "workers/analyze/resume/entries.hpp"

#include <algorithm>
#include <cctype>
#include <tuple>

#include "workers/analyze/resume/dates.hpp"
#include "workers/analyze/resume/fields.hpp"
#include "workers/analyze/resume/vocabulary.hpp"
#include "workers/analyze/text/text.hpp"

namespace tailor::analyze::resume_parse {

namespace {

const Line& at(const Lines& lines, int i) {
  return lines.lines[static_cast<std::size_t>(i)];
}

bool starts_lower(std::string_view t) {
  return !t.empty() && t.front() >= 'a' && t.front() <= 'z';
}

// The line stops mid-sentence: no closing punctuation, or a joining word or comma at its end.
bool ends_open(std::string_view t) {
  t = text::trim(t);
  if (t.empty()) return false;
  const char c = t.back();
  if (c == ',' || c == '&' || c == '-' || c == '(' || c == '/') return true;
  const auto words = text::words(t);
  if (words.empty()) return false;
  const auto last = text::lower_ascii(words.back().text);
  static constexpr std::string_view kJoin[] = {"and",  "or",  "the", "of",  "to", "with",
                                               "in",   "for", "a",   "an",  "on", "by",
                                               "from", "at",  "as",  "into"};
  for (auto w : kJoin) {
    if (last == w) return true;
  }
  return false;
}

bool has_range(std::string_view t) {
  for (const auto& span : find_dates(t)) {
    if (span.range || span.ongoing) return true;
  }
  return false;
}

// A line with a date that heads an entry: a date with little else beside it ("May 2020",
// "Acme Corp, 2019"), or a range unless the line opens like a sentence; a sentence that mentions a
// year is not one.
bool is_dated_heading(std::string_view t) {
  const auto spans = find_dates(t);
  if (spans.empty()) return false;
  std::string rest(t);
  bool ranged = false;
  for (auto it = spans.rbegin(); it != spans.rend(); ++it) {
    ranged = ranged || it->range || it->ongoing;
    rest = cut_span(rest, *it);
  }
  if (text::trim(rest).empty() || reads_as_heading(rest)) return true;
  // "Engineer, Acme (2019 – 2021) Led the team." still heads its entry.
  const auto words = text::words(t);
  return ranged && !starts_lower(t) &&
         !Vocabulary::get().verbs.contains(text::lower_ascii(words.front().text));
}

// A line that says only when: "2015", "Spring 2014", "2008- 2009"; after such a line, also the
// rest of a range broken over lines ("present", "to"), which elsewhere ends a sentence.
bool is_when(std::string_view t, bool after_when) {
  const auto spans = find_dates(t);
  if (spans.empty()) {
    return after_when &&
           std::any_of(t.begin(), t.end(),
                       [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }) &&
           is_date_words(t);
  }
  std::string rest(t);
  for (auto it = spans.rbegin(); it != spans.rend(); ++it) rest = cut_span(rest, *it);
  return text::trim(rest).empty() || is_date_words(rest);
}

// A page's running foot or head in text without layout: "Page 2", "Page 2 of 3", "Jane Doe,
// page 2".
bool is_page_marker(std::string_view t) {
  const auto lower = text::lower_ascii(text::trim(t));
  const auto at = lower.rfind("page ");
  if (at == std::string::npos) return false;
  if (at > 0 && lower[at - 1] != ' ' && lower[at - 1] != ',' && lower[at - 1] != '|') return false;
  const auto words = text::words(std::string_view(lower).substr(at + 5));
  if (words.size() != 1 && !(words.size() == 3 && words[1].text == "of")) return false;
  return std::all_of(words.begin(), words.end(), [](const auto& w) {
    return w.text == "of" || std::all_of(w.text.begin(), w.text.end(), [](char c) {
             return std::isdigit(static_cast<unsigned char>(c)) != 0;
           });
  });
}

// A heading line written in lower case ("oracle", "software engineer"): a few words, not a
// sentence's opening verb, not the end of a range ("present)"), nothing closing it.
bool lower_case_heading(std::string_view t) {
  t = text::trim(t);
  const auto words = text::words(t);
  if (words.empty() || words.size() > 5 || !starts_lower(t) || is_date_words(t)) return false;
  const char c = t.back();
  if (c == '.' || c == ',' || c == ':' || c == ';') return false;
  return !Vocabulary::get().verbs.contains(text::lower_ascii(words.front().text));
}

// A job title on a line of its own ("Senior Systems Engineer"), not a place.
bool opens_role(std::string_view t) {
  return title_score(t) > 0 && text::words(t).size() <= 8 && !parse_location(t, false);
}

// A lower-case line that is an entry's heading: an employer under a title line ("Associate
// Engineer / oracle"), or a title over a header whose dates follow within two lines ("software
// engineer / Acme - City - / June 2015 to Present").
bool lower_case_head(const Lines& lines, int i, int first, int last) {
  const auto& t = at(lines, i).text;
  if (!lower_case_heading(t)) return false;
  if (title_score(t) == 0)
    return i > first && text::words(t).size() <= 3 && opens_role(at(lines, i - 1).text);
  for (int j = i + 1; j <= std::min(i + 2, last); ++j) {
    if (!at(lines, j).bullet && has_range(at(lines, j).text)) return true;
  }
  return false;
}

// The header's lines before its dates hold a job title: the entry reads "Title, Employer, dates",
// so a title line after the dates opens the next entry even without a body between them.
bool titled_before(const Lines& lines, const std::vector<int>& header, int date_at) {
  for (int k = 0; k < date_at; ++k) {
    for (const auto& f : split_fields(at(lines, header[static_cast<std::size_t>(k)]).text)) {
      if (title_score(f) > 0) return true;
    }
  }
  return false;
}

// What the heading lines of an entry say.
struct Head {
  std::vector<std::string> fields;  // in order, dates and sentences taken out
  std::vector<std::string> prose;   // sentences on the heading lines
  std::string start;
  std::string end;
  std::string single;  // a lone date ("2020", "May 2024") when there is no range
  std::string url;
  std::string position;  // given by a label ("Role: Team Lead")
  std::string employer;  // given by a label ("Company: Acme")
};

bool is_url(std::string_view f) {
  const auto l = text::lower_ascii(f);
  return l.find("http") != std::string::npos || l.starts_with("www.") ||
         l.find(".com/") != std::string::npos || l.find("github.com") != std::string::npos;
}

Head read_head(const Lines& lines, const EntryLines& entry, ParsedResume& out) {
  Head head;
  bool ranged = false;
  std::string closing;  // a lone date on the line after the first lone date: "2009 / 2016"
  int single_at = -2;   // the line of the first lone date when that line says only when
  for (int index : entry.header) {
    std::string t = at(lines, index).text;
    const auto label = entry_label(t);
    if (!label.kind.empty()) t = std::string(label.value);
    auto spans = find_dates(t);
    for (const auto& span : spans) {
      for (const auto& part : span.parts)
        out.dates.push_back(DateMention{part.text, part.format, index});
      if (!ranged && (span.range || span.ongoing)) {
        ranged = true;
        head.start = span.start;
        head.end = span.finish;
      } else if (!span.range && head.single.empty()) {
        head.single = span.start;
        if (is_when(t, false)) single_at = index;
      } else if (!span.range && closing.empty() && index == single_at + 1 && is_when(t, false)) {
        closing = span.start;
      }
    }
    for (auto it = spans.rbegin(); it != spans.rend(); ++it) t = cut_span(t, *it);
    auto fields = split_fields(t);
    if (label.kind == "position" || label.kind == "employer") {
      auto& named = label.kind == "position" ? head.position : head.employer;
      if (named.empty() && !fields.empty()) {
        named = std::move(fields.front());
        fields.erase(fields.begin());
      }
    }
    for (auto& f : fields) {
      if (is_url(f)) {
        if (head.url.empty()) head.url = f;
        continue;
      }
      if (text::iequals_ascii(f, "link")) continue;
      if (!reads_as_heading(f) && !lower_case_heading(at(lines, index).text)) {
        head.prose.push_back(std::move(f));
      } else if (auto split = split_title_at(f)) {
        head.fields.push_back(std::move(split->first));
        head.fields.push_back(std::move(split->second));
      } else {
        head.fields.push_back(std::move(f));
      }
    }
  }
  if (!ranged) {
    head.start = head.single;
    if (closing > head.single) head.end = closing;
  }
  return head;
}

struct Item {
  std::string text;
  int line{};
  bool bullet{};
};

// Bullets and prose of an entry, wrapped lines joined.
std::vector<Item> read_items(const Lines& lines, const std::vector<int>& body) {
  std::vector<Item> items;
  for (int index : body) {
    const auto& line = at(lines, index);
    std::string t(strip_bullet(line.text));
    std::replace(t.begin(), t.end(), '\t', ' ');
    if (t.empty()) continue;
    if (!items.empty() && !line.bullet &&
        (starts_lower(t) || ends_open(items.back().text) ||
         (items.back().bullet && !line.gap_before && !items.back().text.ends_with('.')))) {
      items.back().text += ' ';
      items.back().text += t;
      continue;
    }
    items.push_back(Item{std::move(t), index, line.bullet});
  }
  return items;
}

// Summary (prose before the first bullet, or a lone paragraph) and highlights.
struct Body {
  std::string summary;
  std::vector<Item> highlights;
};

Body read_body(const Lines& lines, const EntryLines& entry, const Head& head) {
  Body body;
  auto items = read_items(lines, entry.body);
  const bool any_bullet =
      std::any_of(items.begin(), items.end(), [](const Item& i) { return i.bullet; });
  std::vector<std::string> summary = head.prose;
  bool seen_bullet = false;
  for (auto& item : items) {
    seen_bullet = seen_bullet || item.bullet;
    if (seen_bullet || (!any_bullet && items.size() > 1)) {
      body.highlights.push_back(std::move(item));
    } else {
      summary.push_back(std::move(item.text));
    }
  }
  for (const auto& s : summary) body.summary += (body.summary.empty() ? "" : " ") + s;
  return body;
}

std::vector<std::string> texts(const std::vector<Item>& items) {
  std::vector<std::string> out;
  for (const auto& i : items) out.push_back(i.text);
  return out;
}

void add_bullets(const std::vector<Item>& items, const char* section, int entry,
                 ParsedResume& out) {
  for (const auto& i : items) out.bullets.push_back(Bullet{i.text, section, entry, i.line});
}

// Who and what: the position (a labelled one, else the field with most job-title words), the
// employer (a labelled one, else the best remaining field by employer cues, else the first one
// left), the place.
struct Role {
  std::string position;
  std::string organization;
  std::string location;
};

Role read_role(const Head& head) {
  const auto& fields = head.fields;
  Role role{head.position, head.employer, ""};
  std::vector<bool> used(fields.size(), false);
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (role.location.empty() && parse_location(fields[i], false)) {
      role.location = fields[i];
      used[i] = true;
    }
    used[i] = used[i] || is_date_words(fields[i]);  // "Period: Oct '2010", "September"
  }
  // A header that opens with a title ("Title / Company / Dates") names the job there; later
  // title-like lines ("Projects did during Internship") describe it.
  int best = -100;
  std::size_t title = fields.size();
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (used[i] || title_score(fields[i]) == 0) continue;
    const int score = title_score(fields[i]) * 2 - company_score(fields[i]);
    if (i == 0 && score > 0 && !is_institution(fields[i])) {
      title = i;
      break;
    }
    if (score > best) {
      best = score;
      title = i;
    }
  }
  if (title < fields.size() && role.position.empty()) {
    role.position = fields[title];
    used[title] = true;
  }
  int best_company = -100;
  std::size_t company = fields.size();
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (used[i]) continue;
    const int score = company_score(fields[i]);
    if (score > best_company) {
      best_company = score;
      company = i;
    }
  }
  if (company < fields.size() && role.organization.empty()) role.organization = fields[company];
  return role;
}

// A job has dates, or both a position and an employer; a lone short line between paragraphs
// (a wrapped sentence of a text without bullet marks) is not one.
bool is_entry(const Role& role, const Head& head) {
  if (role.position.empty() && role.organization.empty()) return false;
  return !head.start.empty() || (!role.position.empty() && !role.organization.empty());
}

bool is_abbreviation(std::string_view word) {
  if (word.find('.') != std::string_view::npos) return true;
  for (char c : word) {
    if (c >= 'a' && c <= 'z') return false;
  }
  return word.size() <= 5;
}

// "B.S. in Computer Science" → {"B.S.", "Computer Science"}; "B.S. Computer Science" → the same;
// "Bachelor of Science" → {"Bachelor of Science", ""}.
std::pair<std::string, std::string> split_degree(std::string_view degree) {
  for (std::string_view sep : {" in ", " In ", " IN "}) {
    if (const auto at = degree.find(sep); at != std::string_view::npos) {
      return {std::string(text::trim(degree.substr(0, at))),
              std::string(text::trim(degree.substr(at + sep.size())))};
    }
  }
  const auto space = degree.find(' ');
  if (space != std::string_view::npos && is_abbreviation(degree.substr(0, space))) {
    return {std::string(degree.substr(0, space)),
            std::string(text::trim(degree.substr(space + 1)))};
  }
  return {std::string(degree), ""};
}

// A field that may be a school's name though it has no school word ("Monash", "Sciences Po"):
// capitalised, short, and not an honour, a minor or a label ("Magna Cum Laude", "Major: …").
bool could_name_school(std::string_view f) {
  if (!reads_as_heading(f) || text::words(f).size() > 8 || title_score(f) > 0) return false;
  if (f.find(':') != std::string_view::npos) return false;
  if (std::none_of(f.begin(), f.end(),
                   [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }))
    return false;  // "75", "31/12/2012": a mark or a date, not a name
  for (const auto& w : lower_words(f)) {
    if (w == "laude" || w == "honors" || w == "honours" || w == "major" || w == "minor" ||
        w == "courses" || w == "coursework" || w == "gpa" || w == "cgpa" || w == "percentage" ||
        w == "grade" || w == "class" || w == "thesis" || w == "dissertation")
      return false;
  }
  return true;
}

// "GPA: 3.8/4.0", "CGPA 8.9", "3.7 GPA" → the number as written.
std::string find_score(std::string_view t) {
  const auto lower = text::lower_ascii(t);
  const auto at = lower.find("gpa");
  if (at == std::string::npos) return "";
  auto number_at = [&](std::size_t i) {
    std::size_t j = i;
    while (j < t.size() &&
           (std::isdigit(static_cast<unsigned char>(t[j])) != 0 || t[j] == '.' || t[j] == '/'))
      ++j;
    return std::string(t.substr(i, j - i));
  };
  std::size_t i = at + 3;
  while (i < t.size() && (t[i] == ':' || t[i] == ' ' || t[i] == '-')) ++i;
  if (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i])) != 0) return number_at(i);
  // "3.7 GPA": the number just before.
  std::size_t j = at;
  while (j > 0 && t[j - 1] == ' ') --j;
  std::size_t k = j;
  while (k > 0 && (std::isdigit(static_cast<unsigned char>(t[k - 1])) != 0 || t[k - 1] == '.' ||
                   t[k - 1] == '/'))
    --k;
  return k < j ? std::string(t.substr(k, j - k)) : "";
}

// "Relevant Coursework: A, B" → {A, B}; empty when the text is not a course list.
std::vector<std::string> find_courses(std::string_view t) {
  const auto colon = t.find(':');
  if (colon == std::string_view::npos) return {};
  const auto label = text::lower_ascii(t.substr(0, colon));
  if (label.find("course") == std::string::npos && label.find("subjects") == std::string::npos)
    return {};
  auto items = split_items(t.substr(colon + 1));
  for (auto& i : items) {
    while (!i.empty() && i.back() == '.') i.pop_back();
  }
  return items;
}

// An education entry's header split where a second school or a second degree begins: schools
// are often listed without bullets or date ranges between them ("School / Degree / School /
// Degree"), so the grouping by bodies and date ranges leaves them together.
std::vector<EntryLines> split_schools(const Lines& lines, const EntryLines& entry) {
  std::vector<EntryLines> out(1);
  bool school = false;
  bool degree = false;
  for (int index : entry.header) {
    bool has_school = false;
    bool has_degree = false;
    for (const auto& f : split_fields(at(lines, index).text)) {
      if (is_prose(f)) continue;
      const bool d = is_degree(f);
      has_degree = has_degree || d;
      has_school = has_school || (is_institution(f) && !d);
    }
    if (!out.back().header.empty() && ((has_school && school) || (has_degree && degree))) {
      out.emplace_back();
      school = false;
      degree = false;
    }
    school = school || has_school;
    degree = degree || has_degree;
    out.back().header.push_back(index);
  }
  for (int index : entry.body) {
    auto it = std::find_if(out.rbegin(), out.rend(), [&](const EntryLines& e) {
      return e.header.empty() || e.header.front() < index;
    });
    (it == out.rend() ? out.front() : *it).body.push_back(index);
  }
  return out;
}

}  // namespace

std::vector<EntryLines> group_entries(const Lines& lines, int first, int last) {
  std::vector<EntryLines> entries;
  double header_x = 1e9;
  for (int i = first; i <= last; ++i) {
    if (!at(lines, i).bullet) header_x = std::min(header_x, at(lines, i).x);
  }
  bool in_body = false;
  int header_date = -1;  // position in the current header of the line with its dates
  // The current header opens with lines that say only when ("2015 / present / Title, Employer"),
  // and has had a line naming something since: the next such line opens the next entry.
  bool when_first = false;
  bool named = false;
  bool after_when = false;
  for (int i = first; i <= last; ++i) {
    const auto& line = at(lines, i);
    if (is_page_marker(line.text)) continue;
    const auto label = entry_label(line.text).kind;
    const bool when = !line.bullet && label.empty() && is_when(line.text, after_when);
    after_when = when;
    const bool dated = when || (!line.bullet && label != "body" && is_dated_heading(line.text));
    bool heading =
        !line.bullet && label != "body" && (dated || !label.empty() || reads_as_heading(line.text));
    if (heading && lines.layout && !line.bold && !dated && line.x > header_x + 3) heading = false;
    if (heading && in_body && !entries.empty() && !entries.back().body.empty()) {
      // A wrapped line of the bullet above rather than a new entry.
      const auto& prev = at(lines, entries.back().body.back());
      if (!dated && (starts_lower(line.text) || (ends_open(prev.text) && !line.bold)))
        heading = false;
    }
    // A lower-case employer joins the header above it; a lower-case title opens its own.
    if (!heading && !line.bullet && label.empty() && lower_case_head(lines, i, first, last)) {
      const bool under_header = !in_body && !entries.empty() && !entries.back().header.empty() &&
                                entries.back().header.back() == i - 1;
      heading = under_header || title_score(line.text) > 0;
    }
    if (!heading) {
      if (entries.empty()) entries.emplace_back();
      entries.back().body.push_back(i);
      in_body = true;
      continue;
    }
    const bool ranged = dated && has_range(line.text);
    if (entries.empty() || in_body || (when && when_first && named) ||
        (!dated && header_date >= 0 && opens_role(line.text) &&
         titled_before(lines, entries.back().header, header_date))) {
      entries.emplace_back();
      header_date = -1;
    } else if (ranged && header_date >= 0) {
      // A second date range: the next entry. Heading lines after the first entry's dates
      // belong to the next one when the dates closed the first entry's heading.
      EntryLines next;
      auto& h = entries.back().header;
      if (header_date > 0) {
        next.header.assign(h.begin() + header_date + 1, h.end());
        h.resize(static_cast<std::size_t>(header_date) + 1);
      }
      entries.push_back(std::move(next));
      header_date = -1;
    }
    auto& header = entries.back().header;
    if (ranged && header_date < 0) header_date = static_cast<int>(header.size());
    if (header.empty()) {
      when_first = when;
      named = false;
    } else {
      named = named || !when;
    }
    header.push_back(i);
    in_body = false;
  }
  return entries;
}

void read_work(const Lines& lines, const std::vector<EntryLines>& entries, ParsedResume& out) {
  for (const auto& entry : entries) {
    const auto head = read_head(lines, entry, out);
    const auto role = read_role(head);
    if (!is_entry(role, head)) continue;
    auto body = read_body(lines, entry, head);
    Work w;
    w.name = role.organization;
    w.position = role.position;
    w.location = role.location;
    w.url = head.url;
    w.startDate = head.start;
    w.endDate = head.end;
    w.summary = std::move(body.summary);
    w.highlights = texts(body.highlights);
    add_bullets(body.highlights, "experience", static_cast<int>(out.resume.work.size()), out);
    out.resume.work.push_back(std::move(w));
  }
}

void read_volunteer(const Lines& lines, const std::vector<EntryLines>& entries, ParsedResume& out) {
  for (const auto& entry : entries) {
    const auto head = read_head(lines, entry, out);
    const auto role = read_role(head);
    if (!is_entry(role, head)) continue;
    auto body = read_body(lines, entry, head);
    Volunteer v;
    v.organization = role.organization;
    v.position = role.position;
    v.url = head.url;
    v.startDate = head.start;
    v.endDate = head.end;
    v.summary = std::move(body.summary);
    v.highlights = texts(body.highlights);
    add_bullets(body.highlights, "volunteer", static_cast<int>(out.resume.volunteer.size()), out);
    out.resume.volunteer.push_back(std::move(v));
  }
}

void read_education(const Lines& lines, const std::vector<EntryLines>& grouped, ParsedResume& out) {
  std::vector<EntryLines> split;
  for (const auto& entry : grouped) {
    auto parts = split_schools(lines, entry);
    split.insert(split.end(), parts.begin(), parts.end());
  }
  for (auto entry : split) {
    // "GPA: 3.8" and "Relevant Coursework: …" are read from the body even when set as headings.
    std::erase_if(entry.header, [&](int i) {
      const bool listed = !find_courses(at(lines, i).text).empty();
      if (listed) entry.body.insert(entry.body.begin(), i);
      return listed;
    });
    std::sort(entry.body.begin(), entry.body.end());
    const auto head = read_head(lines, entry, out);
    Education e;
    e.startDate = head.start;
    e.endDate = head.end;
    if (head.start == head.single && !head.single.empty() && head.end.empty()) {  // graduation
      e.startDate.clear();
      e.endDate = head.single;
    }
    std::vector<bool> used(head.fields.size(), false);
    std::size_t degree = head.fields.size();
    for (std::size_t i = 0; i < head.fields.size(); ++i) {
      const auto& f = head.fields[i];
      if (e.score.empty()) {
        if (auto s = find_score(f); !s.empty()) {
          e.score = s;
          used[i] = true;
          continue;
        }
      }
      if (parse_location(f, false)) {
        used[i] = true;
      } else if (e.institution.empty() && is_institution(f) && !is_degree(f)) {
        e.institution = f;
        used[i] = true;
      } else if (degree == head.fields.size() && is_degree(f)) {
        degree = i;
        used[i] = true;
      }
    }
    if (degree < head.fields.size()) {
      std::tie(e.studyType, e.area) = split_degree(head.fields[degree]);
      if (e.area.empty() && degree + 1 < head.fields.size() && !used[degree + 1]) {
        e.area = head.fields[degree + 1];
        used[degree + 1] = true;
      }
    }
    // Without a school word, the school is a field left beside a degree that could name one.
    for (std::size_t i = 0; i < head.fields.size() && e.institution.empty() && !e.studyType.empty();
         ++i) {
      if (!used[i] && could_name_school(head.fields[i])) e.institution = head.fields[i];
    }
    for (const auto& item : read_items(lines, entry.body)) {
      if (e.score.empty()) e.score = find_score(item.text);
      if (auto courses = find_courses(item.text); !courses.empty()) {
        e.courses.insert(e.courses.end(), courses.begin(), courses.end());
      }
    }
    if (e.institution.empty() && e.studyType.empty()) continue;
    out.resume.education.push_back(std::move(e));
  }
}

void read_projects(const Lines& lines, const std::vector<EntryLines>& entries, ParsedResume& out) {
  for (const auto& entry : entries) {
    const auto head = read_head(lines, entry, out);
    auto body = read_body(lines, entry, head);
    Project p;
    if (!head.fields.empty()) p.name = head.fields.front();
    if (p.name.empty() && body.highlights.empty() && body.summary.empty()) continue;
    p.url = head.url;
    p.startDate = head.start;
    p.endDate = head.end;
    p.description = std::move(body.summary);
    std::vector<Item> highlights;
    for (auto& item : body.highlights) {
      const auto colon = item.text.find(':');
      const auto label =
          text::lower_ascii(item.text.substr(0, colon == std::string::npos ? 0 : colon));
      if (colon != std::string::npos && (label.starts_with("tech") || label == "tools" ||
                                         label == "stack" || label == "built with")) {
        auto keywords = split_items(std::string_view(item.text).substr(colon + 1));
        p.keywords.insert(p.keywords.end(), keywords.begin(), keywords.end());
      } else {
        highlights.push_back(std::move(item));
      }
    }
    p.highlights = texts(highlights);
    add_bullets(highlights, "projects", static_cast<int>(out.resume.projects.size()), out);
    out.resume.projects.push_back(std::move(p));
  }
}

}  // namespace tailor::analyze::resume_parse
