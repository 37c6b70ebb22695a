// The hostile corpus, made here at test time: each file goes the way an upload goes (its type
// sniffed from its bytes, then read in the sandbox) and must end in a clear error, or a correct
// extraction where that is right, within the default limits, with the test process alive and
// the next file fine.
#include <doctest/doctest.h>

#include <fmt/format.h>

#include <string>
#include <vector>

#include "common/files/media_type.hpp"
#include "tests/unit/files/checks.hpp"
#include "tests/unit/files/fixtures.hpp"
#include "workers/extract/sandbox.hpp"

using tailor::Errc;
using tailor::extract::extract_sandboxed;
using tailor::extract::Extraction;
using tailor::extract::ExtractLimits;
using tailor::extract::SandboxLimits;
using tailor::files::MediaType;
namespace testing = tailor::testing;
using testing::check_error;
using testing::why;
using testing::contains;

namespace {

constexpr const char* kChild = TAILOR_EXTRACT_CHILD;

// As the upload and the extract stage do it: sniff the bytes (never the name), then read.
tailor::Result<Extraction> read_upload(const std::string& path) {
  auto type = tailor::files::sniff_file(path);
  if (!type) return std::unexpected(type.error());
  return extract_sandboxed(kChild, path, *type, ExtractLimits{}, SandboxLimits{});
}

// A PDF from its objects (numbered from 1; object 1 is the catalog), with a correct xref table.
std::string pdf(const std::vector<std::string>& objects) {
  std::string out = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(out.size());
    out += fmt::format("{} 0 obj\n{}\nendobj\n", i + 1, objects[i]);
  }
  const std::size_t xref = out.size();
  out += fmt::format("xref\n0 {}\n0000000000 65535 f \n", objects.size() + 1);
  for (auto o : offsets) out += fmt::format("{:010} 00000 n \n", o);
  out += fmt::format("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{}\n%%EOF\n",
                     objects.size() + 1, xref);
  return out;
}

std::string stream(const std::string& data) {
  return fmt::format("<< /Length {} >>\nstream\n{}\nendstream", data.size(), data);
}

const std::string kFont = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";
const std::string kText = "BT /F1 12 Tf 72 720 Td (Jane Doe) Tj ET";

std::string page(const std::string& parent, const std::string& contents,
                 const std::string& extra = "") {
  return fmt::format(
      "<< /Type /Page /Parent {} /MediaBox [0 0 612 792] /Contents {} "
      "/Resources << /Font << /F1 5 0 R >> >> {} >>",
      parent, contents, extra);
}

void check_next_upload_fine() {
  testing::TempDir dir;
  const auto path = dir.path("next.pdf");
  testing::write_pdf(path, {"Jane Doe"});
  auto r = read_upload(path);
  REQUIRE_MESSAGE(r.has_value(), why(r));
  CHECK(r->text == "Jane Doe");
}

// Fails with a permanent error whose message is meant for a person.
void check_clear_failure(const tailor::Result<Extraction>& r) {
  REQUIRE_MESSAGE(!r.has_value(), "extracted: ", (r ? r->text : std::string()));
  MESSAGE(why(r));
  CHECK(
      (r.error().code == Errc::invalid_argument || r.error().code == Errc::unsupported_media_type));
  CHECK(r.error().message.size() > 10);
}

}  // namespace

TEST_CASE("hostile: a 0-byte file") {
  testing::TempDir dir;
  const auto path = dir.path("empty.pdf");
  testing::write_file(path, "");
  check_error(read_upload(path), Errc::invalid_argument, "the file is empty");
  // The same file sent straight to the reader (a stored type that says PDF).
  check_error(extract_sandboxed(kChild, path, MediaType::pdf, ExtractLimits{}, SandboxLimits{}),
              Errc::invalid_argument, "the file is empty");
  check_next_upload_fine();
}

TEST_CASE("hostile: a truncated PDF") {
  testing::TempDir dir;
  const auto whole = dir.path("whole.pdf");
  testing::write_pdf(whole, {"Jane Doe\nEngineer", "Experience\nAcme Corp"});
  const std::string bytes = testing::read_file(whole);
  for (std::size_t keep :
       {std::size_t{16}, bytes.size() / 3, bytes.size() / 2, bytes.size() - 40}) {
    CAPTURE(keep);
    const auto path = dir.path("cut.pdf");
    testing::write_file(path, bytes.substr(0, keep));
    auto r = read_upload(path);
    if (r) {
      // Poppler rebuilds a lost xref table when the objects are all there: then the text is right.
      CHECK(contains(r->text, "Jane Doe"));
    } else {
      check_error(r, Errc::invalid_argument, "the PDF is damaged or not a PDF");
    }
  }
  check_next_upload_fine();
}

TEST_CASE("hostile: a PDF whose page tree declares a million pages") {
  testing::TempDir dir;
  const auto path = dir.path("million.pdf");
  testing::write_file(path, pdf({"<< /Type /Catalog /Pages 2 0 R >>",
                                 "<< /Type /Pages /Kids [3 0 R] /Count 1000000 >>",
                                 page("2 0 R", "4 0 R"), stream(kText), kFont}));
  auto r = read_upload(path);
  if (r) {
    CHECK(r->page_count <= 50);
    CHECK(contains(r->text, "Jane Doe"));
  } else {
    check_clear_failure(r);
  }
  check_next_upload_fine();
}

TEST_CASE("hostile: deep nesting in a content stream and in an object") {
  testing::TempDir dir;
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  const auto in_stream = dir.path("deep-stream.pdf");
  testing::write_file(in_stream, pdf({"<< /Type /Catalog /Pages 2 0 R >>",
                                      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                                      page("2 0 R", "4 0 R"), stream(deep + "\n" + kText), kFont}));
  auto r = read_upload(in_stream);
  if (r) {
    CHECK(contains(r->text, "Jane Doe"));
  } else {
    check_clear_failure(r);
  }

  const auto in_object = dir.path("deep-object.pdf");
  testing::write_file(
      in_object,
      pdf({"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
           page("2 0 R", "4 0 R", "/Deep " + deep), stream(kText), kFont}));
  auto o = read_upload(in_object);
  if (o) {
    CHECK(contains(o->text, "Jane Doe"));
  } else {
    check_clear_failure(o);
  }
  check_next_upload_fine();
}

TEST_CASE("hostile: a PDF whose page tree loops") {
  testing::TempDir dir;
  SUBCASE("Kids pointing back at their own Pages node") {
    const auto path = dir.path("loop.pdf");
    testing::write_file(path, pdf({"<< /Type /Catalog /Pages 2 0 R >>",
                                   "<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>",
                                   page("2 0 R", "4 0 R"), stream(kText), kFont}));
    auto r = read_upload(path);
    if (r) {
      CHECK(contains(r->text, "Jane Doe"));
      CHECK(r->page_count <= 2);
    } else {
      check_clear_failure(r);
    }
  }
  SUBCASE("two Pages nodes that are each other's kid") {
    const auto path = dir.path("loop2.pdf");
    testing::write_file(
        path, pdf({"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                   "<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>"}));
    check_clear_failure(read_upload(path));
  }
  check_next_upload_fine();
}

TEST_CASE("hostile: a zip-bomb DOCX") {
  testing::TempDir dir;
  const auto path = dir.path("bomb.pdf");  // and a name that lies
  testing::write_docx(path, testing::word_document(testing::word_paragraph("Jane Doe")),
                      {{"word/media/zeros.bin", std::string(std::size_t{60} * 1024 * 1024, '\0')}});
  check_error(read_upload(path), Errc::invalid_argument, "would inflate to more than 50 MiB");
  check_next_upload_fine();
}

TEST_CASE("hostile: billion laughs in document.xml") {
  testing::TempDir dir;
  std::string doctype = "<!DOCTYPE w:document [\n<!ENTITY lol \"lol\">\n";
  for (int i = 1; i <= 9; ++i) {
    std::string expansion;
    for (int k = 0; k < 10; ++k)
      expansion += fmt::format("&lol{};", i == 1 ? std::string() : std::to_string(i - 1));
    doctype += fmt::format("<!ENTITY lol{} \"{}\">\n", i, expansion);
  }
  doctype += "]>\n";
  std::string document = testing::word_document(testing::word_paragraph("&lol9;"));
  document.insert(document.find("<w:document"), doctype);
  const auto path = dir.path("laughs.docx");
  testing::write_docx(path, document);
  check_error(read_upload(path), Errc::invalid_argument, "DOCTYPE");
  check_next_upload_fine();
}

TEST_CASE("hostile: a polyglot, a ZIP with a PDF inside") {
  testing::TempDir dir;
  const std::string inner_pdf =
      pdf({"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
           page("2 0 R", "4 0 R"), stream("BT /F1 12 Tf 72 720 Td (Polyglot PDF) Tj ET"), kFont});
  SUBCASE("a Word document carrying a PDF reads as the Word document") {
    const auto path = dir.path("polyglot.pdf");
    // "%PDF-" in the first bytes: the first entry's name sits uncompressed in its local header.
    testing::write_zip(
        path,
        {{"%PDF-1.7.pdf", inner_pdf},
         {"[Content_Types].xml",
          R"(<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>)"},
         {"word/document.xml", testing::word_document(testing::word_paragraph("Jane Doe"))}});
    const std::string head = testing::read_file(path).substr(0, 1024);
    REQUIRE(head.starts_with("PK"));
    REQUIRE(contains(head, "%PDF-"));
    auto r = read_upload(path);
    REQUIRE_MESSAGE(r.has_value(), why(r));
    CHECK(r->method == "docx-xml");
    CHECK(r->text == "Jane Doe");
  }
  SUBCASE("a ZIP that is not a Word document is refused, whatever it carries") {
    const auto path = dir.path("archive.pdf");
    testing::write_zip(path, {{"%PDF-1.7.pdf", inner_pdf}});
    check_error(read_upload(path), Errc::unsupported_media_type, "ZIP");
  }
  check_next_upload_fine();
}

TEST_CASE("hostile: a file whose name lies about its type is read by its bytes") {
  testing::TempDir dir;
  const auto docx_named_pdf = dir.path("cv.pdf");
  testing::write_docx(docx_named_pdf, testing::word_document(testing::word_paragraph("Jane Doe")));
  auto a = read_upload(docx_named_pdf);
  REQUIRE_MESSAGE(a.has_value(), why(a));
  CHECK(a->method == "docx-xml");
  CHECK(a->text == "Jane Doe");

  const auto pdf_named_docx = dir.path("cv.docx");
  testing::write_pdf(pdf_named_docx, {"Jane Doe"});
  auto b = read_upload(pdf_named_docx);
  REQUIRE_MESSAGE(b.has_value(), why(b));
  CHECK(b->method == "text-layer");
  CHECK(b->text == "Jane Doe");
}
