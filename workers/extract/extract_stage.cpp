#include "workers/extract/extract_stage.hpp"

#include <fmt/format.h>

#include "common/files/media_type.hpp"
#include "common/jobs/store.hpp"
#include "common/json/writer.hpp"
#include "workers/extract/extraction_codec.hpp"

namespace tailor::extract {

std::string extraction_json(const Extraction& x) {
  json::Writer w;
  w.object_begin().field("method", x.method).field("page_count", x.page_count);
  w.key("pages").array_begin();
  for (const auto& p : x.pages) {
    w.object_begin().field("number", p.number).field("method", p.method).field("confidence", p.confidence)
        .field("chars", static_cast<std::int64_t>(p.text.size())).object_end();
  }
  w.array_end();
  w.field("unmapped_glyphs", x.unmapped_glyphs).field("header_footer_text", x.header_footer_text);
  w.key("warnings").array_begin();
  for (const auto& warning : x.warnings) w.value(warning);
  w.array_end().object_end();
  return std::move(w).str();
}

Result<jobs::StageOutput> ExtractStage::run(const jobs::Job& job, int) {
  if (!job.document_id) return fail(Errc::invalid_argument, "the job has no résumé to read");
  const std::string doc_id = *job.document_id;
  struct Stored {
    std::string key, media;
  };
  auto stored = db_.run([&](soci::session& s) -> std::optional<Stored> {
    Stored st;
    s << "SELECT storage_key, media_type FROM documents WHERE id = :id::uuid", soci::use(doc_id),
        soci::into(st.key), soci::into(st.media);
    if (!s.got_data()) return std::nullopt;
    return st;
  });
  if (!stored) return std::unexpected(stored.error());
  if (!*stored) return fail(Errc::not_found, "the résumé was deleted");
  auto type = files::parse_media_type((*stored)->media);
  if (!type) return fail(Errc::internal, fmt::format("unknown media type '{}' in documents", (*stored)->media));
  auto path = storage_.local_path((*stored)->key);
  if (!path) return std::unexpected(path.error());

  auto x = extract_sandboxed(child_, *path, *type, limits_, sandbox_);
  if (!x) return std::unexpected(x.error());

  auto shared = std::make_shared<Extraction>(std::move(*x));
  jobs::StageOutput out;
  out.event_fields = fmt::format("\"page_count\":{},\"method\":\"{}\",\"chars\":{},\"words\":{}",
                                 shared->page_count, shared->method, shared->text.size(), shared->layout.word_count);
  out.commit = [this, shared, doc_id](soci::session& s) {
    const std::string details = extraction_json(*shared), layout = encode(shared->layout);
    s << "UPDATE documents SET status = 'extracted', text = :t, page_count = :p, extraction = :x::jsonb, "
         "layout = :l::jsonb, word_count = :w, error = NULL, updated_at = now() WHERE id = :id::uuid",
        soci::use(shared->text), soci::use(shared->page_count), soci::use(details), soci::use(layout),
        soci::use(shared->layout.word_count), soci::use(doc_id);
    jobs::release_waiting_jobs(s, topology_, doc_id);
  };
  return out;
}

void ExtractStage::on_started(soci::session& s, const jobs::Job& job) {
  if (!job.document_id) return;
  s << "UPDATE documents SET status = 'extracting', updated_at = now() WHERE id = :id::uuid",
      soci::use(*job.document_id);
}

void ExtractStage::on_failed(soci::session& s, const jobs::Job& job, const Error& e) {
  if (!job.document_id) return;
  const std::string message = e.code == Errc::internal ? "the file could not be read" : e.message;
  s << "UPDATE documents SET status = 'failed', error = :e, updated_at = now() WHERE id = :id::uuid",
      soci::use(message), soci::use(*job.document_id);
  jobs::release_waiting_jobs(s, topology_, *job.document_id);  // their stage reports the failure
}

}  // namespace tailor::extract
