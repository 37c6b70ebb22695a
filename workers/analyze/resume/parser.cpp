// parse_resume: lines → sections → each section read by its kind → basics, warnings.
#include "workers/analyze/resume/parser.hpp"

#include "workers/analyze/resume/contact.hpp"
#include "workers/analyze/resume/entries.hpp"
#include "workers/analyze/resume/lines.hpp"
#include "workers/analyze/resume/lists.hpp"
#include "workers/analyze/resume/sections.hpp"

namespace tailor::analyze {

using namespace resume_parse;

ParsedResume parse_resume(const Document& document, const skills::Lexicon& lexicon) {
  ParsedResume out;
  const auto lines = read_lines(document);
  out.lines.reserve(lines.lines.size());
  for (const auto& line : lines.lines) out.lines.push_back(line.text);
  const auto sections = find_sections(lines);
  for (const auto& span : sections) {
    out.sections.push_back(span.section);
    const auto& kind = span.section.kind;
    const int first = span.body_first;
    const int last = span.section.last_line;
    if (kind == "experience") {
      read_work(lines, group_entries(lines, first, last), out);
    } else if (kind == "education") {
      read_education(lines, group_entries(lines, first, last), out);
    } else if (kind == "projects") {
      read_projects(lines, group_entries(lines, first, last), out);
    } else if (kind == "volunteer") {
      read_volunteer(lines, group_entries(lines, first, last), out);
    } else if (kind == "skills") {
      read_skills(lines, span, lexicon, out);
    } else if (kind == "languages") {
      read_languages(lines, span, out);
    } else if (kind == "certificates") {
      read_certificates(lines, span, out);
    } else if (kind == "awards") {
      read_awards(lines, span, out);
    } else if (kind == "publications") {
      read_publications(lines, span, out);
    } else if (kind == "summary" && out.resume.basics.summary.empty()) {
      out.resume.basics.summary = read_paragraph(lines, span);
    }
  }
  read_basics(lines, sections, out);

  auto& w = out.warnings;
  if (lines.lines.empty()) w.emplace_back("the résumé has no text");
  if (out.resume.basics.name.empty()) w.emplace_back("no name found at the top of the résumé");
  if (out.resume.basics.email.empty()) w.emplace_back("no e-mail address found");
  if (out.resume.basics.phone.empty()) w.emplace_back("no phone number found");
  auto has = [&](const char* kind) {
    for (const auto& s : out.sections) {
      if (s.kind == kind) return true;
    }
    return false;
  };
  if (!has("experience"))
    w.emplace_back("no experience section found");
  else if (out.resume.work.empty())
    w.emplace_back("no job could be read from the experience section");
  if (!has("education")) w.emplace_back("no education section found");
  if (!has("skills")) w.emplace_back("no skills section found");
  for (const auto& s : out.sections) {
    if (s.kind != "contact" && s.heading.empty())
      w.push_back("a " + s.kind + " section has no heading");
  }
  return out;
}

}  // namespace tailor::analyze
