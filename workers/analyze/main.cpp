// tailor-analyze: understands résumés (JSON Resume, redaction, ATS review) and matches them
// against job descriptions. Scale by starting more processes.
#include <stdexcept>

#include "common/core/config.hpp"
#include "common/core/log.hpp"
#include "common/runtime/worker.hpp"
#include "workers/analyze/analyze_stage.hpp"
#include "workers/analyze/skills/lexicon.hpp"

int main() {
  return tailor::runtime::run_worker("analyze", [](tailor::runtime::Runtime& rt) {
    // Built before the first message, not during it; TAILOR_SKILLS_CSV adds ESCO/O*NET skills.
    auto lexicon = tailor::analyze::skills::Lexicon::for_process(tailor::core::Env());
    if (!lexicon) throw std::runtime_error(lexicon.error().message);
    tailor::log::info("skills lexicon loaded", {{"skills", (*lexicon)->size()}});
    return std::make_unique<tailor::analyze::AnalyzeStage>(rt.db(), **lexicon);
  });
}
