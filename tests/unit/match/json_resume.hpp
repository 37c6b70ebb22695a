#pragma once
// Builds a ParsedResume from the shared data's master-resume.json (personalInfo, summary,
// workExperience, education, personalProjects, additional), as the résumé parser would fill it.
#include <optional>
#include <string>
#include <string_view>

#include "workers/analyze/resume/resume.hpp"

namespace tailor::analyze::test {

// "Jan 2021" → "2021-01", "2014" → "2014", "Present" → ""; the text unchanged otherwise.
std::string iso_date(std::string_view written);
// nullopt when the text is not valid JSON.
std::optional<ParsedResume> resume_from_master_json(std::string_view json);

}  // namespace tailor::analyze::test
