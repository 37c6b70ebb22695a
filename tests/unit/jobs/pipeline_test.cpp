#include <doctest/doctest.h>

#include "common/jobs/pipeline.hpp"
#include "common/jobs/store.hpp"

using namespace tailor;
using namespace tailor::jobs;

TEST_CASE("a résumé job runs extract then analyze; an analysis job runs analyze") {
  CHECK(stages_of(kResumeJob) == std::vector<std::string>{"extract", "analyze"});
  CHECK(next_stage(kResumeJob, "extract") == "analyze");
  CHECK_FALSE(next_stage(kResumeJob, "analyze"));
  CHECK(progress_after(kResumeJob, "extract") == 50);
  CHECK(progress_after(kResumeJob, "analyze") == 100);
  CHECK(stages_of(kAnalysisJob) == std::vector<std::string>{"analyze"});
  CHECK(progress_after(kAnalysisJob, "analyze") == 100);
  CHECK(stages_of("no-such-kind").empty());
}

TEST_CASE("stage messages round-trip, and a bad body is invalid_argument") {
  const StageMessage m{"0b0e4c8e-8d0b-4a57-9a0e-3c1d2e4f5a6b", "extract", 3};
  auto back = parse_message(message_body(m));
  REQUIRE(back);
  CHECK(back->job_id == m.job_id);
  CHECK(back->stage == "extract");
  CHECK(back->attempt == 3);
  CHECK(parse_message(R"({"job_id":"x","stage":"extract"})")->attempt == 1);
  for (const char* bad : {"", "[]", R"({"stage":"extract"})", R"({"job_id":"x","stage":""})"}) {
    auto r = parse_message(bad);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == Errc::invalid_argument);
  }
}
