#pragma once
// REDIS_URL: redis://[[username]:password@]host[:port][/db]
#include <string>
#include <string_view>

#include "common/core/error.hpp"

namespace tailor::cache {

struct RedisUrl {
  std::string host = "127.0.0.1";
  int port = 6379;
  std::string username;  // empty: the default user (Redis 6+ ACL)
  std::string password;  // empty: no AUTH
  int db = 0;

  // For logs: the URL without credentials, e.g. "redis://127.0.0.1:6379/0".
  std::string display() const;
};

// Accepts the scheme "redis" only (no TLS yet); host may be a name, an IPv4 address or
// "[IPv6]"; user and password may be percent-encoded. Fails with invalid_argument
// "REDIS_URL is not valid: <why>".
Result<RedisUrl> parse_redis_url(std::string_view url);

}  // namespace tailor::cache
