#pragma once
// Which of the job's skills the résumé shows, and where.
#include <vector>

#include "workers/analyze/match/job.hpp"
#include "workers/analyze/match/match.hpp"
#include "workers/analyze/match/resume_view.hpp"
#include "workers/analyze/skills/lexicon.hpp"

namespace tailor::analyze::matching {

struct Coverage {
  int satisfied{};  // requirements met: a skill, or one of a choice ("Kubernetes or ECS")
  int total{};      // requirements: each choice counts once
};

struct SkillCoverage {
  std::vector<SkillMatch> matched;  // the job's skills the résumé names, required first
  // The job's skills it does not name, unless it names one the job accepts instead.
  std::vector<SkillMatch> missing;
  Coverage required;
  Coverage preferred;
};

SkillCoverage cover_skills(const JobRequirements& job, const ResumeView& resume,
                           const skills::Lexicon& lexicon);

}  // namespace tailor::analyze::matching
