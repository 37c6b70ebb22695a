#pragma once
// The fields of an entry's heading lines ("Software Engineer · Acme Corp, Springfield, IL") and
// what each one is: a job title, an employer, a school, a degree, a place.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "workers/analyze/resume/resume.hpp"

namespace tailor::analyze::resume_parse {

// Splits at tabs, " | ", " · ", " • ", spaced dashes, runs of 2+ spaces, ";" and brackets, then
// at commas, keeping "City, ST" together; drops empty fields and lone separators.
std::vector<std::string> split_fields(std::string_view line);
// Splits a list ("Python, Go; SQL | Docker • AWS") into its items, trimmed, empty ones dropped.
std::vector<std::string> split_items(std::string_view line);
// "Software Engineer at Google" / "Engineer @ Google" / "Tutor: Hillside School" →
// {"Software Engineer", "Google"} when the left side holds a title word; nullopt otherwise.
std::optional<std::pair<std::string, std::string>> split_title_at(std::string_view field);

// Lower-case words of `s` (ASCII letters, digits, "&", "'" and "." kept inside a word).
std::vector<std::string> lower_words(std::string_view s);

int title_score(std::string_view field);    // job-title words in it, 0 for none
int company_score(std::string_view field);  // employer cues (Inc, LLC, Labs, …), may be < 0
bool is_institution(std::string_view field);
bool is_degree(std::string_view field);
// A sentence rather than a name: many words, or ends with a full stop after several words.
bool is_prose(std::string_view field);
// The line could be an entry's heading (a title, an employer, a school, a place) rather than a
// line of a paragraph: not prose, not opening with a verb ("Managed …") or a lower-case word,
// no full stop at its end but after an abbreviation ("Acme Ltd."), and most of its words
// capitalised ("Integrated remote sites with central office systems" is not).
bool reads_as_heading(std::string_view line);

// What a labelled entry line holds: "Role: Team Lead" → {"position", "Team Lead"}; kind is
// "position", "employer", "dates" or "body" (vocabulary.txt [entry_label]), "" for a line
// without a known label.
struct EntryLabel {
  std::string kind;
  std::string_view value;
};
EntryLabel entry_label(std::string_view line);

// "Springfield, IL", "Austin, Texas", "London, UK", "Remote", "City, ST 98052",
// "4567 Main Street City, ST 98052". `loose` also accepts "City, Anyplace" (a contact block).
std::optional<Location> parse_location(std::string_view field, bool loose);

}  // namespace tailor::analyze::resume_parse
