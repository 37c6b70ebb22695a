#pragma once
// The job's title and company, when the user gave neither, read from the description.
#include <string>
#include <string_view>

namespace tailor::analyze::matching {

struct JobHeader {
  std::string title;    // "" when none was found
  std::string company;  // "" when none was found
};

// Title: a "Job Title:" / "Title:" / "Position:" / "Role:" line, else a first line that reads as
// a title ("Senior Backend Engineer - Remote"), else "looking for a Senior Backend Engineer
// to …", "seeking a …", "hiring a …", "As a Product Manager, …". Company: a "Company:" line,
// "<title> at Acme", "About Acme", "Acme is hiring / looking / seeking", "At Acme, we …",
// "Join Acme".
JobHeader find_header(std::string_view description);

// Whether a lower-case word names a role ("engineer", "manager", "designer", …).
bool is_role_noun(std::string_view lower_word);

}  // namespace tailor::analyze::matching
