#pragma once
// Storage in a local directory: <root>/<key>, uploads spooled in <root>/.spool.
// Writes are atomic (temp file + rename) and, with `durable` (the default), on disk before they
// return: the file's data and its directory entry are fsynced. Without it they are as safe as the
// OS page cache: for throwaway development and test data only.
#include <memory>
#include <string>

#include "common/storage/storage.hpp"

namespace tailor::storage {

class LocalStorage : public Storage {
 public:
  // Creates `root` (mode 0700, parents too) and its spool directory when absent. Fails with
  // internal/unavailable naming the directory when it cannot.
  static Result<std::unique_ptr<LocalStorage>> open(const std::string& root, bool durable = true);

  Status put_file(std::string_view key, const std::string& source_path) override;
  Status put(std::string_view key, std::string_view bytes) override;
  Result<std::string> local_path(std::string_view key) override;
  Result<std::string> read(std::string_view key, std::size_t max_bytes) override;
  Status remove(std::string_view key) override;
  Result<bool> exists(std::string_view key) override;
  std::string spool_dir() const override;

  const std::string& root() const { return root_; }

 private:
  LocalStorage(std::string root, bool durable) : root_(std::move(root)), durable_(durable) {}
  Result<std::string> path_of(std::string_view key) const;

  std::string root_;  // absolute, no trailing '/'
  bool durable_;
};

}  // namespace tailor::storage
