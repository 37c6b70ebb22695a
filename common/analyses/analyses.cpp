#include "common/analyses/analyses.hpp"

#include <fmt/format.h>

#include <map>

#include "common/auth/tokens.hpp"
#include "common/db/arrays.hpp"
#include "common/db/audit.hpp"
#include "common/jobs/pipeline.hpp"
#include "common/jobs/store.hpp"

namespace tailor::analyses {

namespace {
const Error kNoResume{Errc::not_found, "no résumé with this id"};
const Error kNotFound{Errc::not_found, "no analysis with this id"};

struct DocumentState {
  std::string owner, status, error;
};

// The documents with these ids, by id; `lock` takes FOR SHARE row locks.
std::map<std::string, DocumentState> read_documents(soci::session& s, const std::vector<std::string>& ids, bool lock) {
  std::map<std::string, DocumentState> docs;
  const std::string a_ids = db::array_literal(ids);
  std::string id;
  DocumentState d;
  soci::statement st = (s.prepare << std::string("SELECT id::text, owner_id::text, status, coalesce(error, '') "
                                                 "FROM documents WHERE id = ANY(:ids::uuid[])") +
                                         (lock ? " FOR SHARE" : ""),
                        soci::use(a_ids), soci::into(id), soci::into(d.owner), soci::into(d.status),
                        soci::into(d.error));
  st.execute();
  while (st.fetch()) docs[id] = d;
  return docs;
}
}  // namespace

Analyses::Analyses(db::Pool& pool, const core::Topology& topology, std::function<void()> outbox_written)
    : pool_(pool),
      topology_(topology),
      outbox_written_(std::move(outbox_written)),
      writer_(pool, [this](soci::session& s, const std::vector<NewAnalysis>& items) { insert(s, items); }) {}

void Analyses::insert(soci::session& s, const std::vector<NewAnalysis>& items) {
  std::vector<std::string> resume_ids;
  for (const auto& a : items) resume_ids.push_back(a.resume_id);
  std::map<std::string, DocumentState> docs = read_documents(s, resume_ids, false);
  // A document still being read is read again under FOR SHARE: the extract stage cannot finish
  // it (and release the jobs waiting for it) between that read and our commit, so a job
  // inserted as waiting is always released. "extracted" and "failed" are final: no lock needed.
  std::vector<std::string> unread;
  for (const auto& [id, doc] : docs) {
    if (doc.status != "extracted" && doc.status != "failed") unread.push_back(id);
  }
  if (!unread.empty()) {
    for (auto& [id, doc] : read_documents(s, unread, true)) docs[id] = std::move(doc);
  }

  std::vector<std::string> ids, job_ids, owners, resumes, texts, titles, companies;
  std::vector<jobs::NewJob> new_jobs;
  std::vector<db::AuditEntry> entries;
  for (const auto& a : items) {
    auto doc = docs.find(a.resume_id);
    if (doc == docs.end() || doc->second.owner != a.owner_id) throw db::Abort(kNoResume);
    if (doc->second.status == "failed") {
      throw db::Abort({Errc::failed_precondition,
                       "the résumé could not be read" +
                           (doc->second.error.empty() ? std::string() : ": " + doc->second.error)});
    }
    const bool waiting = doc->second.status != "extracted";
    *a.waiting = waiting;
    ids.push_back(a.id);
    job_ids.push_back(a.job_id);
    owners.push_back(a.owner_id);
    resumes.push_back(a.resume_id);
    texts.push_back(a.jd.text);
    titles.push_back(a.jd.title);
    companies.push_back(a.jd.company);
    new_jobs.push_back({a.job_id, a.owner_id, std::string(jobs::kAnalysisJob), a.resume_id, waiting});
    entries.push_back({a.owner_id, "analysis.create", a.id, a.request_id});
  }
  jobs::insert_jobs(s, topology_, new_jobs);
  const std::string a_ids = db::array_literal(ids), a_jobs = db::array_literal(job_ids),
                    a_owners = db::array_literal(owners), a_resumes = db::array_literal(resumes),
                    a_texts = db::array_literal(texts), a_titles = db::array_literal(titles),
                    a_companies = db::array_literal(companies);
  s << "INSERT INTO analyses (id, owner_id, document_id, job_id, jd_text, jd_title, jd_company) "
       "SELECT * FROM unnest(:ids::uuid[], :owners::uuid[], :docs::uuid[], :jobs::uuid[], :texts::text[], "
       ":titles::text[], :companies::text[])",
      soci::use(a_ids), soci::use(a_owners), soci::use(a_resumes), soci::use(a_jobs), soci::use(a_texts),
      soci::use(a_titles), soci::use(a_companies);
  db::audit(s, entries);
}

Result<Created> Analyses::create(const std::string& owner_id, const std::string& resume_id,
                                 const JobDescription& jd, const std::string& request_id) {
  if (!auth::is_uuid(resume_id)) return std::unexpected(kNoResume);
  NewAnalysis item{auth::new_uuid(), auth::new_uuid(), owner_id, resume_id, request_id, jd, std::make_shared<bool>(false)};
  Created c{item.id, item.job_id, false};
  auto waiting = item.waiting;
  if (auto r = writer_.write(std::move(item)); !r) return std::unexpected(r.error());
  c.waiting = *waiting;
  if (!c.waiting) outbox_written_();
  return c;
}

Result<Analysis> Analyses::get(const std::string& owner_id, const std::string& id) {
  if (!auth::is_uuid(id)) return std::unexpected(kNotFound);
  auto r = pool_.run([&](soci::session& s) -> std::optional<Analysis> {
    Analysis a;
    std::string stage, error, report;
    int score = 0;
    soci::indicator stage_ind{}, error_ind{}, score_ind{}, report_ind{};
    s << "SELECT a.id::text, a.document_id::text, a.job_id::text, j.state, j.stage, j.progress, j.error, "
         "a.jd_title, a.jd_company, a.score, a.report::text, iso_utc(a.created_at), iso_utc(a.updated_at) "
         "FROM analyses a JOIN jobs j ON j.id = a.job_id WHERE a.id = :id::uuid AND a.owner_id = :o::uuid",
        soci::use(id), soci::use(owner_id), soci::into(a.id), soci::into(a.resume_id), soci::into(a.job_id),
        soci::into(a.state), soci::into(stage, stage_ind), soci::into(a.progress), soci::into(error, error_ind),
        soci::into(a.jd_title), soci::into(a.jd_company), soci::into(score, score_ind),
        soci::into(report, report_ind), soci::into(a.created_at), soci::into(a.updated_at);
    if (!s.got_data()) return std::nullopt;
    if (stage_ind == soci::i_ok) a.stage = stage;
    if (error_ind == soci::i_ok) a.error = error;
    if (score_ind == soci::i_ok) a.score = score;
    if (report_ind == soci::i_ok) a.report = report;
    return a;
  });
  if (!r) return std::unexpected(r.error());
  if (!*r) return std::unexpected(kNotFound);
  return **r;
}

}  // namespace tailor::analyses
