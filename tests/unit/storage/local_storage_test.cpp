#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "common/storage/local_storage.hpp"

using namespace tailor;
using namespace tailor::storage;
namespace fs = std::filesystem;

namespace {

// A fresh directory per test, removed afterwards.
struct TempDir {
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "tailor-storage-XXXXXX").string();
    REQUIRE(::mkdtemp(tmpl.data()) != nullptr);
    path = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  fs::path path;
};

void write_file(const fs::path& p, std::string_view bytes) {
  std::ofstream out(p, std::ios::binary);
  out << bytes;
}

// Names in a directory other than the ones listed: leftover temp files show up here.
std::vector<std::string> entries(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("open creates the root (0700) and the spool directory") {
  TempDir tmp;
  fs::path root = tmp.path / "a" / "b" / "store";
  auto store = LocalStorage::open(root.string());
  REQUIRE(store);
  CHECK(fs::is_directory(root));
  struct stat st {};
  REQUIRE(::stat(root.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0700);
  CHECK((*store)->spool_dir() == (root / ".spool").string());
  CHECK(fs::is_directory((*store)->spool_dir()));
  // Opening again is fine.
  CHECK(LocalStorage::open(root.string()));
  // The root is kept as an absolute path.
  CHECK(fs::path((*store)->root()).is_absolute());
}

TEST_CASE("open fails clearly when the root is a file") {
  TempDir tmp;
  write_file(tmp.path / "file", "x");
  auto store = LocalStorage::open((tmp.path / "file").string());
  REQUIRE_FALSE(store);
  CHECK(store.error().message.find("not a directory") != std::string::npos);
}

TEST_CASE("put, read, exists, local_path, remove") {
  TempDir tmp;
  auto opened = LocalStorage::open(tmp.path.string());
  REQUIRE(opened);
  Storage& s = **opened;
  const std::string key = "resumes/0b8f3c2e-8d0b-4c39-9a59-1f6f3f6d3e21.pdf";
  std::string bytes("%PDF-1.7\0binary\xff", 16);

  CHECK(s.exists(key) == false);
  auto missing = s.read(key, 1000);
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == Errc::not_found);
  CHECK(s.local_path(key).error().code == Errc::not_found);

  REQUIRE(s.put(key, bytes));
  CHECK(s.exists(key) == true);
  CHECK(s.read(key, 1000) == bytes);
  CHECK(s.read(key, bytes.size()) == bytes);
  auto too_big = s.read(key, bytes.size() - 1);
  REQUIRE_FALSE(too_big);
  CHECK(too_big.error().code == Errc::too_large);

  auto path = s.local_path(key);
  REQUIRE(path);
  CHECK(*path == (tmp.path / key).string());
  std::ifstream in(*path, std::ios::binary);
  CHECK(std::string(std::istreambuf_iterator<char>(in), {}) == bytes);

  // Overwrite replaces the whole content.
  REQUIRE(s.put(key, "short"));
  CHECK(s.read(key, 1000) == std::string("short"));
  // Empty files are files.
  REQUIRE(s.put("empty.txt", ""));
  CHECK(s.read("empty.txt", 0) == std::string());

  REQUIRE(s.remove(key));
  CHECK(s.exists(key) == false);
  CHECK(s.remove(key));  // absent is fine
  CHECK(s.remove("never/there.txt"));
}

TEST_CASE("put leaves no temp files behind and writes owner-only files") {
  TempDir tmp;
  auto opened = LocalStorage::open(tmp.path.string());
  REQUIRE(opened);
  Storage& s = **opened;
  for (int i = 0; i < 5; ++i) REQUIRE(s.put("exports/report.pdf", std::string(10000 + i, 'x')));
  CHECK(entries(tmp.path / "exports") == std::vector<std::string>{"report.pdf"});
  struct stat st {};
  REQUIRE(::stat((tmp.path / "exports" / "report.pdf").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
}

TEST_CASE("a failed put removes its temp file and keeps the old content") {
  TempDir tmp;
  auto opened = LocalStorage::open(tmp.path.string());
  REQUIRE(opened);
  Storage& s = **opened;
  REQUIRE(s.put("docs/a.txt", "old"));
  // The target is now a non-empty directory, so the final rename fails.
  REQUIRE(s.put("docs/b/inner.txt", "x"));
  auto st = s.put("docs/b", "new");
  REQUIRE_FALSE(st);
  CHECK(entries(tmp.path / "docs") == std::vector<std::string>{"a.txt", "b"});
  CHECK(s.read("docs/a.txt", 100) == std::string("old"));
}

TEST_CASE("put_file moves a spooled upload in, durable or not") {
  for (const bool durable : {true, false}) {
    CAPTURE(durable);
    TempDir tmp;
    auto opened = LocalStorage::open(tmp.path.string(), durable);
    REQUIRE(opened);
    Storage& s = **opened;
    fs::path spooled = fs::path(s.spool_dir()) / "upload-1";
    write_file(spooled, "résumé bytes");
    REQUIRE(s.put_file("resumes/x/y/1.docx", spooled.string()));
    CHECK_FALSE(fs::exists(spooled));
    CHECK(s.read("resumes/x/y/1.docx", 100) == std::string("résumé bytes"));

    auto missing = s.put_file("resumes/2.docx", (fs::path(s.spool_dir()) / "nope").string());
    REQUIRE_FALSE(missing);
    CHECK(missing.error().code == Errc::not_found);
  }
}

TEST_CASE("put_file across filesystems copies, syncs and removes the source") {
  // /dev/shm is tmpfs on Linux; skip quietly where it is the same filesystem or absent.
  TempDir tmp;
  auto opened = LocalStorage::open(tmp.path.string());
  REQUIRE(opened);
  std::string tmpl = "/dev/shm/tailor-storage-src-XXXXXX";
  int fd = ::mkstemp(tmpl.data());
  if (fd < 0) return;
  REQUIRE(::write(fd, "cross-device", 12) == 12);
  ::close(fd);
  struct stat a {
  }, b{};
  ::stat(tmpl.c_str(), &a);
  ::stat(tmp.path.c_str(), &b);
  if (a.st_dev == b.st_dev) {
    ::unlink(tmpl.c_str());
    return;
  }
  REQUIRE((*opened)->put_file("resumes/cross.pdf", tmpl));
  CHECK_FALSE(fs::exists(tmpl));
  CHECK((*opened)->read("resumes/cross.pdf", 100) == std::string("cross-device"));
  CHECK(entries(tmp.path / "resumes") == std::vector<std::string>{"cross.pdf"});
}

TEST_CASE("keys that could escape the root or hit internals are refused") {
  TempDir tmp;
  auto opened = LocalStorage::open((tmp.path / "root").string());
  REQUIRE(opened);
  Storage& s = **opened;
  write_file(tmp.path / "secret.txt", "secret");
  for (std::string_view key : {
           "",
           "/etc/passwd",
           "../secret.txt",
           "resumes/../../secret.txt",
           "resumes/..",
           "..",
           ".",
           "./a",
           "a/./b",
           "a//b",
           "a/",
           "/a",
           ".spool/upload",
           ".tmp-abc",
           "a/.hidden",
           "a\\b",
           "a b",
           "résumé.pdf",
           "a:b",
           "a\nb",
           "a%2e%2e/b",
           "~/x",
       }) {
    CAPTURE(key);
    CHECK_FALSE(valid_storage_key(key));
    auto r = s.read(key, 100);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == Errc::invalid_argument);
    CHECK(s.put(key, "x").error().code == Errc::invalid_argument);
    CHECK(s.remove(key).error().code == Errc::invalid_argument);
    CHECK(s.exists(key).error().code == Errc::invalid_argument);
    CHECK(s.local_path(key).error().code == Errc::invalid_argument);
  }
  CHECK_FALSE(valid_storage_key(std::string(201, 'a')));
  CHECK(valid_storage_key(std::string(200, 'a')));
  CHECK(valid_storage_key("resumes/0b8f3c2e-8d0b-4c39-9a59-1f6f3f6d3e21.pdf"));
  CHECK(valid_storage_key("a.b_c-D/E..f"));  // ".." inside a name is just a name
  CHECK(s.read("../secret.txt", 100).error().message.find("not valid") != std::string::npos);
  // Nothing was written outside the root.
  CHECK(entries(tmp.path) == std::vector<std::string>{"root", "secret.txt"});
}
