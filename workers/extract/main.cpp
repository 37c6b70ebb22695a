// tailor-extract: reads uploaded résumés into text and layout, each file in a sandboxed child
// process (tailor-extract-child). Scale by starting more processes.
#include "common/core/config.hpp"
#include "common/runtime/worker.hpp"
#include "workers/extract/extract_stage.hpp"

int main() {
  return tailor::runtime::run_worker("extract", [](tailor::runtime::Runtime& rt) {
    const tailor::core::Env env;
    return std::make_unique<tailor::extract::ExtractStage>(rt.db(), rt.storage(), rt.topology(),
                                                           tailor::extract::child_binary_path(env),
                                                           tailor::extract::sandbox_limits_from(env));
  });
}
