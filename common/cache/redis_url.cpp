#include "common/cache/redis_url.hpp"

#include <charconv>
#include <optional>

namespace tailor::cache {
namespace {

std::unexpected<Error> bad(std::string_view why) {
  return fail(Errc::invalid_argument, "REDIS_URL is not valid: " + std::string(why));
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::string> percent_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out.push_back(s[i]);
      continue;
    }
    if (i + 2 >= s.size()) return std::nullopt;
    int hi = hex_value(s[i + 1]), lo = hex_value(s[i + 2]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out.push_back(static_cast<char>(hi * 16 + lo));
    i += 2;
  }
  return out;
}

std::optional<int> parse_int(std::string_view s, int min, int max) {
  int v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || p != s.data() + s.size() || v < min || v > max) {
    return std::nullopt;
  }
  return v;
}

}  // namespace

std::string RedisUrl::display() const {
  bool v6 = host.find(':') != std::string::npos;
  return "redis://" + (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port) + "/" +
         std::to_string(db);
}

Result<RedisUrl> parse_redis_url(std::string_view url) {
  constexpr std::string_view kScheme = "redis://";
  if (url.rfind(kScheme, 0) != 0) {
    return bad(url.rfind("rediss://", 0) == 0 ? "TLS (rediss://) is not supported"
                                              : "it must start with redis://");
  }
  std::string_view rest = url.substr(kScheme.size());
  RedisUrl out;

  std::size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  if (slash != std::string_view::npos) {
    std::string_view path = rest.substr(slash + 1);
    if (!path.empty()) {
      auto db = parse_int(path, 0, 1'000'000);
      if (!db) return bad("the database number must be a non-negative integer");
      out.db = *db;
    }
  }

  std::size_t at = authority.rfind('@');
  if (at != std::string_view::npos) {
    std::string_view userinfo = authority.substr(0, at);
    authority = authority.substr(at + 1);
    std::size_t colon = userinfo.find(':');
    auto user = percent_decode(userinfo.substr(0, colon));
    std::optional<std::string> pass = colon == std::string_view::npos
                                          ? std::optional<std::string>("")
                                          : percent_decode(userinfo.substr(colon + 1));
    if (!user || !pass) return bad("bad percent-encoding in the credentials");
    if (colon == std::string_view::npos) {
      // "redis://secret@host" — a lone userinfo is a password, as redis-cli reads it.
      out.password = *user;
    } else {
      out.username = *user;
      out.password = *pass;
    }
  }

  std::string_view host = authority;
  std::string_view port;
  if (!authority.empty() && authority.front() == '[') {
    std::size_t close = authority.find(']');
    if (close == std::string_view::npos) return bad("unterminated [IPv6] host");
    host = authority.substr(1, close - 1);
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return bad("unexpected text after the host");
      port = after.substr(1);
      if (port.empty()) return bad("the port is empty");
    }
  } else if (std::size_t colon = authority.rfind(':'); colon != std::string_view::npos) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
    if (port.empty()) return bad("the port is empty");
  }
  if (host.empty()) return bad("the host is missing");
  out.host = std::string(host);
  if (!port.empty()) {
    auto p = parse_int(port, 1, 65535);
    if (!p) return bad("the port must be a number from 1 to 65535");
    out.port = *p;
  }
  return out;
}

}  // namespace tailor::cache
