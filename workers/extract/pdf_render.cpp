#include "workers/extract/pdf_render.hpp"

#include <fmt/format.h>
#include <leptonica/allheaders.h>
#include <poppler-document.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <algorithm>
#include <cstring>
#include <memory>

namespace tailor::extract {

Result<PixPtr> render_page(const poppler::page& page, int dpi) {
  poppler::page_renderer renderer;
  renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
  renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
  // Gray straight from Splash: a quarter of the memory of ARGB, and what Tesseract wants.
  renderer.set_image_format(poppler::image::format_gray8);
  const poppler::image image = renderer.render_page(&page, dpi, dpi);
  if (!image.is_valid() || image.width() <= 0 || image.height() <= 0 ||
      image.format() != poppler::image::format_gray8) {
    return fail(Errc::invalid_argument, "a page of the PDF could not be drawn for OCR");
  }
  const int width = image.width();
  const int height = image.height();
  PixPtr pix(pixCreateNoInit(width, height, 8));
  if (!pix) return fail(Errc::internal, fmt::format("no memory for a {}x{} page", width, height));
  // Leptonica keeps pixels in 32-bit words, most significant byte first: copy rows as bytes,
  // then swap to its order on little-endian machines.
  const int stride = image.bytes_per_row();
  const int wpl = pixGetWpl(pix.get());
  const char* src = image.const_data();
  auto* dst = reinterpret_cast<char*>(pixGetData(pix.get()));
  for (int y = 0; y < height; ++y) {
    char* row = dst + static_cast<std::ptrdiff_t>(y) * wpl * 4;
    std::memcpy(row, src + static_cast<std::ptrdiff_t>(y) * stride,
                static_cast<std::size_t>(width));
    std::memset(row + width, 0xFF, static_cast<std::size_t>(wpl * 4 - width));
  }
  pixEndianByteSwap(pix.get());
  pixSetResolution(pix.get(), dpi, dpi);
  return pix;
}

double ink_outside_text(const poppler::page& page) {
  constexpr int kDpi = 72;  // one pixel per point, so text boxes need no scaling
  poppler::page_renderer renderer;
  renderer.set_image_format(poppler::image::format_gray8);
  poppler::image image = renderer.render_page(&page, kDpi, kDpi);
  if (!image.is_valid() || image.format() != poppler::image::format_gray8) return 0;
  const int width = image.width();
  const int height = image.height();
  if (width <= 0 || height <= 0) return 0;
  const int stride = image.bytes_per_row();
  auto* data = reinterpret_cast<unsigned char*>(image.data());
  for (const poppler::text_box& box : page.text_list()) {
    const poppler::rectf r = box.bbox();
    const int x0 = std::clamp(static_cast<int>(r.left()) - 1, 0, width);
    const int x1 = std::clamp(static_cast<int>(r.right()) + 2, 0, width);
    const int y0 = std::clamp(static_cast<int>(r.top()) - 1, 0, height);
    const int y1 = std::clamp(static_cast<int>(r.bottom()) + 2, 0, height);
    for (int y = y0; y < y1; ++y) {
      std::memset(data + static_cast<std::ptrdiff_t>(y) * stride + x0, 0xFF,
                  static_cast<std::size_t>(std::max(0, x1 - x0)));
    }
  }
  std::size_t ink = 0;
  for (int y = 0; y < height; ++y) {
    const unsigned char* row = data + static_cast<std::ptrdiff_t>(y) * stride;
    for (int x = 0; x < width; ++x) ink += row[x] < 192 ? 1 : 0;
  }
  return static_cast<double>(ink) / (static_cast<double>(width) * height);
}

Result<std::vector<std::string>> render_pdf_to_pngs(const std::string& pdf_path,
                                                    const std::string& dir, int dpi) {
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(pdf_path));
  if (!doc || doc->is_locked()) {
    return fail(Errc::invalid_argument, fmt::format("cannot open {} as a PDF", pdf_path));
  }
  std::vector<std::string> paths;
  for (int i = 0; i < doc->pages(); ++i) {
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    if (!page)
      return fail(Errc::invalid_argument, fmt::format("{}: page {} is damaged", pdf_path, i + 1));
    auto pix = render_page(*page, dpi);
    if (!pix) return std::unexpected(pix.error());
    std::string path = fmt::format("{}/page-{}.png", dir, i + 1);
    if (pixWrite(path.c_str(), pix->get(), IFF_PNG) != 0) {
      return fail(Errc::internal, fmt::format("cannot write {}", path));
    }
    paths.push_back(std::move(path));
  }
  return paths;
}

}  // namespace tailor::extract
