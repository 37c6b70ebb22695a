// parse_job(): title, company, seniority, skills, years, education and keywords of a job
// description.
#include "workers/analyze/match/job.hpp"

#include <algorithm>

#include "workers/analyze/match/degree.hpp"
#include "workers/analyze/match/job_header.hpp"
#include "workers/analyze/match/job_outline.hpp"
#include "workers/analyze/match/job_skills.hpp"
#include "workers/analyze/match/keywords.hpp"
#include "workers/analyze/match/phrases.hpp"
#include "workers/analyze/match/seniority.hpp"
#include "workers/analyze/match/years.hpp"
#include "workers/analyze/text/text.hpp"

namespace tailor::analyze {
namespace {

using matching::Need;

// "intern" … "lead" from the title; else "junior" for "entry-level" / "new grad" in the text; else
// from the years asked; else "".
std::string seniority(std::string_view title, std::string_view description,
                      std::optional<double> years) {
  if (const auto s = matching::seniority_of_title(title); !s.empty()) return std::string(s);
  const auto folded = matching::fold(description);
  if (matching::has_any_phrase(
          folded, {"entry-level", "entry level", "new grad", "new graduate", "recent graduate"}))
    return "junior";
  if (years) return std::string(matching::seniority_for_years(*years));
  return {};
}

// Whether a degree may be replaced by experience: "or equivalent experience", "or equivalent
// practical experience", in the degree's clause or the next one.
bool equivalent_experience(std::string_view clause_text) {
  const auto folded = matching::fold(clause_text);
  for (auto at = matching::find_phrase(folded, "equivalent"); at != std::string::npos;
       at = matching::find_phrase(folded, "equivalent", at + 1)) {
    const auto experience = folded.find("experience", at);
    if (experience != std::string::npos && experience - at <= 40) return true;
  }
  return false;
}

// The lowest degree asked outside nice-to-have clauses; failing that, the lowest one preferred
// (not required). An asked degree is required unless experience may stand in for it: "or
// equivalent practical experience" makes it not required, while "Bachelor's in CS or equivalent"
// stays required (an equivalent degree is still a degree).
void education(std::string_view description, const matching::JobOutline& outline,
               JobRequirements& job) {
  matching::Degree required = matching::Degree::none;
  matching::Degree preferred = matching::Degree::none;
  bool substitutable = false;
  for (const auto& m : matching::degrees_in(description)) {
    const auto* clause = matching::clause_at(outline, m.offset);
    const auto lower = [&](matching::Degree& slot) {
      if (slot == matching::Degree::none || m.degree < slot) slot = m.degree;
    };
    if (clause != nullptr && clause->need == Need::preferred) {
      lower(preferred);
      continue;
    }
    lower(required);
    if (clause == nullptr) continue;
    const auto next =
        clause + 1 < outline.clauses.data() + outline.clauses.size() ? clause + 1 : clause;
    substitutable = substitutable || equivalent_experience(description.substr(
                                         clause->begin, next->end - clause->begin));
  }
  if (required != matching::Degree::none) {
    job.education = std::string(matching::to_string(required));
    job.education_required = !substitutable;
  } else if (preferred != matching::Degree::none) {
    job.education = std::string(matching::to_string(preferred));
    job.education_required = false;
  }
}

}  // namespace

JobRequirements parse_job(const JobInput& input, const skills::Lexicon& lexicon) {
  JobRequirements job;
  const std::string_view description = input.text;
  job.title = std::string(text::trim(input.title));
  job.company = std::string(text::trim(input.company));
  if (job.title.empty() || job.company.empty()) {
    auto header = matching::find_header(description);
    if (job.title.empty()) job.title = std::move(header.title);
    if (job.company.empty()) job.company = std::move(header.company);
  }

  const auto outline = matching::outline_job(description);
  matching::split_skills(description, outline, lexicon, job);
  job.min_years = matching::min_years(description, outline);
  job.seniority = seniority(job.title, description, job.min_years);
  education(description, outline, job);

  std::vector<std::string> company_keys;
  for (const auto& t : matching::terms_of(job.company)) company_keys.push_back(t.key);
  job.keywords = matching::job_keywords(matching::terms_of(description), company_keys);
  return job;
}

}  // namespace tailor::analyze
