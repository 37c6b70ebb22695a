#include "common/jobs/pipeline.hpp"

#include <algorithm>
#include <map>

namespace tailor::jobs {

const std::vector<std::string>& stages_of(std::string_view kind) {
  static const std::map<std::string, std::vector<std::string>, std::less<>> kPipelines = {
      {std::string(kResumeJob), {"extract", "analyze"}},
      {std::string(kAnalysisJob), {"analyze"}},
  };
  static const std::vector<std::string> kNone;
  auto it = kPipelines.find(kind);
  return it == kPipelines.end() ? kNone : it->second;
}

std::optional<std::string> next_stage(std::string_view kind, std::string_view stage) {
  const auto& stages = stages_of(kind);
  auto it = std::find(stages.begin(), stages.end(), stage);
  if (it == stages.end() || it + 1 == stages.end()) return std::nullopt;
  return *(it + 1);
}

int progress_after(std::string_view kind, std::string_view stage) {
  const auto& stages = stages_of(kind);
  auto it = std::find(stages.begin(), stages.end(), stage);
  if (it == stages.end()) return 0;
  return static_cast<int>(100 * (it - stages.begin() + 1) / static_cast<long>(stages.size()));
}

}  // namespace tailor::jobs
