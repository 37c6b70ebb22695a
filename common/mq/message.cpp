#include "common/mq/message.hpp"

#include "common/json/value.hpp"
#include "common/json/writer.hpp"

namespace tailor::mq {

namespace {

void emit(json::Writer& w, const json::Value& v) {
  if (v.is_null()) {
    w.null();
  } else if (auto b = v.as_bool()) {
    w.value(*b);
  } else if (const auto* s = v.as_string()) {
    w.value(*s);
  } else if (const auto* a = v.as_array()) {
    w.array_begin();
    for (const auto& e : *a) emit(w, e);
    w.array_end();
  } else if (const auto* o = v.as_object()) {
    w.object_begin();
    for (const auto& [k, e] : *o) {
      w.key(k);
      emit(w, e);
    }
    w.object_end();
  } else if (auto i = v.as_int()) {
    w.value(*i);
  } else if (auto d = v.as_double()) {
    w.value(*d);
  } else {
    w.null();
  }
}

}  // namespace

int attempt_of(std::string_view body) {
  auto doc = json::parse(body);
  if (!doc) return 1;
  const auto a = doc->int_at("attempt");
  if (!a || *a < 1 || *a > 1'000'000) return 1;
  return static_cast<int>(*a);
}

Result<std::string> with_attempt(std::string_view body, int attempt) {
  auto doc = json::parse(body);
  if (!doc) return std::unexpected(doc.error());
  const auto* members = doc->as_object();
  if (!members) return fail(Errc::invalid_argument, "message body is not a JSON object");
  json::Writer w;
  w.object_begin();
  bool replaced = false;
  for (const auto& [k, v] : *members) {
    if (k == "attempt") {
      if (replaced) continue;  // a duplicate key would leave two different attempts
      w.field("attempt", attempt);
      replaced = true;
      continue;
    }
    w.key(k);
    emit(w, v);
  }
  if (!replaced) w.field("attempt", attempt);
  w.object_end();
  return std::move(w).str();
}

}  // namespace tailor::mq
