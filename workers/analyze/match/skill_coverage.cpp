// The job's skills against the skills the lexicon finds in the résumé.
#include "workers/analyze/match/skill_coverage.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string>

namespace tailor::analyze::matching {
namespace {

// Skill name → the kinds of section that name it, in order of first mention.
std::map<std::string, std::vector<std::string>, std::less<>> skills_in(
    const ResumeView& resume, const skills::Lexicon& lexicon) {
  std::map<std::string, std::vector<std::string>, std::less<>> out;
  for (const auto& m : lexicon.find_in(resume.text)) {
    auto& kinds = out[lexicon.skills()[m.skill].name];
    const auto kind = resume.kind_at(m.offset);
    if (!kind.empty() && std::find(kinds.begin(), kinds.end(), kind) == kinds.end())
      kinds.emplace_back(kind);
  }
  return out;
}

void cover(const std::vector<JobSkill>& skills, bool required,
           const std::map<std::string, std::vector<std::string>, std::less<>>& found,
           SkillCoverage& out, Coverage& coverage) {
  // A requirement is a skill with the skills it may be swapped for; a choice named by each of its
  // skills ("Kubernetes or ECS" as Kubernetes|ECS and ECS|Kubernetes) is one requirement.
  std::set<std::set<std::string>> seen;
  for (const auto& s : skills) {
    std::set<std::string> choice(s.alternatives.begin(), s.alternatives.end());
    choice.insert(s.name);
    const bool satisfied = std::any_of(choice.begin(), choice.end(),
                                       [&](const std::string& n) { return found.contains(n); });
    if (seen.insert(choice).second) {
      ++coverage.total;
      coverage.satisfied += satisfied ? 1 : 0;
    }
    SkillMatch m{.name = s.name, .category = s.category, .required = required, .found_in = {}};
    if (const auto it = found.find(s.name); it != found.end()) {
      m.found_in = it->second;
      out.matched.push_back(std::move(m));
    } else if (!satisfied) {
      out.missing.push_back(std::move(m));
    }
  }
}

}  // namespace

SkillCoverage cover_skills(const JobRequirements& job, const ResumeView& resume,
                           const skills::Lexicon& lexicon) {
  const auto found = skills_in(resume, lexicon);
  SkillCoverage out;
  cover(job.required, true, found, out, out.required);
  cover(job.preferred, false, found, out, out.preferred);
  return out;
}

}  // namespace tailor::analyze::matching
