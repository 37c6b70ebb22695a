#include "common/db/conninfo.hpp"

#include <fmt/format.h>

namespace tailor::db {

namespace {
Result<std::string> decode(std::string_view in) {
  std::string out;
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '%') {
      out.push_back(in[i]);
      continue;
    }
    auto hex = [](char c) -> int {
      if (c >= '0' && c <= '9') return c - '0';
      if (c >= 'a' && c <= 'f') return c - 'a' + 10;
      if (c >= 'A' && c <= 'F') return c - 'A' + 10;
      return -1;
    };
    if (i + 2 >= in.size()) return fail(Errc::invalid_argument, "DATABASE_URL has a bad %-escape");
    const int hi = hex(in[i + 1]), lo = hex(in[i + 2]);
    if (hi < 0 || lo < 0) return fail(Errc::invalid_argument, "DATABASE_URL has a bad %-escape");
    out.push_back(static_cast<char>(hi * 16 + lo));
    i += 2;
  }
  return out;
}

// libpq quoting: single quotes around values, with \ and ' escaped.
void add(std::string& out, std::string_view key, std::string_view value) {
  if (!out.empty()) out.push_back(' ');
  out.append(key);
  out += "='";
  for (char c : value) {
    if (c == '\\' || c == '\'') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('\'');
}
}  // namespace

Result<std::string> to_conninfo(std::string_view url) {
  std::string_view rest;
  if (url.starts_with("postgresql://")) {
    rest = url.substr(13);
  } else if (url.starts_with("postgres://")) {
    rest = url.substr(11);
  } else {
    return std::string(url);
  }
  std::string out;
  std::string_view query;
  if (auto q = rest.find('?'); q != std::string_view::npos) {
    query = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  std::string_view path;
  if (auto slash = rest.find('/'); slash != std::string_view::npos) {
    path = rest.substr(slash + 1);
    rest = rest.substr(0, slash);
  }
  if (auto at = rest.rfind('@'); at != std::string_view::npos) {
    std::string_view userinfo = rest.substr(0, at);
    rest = rest.substr(at + 1);
    std::string_view password;
    if (auto colon = userinfo.find(':'); colon != std::string_view::npos) {
      password = userinfo.substr(colon + 1);
      userinfo = userinfo.substr(0, colon);
    }
    auto user = decode(userinfo);
    if (!user) return user;
    if (!user->empty()) add(out, "user", *user);
    if (!password.empty()) {
      auto p = decode(password);
      if (!p) return p;
      add(out, "password", *p);
    }
  }
  std::string_view host = rest, port;
  if (!rest.empty() && rest.front() == '[') {  // [ipv6]:port
    auto close = rest.find(']');
    if (close == std::string_view::npos) return fail(Errc::invalid_argument, "DATABASE_URL has a bad IPv6 host");
    host = rest.substr(1, close - 1);
    if (close + 1 < rest.size() && rest[close + 1] == ':') port = rest.substr(close + 2);
  } else if (auto colon = rest.rfind(':'); colon != std::string_view::npos) {
    host = rest.substr(0, colon);
    port = rest.substr(colon + 1);
  }
  if (!host.empty()) {
    auto h = decode(host);
    if (!h) return h;
    add(out, "host", *h);
  }
  if (!port.empty()) {
    if (port.find_first_not_of("0123456789") != std::string_view::npos) {
      return fail(Errc::invalid_argument, "DATABASE_URL has a port that is not a number");
    }
    add(out, "port", port);
  }
  if (!path.empty()) {
    auto d = decode(path);
    if (!d) return d;
    add(out, "dbname", *d);
  }
  while (!query.empty()) {
    auto amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (pair.empty()) continue;
    auto eq = pair.find('=');
    if (eq == std::string_view::npos) return fail(Errc::invalid_argument, "DATABASE_URL has a parameter without '='");
    auto k = decode(pair.substr(0, eq));
    auto v = decode(pair.substr(eq + 1));
    if (!k) return k;
    if (!v) return v;
    add(out, *k, *v);
  }
  return out;
}

}  // namespace tailor::db
