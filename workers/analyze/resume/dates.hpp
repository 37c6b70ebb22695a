#pragma once
// Dates in a résumé line: "Jan 2020", "January 2020", "Sept. 2019", "01/2020", "2/1/2012",
// "2020-01", "2020", "Summer 2019", "’19" after a month, and ranges between them joined by
// "-", "–", "—", "to", "until", "through", ending in a date or in "Present", "Current", "Now"…
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tailor::analyze::resume_parse {

struct DateText {
  std::string text;    // as written
  std::string format;  // DateMention::format
};

// One date or one range, in the order they appear in the line.
struct DateSpan {
  std::size_t begin{};  // byte offsets of the whole span in the line
  std::size_t end{};
  std::string start;   // ISO "YYYY-MM" or "YYYY"
  std::string finish;  // ISO; "" when ongoing or a single date
  bool range{};
  bool ongoing{};               // ends in "Present", "Current", … or begins with "since"
  std::vector<DateText> parts;  // the dates and the "present" word as written
};

std::vector<DateSpan> find_dates(std::string_view line);

// `line` with the span cut out and the separators left dangling by the cut trimmed
// ("Engineer (Jan 2020 – Present)" → "Engineer").
std::string cut_span(std::string_view line, const DateSpan& span);

// The text says nothing but when: month and season names, numbers, "to", "Present" and labels
// like "Period:" or "Duration" ("September", "February-May, 20xx", "Period: Oct '2010").
bool is_date_words(std::string_view text);

}  // namespace tailor::analyze::resume_parse
