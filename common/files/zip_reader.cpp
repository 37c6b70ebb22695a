#include "common/files/zip_reader.hpp"

#include <fmt/format.h>
#include <zip.h>

#include <algorithm>

#include "common/files/byte_size.hpp"

namespace tailor::files {

namespace {

std::string zip_error_text(int code) {
  zip_error_t error;
  zip_error_init_with_code(&error, code);
  std::string text = zip_error_strerror(&error);
  zip_error_fini(&error);
  return text;
}

std::string archive_error_text(zip* archive) {
  return zip_error_strerror(zip_get_error(archive));
}

struct FileCloser {
  void operator()(zip_file_t* file) const { zip_fclose(file); }
};

}  // namespace

void ZipReader::Closer::operator()(zip* archive) const {
  zip_discard(archive);
}

Result<ZipReader> ZipReader::open(const std::string& path, std::string_view label) {
  int code = 0;
  zip* archive = zip_open(path.c_str(), ZIP_RDONLY, &code);
  if (archive == nullptr) {
    // Failing to open or read our own file is our problem; a file that is not a valid archive
    // is the uploader's.
    if (code == ZIP_ER_OPEN || code == ZIP_ER_READ || code == ZIP_ER_MEMORY ||
        code == ZIP_ER_NOENT) {
      return fail(Errc::internal, fmt::format("cannot read {}: {}", path, zip_error_text(code)));
    }
    return fail(Errc::invalid_argument, fmt::format("{} is damaged or not a ZIP archive ({})",
                                                    label, zip_error_text(code)));
  }
  std::unique_ptr<zip, Closer> owned(archive);
  const zip_int64_t count = zip_get_num_entries(archive, 0);
  if (count < 0) {
    return fail(Errc::invalid_argument,
                fmt::format("{} is damaged (its ZIP directory cannot be read)", label));
  }
  return ZipReader(std::move(owned), static_cast<std::uint64_t>(count), std::string(label));
}

Result<ZipReader::Entry> ZipReader::stat(std::uint64_t index) const {
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(archive_.get(), index, 0, &st) != 0) {
    return fail(Errc::invalid_argument, fmt::format("{} is damaged (entry {}: {})", label_, index,
                                                    archive_error_text(archive_.get())));
  }
  Entry entry;
  entry.index = index;
  if ((st.valid & ZIP_STAT_NAME) != 0 && st.name != nullptr) entry.name = st.name;
  if ((st.valid & ZIP_STAT_SIZE) == 0) {
    return fail(Errc::invalid_argument,
                fmt::format("{} is damaged (entry {} has no size)", label_, entry.name));
  }
  entry.size = st.size;
  if ((st.valid & ZIP_STAT_COMP_SIZE) != 0) entry.compressed_size = st.comp_size;
  entry.encrypted =
      (st.valid & ZIP_STAT_ENCRYPTION_METHOD) != 0 && st.encryption_method != ZIP_EM_NONE;
  return entry;
}

Result<std::vector<ZipReader::Entry>> ZipReader::entries() const {
  std::vector<Entry> all;
  all.reserve(entry_count_);
  for (std::uint64_t i = 0; i < entry_count_; ++i) {
    auto entry = stat(i);
    if (!entry) return std::unexpected(entry.error());
    all.push_back(std::move(*entry));
  }
  return all;
}

std::optional<ZipReader::Entry> ZipReader::find(std::string_view name) const {
  const std::string key(name);
  const zip_int64_t index = zip_name_locate(archive_.get(), key.c_str(), 0);
  if (index < 0) return std::nullopt;
  auto entry = stat(static_cast<std::uint64_t>(index));
  if (!entry) return std::nullopt;
  return *entry;
}

Result<std::string> ZipReader::read(const Entry& entry, std::uint64_t max_bytes) const {
  if (entry.encrypted) {
    return fail(Errc::invalid_argument,
                fmt::format("{} is encrypted ({} needs a password)", label_, entry.name));
  }
  if (entry.size > max_bytes) {
    return fail(Errc::invalid_argument,
                fmt::format("{} is rejected: {} would inflate to {}, over the {} limit per entry "
                            "(a damaged file or a zip bomb)",
                            label_, entry.name, human_bytes(entry.size), human_bytes(max_bytes)));
  }
  std::unique_ptr<zip_file_t, FileCloser> file(zip_fopen_index(archive_.get(), entry.index, 0));
  if (!file) {
    return fail(Errc::invalid_argument, fmt::format("{} is damaged ({}: {})", label_, entry.name,
                                                    archive_error_text(archive_.get())));
  }
  std::string data;
  data.reserve(static_cast<std::size_t>(entry.size));
  // Never trust the declared size: read at most one byte past it, then stop.
  const std::uint64_t budget = entry.size + 1;
  char chunk[64 * 1024];
  while (data.size() < budget) {
    const std::uint64_t want = std::min<std::uint64_t>(sizeof chunk, budget - data.size());
    const zip_int64_t got = zip_fread(file.get(), chunk, want);
    if (got < 0) {
      return fail(Errc::invalid_argument,
                  fmt::format("{} is damaged ({}: {})", label_, entry.name,
                              zip_error_strerror(zip_file_get_error(file.get()))));
    }
    if (got == 0) break;
    data.append(chunk, static_cast<std::size_t>(got));
  }
  if (data.size() > entry.size) {
    return fail(Errc::invalid_argument,
                fmt::format("{} is rejected: {} inflates to more than the {} it declares "
                            "(a damaged file or a zip bomb)",
                            label_, entry.name, human_bytes(entry.size)));
  }
  if (data.size() < entry.size) {
    return fail(Errc::invalid_argument,
                fmt::format("{} is damaged ({} is shorter than it declares)", label_, entry.name));
  }
  return data;
}

}  // namespace tailor::files
