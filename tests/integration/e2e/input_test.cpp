// Uploads a user gets wrong: the answer names the problem, and nothing is stored.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "tests/integration/e2e/harness.hpp"

using namespace e2e;
using tailor::json::Value;
namespace fs = std::filesystem;

namespace {

// Regular files in storage outside the upload spool.
std::size_t stored_files(const std::string& root) {
  std::size_t n = 0;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(root, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_directory() && it->path().filename() == ".spool") {
      it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file()) ++n;
  }
  return n;
}

std::size_t spooled_files(const std::string& root) {
  std::size_t n = 0;
  std::error_code ec;
  for (auto it = fs::directory_iterator(root + "/.spool", ec);
       !ec && it != fs::directory_iterator(); it.increment(ec)) {
    ++n;
  }
  return n;
}

}  // namespace

TEST_CASE("e2e: upload validation: wrong type or empty or too large or malformed form") {
  Stack& stack = Stack::get();
  E2E_LOGS(stack);
  stack.ensure_one_worker();
  Client c(stack.base_url());
  c.sign_up(unique_email("uploader"), kPassword);
  const std::string user_id = str(c.get("/v1/me").json(), "id");

  auto documents = [&] {
    return stack.db().count("SELECT count(*) FROM documents WHERE owner_id = $1::uuid", {user_id});
  };
  auto check_nothing_stored = [&](const std::string& what, long long docs_before,
                                  std::size_t files_before) {
    CHECK_MESSAGE(documents() == docs_before, what << ": no documents row should have been made");
    CHECK_MESSAGE(stored_files(stack.storage_dir()) == files_before,
                  what << ": no file should have been stored");
    CHECK_MESSAGE(eventually([&] { return spooled_files(stack.storage_dir()) == 0; }, 10s),
                  what << ": the spooled upload should have been removed from "
                       << stack.storage_dir() << "/.spool");
  };

  // A plain-text résumé is fine (and is read).
  const Accepted txt = expect_accepted(
      c.upload("Jane Doe\nSkills: PostgreSQL, Haskell\n", "resume.txt", "text/plain"));
  const Value job = c.wait_for_job_state(txt.job_id, {"done", "failed"});
  CHECK_MESSAGE(str(job, "state") == "done", dump(job));
  CHECK(str(c.get("/v1/resumes/" + txt.resume_id).json(), "text").find("Haskell") !=
        std::string::npos);

  // Baselines: this user's one résumé (other tests in this process may have stored more).
  const long long docs = documents();
  const std::size_t files = stored_files(stack.storage_dir());
  REQUIRE(docs == 1);
  REQUIRE(stored_files(stack.storage_dir() + "/resumes/" + user_id) == 1);

  {
    INFO("random binary that is no known format");
    std::mt19937 rng(7);
    std::string noise(4096, '\0');
    for (auto& ch : noise) ch = static_cast<char>(rng() & 0xFF);
    noise[0] = '\x00';
    noise[1] = '\x01';
    const auto r = c.upload(noise, "resume.pdf", "application/pdf");  // the name and type lie
    expect_error(r, 415, "unsupported_media_type", "not supported");
    check_nothing_stored("415", docs, files);
  }
  {
    INFO("a PNG signature and nothing else");
    // PNG is a type Tailor takes (OCR), so the upload is accepted by its type and the job
    // then fails with a message a person can act on.
    const std::string png("\x89PNG\r\n\x1a\n", 8);
    const auto r = c.upload(png, "scan.png", "image/png");
    const Accepted a = expect_accepted(r);
    const Value j = c.wait_for_job_state(a.job_id, {"done", "failed"});
    INFO("job: " << dump(j));
    CHECK(str(j, "state") == "failed");
    const Value* e = j.find("error");
    REQUIRE((e && e->is_object()));
    const std::string m(e->string_at("message").value_or(""));
    CHECK_MESSAGE(m.find("image") != std::string::npos, "the message should say what is wrong: " << m);
    CHECK_MESSAGE(m.find("internal error") == std::string::npos, "the message should say what is wrong: " << m);
    // Clean up so the baselines below hold.
    CHECK(c.del("/v1/resumes/" + a.resume_id).status == 204);
    check_nothing_stored("PNG", docs, files);
  }
  {
    INFO("empty file");
    expect_error(c.upload("", "empty.pdf"), 400, "invalid_argument", "the file is empty");
    check_nothing_stored("empty file", docs, files);
  }
  {
    INFO("10 MiB + 1 byte");
    const std::string big = fixture_dir() + "big.txt";
    {
      std::ofstream out(big, std::ios::binary);
      const std::string line(1023, 'a');
      for (int i = 0; i < 10 * 1024; ++i) out << line << '\n';  // 10 MiB of text lines
      out << 'a';                                               // + 1 byte
    }
    REQUIRE(fs::file_size(big) == 10 * 1024 * 1024 + 1);
    const auto r = c.upload_file(big, "big.txt");
    expect_error(r, 413, "too_large", "larger than");
    check_nothing_stored("413", docs, files);
    fs::remove(big);
  }
  {
    INFO("a JSON body instead of a form");
    const auto r = c.request("POST", "/v1/resumes", R"({"file":"Jane Doe"})",
                             {"Content-Type: application/json"});
    const std::string m = expect_error(r, 415, "unsupported_media_type");
    CHECK_MESSAGE(m.find("multipart/form-data") != std::string::npos,
                  "the message should say what to send: " << m);
    check_nothing_stored("JSON body", docs, files);
  }
  {
    INFO("a form without its closing boundary");
    const std::string body =
        "--XyZzy\r\n"
        "Content-Disposition: form-data; name=\"file\"; filename=\"cut.txt\"\r\n"
        "Content-Type: text/plain\r\n\r\n"
        "Jane Doe\nSkills: nothing that ends\r\n";
    const auto r = c.request("POST", "/v1/resumes", body,
                             {"Content-Type: multipart/form-data; boundary=XyZzy"});
    expect_error(r, 400, "invalid_argument", "multipart");
    check_nothing_stored("broken multipart", docs, files);
  }
  {
    INFO("a form without a 'file' field");
    const std::string body =
        "--XyZzy\r\n"
        "Content-Disposition: form-data; name=\"note\"\r\n\r\n"
        "hello\r\n"
        "--XyZzy--\r\n";
    const auto r = c.request("POST", "/v1/resumes", body,
                             {"Content-Type: multipart/form-data; boundary=XyZzy"});
    expect_error(r, 400, "invalid_argument", "'file'");
    check_nothing_stored("no file field", docs, files);
  }
  {
    INFO("no Authorization");
    Client anonymous(stack.base_url());
    expect_error(anonymous.upload("Jane Doe\n", "a.txt", "text/plain"), 401, "unauthenticated");
    check_nothing_stored("anonymous", docs, files);
  }

  // The API is still serving after all that.
  CHECK(c.get("/health/live").status == 200);
}
