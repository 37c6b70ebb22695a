// tailor-analyze: understands résumés (JSON Resume, redaction, ATS review) and matches them
// against job descriptions. Scale by starting more processes.
#include "common/runtime/worker.hpp"
#include "workers/analyze/analyze_stage.hpp"
#include "workers/analyze/skills/lexicon.hpp"

int main() {
  return tailor::runtime::run_worker("analyze", [](tailor::runtime::Runtime& rt) {
    (void)tailor::analyze::skills::Lexicon::builtin();  // built before the first message, not during it
    return std::make_unique<tailor::analyze::AnalyzeStage>(rt.db());
  });
}
