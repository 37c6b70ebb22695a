#pragma once
// The résumé as one text for the matchers, each stretch tagged with the kind of section it
// comes from ("experience", "skills", "summary", …), so a skill found in it can say where.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "workers/analyze/document.hpp"
#include "workers/analyze/resume/resume.hpp"

namespace tailor::analyze::matching {

struct ResumeView {
  struct Stretch {
    std::size_t begin{};
    std::size_t end{};
    std::string kind;  // Section::kind
  };
  std::string text;                // the stretches, one after another, each ending in '\n'
  std::vector<Stretch> stretches;  // in order

  // The kind of section that holds `offset` ("" outside every stretch).
  std::string_view kind_at(std::size_t offset) const;
};

// From the parser's lines and sections where it kept them (lines outside every section are
// "other"), plus the skills[] keywords when no section holds skills; else from the structured
// résumé (summary, work, projects, education, skills, …); else the document's text as "other".
ResumeView view_resume(const Document& document, const ParsedResume& resume);

}  // namespace tailor::analyze::matching
