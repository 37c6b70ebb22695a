#pragma once
// A parsed JSON document as a small owning tree. Parsing goes through simdjson; the tree keeps
// simdjson out of every other header. Meant for request bodies, queue messages and test clients,
// all of which are small and bounded by their callers.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/core/error.hpp"

namespace tailor::json {

class Value {
 public:
  using Array = std::vector<Value>;
  using Object = std::vector<std::pair<std::string, Value>>;  // keeps document order

  Value() = default;
  explicit Value(std::nullptr_t) {}
  explicit Value(bool b) : v_(b) {}
  explicit Value(std::int64_t i) : v_(i) {}
  explicit Value(double d) : v_(d) {}
  explicit Value(std::string s) : v_(std::move(s)) {}
  explicit Value(Array a) : v_(std::move(a)) {}
  explicit Value(Object o) : v_(std::move(o)) {}

  bool is_null() const { return std::holds_alternative<std::monostate>(v_); }
  bool is_object() const { return std::holds_alternative<Object>(v_); }
  bool is_array() const { return std::holds_alternative<Array>(v_); }
  bool is_string() const { return std::holds_alternative<std::string>(v_); }

  // Typed views; nullptr / nullopt when the value has another type.
  const std::string* as_string() const { return std::get_if<std::string>(&v_); }
  std::optional<std::int64_t> as_int() const;  // integers, and doubles with no fraction
  std::optional<double> as_double() const;
  std::optional<bool> as_bool() const;
  const Array* as_array() const { return std::get_if<Array>(&v_); }
  const Object* as_object() const { return std::get_if<Object>(&v_); }

  // Member of an object; nullptr when absent or when this is not an object.
  const Value* find(std::string_view key) const;
  // The member as a string; nullopt when absent or not a string.
  std::optional<std::string_view> string_at(std::string_view key) const;
  std::optional<std::int64_t> int_at(std::string_view key) const;

 private:
  std::variant<std::monostate, bool, std::int64_t, double, std::string, Array, Object> v_;
};

// Parses UTF-8 JSON text. Fails with invalid_argument and a message naming the problem.
Result<Value> parse(std::string_view text);

}  // namespace tailor::json
