#pragma once
// The extract stage: the stored upload → text and page count on its documents row.
// The parsing itself is in extract_file.hpp; this file binds it to the job pipeline.
#include "common/db/pool.hpp"
#include "common/jobs/stage.hpp"
#include "common/storage/storage.hpp"
#include "workers/extract/extraction.hpp"

namespace tailor::extract {

class ExtractStage : public jobs::Stage {
 public:
  ExtractStage(db::Pool& db, storage::Storage& storage, ExtractLimits limits = {})
      : db_(db), storage_(storage), limits_(limits) {}

  std::string_view name() const override { return "extract"; }
  Result<jobs::StageOutput> run(const jobs::Job& job, int attempt) override;
  void on_started(soci::session& s, const jobs::Job& job) override;
  void on_failed(soci::session& s, const jobs::Job& job, const Error& e) override;

 private:
  db::Pool& db_;
  storage::Storage& storage_;
  ExtractLimits limits_;
};

// The extraction's details as stored in documents.extraction (JSON): method, pages, warnings.
std::string extraction_json(const Extraction& x);

}  // namespace tailor::extract
