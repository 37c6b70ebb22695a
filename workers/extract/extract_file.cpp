#include "workers/extract/extract_file.hpp"

#include "workers/extract/normalize.hpp"

namespace tailor::extract {

namespace {

Result<Extraction> read_file(const std::string& path, files::MediaType type, const ExtractLimits& limits) {
  switch (type) {
    case files::MediaType::pdf:
      return extract_pdf(path, limits);
    case files::MediaType::docx:
      if (auto ok = files::verify_docx(path); !ok) return std::unexpected(ok.error());
      return extract_docx(path, limits);
    case files::MediaType::text:
      return extract_text(path, limits);
    case files::MediaType::png:
    case files::MediaType::jpeg:
    case files::MediaType::tiff:
      return extract_image(path, type, limits);
  }
  return fail(Errc::internal, "extract_file: unknown media type");
}

// OCR and plain text come out raw; PDF and DOCX normalize as they read (per page, per run).
void normalize_raw(Extraction& x) {
  if (x.pages.empty()) {
    NormalizedText n = normalize_text(x.text);
    x.text = std::move(n.text);
    x.unmapped_glyphs += n.unmapped_glyphs;
    return;
  }
  x.text.clear();
  for (auto& page : x.pages) {
    NormalizedText n = normalize_text(page.text);
    page.text = std::move(n.text);
    x.unmapped_glyphs += n.unmapped_glyphs;
    if (!x.text.empty()) x.text.push_back('\f');
    x.text += page.text;
  }
}

}  // namespace

Result<Extraction> extract_file(const std::string& path, files::MediaType type,
                                const ExtractLimits& limits) {
  auto x = read_file(path, type, limits);
  if (!x) return x;
  if (type != files::MediaType::pdf && type != files::MediaType::docx) normalize_raw(*x);
  x->layout.page_count = x->page_count;
  x->layout.word_count = count_words(x->text);
  return x;
}

}  // namespace tailor::extract
