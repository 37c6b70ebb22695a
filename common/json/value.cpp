#include "common/json/value.hpp"

#include <fmt/format.h>
#include <simdjson.h>

#include <cmath>

namespace tailor::json {

std::optional<std::int64_t> Value::as_int() const {
  if (auto* i = std::get_if<std::int64_t>(&v_)) return *i;
  if (auto* d = std::get_if<double>(&v_)) {
    if (std::trunc(*d) == *d && std::fabs(*d) < 9.0e15) return static_cast<std::int64_t>(*d);
  }
  return std::nullopt;
}

std::optional<double> Value::as_double() const {
  if (auto* d = std::get_if<double>(&v_)) return *d;
  if (auto* i = std::get_if<std::int64_t>(&v_)) return static_cast<double>(*i);
  return std::nullopt;
}

std::optional<bool> Value::as_bool() const {
  if (auto* b = std::get_if<bool>(&v_)) return *b;
  return std::nullopt;
}

const Value* Value::find(std::string_view key) const {
  const auto* o = as_object();
  if (!o) return nullptr;
  for (const auto& [k, v] : *o) {
    if (k == key) return &v;
  }
  return nullptr;
}

std::optional<std::string_view> Value::string_at(std::string_view key) const {
  const Value* v = find(key);
  if (!v || !v->as_string()) return std::nullopt;
  return std::string_view(*v->as_string());
}

std::optional<std::int64_t> Value::int_at(std::string_view key) const {
  const Value* v = find(key);
  return v ? v->as_int() : std::nullopt;
}

namespace {
constexpr int kMaxDepth = 64;

Result<Value> convert(simdjson::dom::element e, int depth) {
  if (depth > kMaxDepth) return fail(Errc::invalid_argument, "JSON nested too deeply");
  using simdjson::dom::element_type;
  switch (e.type()) {
    case element_type::NULL_VALUE: return Value(nullptr);
    case element_type::BOOL: return Value(bool(e.get_bool().value_unsafe()));
    case element_type::INT64: return Value(std::int64_t(e.get_int64().value_unsafe()));
    case element_type::UINT64: return Value(double(e.get_uint64().value_unsafe()));
    case element_type::DOUBLE: return Value(double(e.get_double().value_unsafe()));
    case element_type::STRING: return Value(std::string(e.get_string().value_unsafe()));
    case element_type::ARRAY: {
      Value::Array a;
      simdjson::dom::array arr;
      if (e.get_array().get(arr)) return fail(Errc::invalid_argument, "malformed JSON array");
      for (auto child : arr) {
        auto v = convert(child, depth + 1);
        if (!v) return v;
        a.push_back(std::move(*v));
      }
      return Value(std::move(a));
    }
    case element_type::OBJECT: {
      Value::Object o;
      simdjson::dom::object obj;
      if (e.get_object().get(obj)) return fail(Errc::invalid_argument, "malformed JSON object");
      for (auto field : obj) {
        auto v = convert(field.value, depth + 1);
        if (!v) return v;
        o.emplace_back(std::string(field.key), std::move(*v));
      }
      return Value(std::move(o));
    }
  }
  return fail(Errc::invalid_argument, "unknown JSON value");
}
}  // namespace

Result<Value> parse(std::string_view text) {
  // One parser per thread: simdjson parsers are expensive to create and not thread-safe.
  thread_local simdjson::dom::parser parser;
  simdjson::padded_string padded(text);
  simdjson::dom::element root;
  if (auto err = parser.parse(padded).get(root); err) {
    return fail(Errc::invalid_argument, fmt::format("malformed JSON: {}", simdjson::error_message(err)));
  }
  return convert(root, 0);
}

}  // namespace tailor::json
