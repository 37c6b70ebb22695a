#include "tests/support/test_database.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <cstdlib>
#include <random>

#include "common/db/migrations.hpp"

namespace tailor::testing {

std::string random_suffix() {
  std::random_device rd;
  return fmt::format("{:08x}{:08x}", rd(), rd());
}

namespace {
// DATABASE_URL with its database name replaced.
std::string with_database(const std::string& url, const std::string& db) {
  const auto slash = url.find('/', url.find("://") + 3);
  const auto query = url.find('?', slash);
  return url.substr(0, slash + 1) + db + (query == std::string::npos ? "" : url.substr(query));
}

template <class F>
void on_server(const std::string& url, F fn) {
  auto p = db::Pool::connect(url, 1);
  REQUIRE_MESSAGE(p, "cannot connect to DATABASE_URL: ", (p ? "" : p.error().message));
  auto r = (*p)->run(fn);
  REQUIRE_MESSAGE(r, (r ? "" : r.error().message));
}
}  // namespace

TestDatabase::TestDatabase(std::string prefix, std::size_t pool_size) {
  const char* url = std::getenv("DATABASE_URL");
  REQUIRE_MESSAGE(url, "DATABASE_URL is not set: run the tests with scripts/test, which starts PostgreSQL");
  admin_url_ = url;
  name_ = fmt::format("{}_{}", prefix, random_suffix());
  url_ = with_database(admin_url_, name_);
  on_server(admin_url_, [&](soci::session& s) { s << "CREATE DATABASE " + name_; });
  auto p = db::Pool::connect(url_, pool_size);
  REQUIRE_MESSAGE(p, "cannot connect to the test database");
  pool_ = std::move(*p);
  auto migrated = db::migrate(*pool_);
  REQUIRE_MESSAGE(migrated, (migrated ? "" : migrated.error().message));
}

TestDatabase::~TestDatabase() {
  pool_.reset();
  auto p = db::Pool::connect(admin_url_, 1);
  if (p) (void)(*p)->run([&](soci::session& s) { s << "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)"; });
}

}  // namespace tailor::testing
