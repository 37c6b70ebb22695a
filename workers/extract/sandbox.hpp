#pragma once
// Untrusted uploads are parsed in a child process (tailor-extract-child) with limits on CPU
// time, address space, file size, open files, wall clock and output size, so a hostile or
// broken file fails its own job with a reason a person understands and the worker keeps going.
// The limits are configured here and nowhere else. Each file gets a fresh process, forked by a
// long-lived `tailor-extract-child --serve` (fork_server.hpp) so it does not pay for loading
// the libraries again.
#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <string>

#include "common/core/config.hpp"
#include "common/core/error.hpp"
#include "common/files/media_type.hpp"
#include "workers/extract/extraction.hpp"

namespace tailor::extract {

struct SandboxLimits {
  // CPU seconds (RLIMIT_CPU; SIGXCPU, then SIGKILL one second later). TAILOR_EXTRACT_CPU_SECONDS.
  std::chrono::seconds cpu{30};
  // Wall-clock seconds from fork to exit; the worker kills the child after. Catches a child
  // that sleeps or blocks instead of computing. TAILOR_EXTRACT_WALL_SECONDS.
  std::chrono::seconds wall{45};
  // RLIMIT_AS. A two-page scanned PDF OCR'd at 300 dpi peaks at ~120 MB resident and reads
  // under a 160 MB limit, so 1 GiB leaves room for large pages. TAILOR_EXTRACT_MEMORY_MB.
  // Not applied in AddressSanitizer builds (ASan reserves terabytes of address space).
  std::size_t address_space_bytes = std::size_t{1024} * 1024 * 1024;
  // RLIMIT_FSIZE: the child writes only stdout, a pipe; this bounds any temp file a library makes.
  std::size_t file_size_bytes = std::size_t{64} * 1024 * 1024;
  // RLIMIT_NOFILE.
  int open_files = 64;
  // Bytes of reply read from the child's stdout; more kills it. TAILOR_EXTRACT_MAX_OUTPUT_MB.
  std::size_t max_output_bytes = std::size_t{8} * 1024 * 1024;
};

// The defaults above with overrides from TAILOR_EXTRACT_CPU_SECONDS (1–3600),
// TAILOR_EXTRACT_WALL_SECONDS (1–3600), TAILOR_EXTRACT_MEMORY_MB (64–65536) and
// TAILOR_EXTRACT_MAX_OUTPUT_MB (1–1024). Throws core::ConfigError naming the variable.
SandboxLimits sandbox_limits_from(const core::Env& env);

// Where the worker finds tailor-extract-child: TAILOR_EXTRACT_CHILD when set, else the file
// next to the running executable (/proc/self/exe). Throws core::ConfigError, naming
// TAILOR_EXTRACT_CHILD, when that file is not an executable.
std::string child_binary_path(const core::Env& env);

// Reads the file as `child_binary <name(type)> <path> --limits=<JSON>` would, in a process
// forked for it by the fork server of `child_binary` under `sandbox` limits, and returns its
// Extraction. The server is started on first use, and again when it has died; each caller
// (thread) uses its own, idle servers are reused. Fails with
// - the child's own error (code and message) when extract_file failed in the child;
// - invalid_argument, naming the format and the limit, when the file broke a limit: "the PDF
//   took longer than 20 s to read", "the PDF needs more than 1024 MB of memory to read",
//   "the extracted text is larger than 8 MB", or crashed the reader ("the file crashed the PDF
//   reader (signal SIGSEGV); it is probably damaged");
// - unavailable when the child cannot be started now (fork or exec out of resources), was
//   killed by someone else (the kernel's OOM killer) or its server died while it read ("the
//   file reader stopped unexpectedly; it will be tried again"): worth retrying;
// - internal when the child binary is missing or replied with something that is not a reply.
// Never logs, and never puts the file's name or contents in a message.
Result<Extraction> extract_sandboxed(const std::string& child_binary, const std::string& path,
                                     files::MediaType type, const ExtractLimits& limits,
                                     const SandboxLimits& sandbox);

// The pid of an idle fork server for `child_binary` in this process, 0 when there is none.
// For tests.
pid_t sandbox_server_pid(const std::string& child_binary);

}  // namespace tailor::extract
