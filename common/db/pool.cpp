#include "common/db/pool.hpp"

#include <fmt/format.h>
#include <soci/postgresql/soci-postgresql.h>

#include "common/core/log.hpp"
#include "common/db/conninfo.hpp"

namespace tailor::db {

Error to_error(const std::exception& e) {
  if (const auto* abort = dynamic_cast<const Abort*>(&e)) return abort->error();
  if (const auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&e)) {
    const std::string state = pg->sqlstate();
    if (state == "23505") return {Errc::already_exists, "already exists"};
    if (state == "40001" || state == "40P01") return {Errc::unavailable, "the database asked to retry the transaction"};
    if (state.starts_with("08") || state == "57P01" || state == "57P02" || state == "57P03") {
      return {Errc::unavailable, "the database is unavailable"};
    }
    if (state == "22P02") return {Errc::invalid_argument, "a value has the wrong format"};
    if (state == "23503") return {Errc::not_found, "a referenced record does not exist"};
  }
  if (const auto* se = dynamic_cast<const soci::soci_error*>(&e)) {
    if (se->get_error_category() == soci::soci_error::connection_error) {
      return {Errc::unavailable, "the database is unavailable"};
    }
  }
  // The message goes to logs only; callers show users a generic one for internal errors.
  return {Errc::internal, fmt::format("database error: {}", e.what())};
}

Result<std::unique_ptr<Pool>> Pool::connect(const std::string& url, std::size_t size) {
  auto conninfo = to_conninfo(url);
  if (!conninfo) return std::unexpected(conninfo.error());
  std::unique_ptr<Pool> pool(new Pool(*conninfo));
  try {
    for (std::size_t i = 0; i < size; ++i) {
      pool->idle_.push_back(std::make_unique<soci::session>(soci::postgresql, pool->url_));
    }
  } catch (const std::exception& e) {
    log::error("cannot connect to PostgreSQL", {{"error", std::string(e.what()).substr(0, 300)}});
    return fail(Errc::unavailable, "cannot connect to PostgreSQL (DATABASE_URL)");
  }
  return pool;
}

Pool::~Pool() = default;

std::unique_ptr<soci::session> Pool::acquire() {
  std::unique_ptr<soci::session> s;
  {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return !idle_.empty(); });
    s = std::move(idle_.back());
    idle_.pop_back();
  }
  if (s->is_connected()) return s;
  try {
    s->reconnect();
    return s;
  } catch (const std::exception&) {
    release(std::move(s), false);
    return nullptr;
  }
}

void Pool::release(std::unique_ptr<soci::session> s, bool broken) {
  if (broken) {
    // Reconnect lazily on the next acquire; a dead server should not stall the releasing thread.
    log::warn("database connection lost; it will be reopened on next use");
  }
  {
    std::lock_guard lock(mu_);
    idle_.push_back(std::move(s));
  }
  cv_.notify_one();
}

bool Pool::ping() {
  auto r = run([](soci::session& s) {
    int one = 0;
    s << "SELECT 1", soci::into(one);
    return one == 1;
  });
  return r && *r;
}

}  // namespace tailor::db
