#include "common/documents/documents.hpp"

#include <fmt/format.h>

#include "common/auth/tokens.hpp"
#include "common/core/log.hpp"
#include "common/db/arrays.hpp"
#include "common/db/audit.hpp"
#include "common/files/media_type.hpp"
#include "common/jobs/pipeline.hpp"
#include "common/jobs/store.hpp"

namespace tailor::documents {

namespace {
const Error kNotFound{Errc::not_found, "no résumé with this id"};

constexpr const char* kColumns =
    "d.id::text, d.filename, d.media_type, d.size_bytes, d.status, d.page_count, d.error, "
    "(SELECT j.id::text FROM jobs j WHERE j.document_id = d.id ORDER BY j.created_at DESC LIMIT 1), "
    "iso_utc(d.created_at), iso_utc(d.updated_at)";

// Reads one row selected with kColumns (+ optionally text and extraction) from a statement.
struct Row {
  Document d;
  int page_count = 0;
  std::string error, job, text, extraction;
  soci::indicator page_ind = soci::i_null, error_ind = soci::i_null, job_ind = soci::i_null,
                  text_ind = soci::i_null, extraction_ind = soci::i_null;
  void finish() {
    if (page_ind == soci::i_ok) d.page_count = page_count;
    if (error_ind == soci::i_ok) d.error = error;
    if (job_ind == soci::i_ok) d.job_id = job;
    if (text_ind == soci::i_ok) d.text = text;
    if (extraction_ind == soci::i_ok) d.extraction = extraction;
  }
};

// Binds the kColumns outputs (and, for a single document, text and extraction) to a statement.
void bind(soci::statement& st, Row& r, bool with_text) {
  st.exchange(soci::into(r.d.id));
  st.exchange(soci::into(r.d.filename));
  st.exchange(soci::into(r.d.media_type));
  st.exchange(soci::into(r.d.size_bytes));
  st.exchange(soci::into(r.d.status));
  st.exchange(soci::into(r.page_count, r.page_ind));
  st.exchange(soci::into(r.error, r.error_ind));
  st.exchange(soci::into(r.job, r.job_ind));
  st.exchange(soci::into(r.d.created_at));
  st.exchange(soci::into(r.d.updated_at));
  if (with_text) {
    st.exchange(soci::into(r.text, r.text_ind));
    st.exchange(soci::into(r.extraction, r.extraction_ind));
  }
}

// Runs `sql` (selecting kColumns, plus text and extraction when with_text) and calls
// each(row) per result row.
template <class Each>
void select_rows(soci::session& s, const std::string& sql, const std::vector<std::string>& params,
                 int limit, bool with_text, Each each) {
  Row r;
  soci::statement st(s);
  for (const auto& p : params) st.exchange(soci::use(p));
  if (limit > 0) st.exchange(soci::use(limit));
  bind(st, r, with_text);
  st.alloc();
  st.prepare(sql);
  st.define_and_bind();
  st.execute();
  while (st.fetch()) {
    r.finish();
    each(std::move(r.d));
    r.d = Document{};
    r.text_ind = r.extraction_ind = r.page_ind = r.error_ind = r.job_ind = soci::i_null;
  }
}
}  // namespace

std::string clean_filename(std::string_view name) {
  const auto slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
  std::string out;
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) continue;
    out.push_back(c);
  }
  if (out.size() > 200) {
    std::size_t cut = 200;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;  // whole code points
    out.resize(cut);
  }
  return out.empty() ? "resume" : out;
}

Documents::Documents(db::Pool& pool, storage::Storage& storage, const core::Topology& topology,
                     std::function<void()> outbox_written)
    : pool_(pool),
      storage_(storage),
      topology_(topology),
      outbox_written_(std::move(outbox_written)),
      writer_(pool, [this](soci::session& s, const std::vector<NewDocument>& docs) { insert(s, docs); }) {}

void Documents::insert(soci::session& s, const std::vector<NewDocument>& docs) {
  std::vector<std::string> ids, owners, names, media, keys;
  std::vector<db::AuditEntry> entries;
  std::vector<std::int64_t> sizes;
  std::vector<jobs::NewJob> new_jobs;
  for (const auto& d : docs) {
    ids.push_back(d.id);
    owners.push_back(d.owner_id);
    names.push_back(d.filename);
    media.push_back(d.media_type);
    keys.push_back(d.storage_key);
    sizes.push_back(d.size);
    new_jobs.push_back({d.job_id, d.owner_id, std::string(jobs::kResumeJob), d.id});
    entries.push_back({d.owner_id, "resume.upload", d.id, d.request_id});
  }
  const std::string a_ids = db::array_literal(ids), a_owners = db::array_literal(owners),
                    a_names = db::array_literal(names), a_media = db::array_literal(media),
                    a_sizes = db::array_literal(sizes), a_keys = db::array_literal(keys);
  s << "INSERT INTO documents (id, owner_id, filename, media_type, size_bytes, storage_key) "
       "SELECT * FROM unnest(:ids::uuid[], :owners::uuid[], :names::text[], :media::text[], :sizes::bigint[], "
       ":keys::text[])",
      soci::use(a_ids), soci::use(a_owners), soci::use(a_names), soci::use(a_media), soci::use(a_sizes),
      soci::use(a_keys);
  jobs::insert_jobs(s, topology_, new_jobs);
  db::audit(s, entries);
}

Result<Accepted> Documents::accept_upload(const std::string& owner_id, const UploadedFile& file,
                                          const std::string& request_id) {
  auto type = files::sniff_media_type(file.head);
  if (!type) return std::unexpected(type.error());
  if (*type == files::MediaType::docx) {
    if (auto docx = files::verify_docx(file.temp_path); !docx) return std::unexpected(docx.error());
  }
  Accepted a{auth::new_uuid(), auth::new_uuid()};
  const std::string key = fmt::format("resumes/{}/{}.{}", owner_id, a.document_id, files::extension(*type));
  if (auto stored = storage_.put_file(key, file.temp_path); !stored) return std::unexpected(stored.error());

  auto r = writer_.write({a.document_id, a.job_id, owner_id, clean_filename(file.filename),
                          std::string(files::name(*type)), key, request_id, static_cast<long long>(file.size)});
  if (!r) {
    (void)storage_.remove(key);  // the row never existed: take the file back out
    return std::unexpected(r.error());
  }
  outbox_written_();
  return a;
}

Result<std::vector<Document>> Documents::list(const std::string& owner_id, int limit) {
  limit = std::clamp(limit, 1, 100);
  return pool_.run([&](soci::session& s) {
    std::vector<Document> out;
    select_rows(s,
                fmt::format("SELECT {} FROM documents d WHERE d.owner_id = :o::uuid "
                            "ORDER BY d.created_at DESC, d.id LIMIT :l",
                            kColumns),
                {owner_id}, limit, false, [&](Document d) { out.push_back(std::move(d)); });
    return out;
  });
}

Result<Document> Documents::get(const std::string& owner_id, const std::string& id, bool with_text) {
  if (!auth::is_uuid(id)) return std::unexpected(kNotFound);
  auto r = pool_.run([&](soci::session& s) -> std::optional<Document> {
    std::optional<Document> found;
    select_rows(s,
                fmt::format("SELECT {}{} FROM documents d WHERE d.id = :id::uuid AND d.owner_id = :o::uuid",
                            kColumns, with_text ? ", d.text, d.extraction::text" : ""),
                {id, owner_id}, 0, with_text, [&](Document d) { found = std::move(d); });
    return found;
  });
  if (!r) return std::unexpected(r.error());
  if (!*r) return std::unexpected(kNotFound);
  return **r;
}

Result<Understanding> Documents::understanding(const std::string& owner_id, const std::string& id) {
  if (!auth::is_uuid(id)) return std::unexpected(kNotFound);
  auto r = pool_.run([&](soci::session& s) -> std::optional<Understanding> {
    Understanding u;
    std::string resume, ats, error;
    soci::indicator resume_ind{}, ats_ind{}, error_ind{};
    s << "SELECT status, parsed::text, ats::text, error FROM documents WHERE id = :id::uuid AND owner_id = :o::uuid",
        soci::use(id), soci::use(owner_id), soci::into(u.status), soci::into(resume, resume_ind),
        soci::into(ats, ats_ind), soci::into(error, error_ind);
    if (!s.got_data()) return std::nullopt;
    if (resume_ind == soci::i_ok) u.resume = resume;
    if (ats_ind == soci::i_ok) u.ats = ats;
    if (error_ind == soci::i_ok) u.error = error;
    return u;
  });
  if (!r) return std::unexpected(r.error());
  if (!*r) return std::unexpected(kNotFound);
  return **r;
}

Status Documents::remove(const std::string& owner_id, const std::string& id, const std::string& request_id) {
  if (!auth::is_uuid(id)) return std::unexpected(kNotFound);
  auto key = pool_.transact([&](soci::session& s) -> std::optional<std::string> {
    std::string k;
    s << "DELETE FROM documents WHERE id = :id::uuid AND owner_id = :o::uuid RETURNING storage_key",
        soci::use(id), soci::use(owner_id), soci::into(k);
    if (!s.got_data()) return std::nullopt;
    db::audit(s, {owner_id, "resume.delete", id, request_id});
    return k;
  });
  if (!key) return std::unexpected(key.error());
  if (!*key) return std::unexpected(kNotFound);
  if (auto removed = storage_.remove(**key); !removed) {
    // The row is gone, so nothing can reach the file; log it for the operator to sweep.
    log::error("stored file not removed", {{"document_id", id}, {"error", removed.error().message}});
  }
  return {};
}

}  // namespace tailor::documents
