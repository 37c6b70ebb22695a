#include "workers/extract/extraction_codec.hpp"

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <vector>

#include "common/json/value.hpp"
#include "common/json/writer.hpp"

namespace tailor::extract {

namespace {

template <class>
inline constexpr bool kAlwaysFalse = false;
template <class T>
inline constexpr bool kIsOptional = false;
template <class T>
inline constexpr bool kIsOptional<std::optional<T>> = true;
template <class T>
inline constexpr bool kIsVector = false;
template <class T, class A>
inline constexpr bool kIsVector<std::vector<T, A>> = true;
template <class T>
inline constexpr bool kIsStringMap = false;
template <class V, class C, class A>
inline constexpr bool kIsStringMap<std::map<std::string, V, C, A>> = true;

template <class T>
concept Described = requires(const T& x) {
  codec_fields(x, [](std::string_view, const auto&) {});
};

// ---- Encoding: one JSON value per C++ value.

template <class T>
void put(json::Writer& w, const T& v) {
  if constexpr (std::is_same_v<T, bool>) {
    w.value(v);
  } else if constexpr (std::is_enum_v<T>) {
    put(w, static_cast<std::underlying_type_t<T>>(v));
  } else if constexpr (std::is_integral_v<T> && std::is_unsigned_v<T>) {
    // JSON integers here are int64; a larger limit means "no limit" and stays one.
    constexpr auto kMax = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    const auto u = static_cast<std::uint64_t>(v);
    w.value(static_cast<std::int64_t>(u > kMax ? kMax : u));
  } else if constexpr (std::is_integral_v<T>) {
    w.value(static_cast<std::int64_t>(v));
  } else if constexpr (std::is_floating_point_v<T>) {
    w.value(static_cast<double>(v));  // shortest form that reads back to the same double
  } else if constexpr (std::is_same_v<T, std::string>) {
    w.value(v);
  } else if constexpr (kIsOptional<T>) {
    if (v) {
      put(w, *v);
    } else {
      w.null();
    }
  } else if constexpr (kIsVector<T>) {
    w.array_begin();
    for (const auto& e : v) put(w, e);
    w.array_end();
  } else if constexpr (kIsStringMap<T>) {
    w.object_begin();
    for (const auto& [k, e] : v) {
      w.key(k);
      put(w, e);
    }
    w.object_end();
  } else if constexpr (Described<T>) {
    w.object_begin();
    codec_fields(v, [&](std::string_view name, const auto& member) {
      w.key(name);
      put(w, member);
    });
    w.object_end();
  } else {
    static_assert(kAlwaysFalse<T>, "extraction_codec: add a codec_fields() list for this type");
  }
}

// ---- Decoding: the inverse, with `where` naming the member for errors ("pages[2].text").

std::unexpected<Error> malformed(const std::string& where, std::string_view expected) {
  return fail(Errc::internal, fmt::format("the extract child's output is malformed: {} is not {}",
                                          where, expected));
}

template <class T>
Status get(const json::Value& v, T& out, const std::string& where) {
  if constexpr (std::is_same_v<T, bool>) {
    auto b = v.as_bool();
    if (!b) return malformed(where, "true or false");
    out = *b;
  } else if constexpr (std::is_enum_v<T>) {
    std::underlying_type_t<T> raw{};
    if (auto ok = get(v, raw, where); !ok) return ok;
    out = static_cast<T>(raw);
  } else if constexpr (std::is_integral_v<T>) {
    auto i = v.as_int();
    if (!i) return malformed(where, "an integer");
    if (std::is_unsigned_v<T> && *i < 0) return malformed(where, "a non-negative integer");
    if constexpr (sizeof(T) < sizeof(std::int64_t)) {
      if (*i < static_cast<std::int64_t>(std::numeric_limits<T>::min()) ||
          *i > static_cast<std::int64_t>(std::numeric_limits<T>::max())) {
        return malformed(where, "an integer in range");
      }
    }
    out = static_cast<T>(*i);
  } else if constexpr (std::is_floating_point_v<T>) {
    if (v.is_null()) {  // the writer turns NaN and infinity into null
      out = std::numeric_limits<T>::quiet_NaN();
    } else {
      auto d = v.as_double();
      if (!d) return malformed(where, "a number");
      out = static_cast<T>(*d);
    }
  } else if constexpr (std::is_same_v<T, std::string>) {
    const auto* s = v.as_string();
    if (!s) return malformed(where, "a string");
    out = *s;
  } else if constexpr (kIsOptional<T>) {
    if (v.is_null()) {
      out.reset();
    } else {
      typename T::value_type inner{};
      if (auto ok = get(v, inner, where); !ok) return ok;
      out = std::move(inner);
    }
  } else if constexpr (kIsVector<T>) {
    const auto* a = v.as_array();
    if (!a) return malformed(where, "an array");
    out.clear();
    out.reserve(a->size());
    for (std::size_t i = 0; i < a->size(); ++i) {
      typename T::value_type e{};
      if (auto ok = get((*a)[i], e, fmt::format("{}[{}]", where, i)); !ok) return ok;
      out.push_back(std::move(e));
    }
  } else if constexpr (kIsStringMap<T>) {
    const auto* o = v.as_object();
    if (!o) return malformed(where, "an object");
    out.clear();
    for (const auto& [k, e] : *o) {
      typename T::mapped_type m{};
      if (auto ok = get(e, m, fmt::format("{}.{}", where, k)); !ok) return ok;
      out.emplace(k, std::move(m));
    }
  } else if constexpr (Described<T>) {
    if (!v.is_object()) return malformed(where, "an object");
    Status status;
    codec_fields(out, [&](std::string_view name, auto& member) {
      if (!status) return;
      const json::Value* m = v.find(name);
      if (!m) return;  // absent: keeps its default
      status =
          get(*m, member, where.empty() ? std::string(name) : fmt::format("{}.{}", where, name));
    });
    return status;
  } else {
    static_assert(kAlwaysFalse<T>, "extraction_codec: add a codec_fields() list for this type");
  }
  return {};
}

template <class T>
std::string encode_value(const T& x) {
  json::Writer w;
  put(w, x);
  return std::move(w).str();
}

template <class T>
Result<T> decode_value(std::string_view text, std::string_view what) {
  auto v = json::parse(text);
  if (!v)
    return fail(Errc::internal, fmt::format("the {} is not JSON: {}", what, v.error().message));
  T out{};
  if (auto ok = get(*v, out, ""); !ok) return std::unexpected(ok.error());
  return out;
}

std::optional<Errc> parse_code(std::string_view name) {
  constexpr std::array kAll = {
      Errc::invalid_argument, Errc::unauthenticated,        Errc::permission_denied,
      Errc::not_found,        Errc::already_exists,         Errc::failed_precondition,
      Errc::too_large,        Errc::unsupported_media_type, Errc::resource_exhausted,
      Errc::unavailable,      Errc::deadline_exceeded,      Errc::internal};
  for (Errc c : kAll) {
    if (code_name(c) == name) return c;
  }
  return std::nullopt;
}

}  // namespace

std::string encode(const Extraction& x) {
  return encode_value(x);
}

Result<Extraction> decode(std::string_view json) {
  return decode_value<Extraction>(json, "extraction");
}

std::string encode(const ExtractLimits& limits) {
  return encode_value(limits);
}

std::string encode(const Layout& layout) {
  return encode_value(layout);
}

Result<Layout> decode_layout(std::string_view json) { return decode_value<Layout>(json, "layout"); }

Result<ExtractLimits> decode_limits(std::string_view json) {
  return decode_value<ExtractLimits>(json, "limits");
}

std::string encode_reply(const Result<Extraction>& result) {
  json::Writer w;
  w.object_begin();
  if (result) {
    w.field("ok", true).key("extraction");
    put(w, *result);
  } else {
    w.field("ok", false).field("code", code_name(result.error().code));
    w.field("message", result.error().message);
  }
  w.object_end();
  return std::move(w).str();
}

std::string encode_out_of_memory_reply() {
  json::Writer w;
  w.object_begin().field("ok", false).field("code", code_name(Errc::resource_exhausted));
  w.field("message", "out of memory").field("out_of_memory", true).object_end();
  return std::move(w).str();
}

Result<ChildReply> decode_reply(std::string_view json) {
  auto v = json::parse(json);
  if (!v)
    return fail(Errc::internal,
                fmt::format("the extract child's output is not JSON: {}", v.error().message));
  const json::Value* ok = v->find("ok");
  if (!ok || !ok->as_bool()) return malformed("ok", "true or false");
  ChildReply reply;
  if (*ok->as_bool()) {
    const json::Value* x = v->find("extraction");
    if (!x) return malformed("extraction", "present");
    Extraction extraction;
    if (auto got = get(*x, extraction, "extraction"); !got) return std::unexpected(got.error());
    reply.result = std::move(extraction);
    return reply;
  }
  auto code_text = v->string_at("code");
  auto message = v->string_at("message");
  if (!code_text || !message) return malformed("an error reply", "a code and a message");
  auto code = parse_code(*code_text);
  if (!code) return malformed("code", "a known error code");
  if (const json::Value* oom = v->find("out_of_memory"); oom && oom->as_bool()) {
    reply.out_of_memory = *oom->as_bool();
  }
  reply.result = fail(*code, std::string(*message));
  return reply;
}

}  // namespace tailor::extract
