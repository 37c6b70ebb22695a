#pragma once
// How well the résumé's titles (its headline and its positions) fit the job title.
#include <string>
#include <string_view>

#include "workers/analyze/resume/resume.hpp"

namespace tailor::analyze::matching {

struct TitleFit {
  double score{};            // 0–1
  std::string resume_title;  // the résumé title that fits best; "" when none is there
};

// Each title is reduced to canonical words ("Sr. Back-End Developer" → backend engineer, senior)
// and compared with the job title: half for the role noun ("engineer", "manager"), half for the
// other words ("backend", "product"), with half credit for related words (software ~ backend,
// data ~ ml), then scaled by seniority: full when the résumé title is at least as senior as the
// job, 0.9 one level under, 0.8 further under. The headline and the latest position count in full,
// older positions at 0.85.
TitleFit title_fit(std::string_view job_title, std::string_view job_seniority,
                   const Resume& resume);

}  // namespace tailor::analyze::matching
