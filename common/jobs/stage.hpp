#pragma once
// What a worker implements for its stage. The StageRunner owns the transactions, the events and
// the message's fate; a Stage only does its work and says what to write when it succeeds.
#include <soci/soci.h>

#include <functional>
#include <string>
#include <string_view>

#include "common/core/error.hpp"
#include "common/jobs/job.hpp"

namespace tailor::jobs {

struct StageOutput {
  // Writes the stage's result; runs inside the transaction that completes the stage.
  std::function<void(soci::session&)> commit;
  // Extra members for the stage_completed event (JSON object members without braces), or "".
  std::string event_fields;
};

class Stage {
 public:
  virtual ~Stage() = default;
  virtual std::string_view name() const = 0;
  // Does the work, outside any transaction and without writing to the database. A transient
  // error (unavailable, deadline_exceeded, resource_exhausted) is retried with backoff; any other
  // fails the job with the error's message, which users read.
  virtual Result<StageOutput> run(const Job& job, int attempt) = 0;
  // In the transaction that starts a run (e.g. mark the document "extracting").
  virtual void on_started(soci::session&, const Job&) {}
  // In the transaction that fails the job for good (e.g. mark the document "failed").
  virtual void on_failed(soci::session&, const Job&, const Error&) {}
};

}  // namespace tailor::jobs
