#include "tests/unit/files/fixtures.hpp"

#include <hpdf.h>
#include <zip.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace tailor::testing {

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "tailor-test-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  root_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(root_, ec);
}

std::string TempDir::path(const std::string& name) const {
  return root_ + "/" + name;
}

void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("cannot write " + path);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

namespace {

struct ZipDeleter {
  void operator()(zip_t* z) const { zip_discard(z); }
};

zip_t* create_zip(const std::string& path) {
  int error = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  if (z == nullptr) throw std::runtime_error("zip_open failed for " + path);
  return z;
}

void close_zip(zip_t* z, const std::string& path) {
  if (zip_close(z) != 0) {
    const std::string why = zip_strerror(z);
    zip_discard(z);
    throw std::runtime_error("zip_close failed for " + path + ": " + why);
  }
}

struct Zeros {
  std::uint64_t size;
  std::uint64_t offset = 0;
};

zip_int64_t zeros_source(void* state, void* data, zip_uint64_t len, zip_source_cmd_t cmd) {
  auto* zeros = static_cast<Zeros*>(state);
  switch (cmd) {
    case ZIP_SOURCE_OPEN:
      zeros->offset = 0;
      return 0;
    case ZIP_SOURCE_READ: {
      const zip_uint64_t n = std::min<zip_uint64_t>(len, zeros->size - zeros->offset);
      std::memset(data, 0, n);
      zeros->offset += n;
      return static_cast<zip_int64_t>(n);
    }
    case ZIP_SOURCE_CLOSE:
      return 0;
    case ZIP_SOURCE_STAT: {
      auto* st = static_cast<zip_stat_t*>(data);
      zip_stat_init(st);
      st->size = zeros->size;
      st->valid |= ZIP_STAT_SIZE;
      return sizeof(zip_stat_t);
    }
    case ZIP_SOURCE_ERROR:
      return 2 * sizeof(int);
    case ZIP_SOURCE_FREE:
      delete zeros;
      return 0;
    case ZIP_SOURCE_SUPPORTS:
      return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE,
                                            ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
    default:
      return -1;
  }
}

}  // namespace

void write_zip(const std::string& path, const ZipEntries& entries) {
  zip_t* z = create_zip(path);
  for (const auto& [name, content] : entries) {
    // libzip copies nothing until zip_close; keep the bytes alive in a heap copy it frees.
    void* copy = std::malloc(content.size() + 1);
    std::memcpy(copy, content.data(), content.size());
    zip_source_t* src = zip_source_buffer(z, copy, content.size(), /*freep=*/1);
    if (src == nullptr || zip_file_add(z, name.c_str(), src, ZIP_FL_ENC_UTF_8) < 0) {
      zip_source_free(src);
      zip_discard(z);
      throw std::runtime_error("zip_file_add failed for " + name);
    }
  }
  close_zip(z, path);
}

void write_zeros_zip(const std::string& path, const std::string& entry_name, std::uint64_t size) {
  zip_t* z = create_zip(path);
  zip_source_t* src = zip_source_function(z, zeros_source, new Zeros{size});
  if (src == nullptr || zip_file_add(z, entry_name.c_str(), src, 0) < 0) {
    zip_source_free(src);
    zip_discard(z);
    throw std::runtime_error("zip_file_add failed");
  }
  zip_set_file_compression(z, 0, ZIP_CM_DEFLATE, 1);  // fastest; zeros shrink ~1000x anyway
  close_zip(z, path);
}

std::string word_document(const std::string& body_xml) {
  return R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
         "\n"
         R"(<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" )"
         R"(xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">)"
         "<w:body>" +
         body_xml + "<w:sectPr/></w:body></w:document>";
}

std::string word_paragraph(const std::string& text, bool list_item) {
  std::string p = "<w:p>";
  if (list_item)
    p += R"(<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>)";
  p += R"(<w:r><w:t xml:space="preserve">)" + text + "</w:t></w:r></w:p>";
  return p;
}

std::string word_header_footer(const std::string& root, const std::string& body_xml) {
  return R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
         "\n<w:" +
         root + R"( xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">)" +
         body_xml + "</w:" + root + ">";
}

void write_docx(const std::string& path, const std::string& document_xml, const ZipEntries& extra) {
  ZipEntries entries{
      {"[Content_Types].xml",
       R"(<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
       R"(<Default Extension="xml" ContentType="application/xml"/>)"
       R"(<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>)"},
      {"_rels/.rels",
       R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
       R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>)"},
      {"word/document.xml", document_xml},
  };
  entries.insert(entries.end(), extra.begin(), extra.end());
  write_zip(path, entries);
}

void write_pdf(const std::string& path, const std::vector<std::string>& pages,
               const PdfOptions& options) {
  HPDF_Doc pdf = HPDF_New(nullptr, nullptr);
  if (pdf == nullptr) throw std::runtime_error("HPDF_New failed");
  if (options.compress) HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
  HPDF_Font font = HPDF_GetFont(pdf, "Helvetica", "WinAnsiEncoding");
  for (const auto& text : pages) {
    HPDF_Page page = HPDF_AddPage(pdf);
    HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    if (text.empty()) {
      HPDF_Page_Rectangle(page, 100, 100, 200, 200);
      HPDF_Page_Stroke(page);
      continue;
    }
    HPDF_Page_BeginText(page);
    HPDF_Page_SetFontAndSize(page, font, 12);
    float y = HPDF_Page_GetHeight(page) - 72;
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line)) {
      HPDF_Page_TextOut(page, 72, y, line.c_str());
      y -= 18;
    }
    HPDF_Page_EndText(page);
  }
  if (!options.user_password.empty()) {
    HPDF_SetPassword(pdf, "owner-secret", options.user_password.c_str());
    HPDF_SetEncryptionMode(pdf, HPDF_ENCRYPT_R3, 16);
  }
  const HPDF_STATUS status = HPDF_SaveToFile(pdf, path.c_str());
  HPDF_Free(pdf);
  if (status != HPDF_OK) throw std::runtime_error("HPDF_SaveToFile failed for " + path);
}

}  // namespace tailor::testing
