#pragma once
// Résumé text (and its layout, where there is one) → JSON Resume.
#include "workers/analyze/document.hpp"
#include "workers/analyze/resume/resume.hpp"
#include "workers/analyze/skills/lexicon.hpp"

namespace tailor::analyze {

// Never fails: what cannot be read stays empty, with a warning where a person would want one.
ParsedResume parse_resume(const Document& document, const skills::Lexicon& lexicon);

}  // namespace tailor::analyze
