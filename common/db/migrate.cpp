#include <fmt/format.h>

#include "common/core/log.hpp"
#include "common/db/migrations.hpp"
#include "common/db/pool.hpp"

namespace tailor::db {

namespace {
// Arbitrary constant shared by every `tailor migrate`: 'TLRM' in ASCII.
constexpr long long kMigrationLock = 0x544c524d;
}

Result<std::vector<std::string>> migrate(Pool& pool) {
  return pool.run([](soci::session& s) -> Result<std::vector<std::string>> {
    s << "SELECT pg_advisory_lock(" << kMigrationLock << ")";
    std::vector<std::string> applied;
    Result<std::vector<std::string>> out = applied;
    try {
      s << "CREATE TABLE IF NOT EXISTS schema_migrations ("
           "name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())";
      for (const auto& m : migrations()) {
        int done = 0;
        s << "SELECT count(*) FROM schema_migrations WHERE name = :n", soci::use(m.name), soci::into(done);
        if (done) continue;
        soci::transaction tx(s);
        s << m.sql;
        s << "INSERT INTO schema_migrations (name) VALUES (:n)", soci::use(m.name);
        tx.commit();
        log::info("migration applied", {{"migration", m.name}});
        applied.push_back(m.name);
      }
      out = applied;
    } catch (const std::exception& e) {
      out = std::unexpected(to_error(e));
    }
    s << "SELECT pg_advisory_unlock(" << kMigrationLock << ")";
    return out;
  });
}

}  // namespace tailor::db
