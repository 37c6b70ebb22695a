#pragma once
// Extraction and ExtractLimits as JSON: how the sandboxed child (tailor-extract-child) hands its
// result to the worker, and how the worker hands the limits to the child.
//
// Every field of every struct is named once, in the codec_fields() lists below; encoding and
// decoding both walk those lists. Adding a field to Extraction, PageText, Layout (or a struct
// inside Layout) or ExtractLimits is one line here; a new struct type is one more
// codec_fields() list. tests/unit/sandbox/extraction_codec_test.cpp fails while a struct has
// members the list does not name.
#include <concepts>
#include <string>
#include <string_view>
#include <type_traits>

#include "common/core/error.hpp"
#include "workers/extract/extraction.hpp"
#include "workers/extract/layout.hpp"

namespace tailor::extract {

// The whole Extraction as one JSON object.
std::string encode(const Extraction& x);
// The inverse of encode(). Members absent from the JSON keep their defaults (an older child);
// fails with internal, naming the member, when a member has the wrong type or range.
Result<Extraction> decode(std::string_view json);

std::string encode(const ExtractLimits& limits);
// The layout alone, as stored with a document's text (documents.layout).
std::string encode(const Layout& layout);
Result<Layout> decode_layout(std::string_view json);
Result<ExtractLimits> decode_limits(std::string_view json);

// What the child writes on stdout: {"ok":true,"extraction":{…}} or
// {"ok":false,"code":"invalid_argument","message":"…"}; `out_of_memory` marks a child that ran
// out of its address space (std::bad_alloc), so the worker can say so with the limit in MB.
std::string encode_reply(const Result<Extraction>& result);
std::string encode_out_of_memory_reply();

struct ChildReply {
  Result<Extraction> result{};
  bool out_of_memory = false;
};
// Fails with internal when the text is not a reply (a child bug, never the user's file).
Result<ChildReply> decode_reply(std::string_view json);

// ---- The field lists. `T` is the struct, const or not; `f(name, member)` is called per member.

template <class T, class U>
concept CodecSame = std::same_as<std::remove_const_t<T>, U>;

template <CodecSame<TextLine> T, class F>
void codec_fields(T& x, F&& f) {
  f("page", x.page);
  f("x", x.x);
  f("y", x.y);
  f("width", x.width);
  f("height", x.height);
  f("text", x.text);
  f("font", x.font);
  f("size", x.size);
  f("bold", x.bold);
  f("italic", x.italic);
  f("column", x.column);
  f("header_footer", x.header_footer);
}

template <CodecSame<PageLayout> T, class F>
void codec_fields(T& x, F&& f) {
  f("number", x.number);
  f("width", x.width);
  f("height", x.height);
  f("columns", x.columns);
  f("gutter", x.gutter);
}

template <CodecSame<FontInfo> T, class F>
void codec_fields(T& x, F&& f) {
  f("name", x.name);
  f("embedded", x.embedded);
  f("type", x.type);
}

template <CodecSame<Table> T, class F>
void codec_fields(T& x, F&& f) {
  f("page", x.page);
  f("rows", x.rows);
  f("columns", x.columns);
}

template <CodecSame<Layout> T, class F>
void codec_fields(T& x, F&& f) {
  f("lines", x.lines);
  f("pages", x.pages);
  f("fonts", x.fonts);
  f("tables", x.tables);
  f("images", x.images);
  f("header_footer_text", x.header_footer_text);
  f("page_count", x.page_count);
  f("word_count", x.word_count);
}

template <CodecSame<PageText> T, class F>
void codec_fields(T& x, F&& f) {
  f("number", x.number);
  f("text", x.text);
  f("method", x.method);
  f("confidence", x.confidence);
}

template <CodecSame<Extraction> T, class F>
void codec_fields(T& x, F&& f) {
  f("text", x.text);
  f("page_count", x.page_count);
  f("pages", x.pages);
  f("method", x.method);
  f("header_footer_text", x.header_footer_text);
  f("warnings", x.warnings);
  f("unmapped_glyphs", x.unmapped_glyphs);
  f("layout", x.layout);
}

template <CodecSame<ExtractLimits> T, class F>
void codec_fields(T& x, F&& f) {
  f("max_pages", x.max_pages);
  f("max_text_bytes", x.max_text_bytes);
  f("max_zip_entries", x.max_zip_entries);
  f("max_entry_bytes", x.max_entry_bytes);
  f("max_total_uncompressed", x.max_total_uncompressed);
  f("max_image_pixels", x.max_image_pixels);
  f("max_ocr_pages", x.max_ocr_pages);
}

}  // namespace tailor::extract
