#include "workers/analyze/resume/lists.hpp"

#include <algorithm>

#include "workers/analyze/resume/dates.hpp"
#include "workers/analyze/resume/fields.hpp"
#include "workers/analyze/resume/vocabulary.hpp"
#include "workers/analyze/text/text.hpp"

namespace tailor::analyze::resume_parse {

namespace {

struct Item {
  std::string text;
  int line{};
};

// The section's entries one per line or bullet (the text after a heading's colon first), a line
// ending in a comma or followed by a lower-case one joined with the next.
std::vector<Item> items_of(const Lines& lines, const SectionSpan& span) {
  std::vector<Item> items;
  if (!span.inline_text.empty()) items.push_back(Item{span.inline_text, span.section.first_line});
  for (int i = span.body_first; i <= span.section.last_line; ++i) {
    const auto& line = lines.lines[static_cast<std::size_t>(i)];
    std::string t(strip_bullet(line.text));
    if (t.empty()) continue;
    const bool joins = !items.empty() && !line.bullet &&
                       (items.back().text.ends_with(',') || (t.front() >= 'a' && t.front() <= 'z'));
    if (joins) {
      items.back().text += ' ';
      items.back().text += t;
    } else {
      items.push_back(Item{std::move(t), i});
    }
  }
  return items;
}

// "Languages: …" → "Languages"; "" when the text has no group label.
std::string_view group_label(std::string_view t, std::string_view& rest) {
  const auto colon = t.find(':');
  if (colon == std::string_view::npos || colon > 40) return {};
  const auto label = text::trim(t.substr(0, colon));
  if (label.empty() || text::words(label).size() > 4) return {};
  for (char c : label) {
    if (std::isdigit(static_cast<unsigned char>(c)) != 0) return {};
  }
  rest = t.substr(colon + 1);
  return label;
}

// "Python (3 years)" → "Python"; "Cloud (AWS, GCP)" stays.
std::string without_experience_note(std::string item) {
  const auto open = item.find('(');
  if (open == std::string::npos) return item;
  const auto inner = text::lower_ascii(item.substr(open));
  if (inner.find("year") != std::string::npos || inner.find("month") != std::string::npos)
    item = std::string(text::trim(std::string_view(item).substr(0, open)));
  return item;
}

void add_keyword(Skill& group, std::string keyword) {
  for (const auto& k : group.keywords) {
    if (text::iequals_ascii(k, keyword)) return;
  }
  group.keywords.push_back(std::move(keyword));
}

void add_keywords(Skill& group, std::string item, const skills::Lexicon& lexicon) {
  item = without_experience_note(std::move(item));
  while (!item.empty() && (item.back() == '.' || item.back() == ',')) item.pop_back();
  if (item.empty()) return;
  if (const auto* skill = lexicon.find(item)) {
    add_keyword(group, skill->name);
    return;
  }
  if (text::words(item).size() > 4 || item.find('(') != std::string::npos) {
    // A phrase: only the skills the lexicon recognises in it.
    for (const auto& m : lexicon.find_in(item)) add_keyword(group, lexicon.skills()[m.skill].name);
    return;
  }
  add_keyword(group, std::move(item));
}

std::string first_date(std::string& t, int line, ParsedResume& out) {
  auto spans = find_dates(t);
  std::string date;
  for (const auto& span : spans) {
    for (const auto& part : span.parts)
      out.dates.push_back(DateMention{part.text, part.format, line});
    if (date.empty()) date = span.start;
  }
  for (auto it = spans.rbegin(); it != spans.rend(); ++it) t = cut_span(t, *it);
  return date;
}

}  // namespace

void read_skills(const Lines& lines, const SectionSpan& span, const skills::Lexicon& lexicon,
                 ParsedResume& out) {
  const auto& v = Vocabulary::get();
  auto& groups = out.resume.skills;
  for (const auto& item : items_of(lines, span)) {
    std::string_view rest = item.text;
    std::string name(group_label(item.text, rest));
    if (!name.empty()) {
      const auto kind = v.headings.find(heading_key(name));
      if (kind != v.headings.end() && kind->second == "interests") continue;
    } else {
      name = "Skills";
    }
    auto group =
        std::find_if(groups.begin(), groups.end(), [&](const Skill& s) { return s.name == name; });
    if (group == groups.end()) {
      groups.push_back(Skill{name, "", {}});
      group = groups.end() - 1;
    }
    for (auto& i : split_items(rest)) add_keywords(*group, std::move(i), lexicon);
    if (group->keywords.empty()) groups.erase(group);
  }
}

void read_languages(const Lines& lines, const SectionSpan& span, ParsedResume& out) {
  for (const auto& item : items_of(lines, span)) {
    for (const auto& entry : split_items(item.text)) {
      Language l;
      std::string_view e = entry;
      if (const auto open = e.find('('); open != std::string_view::npos) {
        l.language = std::string(text::trim(e.substr(0, open)));
        auto inner = e.substr(open + 1);
        if (const auto close = inner.find(')'); close != std::string_view::npos)
          inner = inner.substr(0, close);
        l.fluency = std::string(text::trim(inner));
      } else {
        const auto fields = split_fields(std::string(e));
        std::string_view rest;
        if (const auto label = group_label(e, rest); !label.empty()) {
          l.language = std::string(label);
          l.fluency = std::string(text::trim(rest));
        } else if (!fields.empty()) {
          l.language = fields[0];
          if (fields.size() > 1) l.fluency = fields[1];
        }
      }
      if (l.language.empty() || text::words(l.language).size() > 3) continue;
      out.resume.languages.push_back(std::move(l));
    }
  }
}

void read_certificates(const Lines& lines, const SectionSpan& span, ParsedResume& out) {
  for (auto& item : items_of(lines, span)) {
    Certificate c;
    c.date = first_date(item.text, item.line, out);
    for (auto& f : split_fields(item.text)) {
      const auto lower = text::lower_ascii(f);
      if (lower.find("http") != std::string::npos || lower.starts_with("www.")) {
        c.url = std::move(f);
      } else if (c.name.empty()) {
        c.name = std::move(f);
      } else if (c.issuer.empty()) {
        c.issuer = std::move(f);
      }
    }
    if (!c.name.empty()) out.resume.certificates.push_back(std::move(c));
  }
}

void read_awards(const Lines& lines, const SectionSpan& span, ParsedResume& out) {
  for (auto& item : items_of(lines, span)) {
    Award a;
    a.date = first_date(item.text, item.line, out);
    const auto fields = split_fields(item.text);
    if (fields.empty()) continue;
    a.title = fields[0];
    if (fields.size() > 1) {
      if (is_prose(fields[1]))
        a.summary = fields[1];
      else
        a.awarder = fields[1];
    }
    out.resume.awards.push_back(std::move(a));
  }
}

void read_publications(const Lines& lines, const SectionSpan& span, ParsedResume& out) {
  for (auto& item : items_of(lines, span)) {
    Publication p;
    p.releaseDate = first_date(item.text, item.line, out);
    std::replace(item.text.begin(), item.text.end(), '\t', ' ');
    p.name = std::string(text::trim(item.text));
    const auto http = p.name.find("http");
    if (http != std::string::npos) {
      const auto end = p.name.find(' ', http);
      p.url = p.name.substr(http, end == std::string::npos ? std::string::npos : end - http);
    }
    if (!p.name.empty()) out.resume.publications.push_back(std::move(p));
  }
}

std::string read_paragraph(const Lines& lines, const SectionSpan& span) {
  std::string paragraph = span.inline_text;
  for (int i = span.body_first; i <= span.section.last_line; ++i) {
    std::string t(strip_bullet(lines.lines[static_cast<std::size_t>(i)].text));
    std::replace(t.begin(), t.end(), '\t', ' ');
    if (t.empty()) continue;
    if (!paragraph.empty()) paragraph += ' ';
    paragraph += t;
  }
  return paragraph;
}

}  // namespace tailor::analyze::resume_parse
