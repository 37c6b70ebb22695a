#pragma once
// How well a résumé fits a job: a score 0–100 that explains itself.
#include <chrono>
#include <string>
#include <vector>

#include "workers/analyze/document.hpp"
#include "workers/analyze/match/job.hpp"
#include "workers/analyze/resume/resume.hpp"
#include "workers/analyze/skills/lexicon.hpp"

namespace tailor::analyze {

// One part of the score: `score` 0–1 for the part, `weight` its share of the total (the
// weights of the parts that apply sum to 1), `detail` a sentence a person can read.
struct ScorePart {
  std::string name;  // "required_skills" "preferred_skills" "keywords" "title" "experience" "education"
  double score{};
  double weight{};
  std::string detail;
};

struct SkillMatch {
  std::string name;
  std::string category;
  bool required{};
  // Where the résumé shows it: section kinds ("skills", "experience", "projects", "summary"…);
  // empty for a missing skill.
  std::vector<std::string> found_in;
};

struct KeywordCount {
  std::string term;
  int in_resume{};
  int in_job{};
  double weight{};
};

struct MatchReport {
  int score{};  // 0–100, rounded from the weighted parts
  std::vector<ScorePart> breakdown;
  std::vector<SkillMatch> matched;
  std::vector<SkillMatch> missing;
  std::vector<KeywordCount> keywords;  // the job's keywords, heaviest first
  double resume_years{};               // years of experience the résumé's dates add up to
  std::string resume_education;        // highest degree found, same scale as JobRequirements
};

// The parts, their weights and how each is scored are described in match.cpp (kParts).
MatchReport match(const Document& document, const ParsedResume& resume, const JobRequirements& job,
                  const skills::Lexicon& lexicon);
// The same, with `today` as the end of ongoing positions instead of the system clock's month.
MatchReport match(const Document& document, const ParsedResume& resume, const JobRequirements& job,
                  const skills::Lexicon& lexicon, std::chrono::year_month today);

}  // namespace tailor::analyze
