#pragma once
// Analyses: one résumé matched against one job description. Creating one (row + job + outbox in
// one group-committed transaction; the job waits when the résumé is still being read) and
// reading one back — always for one owner.
#include <functional>
#include <optional>
#include <string>

#include "common/core/error.hpp"
#include "common/core/topology.hpp"
#include "common/db/batch_writer.hpp"
#include "common/db/pool.hpp"

namespace tailor::analyses {

// The longest job description accepted (bytes of text); a long job ad is about 10 KB.
inline constexpr std::size_t kMaxJobDescriptionBytes = 50'000;

struct JobDescription {
  std::string text;
  std::string title;    // optional
  std::string company;  // optional
};

struct Created {
  std::string analysis_id;
  std::string job_id;
  bool waiting = false;  // the résumé is still being read; the job starts when it is
};

struct Analysis {
  std::string id;
  std::string resume_id;
  std::string job_id;
  std::string state;  // the job's: waiting | queued | running | retrying | done | failed
  std::optional<std::string> stage;
  int progress = 0;
  std::optional<std::string> error;
  std::string jd_title;
  std::string jd_company;
  std::optional<int> score;
  std::optional<std::string> report;  // JSON, once done
  std::string created_at;
  std::string updated_at;
};

class Analyses {
 public:
  Analyses(db::Pool& pool, const core::Topology& topology, std::function<void()> outbox_written);

  // not_found for an unknown résumé or another owner's; failed_precondition for a résumé that
  // could not be read.
  Result<Created> create(const std::string& owner_id, const std::string& resume_id, const JobDescription& jd,
                         const std::string& request_id);
  // not_found for an unknown id or another owner's analysis.
  Result<Analysis> get(const std::string& owner_id, const std::string& id);

 private:
  struct NewAnalysis {
    std::string id, job_id, owner_id, resume_id, request_id;
    JobDescription jd;
    std::shared_ptr<bool> waiting;  // set by the flush: what the caller reports
  };
  void insert(soci::session& s, const std::vector<NewAnalysis>& items);

  db::Pool& pool_;
  const core::Topology& topology_;
  std::function<void()> outbox_written_;
  db::BatchWriter<NewAnalysis> writer_;
};

}  // namespace tailor::analyses
