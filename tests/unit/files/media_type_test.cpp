#include "common/files/media_type.hpp"

#include <doctest/doctest.h>

#include <random>

#include "tests/unit/files/fixtures.hpp"

using tailor::Errc;
using tailor::files::kSniffBytes;
using tailor::files::MediaType;
using tailor::files::sniff_media_type;
namespace files = tailor::files;
namespace testing = tailor::testing;

namespace {

void check_unsupported(const tailor::Result<MediaType>& r, std::string_view mentions) {
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().code == Errc::unsupported_media_type);
  CHECK_MESSAGE(r.error().message.find(mentions) != std::string::npos, r.error().message);
  CHECK_MESSAGE(r.error().message.find("upload a PDF, DOCX") != std::string::npos,
                r.error().message);
}

std::string bytes(std::string_view s) {
  return std::string(s);
}

std::string random_bytes(std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::string out(n, '\0');
  for (auto& c : out) c = static_cast<char>(rng() & 0xFF);
  return out;
}

}  // namespace

TEST_CASE("media type names, MIME types and extensions") {
  for (MediaType t : {MediaType::pdf, MediaType::docx, MediaType::png, MediaType::jpeg,
                      MediaType::tiff, MediaType::text}) {
    CHECK(files::parse_media_type(files::name(t)) == t);
    CHECK_FALSE(files::mime(t).empty());
    CHECK_FALSE(files::extension(t).empty());
  }
  CHECK(files::mime(MediaType::pdf) == "application/pdf");
  CHECK(files::mime(MediaType::docx) ==
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  CHECK(files::extension(MediaType::jpeg) == "jpg");
  CHECK(files::parse_media_type("pdf") == MediaType::pdf);
  CHECK_FALSE(files::parse_media_type("PDF"));
  CHECK_FALSE(files::parse_media_type("exe"));
  CHECK_FALSE(files::parse_media_type(""));
}

TEST_CASE("an empty file is an invalid argument") {
  auto r = sniff_media_type("");
  REQUIRE_FALSE(r);
  CHECK(r.error().code == Errc::invalid_argument);
  CHECK(r.error().message == "the file is empty");
}

TEST_CASE("sniffing by magic bytes") {
  CHECK(sniff_media_type("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj") == MediaType::pdf);
  CHECK(sniff_media_type(bytes("\x89PNG\r\n\x1A\n\0\0\0\rIHDR")) == MediaType::png);
  CHECK(sniff_media_type(bytes("\xFF\xD8\xFF\xE0\0\x10JFIF")) == MediaType::jpeg);
  CHECK(sniff_media_type(std::string("II*\0\x08\0\0\0", 8)) == MediaType::tiff);
  CHECK(sniff_media_type(std::string("MM\0*\0\0\0\x08", 8)) == MediaType::tiff);
  CHECK(sniff_media_type(std::string("PK\x03\x04\x14\0\0\0\x08\0", 10)) == MediaType::docx);
  CHECK(sniff_media_type("Jane Doe\nSoftware engineer\n") == MediaType::text);
}

TEST_CASE("a PDF header after leading junk counts within the first 1024 bytes only") {
  std::string junk(500, 'x');
  junk[0] = '\x01';
  junk[1] = '\0';  // binary junk, so the file is not text either
  CHECK(sniff_media_type(junk + "%PDF-1.4\n") == MediaType::pdf);

  std::string far(1100, '\0');
  check_unsupported(sniff_media_type(far + "%PDF-1.4\n"), "unrecognized");
}

TEST_CASE("polyglots are decided by what the file starts with") {
  // A ZIP whose first entry name carries a PDF header stays a ZIP.
  std::string zip("PK\x03\x04\x14\0\0\0\x08\0", 10);
  zip += std::string(20, '\0') + "%PDF-1.7 trailer";
  CHECK(sniff_media_type(zip) == MediaType::docx);

  std::string png = bytes("\x89PNG\r\n\x1A\n");
  CHECK(sniff_media_type(png + "%PDF-1.4") == MediaType::png);
  CHECK(sniff_media_type(bytes("\xFF\xD8\xFF\xE0") + "%PDF-1.4") == MediaType::jpeg);
}

TEST_CASE("text must be UTF-8 without NUL bytes and with few control characters") {
  CHECK(sniff_media_type("\xEF\xBB\xBFR\xC3\xA9sum\xC3\xA9\r\n\tPython\f") == MediaType::text);
  check_unsupported(sniff_media_type(std::string("Jane\0Doe", 8)), "unrecognized");
  check_unsupported(sniff_media_type("R\xE9sum\xE9 in Latin-1"), "unrecognized");
  check_unsupported(sniff_media_type("\x01\x02\x03\x04\x05 text with control bytes"),
                    "unrecognized");
  check_unsupported(sniff_media_type(bytes("\xFF\xFEJ\0a\0n\0e\0")), "UTF-16");

  // A head cut inside a character is fine when it is only the file's first kSniffBytes...
  std::string cut(kSniffBytes - 1, 'a');
  cut += "\xE4\xB8\xAD";
  CHECK(sniff_media_type(cut.substr(0, kSniffBytes)) == MediaType::text);
  // ...but a short head is the whole file, and a whole file must not end mid-character.
  check_unsupported(sniff_media_type("abc\xE4\xB8"), "unrecognized");
}

TEST_CASE("known formats we do not read are named in the message") {
  check_unsupported(
      sniff_media_type(bytes("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") + std::string(8, '\0')),
      "legacy Word .doc");
  check_unsupported(sniff_media_type("{\\rtf1\\ansi Jane Doe}"), "RTF");
  check_unsupported(sniff_media_type("GIF89a..."), "GIF");
  // An OpenDocument text file is a ZIP whose first entry is "mimetype".
  std::string odt("PK\x03\x04\x0A\0\0\0\0\0\0\0\0\0\0\0\0\0\x27\0\0\0\x27\0\0\0\x08\0\0\0", 30);
  odt += "mimetypeapplication/vnd.oasis.opendocument.textPK";
  check_unsupported(sniff_media_type(odt), "ODT");
  check_unsupported(sniff_media_type(std::string(1, '\0') + random_bytes(kSniffBytes, 7)),
                    "unrecognized");
}

TEST_CASE("verify_docx looks inside the ZIP") {
  testing::TempDir dir;
  const auto docx = dir.path("cv.docx");
  testing::write_docx(docx, testing::word_document(testing::word_paragraph("Jane Doe")));
  CHECK(files::verify_docx(docx).has_value());
  CHECK(files::sniff_file(docx) == MediaType::docx);

  const auto plain_zip = dir.path("photos.zip");
  testing::write_zip(plain_zip, {{"a.txt", "hello"}});
  auto r = files::verify_docx(plain_zip);
  REQUIRE_FALSE(r);
  CHECK(r.error().code == Errc::unsupported_media_type);
  CHECK(r.error().message ==
        "files of this type (ZIP without word/document.xml) are not supported; upload a PDF, "
        "DOCX, PNG, JPEG, TIFF or plain-text file");
  check_unsupported(files::sniff_file(plain_zip), "ZIP without word/document.xml");

  const auto no_types = dir.path("no-types.docx");
  testing::write_zip(no_types, {{"word/document.xml", testing::word_document("")}});
  check_unsupported(files::sniff_file(no_types), "[Content_Types].xml");

  // Starts like a ZIP, is not one.
  const auto broken = dir.path("broken.docx");
  testing::write_file(broken, std::string("PK\x03\x04", 4) + random_bytes(300, 3));
  auto b = files::verify_docx(broken);
  REQUIRE_FALSE(b);
  CHECK(b.error().code == Errc::invalid_argument);
  CHECK_MESSAGE(b.error().message.find("damaged") != std::string::npos, b.error().message);

  auto missing = files::verify_docx(dir.path("nope.docx"));
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == Errc::internal);
}

TEST_CASE("sniff_file reads the head of real files") {
  testing::TempDir dir;
  const auto pdf = dir.path("cv.pdf");
  testing::write_pdf(pdf, {"Jane Doe"});
  CHECK(files::sniff_file(pdf) == MediaType::pdf);

  const auto txt = dir.path("cv.txt");
  testing::write_file(txt, "Jane Doe\n");
  CHECK(files::sniff_file(txt) == MediaType::text);

  // A name says nothing: random bytes called .pdf are not a PDF.
  const auto fake = dir.path("fake.pdf");
  testing::write_file(fake, std::string(1, '\0') + random_bytes(2000, 11));
  check_unsupported(files::sniff_file(fake), "unrecognized");

  const auto empty = dir.path("empty.pdf");
  testing::write_file(empty, "");
  auto e = files::sniff_file(empty);
  REQUIRE_FALSE(e);
  CHECK(e.error().code == Errc::invalid_argument);

  CHECK(files::sniff_file(dir.path("missing")).error().code == Errc::internal);
}
