#pragma once
// Files behind keys such as "resumes/<uuid>.pdf". A local directory by default; an S3-compatible
// store later, so API and workers can run on different machines. Keep this interface small: every
// operation must be implementable on an object store.
//
// Keys are validated strictly by every implementation (see valid_storage_key): relative, '/'-
// separated segments of [A-Za-z0-9._-] that do not start with '.', at most 200 characters.
// A bad key fails with invalid_argument — it is the defence against path traversal.
#include <cstddef>
#include <string>
#include <string_view>

#include "common/core/error.hpp"

namespace tailor::storage {

inline constexpr std::size_t kMaxKeyLength = 200;

// True when `key` is acceptable (see above). No "..", no ".", no empty segment, no leading '/'.
bool valid_storage_key(std::string_view key);

class Storage {
 public:
  virtual ~Storage() = default;

  // Moves the file at `source_path` in under `key`, replacing any existing file. The source is gone
  // afterwards. Fails with invalid_argument (bad key), not_found (no source), unavailable (disk
  // full or I/O error), internal otherwise.
  virtual Status put_file(std::string_view key, const std::string& source_path) = 0;

  // Stores `bytes` under `key` atomically: readers see the old file or the whole new one.
  virtual Status put(std::string_view key, std::string_view bytes) = 0;

  // A path on this machine that readers needing a file (Poppler, libzip) can open. For a remote
  // store this would be a local cached copy. not_found when the key is absent.
  virtual Result<std::string> local_path(std::string_view key) = 0;

  // The whole content. not_found when absent; too_large when over `max_bytes`.
  virtual Result<std::string> read(std::string_view key, std::size_t max_bytes) = 0;

  // Deletes the file; an absent key is success.
  virtual Status remove(std::string_view key) = 0;

  virtual Result<bool> exists(std::string_view key) = 0;

  // A directory on the same filesystem as the store where uploads can be streamed before
  // put_file (so put_file is a rename). Exists once the store is open.
  virtual std::string spool_dir() const = 0;
};

}  // namespace tailor::storage
