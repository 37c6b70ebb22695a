#include "common/json/writer.hpp"

#include <fmt/format.h>

#include <cmath>

namespace tailor::json {

namespace {
// Length of the valid UTF-8 sequence starting at s[i], or 0 if it is not valid.
std::size_t utf8_sequence(std::string_view s, std::size_t i) {
  const auto b = static_cast<unsigned char>(s[i]);
  auto cont = [&](std::size_t k) {
    return i + k < s.size() && (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
  };
  if (b < 0x80) return 1;
  if (b >= 0xC2 && b <= 0xDF) return cont(1) ? 2 : 0;
  if (b >= 0xE0 && b <= 0xEF) {
    if (!cont(1) || !cont(2)) return 0;
    const auto b1 = static_cast<unsigned char>(s[i + 1]);
    if (b == 0xE0 && b1 < 0xA0) return 0;   // overlong
    if (b == 0xED && b1 >= 0xA0) return 0;  // UTF-16 surrogate
    return 3;
  }
  if (b >= 0xF0 && b <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    const auto b1 = static_cast<unsigned char>(s[i + 1]);
    if (b == 0xF0 && b1 < 0x90) return 0;
    if (b == 0xF4 && b1 >= 0x90) return 0;
    return 4;
  }
  return 0;
}
}  // namespace

void append_quoted(std::string& out, std::string_view s) {
  out.reserve(out.size() + s.size() + 2);
  out.push_back('"');
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '"': out += "\\\""; ++i; continue;
      case '\\': out += "\\\\"; ++i; continue;
      case '\n': out += "\\n"; ++i; continue;
      case '\r': out += "\\r"; ++i; continue;
      case '\t': out += "\\t"; ++i; continue;
      case '\b': out += "\\b"; ++i; continue;
      case '\f': out += "\\f"; ++i; continue;
      default: break;
    }
    if (c < 0x20 || c == 0x7F) {
      out += fmt::format("\\u{:04x}", c);
      ++i;
      continue;
    }
    const std::size_t n = utf8_sequence(s, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD
      ++i;
      continue;
    }
    out.append(s.substr(i, n));
    i += n;
  }
  out.push_back('"');
}

void Writer::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!has_element_.empty()) {
    if (has_element_.back()) out_.push_back(',');
    has_element_.back() = true;
  }
}

Writer& Writer::object_begin() {
  before_value();
  out_.push_back('{');
  has_element_.push_back(false);
  return *this;
}
Writer& Writer::object_end() {
  out_.push_back('}');
  has_element_.pop_back();
  return *this;
}
Writer& Writer::array_begin() {
  before_value();
  out_.push_back('[');
  has_element_.push_back(false);
  return *this;
}
Writer& Writer::array_end() {
  out_.push_back(']');
  has_element_.pop_back();
  return *this;
}
Writer& Writer::key(std::string_view k) {
  before_value();
  append_quoted(out_, k);
  out_.push_back(':');
  after_key_ = true;
  return *this;
}
Writer& Writer::value(std::string_view v) {
  before_value();
  append_quoted(out_, v);
  return *this;
}
Writer& Writer::value(bool v) {
  before_value();
  out_ += v ? "true" : "false";
  return *this;
}
Writer& Writer::value(std::int64_t v) {
  before_value();
  fmt::format_to(std::back_inserter(out_), "{}", v);
  return *this;
}
Writer& Writer::value(double v) {
  before_value();
  if (!std::isfinite(v)) {
    out_ += "null";  // JSON has no NaN or infinity
  } else {
    fmt::format_to(std::back_inserter(out_), "{}", v);
  }
  return *this;
}
Writer& Writer::null() {
  before_value();
  out_ += "null";
  return *this;
}
Writer& Writer::raw(std::string_view json_text) {
  before_value();
  out_.append(json_text);
  return *this;
}

}  // namespace tailor::json
