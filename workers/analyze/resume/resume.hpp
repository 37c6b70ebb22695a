#pragma once
// The résumé as structured data: the JSON Resume schema 1.0.0 (jsonresume.org), plus what the
// parser saw on the way (sections, bullets, dates) for the ATS review and the match.
// Every string is "" when unknown; dates are ISO "YYYY-MM" or "YYYY"; an ongoing entry
// ("Present", "Current") has endDate "".
#include <string>
#include <vector>

namespace tailor::analyze {

struct Location {
  std::string address;
  std::string postalCode;
  std::string city;
  std::string region;       // state or province as written ("IL", "California")
  std::string countryCode;  // ISO 3166-1 alpha-2 when known
};

struct Profile {
  std::string network;  // "LinkedIn", "GitHub", …
  std::string username;
  std::string url;
};

struct Basics {
  std::string name;
  std::string label;  // headline or current title
  std::string email;
  std::string phone;  // as written; validated with libphonenumber
  std::string url;    // personal site
  std::string summary;
  Location location;
  std::vector<Profile> profiles;
};

struct Work {
  std::string name;  // employer
  std::string position;
  std::string location;
  std::string url;
  std::string startDate;
  std::string endDate;
  std::string summary;
  std::vector<std::string> highlights;  // the bullets, without their bullet marks
};

struct Volunteer {
  std::string organization;
  std::string position;
  std::string url;
  std::string startDate;
  std::string endDate;
  std::string summary;
  std::vector<std::string> highlights;
};

struct Education {
  std::string institution;
  std::string url;
  std::string area;       // "Computer Science"
  std::string studyType;  // "Bachelor of Science", "B.S.", "PhD" as written
  std::string startDate;
  std::string endDate;
  std::string score;  // GPA as written ("3.8/4.0")
  std::vector<std::string> courses;
};

struct Award {
  std::string title;
  std::string date;
  std::string awarder;
  std::string summary;
};

struct Certificate {
  std::string name;
  std::string date;
  std::string issuer;
  std::string url;
};

struct Publication {
  std::string name;
  std::string publisher;
  std::string releaseDate;
  std::string url;
  std::string summary;
};

struct Skill {
  std::string name;   // a group ("Languages") or the skill itself
  std::string level;
  std::vector<std::string> keywords;
};

struct Language {
  std::string language;
  std::string fluency;
};

struct Project {
  std::string name;
  std::string description;
  std::vector<std::string> highlights;
  std::vector<std::string> keywords;
  std::string startDate;
  std::string endDate;
  std::string url;
};

struct Resume {
  Basics basics;
  std::vector<Work> work;
  std::vector<Volunteer> volunteer;
  std::vector<Education> education;
  std::vector<Award> awards;
  std::vector<Certificate> certificates;
  std::vector<Publication> publications;
  std::vector<Skill> skills;
  std::vector<Language> languages;
  std::vector<Project> projects;
};

// A section the parser found. `kind` is one of: "contact", "summary", "experience",
// "education", "skills", "projects", "certificates", "awards", "languages", "volunteer",
// "publications", "interests", "references", "other".
struct Section {
  std::string kind;
  std::string heading;  // as written; "" for a section found without a heading
  bool standard_heading{};  // the heading is one an ATS knows ("Experience", "Education", …)
  int first_line{};         // index into ParsedResume::lines, heading line included
  int last_line{};          // inclusive
};

// One bullet or highlight line of an entry, for the bullet scores and the rewrite stage.
struct Bullet {
  std::string text;     // without the bullet mark
  std::string section;  // Section::kind: "experience", "projects" or "volunteer"
  int entry{-1};        // index into Resume::work / projects / volunteer; -1 when unattached
  int line{};           // index into ParsedResume::lines
};

// A date as written in an entry, with the pattern it follows, so the ATS review can tell
// whether the résumé keeps one date format. `format` is one of "Mon YYYY", "Month YYYY",
// "MM/YYYY", "MM-YYYY", "YYYY-MM", "YYYY", "M/D/YYYY", "Season YYYY", "present".
struct DateMention {
  std::string text;
  std::string format;
  int line{};
};

struct ParsedResume {
  Resume resume;
  std::vector<std::string> lines;  // the text's lines as the parser read them (trimmed)
  std::vector<Section> sections;   // in document order
  std::vector<Bullet> bullets;     // every bullet of experience, projects and volunteer entries
  std::vector<DateMention> dates;
  std::vector<std::string> warnings;  // what the parser could not make sense of
};

}  // namespace tailor::analyze
