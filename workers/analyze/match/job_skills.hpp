#pragma once
// The skills a job description names, split into required and preferred.
#include <string_view>

#include "workers/analyze/match/job.hpp"
#include "workers/analyze/match/job_outline.hpp"
#include "workers/analyze/skills/lexicon.hpp"

namespace tailor::analyze::matching {

// Fills `job.required` and `job.preferred`, each in order of first mention. A skill is required
// when a mention sits in a required clause, preferred when its mentions sit only in preferred
// and unmarked clauses. A skill named only in unmarked text (the introduction, "what you'll do")
// is required, unless the description marks skills both ways (some in required clauses, some in
// preferred ones): then what it lists as required is the bar, and the rest of what the job uses
// counts as preferred.
void split_skills(std::string_view description, const JobOutline& outline,
                  const skills::Lexicon& lexicon, JobRequirements& job);

}  // namespace tailor::analyze::matching
