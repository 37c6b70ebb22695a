#pragma once
// Byte counts as people read them, for limits in messages.
#include <cstdint>
#include <string>

namespace tailor::files {

// "20 MiB", "1.5 MiB", "512 KiB", "300 bytes".
std::string human_bytes(std::uint64_t bytes);

}  // namespace tailor::files
