// OCR on pages the test draws: known words in a PDF (libharu), rendered at 300 dpi by poppler,
// then saved as images, re-embedded as image-only ("scanned") PDFs, or turned into a "photo".
#include <doctest/doctest.h>
#include <hpdf.h>
#include <leptonica/allheaders.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "tests/unit/files/checks.hpp"
#include "tests/unit/files/fixtures.hpp"
#include "workers/extract/extract_file.hpp"
#include "workers/extract/image_text.hpp"
#include "workers/extract/ocr.hpp"
#include "workers/extract/pdf_render.hpp"
#include "workers/extract/pdf_text.hpp"

using tailor::Errc;
using tailor::extract::ExtractLimits;
using tailor::extract::PixPtr;
using tailor::files::MediaType;
namespace extract = tailor::extract;
namespace testing = tailor::testing;
using testing::check_error;
using testing::contains;

namespace {

const std::string kPage =
    "Jane Doe - Senior Software Engineer\n"
    "Experience: Acme Corporation, Berlin 2019 to 2024\n"
    "Built payment services in C++ and Python for twelve markets\n"
    "Education: Technical University of Munich, Computer Science\n"
    "Skills: distributed systems, databases, testing, mentoring";

const std::string kSecondPage =
    "Projects and Publications\n"
    "Open source maintainer of a fast JSON parser\n"
    "Speaker at three international conferences";

// Lower-case words with punctuation stripped, as a multiset.
std::map<std::string, int> words(const std::string& text) {
  std::map<std::string, int> bag;
  std::istringstream in(text);
  std::string w;
  while (in >> w) {
    std::string clean;
    for (char c : w) {
      if (std::isalnum(static_cast<unsigned char>(c)) || c == '+') {
        clean.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
      }
    }
    if (!clean.empty()) ++bag[clean];
  }
  return bag;
}

double word_f1(const std::string& got, const std::string& want) {
  const auto a = words(got);
  const auto b = words(want);
  long na = 0, nb = 0, common = 0;
  for (const auto& [w, n] : a) na += n;
  for (const auto& [w, n] : b) nb += n;
  for (const auto& [w, n] : a) {
    if (auto it = b.find(w); it != b.end()) common += std::min(n, it->second);
  }
  if (common == 0) return 0;
  const double p = static_cast<double>(common) / na;
  const double r = static_cast<double>(common) / nb;
  return 2 * p * r / (p + r);
}

// A PDF of `pages` with a text layer, rendered to PNGs at 300 dpi; returns the PNG paths.
std::vector<std::string> rendered_pages(const testing::TempDir& dir,
                                        const std::vector<std::string>& pages) {
  const auto pdf = dir.path("source.pdf");
  testing::write_pdf(pdf, pages);
  auto pngs = extract::render_pdf_to_pngs(pdf, dir.path(""));
  REQUIRE_MESSAGE(pngs.has_value(), pngs.error().message);
  REQUIRE(pngs->size() == pages.size());
  return *pngs;
}

PixPtr read_pix(const std::string& path) {
  PixPtr pix(pixRead(path.c_str()));
  REQUIRE(pix != nullptr);
  return pix;
}

void write_pix(const std::string& path, Pix* pix, int format) {
  REQUIRE(pixWrite(path.c_str(), pix, format) == 0);
}

// A PDF whose pages are: the image at a PNG path (no text layer, as a scanner makes), or a line
// of text (for a "" image path, page `text`).
struct PdfPage {
  std::string png{};
  std::string text{};
};
void write_image_pdf(const std::string& path, const std::vector<PdfPage>& pages) {
  HPDF_Doc pdf = HPDF_New(nullptr, nullptr);
  REQUIRE(pdf != nullptr);
  HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
  HPDF_Font font = HPDF_GetFont(pdf, "Helvetica", "WinAnsiEncoding");
  for (const auto& p : pages) {
    HPDF_Page page = HPDF_AddPage(pdf);
    HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    if (!p.png.empty()) {
      HPDF_Image image = HPDF_LoadPngImageFromFile(pdf, p.png.c_str());
      REQUIRE(image != nullptr);
      HPDF_Page_DrawImage(page, image, 0, 0, HPDF_Page_GetWidth(page), HPDF_Page_GetHeight(page));
    } else {
      HPDF_Page_BeginText(page);
      HPDF_Page_SetFontAndSize(page, font, 12);
      float y = HPDF_Page_GetHeight(page) - 72;
      std::istringstream lines(p.text);
      std::string line;
      while (std::getline(lines, line)) {
        HPDF_Page_TextOut(page, 72, y, line.c_str());
        y -= 18;
      }
      HPDF_Page_EndText(page);
    }
  }
  const HPDF_STATUS status = HPDF_SaveToFile(pdf, path.c_str());
  HPDF_Free(pdf);
  REQUIRE(status == HPDF_OK);
}

}  // namespace

TEST_CASE("a text PDF does not load the OCR engine") {
  testing::TempDir dir;
  const auto pdf = dir.path("cv.pdf");
  testing::write_pdf(pdf, {kPage, "Jane Doe", ""});  // a short page and an empty one too
  auto r = extract::extract_pdf(pdf, ExtractLimits{});
  REQUIRE_MESSAGE(r.has_value(), r.error().message);
  CHECK(r->method == "text-layer");
  for (const auto& page : r->pages) {
    CHECK(page.method == "text-layer");
    CHECK_FALSE(page.confidence.has_value());
  }
  CHECK_FALSE(extract::ocr_engine_loaded());
}

TEST_CASE("PNG, JPEG and TIFF renderings of a page are read by OCR") {
  testing::TempDir dir;
  const auto pngs = rendered_pages(dir, {kPage});
  PixPtr page = read_pix(pngs[0]);
  const auto jpeg = dir.path("page.jpg");
  write_pix(jpeg, page.get(), IFF_JFIF_JPEG);
  const auto tiff = dir.path("page.tif");
  write_pix(tiff, page.get(), IFF_TIFF_ZIP);

  for (const auto& [path, type] : std::vector<std::pair<std::string, MediaType>>{
           {pngs[0], MediaType::png}, {jpeg, MediaType::jpeg}, {tiff, MediaType::tiff}}) {
    CAPTURE(path);
    auto r = extract::extract_file(path, type, ExtractLimits{});
    REQUIRE_MESSAGE(r.has_value(), r.error().message);
    CHECK(r->method == "ocr");
    CHECK(r->page_count == 1);
    REQUIRE(r->pages.size() == 1);
    CHECK(r->pages[0].method == "ocr");
    REQUIRE(r->pages[0].confidence.has_value());
    CHECK(*r->pages[0].confidence > 80);
    const double f1 = word_f1(r->text, kPage);
    CHECK_MESSAGE(f1 >= 0.9, r->text);
    CHECK_MESSAGE(contains(r->text, "Senior Software Engineer"), r->text);
  }
  CHECK(extract::ocr_engine_loaded());
}

TEST_CASE("a multi-page TIFF gives one OCR page per TIFF page") {
  testing::TempDir dir;
  const auto pngs = rendered_pages(dir, {kPage, kSecondPage});
  const auto tiff = dir.path("pages.tif");
  PixPtr first = read_pix(pngs[0]);
  PixPtr second = read_pix(pngs[1]);
  REQUIRE(pixWriteTiff(tiff.c_str(), first.get(), IFF_TIFF_ZIP, "w") == 0);
  REQUIRE(pixWriteTiff(tiff.c_str(), second.get(), IFF_TIFF_ZIP, "a") == 0);
  auto r = extract::extract_file(tiff, MediaType::tiff, ExtractLimits{});
  REQUIRE_MESSAGE(r.has_value(), r.error().message);
  CHECK(r->page_count == 2);
  REQUIRE(r->pages.size() == 2);
  CHECK(word_f1(r->pages[0].text, kPage) >= 0.9);
  CHECK(word_f1(r->pages[1].text, kSecondPage) >= 0.9);
  CHECK(r->text == r->pages[0].text + "\f" + r->pages[1].text);
}

TEST_CASE("a scanned PDF (page images, no text layer) is read by OCR") {
  testing::TempDir dir;
  const auto pngs = rendered_pages(dir, {kPage, kSecondPage});
  const auto scan = dir.path("scan.pdf");
  write_image_pdf(scan, {{.png = pngs[0]}, {.png = pngs[1]}});
  auto r = extract::extract_file(scan, MediaType::pdf, ExtractLimits{});
  REQUIRE_MESSAGE(r.has_value(), r.error().message);
  CHECK(r->method == "ocr");
  CHECK(r->page_count == 2);
  REQUIRE(r->pages.size() == 2);
  for (const auto& page : r->pages) {
    CHECK(page.method == "ocr");
    REQUIRE(page.confidence.has_value());
    CHECK(*page.confidence > 70);
  }
  CHECK_MESSAGE(word_f1(r->pages[0].text, kPage) >= 0.9, r->pages[0].text);
  CHECK_MESSAGE(word_f1(r->pages[1].text, kSecondPage) >= 0.9, r->pages[1].text);
  CHECK(r->warnings.empty());
}

TEST_CASE("a mixed PDF is read page by page: text layer, then OCR") {
  testing::TempDir dir;
  const auto pngs = rendered_pages(dir, {kSecondPage});
  const auto mixed = dir.path("mixed.pdf");
  write_image_pdf(mixed, {{.text = kPage}, {.png = pngs[0]}});
  auto r = extract::extract_pdf(mixed, ExtractLimits{});
  REQUIRE_MESSAGE(r.has_value(), r.error().message);
  CHECK(r->method == "mixed");
  REQUIRE(r->pages.size() == 2);
  CHECK(r->pages[0].method == "text-layer");
  CHECK(r->pages[0].text == kPage);
  CHECK_FALSE(r->pages[0].confidence.has_value());
  CHECK(r->pages[1].method == "ocr");
  REQUIRE(r->pages[1].confidence.has_value());
  CHECK(*r->pages[1].confidence > 70);
  CHECK(word_f1(r->pages[1].text, kSecondPage) >= 0.9);
}

TEST_CASE("a photo of a page (tilted, noisy, JPEG) still gives most words") {
  testing::TempDir dir;
  const auto pngs = rendered_pages(dir, {kPage});
  PixPtr page = read_pix(pngs[0]);
  // Tilted by 3 degrees, as a hand-held phone does, the corners filled white.
  PixPtr tilted(pixRotate(page.get(), 3.0f * 3.14159265f / 180.0f, L_ROTATE_AREA_MAP,
                          L_BRING_IN_WHITE, 0, 0));
  REQUIRE(tilted != nullptr);
  // Sensor noise and uneven light: every pixel shifted by Gaussian noise (sigma 25) and a
  // gradient that darkens the page towards the bottom by up to 50 levels.
  PixPtr gray(pixConvertTo8(tilted.get(), 0));
  REQUIRE(gray != nullptr);
  std::mt19937 rng(7);
  std::normal_distribution<double> noise(0, 25);
  const int w = pixGetWidth(gray.get());
  const int h = pixGetHeight(gray.get());
  for (int y = 0; y < h; ++y) {
    l_uint32* line =
        pixGetData(gray.get()) + static_cast<std::ptrdiff_t>(y) * pixGetWpl(gray.get());
    for (int x = 0; x < w; ++x) {
      const double v = GET_DATA_BYTE(line, x) - 50.0 * y / h + noise(rng);
      SET_DATA_BYTE(line, x, static_cast<l_uint32>(std::clamp(v, 0.0, 255.0)));
    }
  }
  const auto photo =
      std::getenv("KEEP_PHOTO") ? std::string(std::getenv("KEEP_PHOTO")) : dir.path("photo.jpg");
  REQUIRE(pixWriteJpeg(photo.c_str(), gray.get(), 80, 0) == 0);

  auto r = extract::extract_file(photo, MediaType::jpeg, ExtractLimits{});
  REQUIRE_MESSAGE(r.has_value(), r.error().message);
  CHECK(r->method == "ocr");
  const double f1 = word_f1(r->text, kPage);
  MESSAGE("photo word F1 " << f1 << ", confidence " << r->pages[0].confidence.value_or(-1));
  CHECK_MESSAGE(f1 >= 0.75, r->text);
}

TEST_CASE("a 30000 x 30000 PNG is refused from its header, before decoding") {
  testing::TempDir dir;
  // Only the signature and IHDR (and an empty IDAT, IEND): a decoder would need 900 MB for the
  // pixels, the check needs the first 24 bytes.
  const auto be32 = [](std::uint32_t v) {
    return std::string{static_cast<char>(v >> 24), static_cast<char>(v >> 16),
                       static_cast<char>(v >> 8), static_cast<char>(v)};
  };
  const auto chunk = [&](const std::string& type, const std::string& data) {
    const std::string body = type + data;
    std::uint32_t crc = 0xFFFFFFFFu;  // CRC-32 as PNG defines it
    for (unsigned char c : body) {
      crc ^= c;
      for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    crc ^= 0xFFFFFFFFu;
    return be32(static_cast<std::uint32_t>(data.size())) + body + be32(crc);
  };
  const std::string ihdr = be32(30000) + be32(30000) + std::string{8, 0, 0, 0, 0};  // 8-bit gray
  const auto png = dir.path("huge.png");
  testing::write_file(png, std::string("\x89PNG\r\n\x1A\n", 8) + chunk("IHDR", ihdr) +
                               chunk("IDAT", "") + chunk("IEND", ""));
  const auto start = std::chrono::steady_clock::now();
  check_error(extract::extract_file(png, MediaType::png, ExtractLimits{}), Errc::invalid_argument,
              "the image is 30000 × 30000 pixels; the largest we read is 40 megapixels");
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::milliseconds(500));
}

TEST_CASE("an image without text is a clear error") {
  testing::TempDir dir;
  PixPtr blank(pixCreate(1200, 800, 8));
  REQUIRE(pixSetAll(blank.get()) == 0);  // white
  // A gray rectangle: something on the image, but no words.
  pixRasterop(blank.get(), 200, 200, 400, 300, PIX_CLR, nullptr, 0, 0);
  const auto png = dir.path("shape.png");
  write_pix(png, blank.get(), IFF_PNG);
  check_error(extract::extract_file(png, MediaType::png, ExtractLimits{}), Errc::invalid_argument,
              "no text could be read from the image");
}

TEST_CASE("damaged and mislabelled images are invalid arguments") {
  testing::TempDir dir;
  SUBCASE("empty") {
    const auto path = dir.path("empty.png");
    testing::write_file(path, "");
    check_error(extract::extract_file(path, MediaType::png, ExtractLimits{}),
                Errc::invalid_argument, "the file is empty");
  }
  SUBCASE("a PNG signature and nothing else") {
    const auto path = dir.path("stub.png");
    testing::write_file(path, "\x89PNG\r\n\x1A\n");
    check_error(extract::extract_file(path, MediaType::png, ExtractLimits{}),
                Errc::invalid_argument, "the image is damaged or not a PNG file");
  }
  SUBCASE("a PNG called a JPEG") {
    PixPtr pix(pixCreate(100, 100, 8));
    const auto path = dir.path("liar.jpg");
    write_pix(path, pix.get(), IFF_PNG);
    check_error(extract::extract_file(path, MediaType::jpeg, ExtractLimits{}),
                Errc::invalid_argument, "not a JPEG file");
  }
}

TEST_CASE("a scanned PDF with no readable text is a clear error") {
  testing::TempDir dir;
  PixPtr blank(pixCreate(1240, 1754, 8));
  pixSetAll(blank.get());
  pixRasterop(blank.get(), 300, 300, 600, 700, PIX_CLR, nullptr, 0, 0);  // a black box
  const auto png = dir.path("box.png");
  write_pix(png, blank.get(), IFF_PNG);
  const auto pdf = dir.path("box.pdf");
  write_image_pdf(pdf, {{.png = png}});
  check_error(extract::extract_pdf(pdf, ExtractLimits{}), Errc::invalid_argument,
              "no text could be read from the PDF");
}
