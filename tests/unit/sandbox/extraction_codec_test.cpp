#include "workers/extract/extraction_codec.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "tests/unit/files/checks.hpp"

using tailor::Errc;
using tailor::extract::ChildReply;
using tailor::extract::decode;
using tailor::extract::decode_limits;
using tailor::extract::decode_reply;
using tailor::extract::encode;
using tailor::extract::encode_reply;
using tailor::extract::Extraction;
using tailor::extract::ExtractLimits;
using tailor::testing::check_error;
using tailor::testing::contains;

using tailor::testing::why;

namespace {

template <class T>
inline constexpr bool kIsOptional = false;
template <class T>
inline constexpr bool kIsOptional<std::optional<T>> = true;
template <class T>
inline constexpr bool kIsVector = false;
template <class T, class A>
inline constexpr bool kIsVector<std::vector<T, A>> = true;

// Converts to any member type, so T{AnyMember{}, …} compiles for up to as many initializers as
// T has members: that is how the test counts members without reflection. (std::optional builds
// itself from AnyMember through its own converting constructor.)
struct AnyMember {
  template <class T>
  requires(!kIsOptional<T>) operator T() const;
};

template <class T, std::size_t... I>
constexpr bool brace_initializable(std::index_sequence<I...>) {
  return requires {
    T{(void(I), AnyMember{})...};
  };
}

template <class T, std::size_t N = 0>
constexpr std::size_t member_count() {
  if constexpr (brace_initializable<T>(std::make_index_sequence<N + 1>{})) {
    return member_count<T, N + 1>();
  } else {
    return N;
  }
}

template <class T>
std::size_t listed_count() {
  T x{};
  std::size_t n = 0;
  codec_fields(x, [&](std::string_view, auto&) { ++n; });
  return n;
}

// Every member listed in the codec gets a value unlike its default and unlike its neighbours.
struct Filler {
  int seed = 1;
  template <class T>
  void fill(T& v) {
    ++seed;
    if constexpr (std::is_same_v<T, bool>) {
      v = !v;
    } else if constexpr (std::is_integral_v<T>) {
      v = static_cast<T>(seed * 7);
    } else if constexpr (std::is_floating_point_v<T>) {
      v = seed + 0.1;  // 0.1: not exact in binary, so the round trip must keep every bit
    } else if constexpr (std::is_same_v<T, std::string>) {
      v = "s" + std::to_string(seed) + " R\xC3\xA9sum\xC3\xA9\f\"\\\n\t\x01 \xE4\xB8\xAD";
    } else if constexpr (kIsOptional<T>) {
      typename T::value_type inner{};
      fill(inner);
      v = inner;
    } else if constexpr (kIsVector<T>) {
      v.resize(2);
      for (auto& e : v) fill(e);
    } else {
      codec_fields(v, [&](std::string_view, auto& member) { fill(member); });
    }
  }
};

#define CHECK_ALL_MEMBERS_LISTED(Type)                                                          \
  CHECK_MESSAGE(member_count<tailor::extract::Type>() == listed_count<tailor::extract::Type>(), \
                #Type                                                                           \
                " has a member that is not in its codec_fields() list in "                      \
                "workers/extract/extraction_codec.hpp")

}  // namespace

TEST_CASE("every member of every struct the child sends is in the codec") {
  CHECK_ALL_MEMBERS_LISTED(Extraction);
  CHECK_ALL_MEMBERS_LISTED(PageText);
  CHECK_ALL_MEMBERS_LISTED(Layout);
  CHECK_ALL_MEMBERS_LISTED(TextLine);
  CHECK_ALL_MEMBERS_LISTED(PageLayout);
  CHECK_ALL_MEMBERS_LISTED(FontInfo);
  CHECK_ALL_MEMBERS_LISTED(Table);
  CHECK_ALL_MEMBERS_LISTED(ExtractLimits);
  // The counter itself counts right.
  struct Three {
    int a{};
    std::optional<double> b{};
    std::vector<std::string> c{};
  };
  CHECK(member_count<Three>() == 3);
}

TEST_CASE("an Extraction survives encode and decode with every field") {
  Extraction x;
  Filler{}.fill(x);
  REQUIRE(x.pages.size() == 2);
  REQUIRE(x.layout.lines.size() == 2);

  const std::string json = encode(x);
  auto back = decode(json);
  REQUIRE_MESSAGE(back.has_value(), why(back));
  CHECK(encode(*back) == json);  // the encoding names every listed member
  CHECK(back->text == x.text);
  CHECK(back->pages[1].confidence == x.pages[1].confidence);
  CHECK(back->pages[1].text == x.pages[1].text);
  CHECK(back->layout.lines[1].x == x.layout.lines[1].x);
  CHECK(back->layout.lines[1].bold == x.layout.lines[1].bold);
  CHECK(back->layout.fonts[0].name == x.layout.fonts[0].name);
  CHECK(back->layout.word_count == x.layout.word_count);
  CHECK(back->warnings == x.warnings);
  CHECK(back->unmapped_glyphs == x.unmapped_glyphs);
}

TEST_CASE("defaults, an absent OCR confidence and a text with NUL survive") {
  Extraction x;
  x.pages.push_back(
      {.number = 1, .text = std::string("a\0b", 3), .method = "ocr", .confidence = {}});
  auto back = decode(encode(x));
  REQUIRE_MESSAGE(back.has_value(), why(back));
  CHECK_FALSE(back->pages[0].confidence.has_value());
  CHECK(back->pages[0].text == std::string("a\0b", 3));
  CHECK(back->layout.images == -1);
  CHECK(encode(*back) == encode(x));
}

TEST_CASE("members absent from the JSON keep their defaults; wrong types name the member") {
  auto partial = decode(R"({"text":"Jane","page_count":2})");
  REQUIRE_MESSAGE(partial.has_value(), why(partial));
  CHECK(partial->text == "Jane");
  CHECK(partial->page_count == 2);
  CHECK(partial->layout.images == -1);

  check_error(decode(R"({"pages":[{"number":1},{"number":"two"}]})"), Errc::internal,
              "pages[1].number is not an integer");
  check_error(decode(R"({"layout":{"lines":[{"bold":1}]}})"), Errc::internal,
              "layout.lines[0].bold is not true or false");
  check_error(decode(R"({"page_count":9999999999})"), Errc::internal,
              "page_count is not an integer in range");
  check_error(decode("not json"), Errc::internal, "not JSON");
}

TEST_CASE("limits survive encode and decode") {
  ExtractLimits limits;
  Filler{}.fill(limits);
  auto back = decode_limits(encode(limits));
  REQUIRE_MESSAGE(back.has_value(), why(back));
  CHECK(encode(*back) == encode(limits));
  CHECK(back->max_zip_entries == limits.max_zip_entries);
  check_error(decode_limits(R"({"max_pages":-1})"), Errc::internal,
              "max_pages is not a non-negative integer");
}

TEST_CASE("the child's reply carries an extraction or an error code and message") {
  Extraction x;
  x.text = "Jane Doe";
  auto ok = decode_reply(encode_reply(x));
  REQUIRE_MESSAGE(ok.has_value(), why(ok));
  REQUIRE(ok->result.has_value());
  CHECK(ok->result->text == "Jane Doe");
  CHECK_FALSE(ok->out_of_memory);

  auto err = decode_reply(encode_reply(tailor::fail(Errc::unsupported_media_type, "a scan")));
  REQUIRE_MESSAGE(err.has_value(), why(err));
  check_error(err->result, Errc::unsupported_media_type, "a scan");

  auto oom = decode_reply(tailor::extract::encode_out_of_memory_reply());
  REQUIRE_MESSAGE(oom.has_value(), why(oom));
  CHECK(oom->out_of_memory);

  check_error(decode_reply(R"({"ok":false,"code":"no_such_code","message":"x"})"), Errc::internal,
              "code");
  check_error(decode_reply(R"({"extraction":{}})"), Errc::internal, "ok");
  check_error(decode_reply(""), Errc::internal, "not JSON");
}
