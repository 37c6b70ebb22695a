// The RFC 4180 reader (see csv.hpp).
#include "workers/analyze/skills/csv.hpp"

#include <fmt/format.h>

namespace tailor::analyze::skills {

Result<std::vector<CsvRow>> read_csv(std::string_view text, char delimiter) {
  std::vector<CsvRow> rows;
  CsvRow row{.line = 1, .fields = {}};
  std::string field;
  std::size_t line = 1;
  bool row_has_content = false;  // a field or a delimiter seen: the row is not blank
  std::size_t i = 0;
  const auto end_row = [&] {
    if (row_has_content || !field.empty()) {
      row.fields.push_back(std::move(field));
      rows.push_back(std::move(row));
    }
    field.clear();
    row = CsvRow{.line = line, .fields = {}};
    row_has_content = false;
  };
  while (i < text.size()) {
    const char c = text[i];
    if (c == '"' && field.empty()) {
      // A quoted field: runs to the next quote that is not doubled.
      const std::size_t start_line = line;
      ++i;
      while (true) {
        if (i >= text.size())
          return fail(Errc::invalid_argument,
                      fmt::format("CSV line {}: unterminated quoted field", start_line));
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            field.push_back('"');
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        if (text[i] == '\n') ++line;
        field.push_back(text[i++]);
      }
      row_has_content = true;
      if (i < text.size() && text[i] != delimiter && text[i] != '\n' && text[i] != '\r')
        return fail(Errc::invalid_argument,
                    fmt::format("CSV line {}: unexpected character after a closing quote", line));
      continue;
    }
    if (c == delimiter) {
      row.fields.push_back(std::move(field));
      field.clear();
      row_has_content = true;
      ++i;
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      ++i;  // the '\n' ends the row
    } else if (c == '\n') {
      ++line;
      ++i;
      end_row();
    } else {
      field.push_back(c);
      ++i;
    }
  }
  end_row();
  return rows;
}

}  // namespace tailor::analyze::skills
