#pragma once
// The whole analysis of one résumé against one job: parse, redact, match, review. Pure: no
// servers, no files; the analyze stage and the `tailor` CLI both call it.
#include <string>

#include "workers/analyze/ats/ats.hpp"
#include "workers/analyze/document.hpp"
#include "workers/analyze/match/job.hpp"
#include "workers/analyze/match/match.hpp"
#include "workers/analyze/pii/pii.hpp"
#include "workers/analyze/resume/resume.hpp"
#include "workers/analyze/skills/lexicon.hpp"

namespace tailor::analyze {

// The résumé alone: parsed, redacted (with the parsed name as a hint), reviewed.
struct ResumeAnalysis {
  ParsedResume parsed;
  pii::Redaction redaction;
  AtsReview ats;
};

// The résumé against one job.
struct Analysis {
  ResumeAnalysis resume;
  JobRequirements job;
  MatchReport match;
};

ResumeAnalysis analyze_resume(const Document& document, const skills::Lexicon& lexicon = skills::Lexicon::builtin());
Analysis analyze(const Document& document, const JobInput& job,
                 const skills::Lexicon& lexicon = skills::Lexicon::builtin());

}  // namespace tailor::analyze
