// tailor-extract-child <media-type-name> <path> [--limits=<JSON ExtractLimits>]
// tailor-extract-child --serve
//
// Reads one untrusted upload and writes one JSON reply on stdout (extraction_codec.hpp):
// {"ok":true,"extraction":{…}} or {"ok":false,"code":"…","message":"…"}. Exits 0 in both
// cases; a non-zero exit or a signal means a crash or a bug. The worker starts it once with
// --serve through extract_sandboxed() (sandbox.hpp): it then forks one fresh process per file
// (fork_server.hpp), which sets the CPU, memory, file-size and open-file limits and reads the
// file as the first form does; the worker enforces the wall clock and the output size. Nothing
// here trusts the file. The first form is for reading one file by hand.
#include <unistd.h>

#include <cstdio>
#include <exception>
#include <new>
#include <string>
#include <string_view>

#include "common/files/media_type.hpp"
#include "workers/extract/extract_file.hpp"
#include "workers/extract/extraction_codec.hpp"
#include "workers/extract/fork_server.hpp"

namespace {

constexpr int kUsage = 64;     // EX_USAGE: the worker called us wrongly
constexpr int kSoftware = 70;  // EX_SOFTWARE: an exception that is a bug
constexpr int kIoError = 74;   // EX_IOERR: stdout is gone

bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

int usage(std::string_view why) {
  std::fprintf(
      stderr,
      "tailor-extract-child: %.*s\nusage: tailor-extract-child <pdf|docx|png|jpeg|tiff|text> "
      "<path> [--limits=<JSON>]\n",
      static_cast<int>(why.size()), why.data());
  return kUsage;
}

int run(int argc, char** argv) {
  if (argc < 3 || argc > 4) return usage("expected a media type and a path");
  auto type = tailor::files::parse_media_type(argv[1]);
  if (!type) return usage("unknown media type");
  tailor::extract::ExtractLimits limits;
  if (argc == 4) {
    constexpr std::string_view kFlag = "--limits=";
    const std::string_view arg = argv[3];
    if (!arg.starts_with(kFlag)) return usage("unknown option");
    auto parsed = tailor::extract::decode_limits(arg.substr(kFlag.size()));
    if (!parsed) return usage(parsed.error().message);
    limits = *parsed;
  }

  std::string reply;
  try {
    reply = tailor::extract::encode_reply(tailor::extract::extract_file(argv[2], *type, limits));
  } catch (const std::bad_alloc&) {
    // Over RLIMIT_AS. What was allocated is freed by now, so the small reply fits.
    reply = tailor::extract::encode_out_of_memory_reply();
  }
  reply.push_back('\n');
  return write_all(STDOUT_FILENO, reply) ? 0 : kIoError;
}

// One file, as main() for it: the exit status.
int read_one(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::bad_alloc&) {
    // Out of memory while encoding the reply itself.
    return write_all(STDOUT_FILENO, tailor::extract::encode_out_of_memory_reply()) ? 0 : kIoError;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "tailor-extract-child: unexpected exception: %s\n", e.what());
    return kSoftware;
  }
}

}  // namespace

int main(int argc, char** argv) {
  namespace fork_server = tailor::extract::fork_server;
  if (argc == 2 && std::string_view(argv[1]) == fork_server::kServeFlag)
    return fork_server::serve(read_one);
  return read_one(argc, argv);
}
