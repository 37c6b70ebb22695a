#pragma once
// DATABASE_URL (postgresql://user:password@host:port/dbname?key=value&…) → the libpq
// "key=value" form SOCI expects; SOCI 4.0 mangles URIs. A string that is not a URL is passed
// through as already being key=value.
#include <string>
#include <string_view>

#include "common/core/error.hpp"

namespace tailor::db {

// Fails with invalid_argument naming the part of the URL that is wrong.
Result<std::string> to_conninfo(std::string_view url);

}  // namespace tailor::db
