#pragma once
// JsonWriter: builds one JSON text into a string, escaping strings per RFC 8259.
// Usage: w.object_begin(); w.key("id"); w.value("x"); w.object_end(); w.str().
// Invalid UTF-8 in input strings is replaced with U+FFFD so the output is always valid JSON.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tailor::json {

// Appends `s` as a quoted JSON string to `out`.
void append_quoted(std::string& out, std::string_view s);

class Writer {
 public:
  Writer& object_begin();
  Writer& object_end();
  Writer& array_begin();
  Writer& array_end();
  Writer& key(std::string_view k);
  Writer& value(std::string_view v);
  Writer& value(const char* v) { return value(std::string_view(v)); }
  Writer& value(const std::string& v) { return value(std::string_view(v)); }
  Writer& value(bool v);
  Writer& value(std::int64_t v);
  Writer& value(int v) { return value(static_cast<std::int64_t>(v)); }
  Writer& value(double v);
  Writer& null();
  // Inserts already-serialized JSON (e.g. a jsonb column) as a value; the caller vouches for it.
  Writer& raw(std::string_view json_text);
  template <class T>
  Writer& value(const std::optional<T>& v) {
    return v ? value(*v) : null();
  }
  // Shorthand for key(k).value(v).
  template <class T>
  Writer& field(std::string_view k, const T& v) {
    key(k);
    return value(v);
  }

  const std::string& str() const& { return out_; }
  std::string str() && { return std::move(out_); }

 private:
  void before_value();
  std::string out_;
  // One entry per open container: true once it holds an element (a comma is due).
  std::vector<bool> has_element_;
  bool after_key_ = false;
};

}  // namespace tailor::json
