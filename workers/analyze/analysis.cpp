#include "workers/analyze/analysis.hpp"

#include "workers/analyze/resume/parser.hpp"

namespace tailor::analyze {

ResumeAnalysis analyze_resume(const Document& document, const skills::Lexicon& lexicon) {
  ResumeAnalysis r;
  r.parsed = parse_resume(document, lexicon);
  pii::Hints hints;
  if (!r.parsed.resume.basics.name.empty()) hints.names.push_back(r.parsed.resume.basics.name);
  r.redaction = pii::redact(document.text, hints);
  r.ats = review(document, r.parsed);
  return r;
}

Analysis analyze(const Document& document, const JobInput& job, const skills::Lexicon& lexicon) {
  Analysis a;
  a.resume = analyze_resume(document, lexicon);
  a.job = parse_job(job, lexicon);
  a.match = match(document, a.resume.parsed, a.job, lexicon);
  return a;
}

}  // namespace tailor::analyze
