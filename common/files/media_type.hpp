#pragma once
// The file types Tailor reads, and deciding a file's type from its bytes rather than its name.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "common/core/error.hpp"

namespace tailor::files {

enum class MediaType { pdf, docx, png, jpeg, tiff, text };

// How many leading bytes sniff_media_type looks at. Pass min(file size, kSniffBytes) bytes.
inline constexpr std::size_t kSniffBytes = 4096;

// "application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
// "image/png", "image/jpeg", "image/tiff", "text/plain; charset=utf-8".
std::string_view mime(MediaType type);

// File extension without the dot: "pdf", "docx", "png", "jpg", "tif", "txt".
std::string_view extension(MediaType type);

// The stable lower-case name: "pdf", "docx", "png", "jpeg", "tiff", "text" (for JSON and the DB).
std::string_view name(MediaType type);

// The inverse of name(); nullopt for anything else (case-sensitive).
std::optional<MediaType> parse_media_type(std::string_view name);

// Decides the type from the first bytes of a file by magic numbers, never by its name.
// `head` is the file's first min(size, kSniffBytes) bytes; a head shorter than kSniffBytes is
// taken to be the whole file. A ZIP is reported as docx tentatively: confirm with verify_docx.
// A file starting with one signature is that type even if "%PDF-" follows later (polyglots);
// "%PDF-" counts anywhere in the first 1024 bytes only when nothing else is recognized.
// Fails with invalid_argument "the file is empty" for no bytes, and unsupported_media_type,
// naming what was recognized when something was, for anything else.
Result<MediaType> sniff_media_type(std::string_view head);

// Checks that the ZIP at `path` is a Word document: it must hold word/document.xml and
// [Content_Types].xml. Reads only the ZIP directory. Fails with unsupported_media_type for
// another kind of ZIP, invalid_argument for a damaged one, internal when the file is unreadable.
Status verify_docx(const std::string& path);

// Reads the head of the file at `path`, sniffs it, and runs verify_docx for ZIPs.
// Fails like sniff_media_type and verify_docx; internal when the file cannot be read.
Result<MediaType> sniff_file(const std::string& path);

}  // namespace tailor::files
