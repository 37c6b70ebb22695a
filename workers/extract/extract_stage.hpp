#pragma once
// The extract stage: the stored upload → text and page count on its documents row.
// The parsing itself is in extract_file.hpp; this file binds it to the job pipeline.
#include "common/core/topology.hpp"
#include "common/db/pool.hpp"
#include "common/jobs/stage.hpp"
#include "common/storage/storage.hpp"
#include "workers/extract/extraction.hpp"
#include "workers/extract/sandbox.hpp"

namespace tailor::extract {

class ExtractStage : public jobs::Stage {
 public:
  // Files are read by `child_binary` (tailor-extract-child) under `sandbox` limits.
  // Analyses waiting for the document are queued (`topology`) once it is read, or has failed.
  ExtractStage(db::Pool& db, storage::Storage& storage, const core::Topology& topology, std::string child_binary,
               SandboxLimits sandbox, ExtractLimits limits = {})
      : db_(db),
        storage_(storage),
        topology_(topology),
        child_(std::move(child_binary)),
        sandbox_(sandbox),
        limits_(limits) {}

  std::string_view name() const override { return "extract"; }
  Result<jobs::StageOutput> run(const jobs::Job& job, int attempt) override;
  void on_started(soci::session& s, const jobs::Job& job) override;
  void on_failed(soci::session& s, const jobs::Job& job, const Error& e) override;

 private:
  db::Pool& db_;
  storage::Storage& storage_;
  const core::Topology& topology_;
  std::string child_;
  SandboxLimits sandbox_;
  ExtractLimits limits_;
};

// The extraction's details as stored in documents.extraction (JSON): method, pages with their
// method and OCR confidence, unmapped glyphs, warnings. The layout goes to documents.layout.
std::string extraction_json(const Extraction& x);

}  // namespace tailor::extract
