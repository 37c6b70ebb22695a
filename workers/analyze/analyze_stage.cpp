#include "workers/analyze/analyze_stage.hpp"

#include <fmt/format.h>

#include <memory>

#include "common/core/log.hpp"
#include "common/jobs/pipeline.hpp"
#include "common/json/value.hpp"
#include "workers/analyze/analysis.hpp"
#include "workers/analyze/report_json.hpp"
#include "workers/analyze/resume/resume_json.hpp"
#include "workers/extract/extraction_codec.hpp"

namespace tailor::analyze {

namespace {
// The document columns every run reads, and whether the extract stage has finished it.
struct StoredDocument {
  std::string status, error, text, layout, extraction;
  soci::indicator error_ind = soci::i_null, text_ind = soci::i_null, layout_ind = soci::i_null,
                  extraction_ind = soci::i_null;
};

constexpr const char* kDocumentColumns =
    "d.status, d.error, d.text, d.layout::text, d.extraction::text";

void bind_document(soci::statement& st, StoredDocument& d) {
  st.exchange(soci::into(d.status));
  st.exchange(soci::into(d.error, d.error_ind));
  st.exchange(soci::into(d.text, d.text_ind));
  st.exchange(soci::into(d.layout, d.layout_ind));
  st.exchange(soci::into(d.extraction, d.extraction_ind));
}

// ok when the document can be analysed; otherwise the error the job ends with (or retries on).
Status readable(const StoredDocument& d) {
  if (d.status == "failed") {
    return fail(Errc::failed_precondition,
                "the résumé could not be read" + (d.error_ind == soci::i_ok ? ": " + d.error : std::string()));
  }
  if (d.status != "extracted" || d.text_ind != soci::i_ok) {
    return fail(Errc::unavailable, "the résumé has not been read yet");
  }
  return {};
}

Document document_of(StoredDocument& d) {
  return document_from_row(std::move(d.text), d.layout_ind == soci::i_ok ? d.layout : std::string(),
                           d.extraction_ind == soci::i_ok ? d.extraction : std::string());
}
}  // namespace

Document document_from_row(std::string text, const std::string& layout_json, const std::string& extraction_json) {
  Document doc;
  doc.text = std::move(text);
  if (!layout_json.empty()) {
    if (auto layout = extract::decode_layout(layout_json)) {
      doc.layout = std::move(*layout);
    } else {
      log::warn("stored layout unreadable; analysing the text alone", {{"error", layout.error().message}});
    }
  }
  doc.page_count = doc.layout.page_count;
  if (!extraction_json.empty()) {
    if (auto x = json::parse(extraction_json); x && x->is_object()) {
      if (const auto* m = x->find("method"); m && m->as_string()) doc.method = *m->as_string();
      if (const auto* p = x->find("page_count"); p && p->as_int()) doc.page_count = static_cast<int>(*p->as_int());
      if (const auto* u = x->find("unmapped_glyphs"); u && u->as_int()) {
        doc.unmapped_glyphs = static_cast<int>(*u->as_int());
      }
    }
  }
  return doc;
}

Result<jobs::StageOutput> AnalyzeStage::run(const jobs::Job& job, int) {
  if (job.kind == jobs::kResumeJob) return run_resume(job);
  if (job.kind == jobs::kAnalysisJob) return run_analysis(job);
  return fail(Errc::internal, fmt::format("the analyze stage does not run '{}' jobs", job.kind));
}

Result<jobs::StageOutput> AnalyzeStage::run_resume(const jobs::Job& job) {
  if (!job.document_id) return fail(Errc::invalid_argument, "the job has no résumé to analyse");
  const std::string doc_id = *job.document_id;
  auto stored = db_.run([&](soci::session& s) -> std::optional<StoredDocument> {
    StoredDocument d;
    soci::statement st(s);
    st.exchange(soci::use(doc_id));
    bind_document(st, d);
    st.alloc();
    st.prepare(fmt::format("SELECT {} FROM documents d WHERE d.id = :id::uuid", kDocumentColumns));
    st.define_and_bind();
    if (!st.execute(true)) return std::nullopt;
    return d;
  });
  if (!stored) return std::unexpected(stored.error());
  if (!*stored) return fail(Errc::not_found, "the résumé was deleted");
  if (auto ok = readable(**stored); !ok) return std::unexpected(ok.error());

  const Document doc = document_of(**stored);
  auto r = std::make_shared<ResumeAnalysis>(analyze_resume(doc, lexicon_));
  jobs::StageOutput out;
  out.event_fields = fmt::format("\"sections\":{},\"work\":{},\"skills\":{},\"ats_flags\":{}",
                                 r->parsed.sections.size(), r->parsed.resume.work.size(),
                                 r->parsed.resume.skills.size(), r->ats.flags.size());
  out.commit = [r, doc_id](soci::session& s) {
    const std::string parsed = to_json(r->parsed.resume), ats = ats_json(r->ats);
    s << "UPDATE documents SET parsed = :p::json, redacted_text = :r, ats = :a::json, updated_at = now() "
         "WHERE id = :id::uuid",
        soci::use(parsed), soci::use(r->redaction.text), soci::use(ats), soci::use(doc_id);
  };
  return out;
}

Result<jobs::StageOutput> AnalyzeStage::run_analysis(const jobs::Job& job) {
  struct Stored {
    StoredDocument doc;
    std::string analysis_id;
    JobInput input;
  };
  const std::string job_id = job.id;
  auto stored = db_.run([&](soci::session& s) -> std::optional<Stored> {
    Stored x;
    soci::statement st(s);
    st.exchange(soci::use(job_id));
    st.exchange(soci::into(x.analysis_id));
    st.exchange(soci::into(x.input.text));
    st.exchange(soci::into(x.input.title));
    st.exchange(soci::into(x.input.company));
    bind_document(st, x.doc);
    st.alloc();
    st.prepare(fmt::format("SELECT a.id::text, a.jd_text, a.jd_title, a.jd_company, {} FROM analyses a "
                           "JOIN documents d ON d.id = a.document_id WHERE a.job_id = :j::uuid",
                           kDocumentColumns));
    st.define_and_bind();
    if (!st.execute(true)) return std::nullopt;
    return x;
  });
  if (!stored) return std::unexpected(stored.error());
  if (!*stored) return fail(Errc::not_found, "the analysis or its résumé was deleted");
  if (auto ok = readable((*stored)->doc); !ok) return std::unexpected(ok.error());

  const Document doc = document_of((*stored)->doc);
  const Analysis a = analyze(doc, (*stored)->input, lexicon_);
  auto report = std::make_shared<std::string>(report_json(a));
  const int score = a.match.score;
  const std::string analysis_id = (*stored)->analysis_id;
  jobs::StageOutput out;
  out.event_fields = fmt::format("\"score\":{},\"matched_skills\":{},\"missing_skills\":{},\"ats_flags\":{}", score,
                                 a.match.matched.size(), a.match.missing.size(), a.resume.ats.flags.size());
  out.commit = [report, score, analysis_id](soci::session& s) {
    s << "UPDATE analyses SET score = :s, report = :r::json, updated_at = now() WHERE id = :id::uuid",
        soci::use(score), soci::use(*report), soci::use(analysis_id);
  };
  return out;
}

}  // namespace tailor::analyze
