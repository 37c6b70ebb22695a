// Title words reduced to canonical forms and compared, role noun first.
#include "workers/analyze/match/title_match.hpp"

#include <algorithm>
#include <vector>

#include "workers/analyze/match/experience.hpp"
#include "workers/analyze/match/job_header.hpp"
#include "workers/analyze/match/seniority.hpp"
#include "workers/analyze/text/text.hpp"

namespace tailor::analyze::matching {
namespace {

// Words of titles that mean the same, each to its canonical form (which may be two words).
struct Synonym {
  std::string_view word;
  std::string_view canonical;
};
constexpr Synonym kSynonyms[] = {
    {"developer", "engineer"},
    {"developers", "engineer"},
    {"dev", "engineer"},
    {"programmer", "engineer"},
    {"coder", "engineer"},
    {"engineering", "engineer"},
    {"engineers", "engineer"},
    {"swe", "software engineer"},
    {"sde", "software engineer"},
    {"backend", "backend"},
    {"frontend", "frontend"},
    {"fullstack", "fullstack"},
    {"ui", "frontend"},
    {"ai", "ml"},
    {"mgr", "manager"},
    {"management", "manager"},
    {"pm", "product manager"},
    {"ios", "mobile"},
    {"android", "mobile"},
    {"infra", "infrastructure"},
    {"tester", "qa"},
    {"test", "qa"},
    {"sdet", "qa"},
    {"quality", "qa"},
};
// Two words that mean one: "back end", "machine learning".
struct Pair {
  std::string_view first;
  std::string_view second;
  std::string_view canonical;
};
constexpr Pair kPairs[] = {{"back", "end", "backend"},     {"front", "end", "frontend"},
                           {"full", "stack", "fullstack"}, {"machine", "learning", "ml"},
                           {"site", "reliability", "sre"}, {"server", "side", "backend"}};
// Words that only join others.
constexpr std::string_view kFillers[] = {"of", "and", "the", "for",  "to", "a",
                                         "an", "in",  "at",  "with", "on"};
// Related words earn half credit.
constexpr std::pair<std::string_view, std::string_view> kRelated[] = {
    {"software", "backend"},      {"software", "frontend"},
    {"software", "fullstack"},    {"software", "mobile"},
    {"software", "platform"},     {"backend", "fullstack"},
    {"frontend", "fullstack"},    {"frontend", "web"},
    {"backend", "platform"},      {"platform", "infrastructure"},
    {"infrastructure", "devops"}, {"devops", "sre"},
    {"sre", "platform"},          {"data", "ml"},
    {"data", "analytics"},        {"engineer", "architect"},
    {"scientist", "analyst"},     {"manager", "owner"},
    {"manager", "lead"},          {"scientist", "engineer"}};

constexpr double kOlderPosition = 0.85;

bool related(std::string_view a, std::string_view b) {
  return std::any_of(std::begin(kRelated), std::end(kRelated), [&](const auto& r) {
    return (r.first == a && r.second == b) || (r.first == b && r.second == a);
  });
}

// The title's canonical words, without seniority and filler words.
std::vector<std::string> canonical_words(std::string_view title) {
  std::vector<std::string> raw;
  for (const auto& w : text::words(title)) raw.push_back(text::lower_ascii(w.text));
  std::vector<std::string> out;
  const auto add = [&](std::string_view canonical) {
    std::size_t start = 0;
    while (start <= canonical.size()) {
      const auto space = std::min(canonical.find(' ', start), canonical.size());
      std::string w(canonical.substr(start, space - start));
      if (std::find(out.begin(), out.end(), w) == out.end()) out.push_back(std::move(w));
      start = space + 1;
    }
  };
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const auto& w = raw[i];
    if (i + 1 < raw.size()) {
      const auto pair = std::find_if(std::begin(kPairs), std::end(kPairs), [&](const Pair& p) {
        return p.first == w && p.second == raw[i + 1];
      });
      if (pair != std::end(kPairs)) {
        add(pair->canonical);
        ++i;
        continue;
      }
    }
    if (is_seniority_word(w) ||
        std::find(std::begin(kFillers), std::end(kFillers), w) != std::end(kFillers))
      continue;
    const auto syn = std::find_if(std::begin(kSynonyms), std::end(kSynonyms),
                                  [&](const Synonym& s) { return s.word == w; });
    add(syn != std::end(kSynonyms) ? syn->canonical : std::string_view(w));
  }
  return out;
}

// The role noun a title ends on ("manager" in "product manager"), else its last word.
std::string_view head_of(const std::vector<std::string>& words) {
  for (auto it = words.rbegin(); it != words.rend(); ++it)
    if (is_role_noun(*it)) return *it;
  return words.empty() ? std::string_view{} : std::string_view(words.back());
}

double credit(std::string_view word, const std::vector<std::string>& in) {
  if (std::find(in.begin(), in.end(), word) != in.end()) return 1;
  return std::any_of(in.begin(), in.end(), [&](const std::string& w) { return related(word, w); })
             ? 0.5
             : 0;
}

double similarity(const std::vector<std::string>& job, const std::vector<std::string>& candidate) {
  if (job.empty() || candidate.empty()) return 0;
  const auto head = head_of(job);
  const double head_score = credit(head, candidate);
  double modifiers = 0;
  int count = 0;
  for (const auto& w : job) {
    if (w == head) continue;
    modifiers += credit(w, candidate);
    ++count;
  }
  return 0.5 * head_score + 0.5 * (count == 0 ? head_score : modifiers / count);
}

// 1 when the résumé title is at least as senior as the job, 0.9 one level under, else 0.8.
double seniority_factor(std::string_view job_seniority, std::string_view candidate_title) {
  const int job = seniority_rank(job_seniority);
  if (job < 0) return 1;
  int candidate = seniority_rank(seniority_of_title(candidate_title));
  if (candidate < 0) candidate = seniority_rank("mid");
  const int gap = job - candidate;
  return gap <= 0 ? 1.0 : gap == 1 ? 0.9 : 0.8;
}

}  // namespace

TitleFit title_fit(std::string_view job_title, std::string_view job_seniority,
                   const Resume& resume) {
  const auto job = canonical_words(job_title);
  TitleFit best;
  const auto consider = [&](std::string_view title, double weight) {
    if (text::trim(title).empty()) return;
    const double score =
        weight * similarity(job, canonical_words(title)) * seniority_factor(job_seniority, title);
    if (best.resume_title.empty() || score > best.score)
      best = {score, std::string(text::trim(title))};
  };
  consider(resume.basics.label, 1.0);
  // The latest position: the one that started last (the first listed when no dates are read).
  std::size_t latest = 0;
  for (std::size_t i = 1; i < resume.work.size(); ++i)
    if (parse_month(resume.work[i].startDate).value_or(0) >
        parse_month(resume.work[latest].startDate).value_or(0))
      latest = i;
  for (std::size_t i = 0; i < resume.work.size(); ++i)
    consider(resume.work[i].position, i == latest ? 1.0 : kOlderPosition);
  return best;
}

}  // namespace tailor::analyze::matching
