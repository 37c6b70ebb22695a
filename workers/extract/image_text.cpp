#include "workers/extract/image_text.hpp"

#include "workers/extract/pages.hpp"

#include <fmt/format.h>
#include <leptonica/allheaders.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string_view>

#include "common/files/byte_size.hpp"
#include "common/files/utf8.hpp"
#include "workers/extract/ocr.hpp"

namespace tailor::extract {

namespace {

struct FileCloser {
  void operator()(std::FILE* f) const noexcept { std::fclose(f); }
};

bool format_is(l_int32 format, files::MediaType type) {
  switch (type) {
    case files::MediaType::png:
      return format == IFF_PNG;
    case files::MediaType::jpeg:
      return format == IFF_JFIF_JPEG;
    case files::MediaType::tiff:
      return format == IFF_TIFF || format == IFF_TIFF_PACKBITS || format == IFF_TIFF_RLE ||
             format == IFF_TIFF_G3 || format == IFF_TIFF_G4 || format == IFF_TIFF_LZW ||
             format == IFF_TIFF_ZIP || format == IFF_TIFF_JPEG;
    default:
      return false;
  }
}

std::string damaged(files::MediaType type) {
  return fmt::format("the image is damaged or not a {} file; export it again or upload a PDF",
                     files::name(type) == "jpeg"  ? "JPEG"
                     : files::name(type) == "png" ? "PNG"
                                                  : "TIFF");
}

// The EXIF orientation (1-8) of a JPEG, from the APP1 segment near the start of the file;
// 1 (upright) when there is none. Phones store photos as the sensor saw them and set this tag
// instead of rotating the pixels.
int exif_orientation(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string head(128 * 1024, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  const auto byte = [&](std::size_t i) -> unsigned {
    return i < head.size() ? static_cast<unsigned char>(head[i]) : 0u;
  };
  if (byte(0) != 0xFF || byte(1) != 0xD8) return 1;
  std::size_t pos = 2;
  while (pos + 4 <= head.size() && byte(pos) == 0xFF) {
    const unsigned marker = byte(pos + 1);
    const std::size_t length = (byte(pos + 2) << 8) | byte(pos + 3);
    if (marker == 0xDA || length < 2) break;  // start of scan: no more metadata
    const std::size_t body = pos + 4;
    if (marker == 0xE1 && head.compare(body, 6, std::string_view("Exif\0\0", 6)) == 0) {
      const std::size_t tiff = body + 6;
      const bool little = byte(tiff) == 'I';
      const auto u16 = [&](std::size_t i) {
        return little ? byte(i) | (byte(i + 1) << 8) : (byte(i) << 8) | byte(i + 1);
      };
      const auto u32 = [&](std::size_t i) -> std::size_t {
        return little ? u16(i) | (static_cast<std::size_t>(u16(i + 2)) << 16)
                      : (static_cast<std::size_t>(u16(i)) << 16) | u16(i + 2);
      };
      const std::size_t ifd = tiff + u32(tiff + 4);
      const unsigned entries = u16(ifd);
      for (unsigned e = 0; e < entries && ifd + 2 + 12 * (e + 1) <= head.size(); ++e) {
        const std::size_t entry = ifd + 2 + 12 * e;
        if (u16(entry) == 0x0112) {
          const unsigned value = u16(entry + 8);
          return value >= 1 && value <= 8 ? static_cast<int>(value) : 1;
        }
      }
      return 1;
    }
    pos = body + length - 2;
  }
  return 1;
}

// `pix` turned upright for EXIF orientation `orientation`.
PixPtr apply_orientation(PixPtr pix, int orientation) {
  Pix* p = pix.get();
  switch (orientation) {
    case 2:
      return PixPtr(pixFlipLR(nullptr, p));
    case 3:
      return PixPtr(pixRotateOrth(p, 2));
    case 4:
      return PixPtr(pixFlipTB(nullptr, p));
    case 5: {  // transpose
      PixPtr r(pixRotateOrth(p, 1));
      return r ? PixPtr(pixFlipLR(nullptr, r.get())) : nullptr;
    }
    case 6:
      return PixPtr(pixRotateOrth(p, 1));
    case 7: {  // transverse
      PixPtr r(pixRotateOrth(p, 3));
      return r ? PixPtr(pixFlipLR(nullptr, r.get())) : nullptr;
    }
    case 8:
      return PixPtr(pixRotateOrth(p, 3));
    default:
      return pix;
  }
}

struct Prepared {
  PixPtr pix{};
  int dpi{};
};

// An 8-bit gray image with text near 300 dpi, and its resolution for Tesseract.
Prepared prepare_for_ocr(PixPtr pix) {
  // Transparent PNGs: what shows through is white paper, not the black of RGBA (0,0,0,0).
  if (pixGetDepth(pix.get()) == 32 && pixGetSpp(pix.get()) == 4) {
    if (PixPtr blended(pixAlphaBlendUniform(pix.get(), 0xFFFFFF00)); blended)
      pix = std::move(blended);
  }
  if (pixGetDepth(pix.get()) != 8 || pixGetColormap(pix.get()) != nullptr) {
    if (PixPtr gray(pixConvertTo8(pix.get(), 0)); gray) pix = std::move(gray);
  }
  const int width = pixGetWidth(pix.get());
  int factor = 1;
  // Screenshots and small scans: Tesseract reads text of 20-30 px x-height best; doubling a
  // narrow image costs little and helps much.
  if (width < 1500) {
    if (PixPtr big(pixScale(pix.get(), 2.0f, 2.0f)); big) {
      pix = std::move(big);
      factor = 2;
    }
  }
  const int xres = pixGetXRes(pix.get());
  int dpi = 0;
  if (xres >= 70 && xres <= 2400) {
    dpi = xres * factor;
  } else {
    // Unknown: assume the image spans a page about 8.3 inches wide (A4, Letter).
    dpi = std::clamp(static_cast<int>(pixGetWidth(pix.get()) / 8.3), 70, 600);
  }
  return {std::move(pix), dpi};
}

}  // namespace

Result<Extraction> extract_image(const std::string& path, files::MediaType type,
                                 const ExtractLimits& limits) {
  if (type != files::MediaType::png && type != files::MediaType::jpeg &&
      type != files::MediaType::tiff) {
    return fail(Errc::unsupported_media_type,
                fmt::format("extract_image reads PNG, JPEG and TIFF, not {}", files::name(type)));
  }
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return fail(Errc::internal, fmt::format("cannot read {}: {}", path, ec.message()));
  if (size == 0) return fail(Errc::invalid_argument, "the file is empty");
  silence_leptonica();

  int page_count = 1;
  if (type == files::MediaType::tiff) {
    std::unique_ptr<std::FILE, FileCloser> f(std::fopen(path.c_str(), "rb"));
    if (!f) return fail(Errc::internal, fmt::format("cannot open {}", path));
    l_int32 n = 0;
    if (tiffGetCount(f.get(), &n) != 0 || n <= 0)
      return fail(Errc::invalid_argument, damaged(type));
    page_count = n;
    if (static_cast<std::size_t>(page_count) > limits.max_pages || static_cast<std::size_t>(page_count) > limits.max_ocr_pages) {
      return fail(Errc::invalid_argument,
                  fmt::format("the TIFF has {} pages; at most {} are read — upload just the "
                              "résumé",
                              page_count, std::min(limits.max_pages, limits.max_ocr_pages)));
    }
  }
  const int orientation = type == files::MediaType::jpeg ? exif_orientation(path) : 1;

  Extraction out;
  out.page_count = page_count;
  out.method = "ocr";
  for (int i = 0; i < page_count; ++i) {
    // The pixel count from the header, before anything is decoded: a 30000 x 30000 PNG is a
    // few kilobytes on disk and 3.6 GB in memory.
    l_int32 format = 0, width = 0, height = 0, bps = 0, spp = 0, res = 0, cmap = 0;
    const l_ok header =
        type == files::MediaType::tiff
            ? readHeaderTiff(path.c_str(), i, &width, &height, &bps, &spp, &res, &cmap, &format)
            : pixReadHeader(path.c_str(), &format, &width, &height, &bps, &spp, &cmap);
    if (header != 0 || width <= 0 || height <= 0 || !format_is(format, type)) {
      return fail(Errc::invalid_argument, damaged(type));
    }
    const std::uint64_t pixels = static_cast<std::uint64_t>(width) * height;
    if (pixels > limits.max_image_pixels) {
      return fail(Errc::invalid_argument,
                  fmt::format("the image is {} × {} pixels; the largest we read is {} megapixels "
                              "— scale it down or upload a PDF",
                              width, height, limits.max_image_pixels / 1'000'000));
    }
    PixPtr pix(type == files::MediaType::tiff ? pixReadTiff(path.c_str(), i)
                                              : pixRead(path.c_str()));
    if (!pix) return fail(Errc::invalid_argument, damaged(type));
    if (orientation != 1) {
      if (PixPtr upright = apply_orientation(std::move(pix), orientation); upright) {
        pix = std::move(upright);
      } else {
        return fail(Errc::internal, "the photo could not be turned upright");
      }
    }
    Prepared prepared = prepare_for_ocr(std::move(pix));
    auto ocr = ocr_image(prepared.pix.get(), prepared.dpi);
    if (!ocr) return std::unexpected(ocr.error());

    if (!append_page(out, {.number = i + 1, .text = std::move(ocr->text), .method = "ocr", .confidence = ocr->confidence},
                     limits, page_count)) {
      break;
    }
  }
  if (out.text.find_first_not_of(" \t\n\f\v") == std::string::npos) {
    return fail(Errc::invalid_argument,
                "no text could be read from the image; upload a sharper scan or photo, or the "
                "résumé as a PDF or DOCX");
  }
  return out;
}

}  // namespace tailor::extract
