#pragma once
// Runs one delivery of a stage message exactly as the architecture says:
//   1. load the job; if it is gone, terminal, or past this stage (a redelivery), ack and stop;
//   2. mark it running (event stage_started) and commit;
//   3. run the stage's work;
//   4. in one transaction: the stage's result, stage_completed, the job's next state and the
//      outbox row for the next stage (or done); then ack;
//   5. on a transient error, event "retrying" and the message goes to the delay queue; when
//      attempts run out or the error is permanent, the job fails with a readable message and
//      the message is dead-lettered.
#include <chrono>
#include <functional>
#include <string>
#include <string_view>

#include "common/core/error.hpp"
#include "common/core/topology.hpp"
#include "common/db/pool.hpp"
#include "common/jobs/stage.hpp"
#include "common/jobs/store.hpp"

namespace tailor::jobs {

// Told after a commit that added events to a job (publishes the wake-up on Redis).
using JobNotifier = std::function<void(const std::string& job_id)>;

class StageRunner {
 public:
  // `test_delay` is slept between claiming a run and doing it (TAILOR_TEST_STAGE_DELAY_MS), so
  // tests can kill a worker mid-stage; zero in real use.
  StageRunner(db::Pool& pool, const core::Topology& topology, Stage& stage, JobNotifier notify,
              std::function<void()> outbox_written,
              std::chrono::milliseconds test_delay = std::chrono::milliseconds(0));

  // Handles one message body; the result is what the consumer does with the message.
  Disposition handle(std::string_view body);

 private:
  Disposition fail_job(const StageMessage& m, const Job& job, const Error& e, bool final);

  db::Pool& pool_;
  const core::Topology& topology_;
  const core::StageQueue& queue_;
  Stage& stage_;
  JobNotifier notify_;
  std::function<void()> outbox_written_;
  std::chrono::milliseconds test_delay_;
};

}  // namespace tailor::jobs
