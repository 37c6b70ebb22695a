#include "common/storage/local_storage.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace tailor::storage {
namespace {

constexpr std::string_view kSpoolName = ".spool";
constexpr std::string_view kTempPrefix = ".tmp-";  // keys cannot start with '.', so no clash

// Owns a file descriptor.
class UniqueFd {
 public:
  explicit UniqueFd(int fd = -1) : fd_(fd) {}
  ~UniqueFd() { reset(); }
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  int get() const { return fd_; }
  // Closes now and reports close(2)'s errno (0 when fine); write errors can surface here.
  int close_now() {
    int err = 0;
    if (fd_ >= 0 && ::close(fd_) != 0) err = errno;
    fd_ = -1;
    return err;
  }
  void reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_;
};

std::string errno_text(int err) {
  char buf[256];
  return std::string(strerror_r(err, buf, sizeof buf));  // GNU variant: returns the message
}

// One place maps errno to Tailor's codes. `what` reads like "could not write resumes/x.pdf".
Error io_error(std::string_view what, int err) {
  std::string msg = std::string(what) + ": " + errno_text(err);
  switch (err) {
    case ENOENT:
    case ENOTDIR:
      return Error{Errc::not_found, std::move(msg)};
    case ENOSPC:
    case EDQUOT:
    case EIO:
    case EROFS:
    case EMFILE:
    case ENFILE:
    case ENOMEM:
      return Error{Errc::unavailable, "storage is unavailable: " + msg};
    default:
      return Error{Errc::internal, std::move(msg)};
  }
}

std::unexpected<Error> fail_io(std::string_view what, int err) {
  return std::unexpected<Error>(io_error(what, err));
}

std::string parent_of(const std::string& path) {
  return path.substr(0, path.rfind('/'));
}

// mkdir -p with mode 0700 for every directory it creates.
Status make_dirs(const std::string& dir) {
  struct stat st {};
  if (::stat(dir.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) return {};
    return fail(Errc::internal, "storage: " + dir + " exists and is not a directory");
  }
  for (std::size_t pos = 1; pos <= dir.size(); ++pos) {
    if (pos != dir.size() && dir[pos] != '/') continue;
    std::string prefix = dir.substr(0, pos);
    if (::mkdir(prefix.c_str(), 0700) != 0 && errno != EEXIST) {
      return fail_io("could not create the storage directory " + prefix, errno);
    }
  }
  if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
    return fail(Errc::internal, "storage: " + dir + " is not a directory");
  }
  return {};
}

// Makes a rename or a new file in `dir` durable.
Status fsync_dir(const std::string& dir) {
  UniqueFd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0) return fail_io("could not open the directory " + dir, errno);
  if (::fsync(fd.get()) != 0) return fail_io("could not sync the directory " + dir, errno);
  return {};
}

Status write_all(int fd, std::string_view bytes, std::string_view what) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail_io(what, errno);
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return {};
}

// A new temp file next to `final_path`; writes it with `fill`, syncs it (when durable) and renames
// it into place. On any failure the temp file is removed.
template <class Fill>
Status write_atomically(const std::string& final_path, std::string_view key, bool durable, Fill fill) {
  std::string dir = parent_of(final_path);
  std::string tmp = dir + "/" + std::string(kTempPrefix) + "XXXXXX";
  UniqueFd fd(::mkostemp(tmp.data(), O_CLOEXEC));  // mode 0600
  std::string what = "could not write " + std::string(key);
  if (fd.get() < 0) return fail_io(what, errno);
  Status st = fill(fd.get(), what);
  if (st && durable && ::fsync(fd.get()) != 0) st = fail_io(what, errno);
  if (int err = fd.close_now(); st && err != 0) st = fail_io(what, err);
  if (st && ::rename(tmp.c_str(), final_path.c_str()) != 0) st = fail_io(what, errno);
  if (!st) {
    ::unlink(tmp.c_str());
    return st;
  }
  return durable ? fsync_dir(dir) : Status{};
}

// Makes the data of the file at `path` durable.
Status fsync_file(const std::string& path, std::string_view what) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0 || ::fsync(fd.get()) != 0) return fail_io(what, errno);
  return {};
}

bool valid_segment_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '-';
}

}  // namespace

bool valid_storage_key(std::string_view key) {
  if (key.empty() || key.size() > kMaxKeyLength) return false;
  std::size_t start = 0;
  while (true) {
    std::size_t slash = key.find('/', start);
    std::string_view seg =
        key.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    // Empty (leading '/', "//", trailing '/'), ".", "..", hidden names, temp and spool names.
    if (seg.empty() || seg.front() == '.') return false;
    for (char c : seg) {
      if (!valid_segment_char(c)) return false;
    }
    if (slash == std::string_view::npos) return true;
    start = slash + 1;
  }
}

Result<std::unique_ptr<LocalStorage>> LocalStorage::open(const std::string& root, bool durable) {
  if (root.empty()) return fail(Errc::internal, "storage: the storage directory is not set");
  std::error_code ec;
  std::filesystem::path abs = std::filesystem::absolute(root, ec);
  if (ec) return fail(Errc::internal, "storage: cannot resolve " + root + ": " + ec.message());
  std::string path = abs.lexically_normal().string();
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  if (auto st = make_dirs(path); !st) return std::unexpected(st.error());
  std::unique_ptr<LocalStorage> store(new LocalStorage(path, durable));
  if (auto st = make_dirs(store->spool_dir()); !st) return std::unexpected(st.error());
  return store;
}

std::string LocalStorage::spool_dir() const {
  return root_ + "/" + std::string(kSpoolName);
}

Result<std::string> LocalStorage::path_of(std::string_view key) const {
  if (!valid_storage_key(key)) {
    return fail(Errc::invalid_argument,
                "the storage key \"" + std::string(key.substr(0, 100)) + "\" is not valid");
  }
  return root_ + "/" + std::string(key);
}

Status LocalStorage::put(std::string_view key, std::string_view bytes) {
  auto path = path_of(key);
  if (!path) return std::unexpected(path.error());
  if (auto st = make_dirs(parent_of(*path)); !st) return st;
  return write_atomically(*path, key, durable_,
                          [&](int fd, const std::string& what) { return write_all(fd, bytes, what); });
}

Status LocalStorage::put_file(std::string_view key, const std::string& source_path) {
  auto path = path_of(key);
  if (!path) return std::unexpected(path.error());
  // The data first: a durable rename of a file whose blocks never reached the disk is no use.
  if (durable_) {
    if (auto st = fsync_file(source_path, "could not store " + std::string(key)); !st) return st;
  }
  // Usually the directory exists already: create it only when the rename says it is missing
  // (ENOENT with the source still there).
  auto move = [&] { return ::rename(source_path.c_str(), path->c_str()) == 0 ? 0 : errno; };
  int err = move();
  if (err == ENOENT && ::access(source_path.c_str(), F_OK) == 0) {
    if (auto st = make_dirs(parent_of(*path)); !st) return st;
    err = move();
  }
  if (err == 0) return durable_ ? fsync_dir(parent_of(*path)) : Status{};
  if (err != EXDEV) return fail_io("could not move the file into " + std::string(key), err);
  if (auto st = make_dirs(parent_of(*path)); !st) return st;
  // Another filesystem: copy into a temp file beside the target, then rename, then drop the source.
  UniqueFd src(::open(source_path.c_str(), O_RDONLY | O_CLOEXEC));
  if (src.get() < 0) return fail_io("could not open the file for " + std::string(key), errno);
  Status st = write_atomically(*path, key, durable_, [&](int fd, const std::string& what) -> Status {
    char buf[1 << 16];
    while (true) {
      ssize_t n = ::read(src.get(), buf, sizeof buf);
      if (n < 0) {
        if (errno == EINTR) continue;
        return fail_io(what, errno);
      }
      if (n == 0) return {};
      if (auto w = write_all(fd, std::string_view(buf, static_cast<std::size_t>(n)), what); !w) {
        return w;
      }
    }
  });
  if (!st) return st;
  if (::unlink(source_path.c_str()) != 0 && errno != ENOENT) {
    return fail_io("stored " + std::string(key) + " but could not remove the source file", errno);
  }
  return {};
}

Result<std::string> LocalStorage::local_path(std::string_view key) {
  auto path = path_of(key);
  if (!path) return path;
  struct stat st {};
  if (::stat(path->c_str(), &st) != 0) return fail_io("could not find " + std::string(key), errno);
  if (!S_ISREG(st.st_mode)) return fail(Errc::not_found, "could not find " + std::string(key));
  return path;
}

Result<std::string> LocalStorage::read(std::string_view key, std::size_t max_bytes) {
  auto path = path_of(key);
  if (!path) return path;
  std::string what = "could not read " + std::string(key);
  UniqueFd fd(::open(path->c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) return fail_io(what, errno);
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return fail_io(what, errno);
  if (!S_ISREG(st.st_mode)) return fail(Errc::not_found, what + ": not a file");
  if (static_cast<std::size_t>(st.st_size) > max_bytes) {
    return fail(Errc::too_large,
                std::string(key) + " is larger than " + std::to_string(max_bytes) + " bytes");
  }
  std::string out;
  out.resize(static_cast<std::size_t>(st.st_size));
  std::size_t got = 0;
  while (true) {
    // Read one byte past the expected size to notice a file that grew meanwhile.
    if (got == out.size()) {
      if (out.size() >= max_bytes + 1) break;
      out.resize(std::min(out.size() + 4096, max_bytes + 1));
    }
    ssize_t n = ::read(fd.get(), out.data() + got, out.size() - got);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail_io(what, errno);
    }
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  if (got > max_bytes) {
    return fail(Errc::too_large,
                std::string(key) + " is larger than " + std::to_string(max_bytes) + " bytes");
  }
  out.resize(got);
  return out;
}

Status LocalStorage::remove(std::string_view key) {
  auto path = path_of(key);
  if (!path) return std::unexpected(path.error());
  if (::unlink(path->c_str()) != 0 && errno != ENOENT) {
    return fail_io("could not remove " + std::string(key), errno);
  }
  return {};
}

Result<bool> LocalStorage::exists(std::string_view key) {
  auto path = path_of(key);
  if (!path) return std::unexpected(path.error());
  struct stat st {};
  if (::stat(path->c_str(), &st) == 0) return S_ISREG(st.st_mode);
  if (errno == ENOENT || errno == ENOTDIR) return false;
  return fail_io("could not check " + std::string(key), errno);
}

}  // namespace tailor::storage
