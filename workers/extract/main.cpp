// tailor-extract: reads uploaded résumés into text. Scale by starting more processes.
#include "common/runtime/worker.hpp"
#include "workers/extract/extract_stage.hpp"

int main() {
  return tailor::runtime::run_worker("extract", [](tailor::runtime::Runtime& rt) {
    return std::make_unique<tailor::extract::ExtractStage>(rt.db(), rt.storage());
  });
}
