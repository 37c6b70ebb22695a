#pragma once
// A PostgreSQL database of a test binary's own: created on DATABASE_URL's server with a random
// name, migrated, dropped when the process exits. Tests fail (never skip) without DATABASE_URL.
#include <memory>
#include <string>

#include "common/db/pool.hpp"

namespace tailor::testing {

class TestDatabase {
 public:
  explicit TestDatabase(std::string prefix, std::size_t pool_size = 4);
  ~TestDatabase();
  db::Pool& pool() { return *pool_; }
  const std::string& url() const { return url_; }  // DATABASE_URL of this database
  const std::string& name() const { return name_; }

 private:
  std::string admin_url_, name_, url_;
  std::unique_ptr<db::Pool> pool_;
};

// A random lower-case hex string, for names that must not collide across test processes.
std::string random_suffix();

}  // namespace tailor::testing
