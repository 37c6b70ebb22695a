#pragma once
// Which stages each kind of job runs, in order, and the progress each completed stage stands for.
// The one place that knows the shape of a pipeline; workers and the API ask it.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tailor::jobs {

// Kinds of job. "resume": an upload read into text (extract), then understood on its own
// (analyze: JSON Resume, redacted text, ATS review). "analysis": a résumé matched against a job
// description (analyze); it waits for its résumé's extraction when that has not finished.
inline constexpr std::string_view kResumeJob = "resume";
inline constexpr std::string_view kAnalysisJob = "analysis";

// The stages of `kind` in order; empty for an unknown kind.
const std::vector<std::string>& stages_of(std::string_view kind);
// The stage after `stage` in `kind`, or nullopt when `stage` is the last.
std::optional<std::string> next_stage(std::string_view kind, std::string_view stage);
// Percent complete once `stage` has finished (100 after the last).
int progress_after(std::string_view kind, std::string_view stage);

}  // namespace tailor::jobs
