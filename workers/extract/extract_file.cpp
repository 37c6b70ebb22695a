#include "workers/extract/extract_file.hpp"

namespace tailor::extract {

Result<Extraction> extract_file(const std::string& path, files::MediaType type,
                                const ExtractLimits& limits) {
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
      // OCR (a later issue) slots in here, and per page in extract_pdf for pages without text.
      return fail(Errc::unsupported_media_type,
                  "image OCR is not available yet; upload the résumé as a PDF, DOCX or "
                  "plain-text file");
  }
  return fail(Errc::internal, "extract_file: unknown media type");
}

}  // namespace tailor::extract
