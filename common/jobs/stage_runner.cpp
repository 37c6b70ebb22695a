#include "common/jobs/stage_runner.hpp"

#include <fmt/format.h>

#include <thread>

#include "common/core/log.hpp"
#include "common/jobs/pipeline.hpp"
#include "common/jobs/store.hpp"
#include "common/json/writer.hpp"

namespace tailor::jobs {

namespace {
// What users read when a job fails: the error's own message, except for internal errors,
// whose details are for the logs only.
std::string user_message(const Error& e) {
  if (e.code == Errc::internal) return "an internal error stopped this job; it has been logged";
  return e.message;
}

std::string error_fields(const Error& e) {
  std::string out = "\"error\":";
  json::Writer w;
  w.object_begin().field("code", code_name(e.code)).field("message", user_message(e)).object_end();
  return out + std::move(w).str();
}
}  // namespace

StageRunner::StageRunner(db::Pool& pool, const core::Topology& topology, Stage& stage, JobNotifier notify,
                         std::function<void()> outbox_written, std::chrono::milliseconds test_delay)
    : pool_(pool),
      topology_(topology),
      queue_(topology.stage(stage.name())),
      stage_(stage),
      notify_(std::move(notify)),
      outbox_written_(std::move(outbox_written)),
      test_delay_(test_delay) {}

Disposition StageRunner::handle(std::string_view body) {
  auto m = parse_message(body);
  if (!m) {
    log::error("unreadable stage message", {{"error", m.error().message}});
    return Disposition::dead_letter;
  }
  log::Scope scope("job_id", m->job_id);
  if (m->stage != stage_.name()) {
    log::error("message for another stage", {{"stage", m->stage}});
    return Disposition::dead_letter;
  }

  // 1-2: claim the run, or see that it is already done.
  auto started = pool_.transact([&](soci::session& s) -> std::optional<Job> {
    auto job = lock_job(s, m->job_id);
    if (!job || is_terminal(job->state) || job->stage != m->stage) return std::nullopt;
    transition(s, m->job_id, {.state = "running", .attempts = Transition::Attempts::increment}, "stage_started",
               fmt::format("\"attempt\":{}", m->attempt));
    stage_.on_started(s, *job);
    job->state = "running";
    job->attempts += 1;
    return job;
  });
  if (!started) {
    log::warn("cannot start stage", {{"error", started.error().message}});
    return Disposition::retry;
  }
  if (!*started) {
    log::info("stage already done or job gone; acknowledging", {{"stage", m->stage}});
    return Disposition::ack;
  }
  notify_(m->job_id);
  const Job& job = **started;

  if (test_delay_.count() > 0) std::this_thread::sleep_for(test_delay_);

  // 3: the work itself, with no transaction open.
  Result<StageOutput> out = fail(Errc::internal, "the stage did not run");
  try {
    out = stage_.run(job, m->attempt);
  } catch (const std::exception& e) {
    out = fail(Errc::internal, fmt::format("stage threw: {}", e.what()));
  }
  if (!out) {
    const bool final = disposition(out.error().code) != Disposition::retry || m->attempt >= queue_.attempts;
    return fail_job(*m, job, out.error(), final);
  }

  // 4: result, events, next state and next message in one transaction.
  std::optional<std::string> next;
  auto done = pool_.transact([&](soci::session& s) -> bool {
    auto current = lock_job(s, m->job_id);
    if (!current || is_terminal(current->state) || current->stage != m->stage) return false;
    if (out->commit) out->commit(s);
    next = next_stage(job.kind, m->stage);
    std::string fields = fmt::format("\"attempt\":{}", m->attempt);
    if (!out->event_fields.empty()) fields += "," + out->event_fields;
    if (next) {
      transition(s, m->job_id,
                 {.state = "queued", .stage = *next, .progress = progress_after(job.kind, m->stage),
                  .attempts = Transition::Attempts::reset},
                 "stage_completed", fields);
      enqueue_stage(s, topology_, StageMessage{m->job_id, *next, 1});
    } else {
      transition(s, m->job_id, {.state = "done", .progress = 100}, "stage_completed", fields);
      append_event(s, m->job_id, "done");
    }
    return true;
  });
  if (!done) {
    if (disposition(done.error().code) == Disposition::retry) {
      log::warn("cannot commit stage result; will retry", {{"error", done.error().message}});
      return Disposition::retry;
    }
    return fail_job(*m, job, done.error(), true);
  }
  if (!*done) {
    log::info("stage completed elsewhere meanwhile; result discarded", {{"stage", m->stage}});
    return Disposition::ack;
  }
  notify_(m->job_id);
  outbox_written_();  // the next stage's message, or jobs the stage's commit released
  log::info("stage completed", {{"stage", m->stage}, {"attempt", m->attempt}});
  return Disposition::ack;
}

Disposition StageRunner::fail_job(const StageMessage& m, const Job& job, const Error& e, bool final) {
  const std::string message = user_message(e);
  if (!final) {
    const int delay = queue_.backoff.delay_ms(m.attempt);
    log::warn("stage failed; retrying", {{"stage", m.stage}, {"attempt", m.attempt}, {"delay_ms", delay},
                                         {"code", std::string(code_name(e.code))}, {"error", e.message}});
    auto r = pool_.transact([&](soci::session& s) {
      transition(s, m.job_id, {.state = "retrying", .error = message}, "retrying",
                 fmt::format("\"attempt\":{},\"next_attempt\":{},\"delay_ms\":{},{}", m.attempt, m.attempt + 1,
                             delay, error_fields(e)));
    });
    if (r) notify_(m.job_id);
    return Disposition::retry;
  }
  log::error("stage failed; job failed", {{"stage", m.stage}, {"attempt", m.attempt},
                                          {"code", std::string(code_name(e.code))}, {"error", e.message}});
  auto r = pool_.transact([&](soci::session& s) -> bool {
    auto current = lock_job(s, m.job_id);
    if (!current || is_terminal(current->state) || current->stage != m.stage) return false;
    transition(s, m.job_id, {.state = "failed", .error = message}, "failed", error_fields(e));
    stage_.on_failed(s, job, e);
    return true;
  });
  if (!r) {
    log::warn("cannot record the failure; will retry", {{"error", r.error().message}});
    return Disposition::retry;
  }
  if (*r) {
    notify_(m.job_id);
    outbox_written_();  // on_failed may have queued work (jobs waiting for this one's document)
  }
  return disposition(e.code) == Disposition::ack ? Disposition::ack : Disposition::dead_letter;
}

}  // namespace tailor::jobs
