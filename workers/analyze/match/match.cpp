// match(): the score of a résumé against a job, part by part.
#include "workers/analyze/match/match.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <cmath>
#include <optional>

#include "workers/analyze/match/degree.hpp"
#include "workers/analyze/match/experience.hpp"
#include "workers/analyze/match/keywords.hpp"
#include "workers/analyze/match/resume_view.hpp"
#include "workers/analyze/match/skill_coverage.hpp"
#include "workers/analyze/match/terms.hpp"
#include "workers/analyze/match/title_match.hpp"

namespace tailor::analyze {
namespace {

// The parts of the score and their weights, the one place they are decided. A part that does
// not apply to the job (no preferred skills, no years, no degree asked) drops out, and the
// weights of the others are scaled to sum to 1.
//   required_skills   requirements the résumé meets / requirements; a choice ("Kubernetes or
//                     ECS") is one requirement, met by either
//   preferred_skills  the same for nice-to-haves
//   keywords          the job's keywords the résumé uses, weighted by their TF-IDF weight, each
//                     use saturating (1 − 0.25^uses: one use 0.75, two 0.94); full marks at
//                     kKeywordFullMarks of the weight, since no résumé uses a description's
//                     whole vocabulary
//   title             title_fit(): role noun, other words, seniority (title_match.hpp)
//   experience        years of work / years asked, capped at 1
//   education         1 when the highest degree meets the one asked; each level short costs
//                     0.5 when the degree is required, 0.25 when it is only preferred (or
//                     experience may stand in), which never goes under 0.5
struct Part {
  std::string_view name;
  double weight{};
};
// Experience and education weigh least: they say little about fit for the trade (a backend
// engineer has the years a product job asks, but not its skills).
constexpr Part kParts[] = {{"required_skills", 0.40}, {"preferred_skills", 0.10},
                           {"keywords", 0.20},        {"title", 0.15},
                           {"experience", 0.10},      {"education", 0.05}};
constexpr double kKeywordFullMarks = 0.6;
constexpr double kKeywordSaturation = 0.25;

double weight_of(std::string_view part) {
  for (const auto& p : kParts)
    if (p.name == part) return p.weight;
  return 0;
}

ScorePart part(std::string_view name, double score, std::string detail) {
  return {.name = std::string(name),
          .score = std::clamp(score, 0.0, 1.0),
          .weight = weight_of(name),
          .detail = std::move(detail)};
}

std::optional<ScorePart> skills_part(std::string_view name, const matching::Coverage& c,
                                     std::string_view what) {
  if (c.total == 0) return std::nullopt;
  const double share = static_cast<double>(c.satisfied) / c.total;
  return part(
      name, share,
      fmt::format("{} of {} {} skills ({:.0f}%).", c.satisfied, c.total, what, 100 * share));
}

std::optional<ScorePart> keywords_part(const JobRequirements& job,
                                       const std::vector<matching::Term>& resume_terms,
                                       MatchReport& report) {
  if (job.keywords.empty()) return std::nullopt;
  std::vector<std::string> keys;
  for (const auto& k : job.keywords) keys.push_back(matching::term_key(k.term));
  const auto counts = matching::count_keys(resume_terms, keys);
  double total = 0;
  double covered = 0;
  int used = 0;
  for (std::size_t i = 0; i < job.keywords.size(); ++i) {
    const auto& k = job.keywords[i];
    report.keywords.push_back(
        {.term = k.term, .in_resume = counts[i], .in_job = k.count, .weight = k.weight});
    total += k.weight;
    covered += k.weight * (1 - std::pow(kKeywordSaturation, counts[i]));
    used += counts[i] > 0 ? 1 : 0;
  }
  const double share = covered / total;
  return part("keywords", share / kKeywordFullMarks,
              fmt::format("Uses {} of the job's {} keywords ({:.0f}% of their weight).", used,
                          job.keywords.size(), 100 * share));
}

std::optional<ScorePart> title_part(const JobRequirements& job, const Resume& resume) {
  if (job.title.empty()) return std::nullopt;
  const auto fit = matching::title_fit(job.title, job.seniority, resume);
  if (fit.resume_title.empty())
    return part("title", 0,
                fmt::format("The résumé states no title to compare with \"{}\".", job.title));
  return part("title", fit.score,
              fmt::format("\"{}\" against \"{}\".", fit.resume_title, job.title));
}

std::optional<ScorePart> experience_part(const JobRequirements& job, double years) {
  if (!job.min_years || *job.min_years <= 0) return std::nullopt;
  return part(
      "experience", years / *job.min_years,
      fmt::format("{:.1f} years of experience; the job asks {:g}+.", years, *job.min_years));
}

std::optional<ScorePart> education_part(const JobRequirements& job, matching::Degree have) {
  const auto asked = [&] {
    for (const auto d :
         {matching::Degree::high_school, matching::Degree::associate, matching::Degree::bachelor,
          matching::Degree::master, matching::Degree::doctorate})
      if (matching::to_string(d) == job.education) return d;
    return matching::Degree::none;
  }();
  if (asked == matching::Degree::none) return std::nullopt;
  const int gap = std::max(0, static_cast<int>(asked) - static_cast<int>(have));
  const double score = job.education_required ? 1 - 0.5 * gap : std::max(0.5, 1 - 0.25 * gap);
  return part("education", score,
              fmt::format("The job {} {}; the résumé shows {}.",
                          job.education_required ? "requires" : "prefers",
                          matching::describe(asked), matching::describe(have)));
}

matching::Degree highest_degree(const Resume& resume) {
  matching::Degree best = matching::Degree::none;
  for (const auto& e : resume.education) {
    auto d = matching::degree_of(e.studyType);
    if (d == matching::Degree::none) d = matching::degree_of(e.area);
    best = std::max(best, d);
  }
  return best;
}

}  // namespace

MatchReport match(const Document& document, const ParsedResume& resume, const JobRequirements& job,
                  const skills::Lexicon& lexicon, std::chrono::year_month today) {
  MatchReport report;
  const auto view = matching::view_resume(document, resume);
  auto skills = matching::cover_skills(job, view, lexicon);
  report.matched = std::move(skills.matched);
  report.missing = std::move(skills.missing);
  report.resume_years =
      std::round(matching::years_of_experience(resume.resume.work, today) * 10) / 10;
  const auto degree = highest_degree(resume.resume);
  report.resume_education = std::string(matching::to_string(degree));

  std::vector<std::optional<ScorePart>> parts = {
      skills_part("required_skills", skills.required, "required"),
      skills_part("preferred_skills", skills.preferred, "preferred"),
      keywords_part(job, matching::terms_of(view.text), report),
      title_part(job, resume.resume),
      experience_part(job, report.resume_years),
      education_part(job, degree)};
  double weights = 0;
  for (const auto& p : parts)
    if (p) weights += p->weight;
  double total = 0;
  for (auto& p : parts) {
    if (!p) continue;
    p->weight /= weights;
    total += p->weight * p->score;
    report.breakdown.push_back(std::move(*p));
  }
  report.score = static_cast<int>(std::lround(100 * total));
  return report;
}

MatchReport match(const Document& document, const ParsedResume& resume, const JobRequirements& job,
                  const skills::Lexicon& lexicon) {
  return match(document, resume, job, lexicon, matching::current_month());
}

}  // namespace tailor::analyze
