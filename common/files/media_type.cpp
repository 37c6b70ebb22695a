#include "common/files/media_type.hpp"

#include <fmt/format.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>

#include "common/files/utf8.hpp"
#include "common/files/zip_reader.hpp"

namespace tailor::files {

namespace {

constexpr std::string_view kSupportedList =
    "upload a PDF, DOCX, PNG, JPEG, TIFF or plain-text file";
constexpr std::size_t kPdfHeaderWindow = 1024;  // readers accept junk before "%PDF-" up to here

struct TypeInfo {
  MediaType type;
  std::string_view name;
  std::string_view mime;
  std::string_view extension;
};

constexpr std::array<TypeInfo, 6> kTypes{{
    {MediaType::pdf, "pdf", "application/pdf", "pdf"},
    {MediaType::docx, "docx",
     "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"},
    {MediaType::png, "png", "image/png", "png"},
    {MediaType::jpeg, "jpeg", "image/jpeg", "jpg"},
    {MediaType::tiff, "tiff", "image/tiff", "tif"},
    {MediaType::text, "text", "text/plain; charset=utf-8", "txt"},
}};

const TypeInfo& info(MediaType type) {
  for (const auto& t : kTypes) {
    if (t.type == type) return t;
  }
  return kTypes.back();
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.starts_with(prefix);
}

std::unexpected<Error> unsupported(std::string_view what) {
  return fail(Errc::unsupported_media_type,
              fmt::format("files of this type ({}) are not supported; {}", what, kSupportedList));
}

// Formats people upload by mistake, named so the message says what we saw.
std::optional<std::string_view> known_unsupported(std::string_view head) {
  struct Magic {
    std::string_view bytes;
    std::size_t offset;
    std::string_view what;
  };
  static constexpr Magic kMagics[] = {
      {"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 0,
       "legacy Word .doc or password-protected Office document"},
      {"{\\rtf", 0, "RTF document"},
      {"GIF87a", 0, "GIF image"},
      {"GIF89a", 0, "GIF image"},
      {"ftypheic", 4, "HEIC image"},
      {"ftypheix", 4, "HEIC image"},
      {"ftypmif1", 4, "HEIF image"},
      {"\x1F\x8B", 0, "gzip archive"},
      {"Rar!\x1A\x07", 0, "RAR archive"},
      {"7z\xBC\xAF\x27\x1C", 0, "7-Zip archive"},
      {"\x7F"
       "ELF",
       0, "executable"},
      {"%!PS", 0, "PostScript document"},
      {"AT&TFORM", 0, "DjVu document"},
      {"PK\x05\x06", 0, "empty ZIP archive"},
  };
  for (const auto& m : kMagics) {
    if (head.size() >= m.offset + m.bytes.size() &&
        head.substr(m.offset, m.bytes.size()) == m.bytes)
      return m.what;
  }
  if (head.size() >= 12 && head.substr(0, 4) == "RIFF" && head.substr(8, 4) == "WEBP")
    return "WebP image";
  return std::nullopt;
}

// A ZIP whose first entry is "mimetype" is an OpenDocument or EPUB file; the stored mimetype
// follows the local header, so the first bytes are enough to name it.
std::optional<std::string> zip_mimetype(std::string_view head) {
  constexpr std::size_t kLocalHeader = 30;
  if (head.size() < kLocalHeader) return std::nullopt;
  const auto u16 = [&](std::size_t at) {
    return static_cast<std::size_t>(static_cast<unsigned char>(head[at])) |
           static_cast<std::size_t>(static_cast<unsigned char>(head[at + 1])) << 8;
  };
  const std::size_t name_length = u16(26);
  const std::size_t extra_length = u16(28);
  if (head.size() < kLocalHeader + name_length) return std::nullopt;
  if (head.substr(kLocalHeader, name_length) != "mimetype") return std::nullopt;
  const std::size_t data = kLocalHeader + name_length + extra_length;
  if (data >= head.size()) return std::string("OpenDocument or EPUB");
  const std::string_view value = head.substr(data);
  if (value.starts_with("application/vnd.oasis.opendocument.text"))
    return std::string("ODT document");
  if (value.starts_with("application/epub")) return std::string("EPUB book");
  return std::string("OpenDocument or EPUB");
}

bool looks_like_text(std::string_view head) {
  std::string_view body = head;
  if (body.starts_with("\xEF\xBB\xBF")) body.remove_prefix(3);
  if (body.find('\0') != std::string_view::npos) return false;
  const bool whole_file = head.size() < kSniffBytes;
  if (find_invalid_utf8(body, /*allow_cut_tail=*/!whole_file)) return false;
  // Control characters other than tab, newline, carriage return and form feed are rare in
  // text; allow up to 1% for stray ones (vertical tabs from Word exports, ESC).
  std::size_t controls = 0;
  for (std::size_t i = 0; i < body.size(); ++i) {
    const auto c = static_cast<unsigned char>(body[i]);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F) ++controls;
    // C1 controls U+0080..U+009F are encoded C2 80..C2 9F.
    if (c == 0xC2 && i + 1 < body.size()) {
      const auto next = static_cast<unsigned char>(body[i + 1]);
      if (next >= 0x80 && next <= 0x9F) ++controls;
    }
  }
  return controls * 100 <= body.size();
}

}  // namespace

std::string_view mime(MediaType type) {
  return info(type).mime;
}
std::string_view extension(MediaType type) {
  return info(type).extension;
}
std::string_view name(MediaType type) {
  return info(type).name;
}

std::optional<MediaType> parse_media_type(std::string_view text) {
  for (const auto& t : kTypes) {
    if (t.name == text) return t.type;
  }
  return std::nullopt;
}

Result<MediaType> sniff_media_type(std::string_view head) {
  if (head.empty()) return fail(Errc::invalid_argument, "the file is empty");
  head = head.substr(0, kSniffBytes);

  // What the file starts with decides first, so a ZIP that carries "%PDF-" is still a ZIP.
  if (starts_with(head, "%PDF-")) return MediaType::pdf;
  if (starts_with(head, "\x89PNG\r\n\x1A\n")) return MediaType::png;
  if (starts_with(head, "\xFF\xD8\xFF")) return MediaType::jpeg;
  if (starts_with(head, std::string_view("II*\0", 4)) ||
      starts_with(head, std::string_view("MM\0*", 4)))
    return MediaType::tiff;
  if (starts_with(head, "PK\x03\x04")) {
    if (auto what = zip_mimetype(head)) return unsupported(*what);
    return MediaType::docx;
  }
  if (auto what = known_unsupported(head)) return unsupported(*what);
  if (head.substr(0, kPdfHeaderWindow).find("%PDF-") != std::string_view::npos)
    return MediaType::pdf;
  if (head.starts_with("\xFF\xFE") || head.starts_with("\xFE\xFF")) {
    return fail(Errc::unsupported_media_type,
                fmt::format("files of this type (UTF-16 text) are not supported; save the text "
                            "as UTF-8 or {}",
                            kSupportedList));
  }
  if (looks_like_text(head)) return MediaType::text;
  return unsupported("unrecognized binary data");
}

Status verify_docx(const std::string& path) {
  auto zip = ZipReader::open(path, "the DOCX file");
  if (!zip) return std::unexpected(zip.error());
  if (!zip->find("word/document.xml")) return unsupported("ZIP without word/document.xml");
  if (!zip->find("[Content_Types].xml")) return unsupported("ZIP without [Content_Types].xml");
  return {};
}

Result<MediaType> sniff_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return fail(Errc::internal, fmt::format("cannot open {}: {}", path, std::strerror(errno)));
  std::string head(kSniffBytes, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  if (in.bad()) return fail(Errc::internal, fmt::format("cannot read {}", path));
  head.resize(static_cast<std::size_t>(in.gcount()));
  auto type = sniff_media_type(head);
  if (!type) return type;
  if (*type == MediaType::docx) {
    if (auto ok = verify_docx(path); !ok) return std::unexpected(ok.error());
  }
  return type;
}

}  // namespace tailor::files
