#pragma once
// Test fixtures made at test time: scratch folders, DOCX (libzip) and PDF (libharu) files.
// Nothing binary is checked in.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace tailor::testing {

// A fresh folder under the system temp dir, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  // The path of `name` inside the folder (not created).
  std::string path(const std::string& name) const;

 private:
  std::string root_;
};

void write_file(const std::string& path, const std::string& bytes);
std::string read_file(const std::string& path);

using ZipEntries = std::vector<std::pair<std::string, std::string>>;  // name, content

// A ZIP with these entries, deflated.
void write_zip(const std::string& path, const ZipEntries& entries);

// A ZIP with one entry of `size` zero bytes, deflated while streaming (never held in memory).
void write_zeros_zip(const std::string& path, const std::string& entry_name, std::uint64_t size);

// word/document.xml whose w:body holds `body_xml` (w: and mc: prefixes bound).
std::string word_document(const std::string& body_xml);
// A w:p holding `text` in one run; `list_item` adds w:numPr.
std::string word_paragraph(const std::string& text, bool list_item = false);
// word/headerN.xml or word/footerN.xml holding `body_xml` (root "hdr" or "ftr").
std::string word_header_footer(const std::string& root, const std::string& body_xml);

// A minimal DOCX: [Content_Types].xml, _rels/.rels, word/document.xml, and `extra` parts.
void write_docx(const std::string& path, const std::string& document_xml,
                const ZipEntries& extra = {});

struct PdfOptions {
  std::string user_password;  // non-empty: encrypted, needs this password to open
  bool compress = true;
};

// A PDF with one page per element of `pages`, each line of a page (split on '\n') drawn in
// Helvetica with WinAnsiEncoding (so "\xE9" is é). An empty page draws a rectangle only.
void write_pdf(const std::string& path, const std::vector<std::string>& pages,
               const PdfOptions& options = {});

}  // namespace tailor::testing
