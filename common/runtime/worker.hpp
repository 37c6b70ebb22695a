#pragma once
// The main() of every worker binary: build the runtime, consume the stage's queue with a
// StageRunner around the stage, stop gracefully on SIGTERM/SIGINT (running handlers finish and
// their messages are settled). Returns the process exit code.
#include <functional>
#include <memory>
#include <string_view>

#include "common/jobs/stage.hpp"
#include "common/runtime/runtime.hpp"

namespace tailor::runtime {

using StageFactory = std::function<std::unique_ptr<jobs::Stage>(Runtime&)>;

int run_worker(std::string_view stage, StageFactory make_stage);

}  // namespace tailor::runtime
