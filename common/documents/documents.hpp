#pragma once
// Résumé documents: accepting an upload (type by magic bytes, file into storage, row + job +
// outbox in one transaction), listing, reading and deleting them — always for one owner.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/core/error.hpp"
#include "common/core/topology.hpp"
#include "common/db/batch_writer.hpp"
#include "common/db/pool.hpp"
#include "common/storage/storage.hpp"

namespace tailor::documents {

struct UploadedFile {
  std::string temp_path;  // the spooled file; moved into storage on success
  std::string head;       // its first bytes, for sniffing
  std::uint64_t size = 0;
  std::string filename;   // as the client named it (display only)
};

struct Accepted {
  std::string document_id;
  std::string job_id;
};

struct Document {
  std::string id;
  std::string filename;
  std::string media_type;
  std::int64_t size_bytes = 0;
  std::string status;  // uploaded | extracting | extracted | failed
  std::optional<int> page_count;
  std::optional<std::string> text;        // only when asked for and extracted
  std::optional<std::string> extraction;  // JSON (method, pages, warnings) when extracted
  std::optional<std::string> error;
  std::optional<std::string> job_id;  // the newest job on this document
  std::string created_at;
  std::string updated_at;
};

// What the analyze stage made of a résumé on its own (documents.parsed, documents.ats).
struct Understanding {
  std::string status;                 // as Document::status
  std::optional<std::string> resume;  // JSON Resume, once analysed
  std::optional<std::string> ats;     // the ATS review (JSON), once analysed
  std::optional<std::string> error;   // why it could not be read, when failed
};

class Documents {
 public:
  Documents(db::Pool& pool, storage::Storage& storage, const core::Topology& topology,
            std::function<void()> outbox_written);

  // invalid_argument for an empty file, unsupported_media_type for a type Tailor cannot read.
  Result<Accepted> accept_upload(const std::string& owner_id, const UploadedFile& file,
                                 const std::string& request_id);
  // Newest first; `limit` is clamped to 1..100.
  Result<std::vector<Document>> list(const std::string& owner_id, int limit);
  // not_found for an unknown id or another owner's document.
  Result<Document> get(const std::string& owner_id, const std::string& id, bool with_text);
  // not_found for an unknown id or another owner's document.
  Result<Understanding> understanding(const std::string& owner_id, const std::string& id);
  // Deletes the row (its jobs and events go with it) and the stored file.
  Status remove(const std::string& owner_id, const std::string& id, const std::string& request_id);

 private:
  // One accepted upload waiting for the group commit: its row, its job, its audit entry.
  struct NewDocument {
    std::string id, job_id, owner_id, filename, media_type, storage_key, request_id;
    long long size = 0;
  };
  void insert(soci::session& s, const std::vector<NewDocument>& docs);

  db::Pool& pool_;
  storage::Storage& storage_;
  const core::Topology& topology_;
  std::function<void()> outbox_written_;
  db::BatchWriter<NewDocument> writer_;
};

// A display name that is safe to store and echo: no path, no control characters, ≤ 200 bytes.
std::string clean_filename(std::string_view name);

}  // namespace tailor::documents
