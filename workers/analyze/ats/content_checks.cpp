// ATS checks on what the résumé holds: contact details, the sections an ATS expects, headings
// it knows, one date format.
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <algorithm>
#include <string>

#include "workers/analyze/ats/flags.hpp"

namespace tailor::analyze::ats {
namespace {

// The heading an ATS expects for each section kind; "" for "other".
std::string_view standard_heading(std::string_view kind) {
  struct Entry {
    std::string_view kind;
    std::string_view heading;
  };
  static constexpr Entry kHeadings[] = {
      {"contact", "Contact"},
      {"summary", "Summary"},
      {"experience", "Experience"},
      {"education", "Education"},
      {"skills", "Skills"},
      {"projects", "Projects"},
      {"certificates", "Certifications"},
      {"awards", "Awards"},
      {"languages", "Languages"},
      {"volunteer", "Volunteer Experience"},
      {"publications", "Publications"},
      {"interests", "Interests"},
      {"references", "References"},
  };
  for (const auto& e : kHeadings)
    if (e.kind == kind) return e.heading;
  return {};
}

// The fix for a heading an ATS does not know: the standard one for its section, or a choice.
std::string rename(std::string_view kind) {
  const auto heading = standard_heading(kind);
  if (heading.empty())
    return "Use a heading an ATS knows: \"Experience\", \"Education\", \"Skills\", \"Projects\", "
           "\"Certifications\".";
  return fmt::format("Rename it \"{}\".", heading);
}

bool has_section(const ParsedResume& r, std::string_view kind) {
  // Without any section the parser found nothing to go by but the fields it filled.
  if (r.sections.empty()) {
    if (kind == "experience") return !r.resume.work.empty();
    if (kind == "education") return !r.resume.education.empty();
    return !r.resume.skills.empty();
  }
  for (const auto& s : r.sections)
    if (s.kind == kind) return true;
  return false;
}

void check_contact(const ParsedResume& r, std::vector<AtsFlag>& flags) {
  const auto& b = r.resume.basics;
  std::vector<std::string_view> missing;
  if (b.email.empty()) missing.push_back("no e-mail address");
  if (b.phone.empty()) missing.push_back("no phone number");
  if (missing.empty()) return;
  flags.push_back(
      make_flag("missing_contact", "The ATS found no way to reach you.",
                fmt::format("{}", fmt::join(missing, " and ")),
                "Put an e-mail address and a phone number in plain text under your name."));
}

void check_sections(const ParsedResume& r, std::vector<AtsFlag>& flags) {
  for (const std::string_view kind : {"experience", "education", "skills"}) {
    if (has_section(r, kind)) continue;
    const auto heading = standard_heading(kind);
    flags.push_back(make_flag("missing_section",
                              fmt::format("The résumé has no {} section an ATS can find.", heading),
                              fmt::format("no \"{}\" section", heading),
                              fmt::format("Add a section headed \"{}\".", heading), kind));
  }
}

void check_headings(const ParsedResume& r, std::vector<AtsFlag>& flags) {
  for (const auto& s : r.sections) {
    if (s.standard_heading || s.heading.empty()) continue;
    flags.push_back(
        make_flag("nonstandard_heading",
                  "An ATS may not know this heading and file the section under the wrong field.",
                  s.heading, rename(s.kind)));
  }
}

// One date format per résumé, with one allowance: a section may give years alone ("2014 - 2018"
// for a degree) while another gives months, as most résumés do; a section that mixes the two, or
// two month formats anywhere ("Jan 2021" and "06/2018"), is flagged.
void check_dates(const ParsedResume& r, std::vector<AtsFlag>& flags) {
  struct Format {
    std::string_view format;
    std::string_view example;
    int count{};
  };
  const auto section_of = [&r](int line) {
    for (std::size_t i = 0; i < r.sections.size(); ++i) {
      if (line >= r.sections[i].first_line && line <= r.sections[i].last_line) return static_cast<int>(i);
    }
    return -1;
  };
  std::vector<Format> formats;
  std::vector<std::pair<int, std::string_view>> seen_in;  // (section, format)
  bool mixed_in_a_section = false;
  for (const auto& d : r.dates) {
    if (d.format == "present") continue;
    const int section = section_of(d.line);
    for (const auto& [other_section, other_format] : seen_in) {
      if (other_section == section && other_format != d.format) mixed_in_a_section = true;
    }
    seen_in.emplace_back(section, d.format);
    auto it = std::find_if(formats.begin(), formats.end(),
                           [&](const Format& f) { return f.format == d.format; });
    if (it == formats.end()) it = formats.insert(formats.end(), Format{d.format, d.text, 0});
    ++it->count;
  }
  const auto month_formats = std::count_if(formats.begin(), formats.end(),
                                           [](const Format& f) { return f.format != "YYYY"; });
  if (!mixed_in_a_section && month_formats < 2) return;
  std::vector<std::string> seen;
  const Format* most = &formats.front();
  for (const auto& f : formats) {
    seen.push_back(fmt::format("\"{}\" ({})", f.example, f.format));
    if (f.count > most->count) most = &f;
  }
  flags.push_back(make_flag(
      "inconsistent_dates", "Dates are written in more than one format.",
      fmt::format("{}", fmt::join(seen, ", ")),
      fmt::format("Write every date one way, like \"{}\" ({}).", most->example, most->format)));
}

}  // namespace

void check_content(const ParsedResume& resume, std::vector<AtsFlag>& flags) {
  check_contact(resume, flags);
  check_sections(resume, flags);
  check_headings(resume, flags);
  check_dates(resume, flags);
}

}  // namespace tailor::analyze::ats
