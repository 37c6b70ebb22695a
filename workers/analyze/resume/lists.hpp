#pragma once
// The list-like sections: skills (grouped as the résumé groups them), languages, certificates,
// awards, publications, and the summary paragraph.
#include <string>

#include "workers/analyze/resume/lines.hpp"
#include "workers/analyze/resume/resume.hpp"
#include "workers/analyze/resume/sections.hpp"
#include "workers/analyze/skills/lexicon.hpp"

namespace tailor::analyze::resume_parse {

// "Languages: Python, Go" lines become a group {name "Languages", keywords […]}; items outside
// a named group go to one group named "Skills", in the résumé's order. Keywords are the
// lexicon's canonical names where it knows them, else as written; a long phrase keeps only the
// skills the lexicon finds in it. An "Interests:" group is not a skill list and is skipped.
void read_skills(const Lines& lines, const SectionSpan& span, const skills::Lexicon& lexicon,
                 ParsedResume& out);
// "English (Native), Spanish – Fluent" → {English, Native}, {Spanish, Fluent}.
void read_languages(const Lines& lines, const SectionSpan& span, ParsedResume& out);
// One certificate per line or bullet: name, then the issuer; a date anywhere.
void read_certificates(const Lines& lines, const SectionSpan& span, ParsedResume& out);
void read_awards(const Lines& lines, const SectionSpan& span, ParsedResume& out);
void read_publications(const Lines& lines, const SectionSpan& span, ParsedResume& out);
// The section's lines as one paragraph.
std::string read_paragraph(const Lines& lines, const SectionSpan& span);

}  // namespace tailor::analyze::resume_parse
