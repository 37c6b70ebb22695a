#pragma once
// Read-only access to a ZIP archive (libzip) that never inflates more than the caller allows.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/core/error.hpp"

struct zip;

namespace tailor::files {

class ZipReader {
 public:
  struct Entry {
    std::uint64_t index = 0;
    std::string name;
    std::uint64_t size = 0;  // uncompressed, as the archive declares it
    std::uint64_t compressed_size = 0;
    bool encrypted = false;
  };

  // Opens `path`. `label` names the file in messages ("the DOCX"). Fails with invalid_argument
  // when the file is not a readable ZIP archive, internal when the file cannot be opened at all.
  static Result<ZipReader> open(const std::string& path, std::string_view label = "the file");

  std::uint64_t entry_count() const { return entry_count_; }

  // Central-directory facts about every entry, read without inflating anything.
  // Fails with invalid_argument when the directory is unreadable.
  Result<std::vector<Entry>> entries() const;

  // The entry called `name` (exact match), or nullopt.
  std::optional<Entry> find(std::string_view name) const;

  // The inflated bytes of `entry`, reading at most max(declared size, max_bytes) + 1 bytes so a
  // lying header cannot make it allocate more. Fails with invalid_argument when the entry is
  // encrypted, declares more than `max_bytes`, inflates to more than it declares, or is corrupt.
  Result<std::string> read(const Entry& entry, std::uint64_t max_bytes) const;

 private:
  struct Closer {
    void operator()(zip* archive) const;
  };
  ZipReader(std::unique_ptr<zip, Closer> archive, std::uint64_t entry_count, std::string label)
      : archive_(std::move(archive)), entry_count_(entry_count), label_(std::move(label)) {}

  Result<Entry> stat(std::uint64_t index) const;

  std::unique_ptr<zip, Closer> archive_;
  std::uint64_t entry_count_ = 0;
  std::string label_;
};

}  // namespace tailor::files
