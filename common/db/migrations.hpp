#pragma once
// Schema migrations: sql/NNN_name.sql, compiled into the binary, applied in order by
// `tailor migrate`. Each runs in its own transaction and is recorded in schema_migrations,
// so running migrate again does nothing. An advisory lock keeps two migrators apart.
#include <string>
#include <vector>

#include "common/core/error.hpp"

namespace tailor::db {

class Pool;

struct Migration {
  std::string name;  // "001_foundation"
  std::string sql;
};

const std::vector<Migration>& migrations();

// Applies the pending migrations; returns the names applied (empty when up to date).
Result<std::vector<std::string>> migrate(Pool& pool);

}  // namespace tailor::db
