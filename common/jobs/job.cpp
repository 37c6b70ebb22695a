#include "common/jobs/job.hpp"

#include "common/json/writer.hpp"

namespace tailor::jobs {

void write_job(json::Writer& w, const Job& job) {
  w.object_begin()
      .field("id", job.id)
      .field("kind", job.kind)
      .field("state", job.state)
      .field("stage", job.stage)
      .field("progress", job.progress)
      .field("attempts", job.attempts);
  w.key("error");
  if (job.error) {
    w.object_begin().field("message", *job.error).object_end();
  } else {
    w.null();
  }
  w.field("created_at", job.created_at).field("updated_at", job.updated_at).object_end();
}

}  // namespace tailor::jobs
