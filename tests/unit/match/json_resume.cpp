// The shared data's master-resume.json as a ParsedResume, for the calibration tests.
#include "tests/unit/match/json_resume.hpp"

#include "common/json/value.hpp"

namespace tailor::analyze::test {
namespace {

std::string string_at(const json::Value& v, std::string_view key) {
  return std::string(v.string_at(key).value_or(""));
}

std::vector<std::string> strings(const json::Value* v) {
  std::vector<std::string> out;
  if (v == nullptr || v->as_array() == nullptr) return out;
  for (const auto& s : *v->as_array())
    if (s.as_string() != nullptr) out.push_back(*s.as_string());
  return out;
}

// "Jan 2021 - Present" → {"2021-01", ""}
std::pair<std::string, std::string> range(std::string_view years) {
  const auto dash = years.find(" - ");
  if (dash == std::string_view::npos) return {iso_date(years), iso_date(years)};
  return {iso_date(years.substr(0, dash)), iso_date(years.substr(dash + 3))};
}

}  // namespace

std::string iso_date(std::string_view written) {
  static constexpr std::string_view kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  if (written == "Present" || written == "Current") return "";
  if (written.size() == 8 && written[3] == ' ')
    for (int m = 0; m < 12; ++m)
      if (written.substr(0, 3) == kMonths[m])
        return std::string(written.substr(4)) + "-" + (m < 9 ? "0" : "") + std::to_string(m + 1);
  return std::string(written);
}

std::optional<ParsedResume> resume_from_master_json(std::string_view text) {
  const auto doc = json::parse(text);
  if (!doc) return std::nullopt;
  ParsedResume parsed;
  auto& r = parsed.resume;
  if (const auto* info = doc->find("personalInfo")) {
    r.basics.name = string_at(*info, "name");
    r.basics.label = string_at(*info, "title");
    r.basics.email = string_at(*info, "email");
    r.basics.phone = string_at(*info, "phone");
  }
  r.basics.summary = string_at(*doc, "summary");
  if (const auto* work = doc->find("workExperience");
      work != nullptr && work->as_array() != nullptr)
    for (const auto& w : *work->as_array()) {
      auto& entry = r.work.emplace_back();
      entry.name = string_at(w, "company");
      entry.position = string_at(w, "title");
      std::tie(entry.startDate, entry.endDate) = range(string_at(w, "years"));
      entry.highlights = strings(w.find("description"));
    }
  if (const auto* education = doc->find("education");
      education != nullptr && education->as_array() != nullptr)
    for (const auto& e : *education->as_array()) {
      auto& entry = r.education.emplace_back();
      entry.institution = string_at(e, "institution");
      entry.studyType = string_at(e, "degree");
      std::tie(entry.startDate, entry.endDate) = range(string_at(e, "years"));
    }
  if (const auto* projects = doc->find("personalProjects");
      projects != nullptr && projects->as_array() != nullptr)
    for (const auto& p : *projects->as_array()) {
      auto& entry = r.projects.emplace_back();
      entry.name = string_at(p, "name");
      entry.highlights = strings(p.find("description"));
    }
  if (const auto* additional = doc->find("additional")) {
    auto& skills = r.skills.emplace_back();
    skills.name = "Technical Skills";
    skills.keywords = strings(additional->find("technicalSkills"));
    for (const auto& c : strings(additional->find("certificationsTraining")))
      r.certificates.emplace_back().name = c;
  }
  return parsed;
}

}  // namespace tailor::analyze::test
