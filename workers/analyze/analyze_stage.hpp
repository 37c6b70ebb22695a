#pragma once
// The analyze stage: reads a résumé's text and layout (documents), runs the analysis
// (analysis.hpp) and stores what it found.
//   "resume" jobs (an upload): JSON Resume, redacted text and ATS review on the documents row.
//   "analysis" jobs: the match report against the job description on the analyses row.
#include "common/db/pool.hpp"
#include "common/jobs/stage.hpp"
#include "workers/analyze/document.hpp"
#include "workers/analyze/skills/lexicon.hpp"

namespace tailor::analyze {

class AnalyzeStage : public jobs::Stage {
 public:
  AnalyzeStage(db::Pool& db, const skills::Lexicon& lexicon) : db_(db), lexicon_(lexicon) {}

  std::string_view name() const override { return "analyze"; }
  Result<jobs::StageOutput> run(const jobs::Job& job, int attempt) override;

 private:
  Result<jobs::StageOutput> run_resume(const jobs::Job& job);
  Result<jobs::StageOutput> run_analysis(const jobs::Job& job);

  db::Pool& db_;
  const skills::Lexicon& lexicon_;
};

// A stored document (text, layout JSON, extraction JSON) as the analysis reads it. The layout is
// left empty when it is missing or unreadable: the analysis then works from the text.
Document document_from_row(std::string text, const std::string& layout_json, const std::string& extraction_json);

}  // namespace tailor::analyze
