#pragma once
// The analysis as the API shows it (analyses.report, documents.ats) and the CLI prints it.
// One writer per result type; the JSON Resume itself is in resume/resume_json.hpp.
#include <string>

#include "common/json/writer.hpp"
#include "workers/analyze/analysis.hpp"

namespace tailor::analyze {

// {title, company, seniority, required_skills, preferred_skills, min_years, education,
//  education_required, keywords}
void write_json(json::Writer& w, const JobRequirements& job);
// {flags: [{code, severity, message, evidence, fix}], bullets: [...], weakest: [...]}
void write_json(json::Writer& w, const AtsReview& ats);

// The match report: {score, breakdown, skills {matched, missing}, keywords, experience,
// education, job, ats}. What GET /v1/analyses/{id} returns as "report" and `tailor match` prints.
std::string report_json(const Analysis& analysis);
std::string ats_json(const AtsReview& ats);

}  // namespace tailor::analyze
