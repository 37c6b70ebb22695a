#pragma once
// A small RFC 4180 reader for the skills CSVs the lexicon imports (ESCO, O*NET): quoted fields
// may hold the delimiter, doubled quotes and line breaks; CRLF or LF line ends.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/core/error.hpp"

namespace tailor::analyze::skills {

struct CsvRow {
  std::size_t line{};  // 1-based line of the text where the row starts
  std::vector<std::string> fields;
};

// Every row, the header included; blank lines are skipped. invalid_argument names the line of
// an unterminated quoted field or of a character after a closing quote that is not the
// delimiter or a line end.
Result<std::vector<CsvRow>> read_csv(std::string_view text, char delimiter = ',');

}  // namespace tailor::analyze::skills
