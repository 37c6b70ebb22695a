// Lexicon mentions in a job description, grouped into "X or Y" choices and split by the need of
// the clauses they sit in.
#include "workers/analyze/match/job_skills.hpp"

#include <algorithm>
#include <string>

#include "workers/analyze/match/phrases.hpp"

namespace tailor::analyze::matching {
namespace {

enum class Link { none, choice, list };

// How two neighbouring mentions are joined: "X or Y", "X/Y", "X, or Y" (choice), "X, Y" (list).
Link link_between(std::string_view between) {
  std::string sep;
  for (const char c : fold(between))
    if (c != ' ' && c != '\n' && c != '\t' && c != '(' && c != ')') sep.push_back(c);
  if (sep == "or" || sep == ",or" || sep == "/" || sep == "or/and" || sep == "and/or")
    return Link::choice;
  if (sep == ",") return Link::list;
  return Link::none;
}

struct Found {
  std::size_t skill{};
  int mentions{};
  bool required{};   // a mention in a required clause
  bool preferred{};  // a mention in a preferred clause
  bool alone{};      // a mention outside any "X or Y" choice
  std::vector<std::size_t> alternatives;
};

}  // namespace

void split_skills(std::string_view description, const JobOutline& outline,
                  const skills::Lexicon& lexicon, JobRequirements& job) {
  const auto mentions = lexicon.find_in(description);
  std::vector<const Clause*> clauses;
  clauses.reserve(mentions.size());
  for (const auto& m : mentions) clauses.push_back(clause_at(outline, m.offset));

  std::vector<Found> found;  // in order of first mention
  const auto entry = [&](std::size_t skill) -> Found& {
    const auto it =
        std::find_if(found.begin(), found.end(), [&](const Found& f) { return f.skill == skill; });
    if (it != found.end()) return *it;
    return found.emplace_back(Found{.skill = skill,
                                    .mentions = 0,
                                    .required = false,
                                    .preferred = false,
                                    .alone = false,
                                    .alternatives = {}});
  };

  // Runs of mentions joined by "or", "/" or commas within one clause. A run with an "or" is a
  // choice between its skills: "A, B, or C" is one choice; in "A or B, C" the list after the
  // choice is not part of it.
  struct Run {
    std::size_t begin{};
    std::size_t end{};
    bool choice{};
  };
  std::vector<Run> runs;
  for (std::size_t i = 0; i < mentions.size(); ++i) {
    Link link = Link::none;
    const auto previous_end = i > 0 ? mentions[i - 1].offset + mentions[i - 1].length : 0;
    if (i > 0 && clauses[i] == clauses[i - 1] && mentions[i].offset >= previous_end)
      link = link_between(description.substr(previous_end, mentions[i].offset - previous_end));
    const bool continues =
        !runs.empty() && (link == Link::choice || (link == Link::list && !runs.back().choice));
    if (!continues) runs.push_back({i, i, false});
    runs.back().end = i + 1;
    runs.back().choice = runs.back().choice || link == Link::choice;
  }

  for (const auto& run : runs) {
    std::vector<std::size_t> members;
    for (std::size_t k = run.begin; k < run.end; ++k)
      if (std::find(members.begin(), members.end(), mentions[k].skill) == members.end())
        members.push_back(mentions[k].skill);
    const bool choice = run.choice && members.size() > 1;
    for (std::size_t k = run.begin; k < run.end; ++k) {
      auto& f = entry(mentions[k].skill);
      ++f.mentions;
      const auto need = clauses[k] != nullptr ? clauses[k]->need : Need::neutral;
      f.required = f.required || need == Need::required;
      f.preferred = f.preferred || need == Need::preferred;
      f.alone = f.alone || !choice;
      if (!choice) continue;
      for (const auto other : members)
        if (other != f.skill &&
            std::find(f.alternatives.begin(), f.alternatives.end(), other) == f.alternatives.end())
          f.alternatives.push_back(other);
    }
  }

  // Whether the description marks some skills as required and some as preferred.
  const bool marks_required =
      std::any_of(found.begin(), found.end(), [](const Found& f) { return f.required; });
  const bool marks_preferred =
      std::any_of(found.begin(), found.end(), [](const Found& f) { return f.preferred; });
  const bool unmarked_is_preferred = marks_required && marks_preferred;
  for (const auto& f : found) {
    const auto& skill = lexicon.skills()[f.skill];
    JobSkill s{
        .name = skill.name, .category = skill.category, .mentions = f.mentions, .alternatives = {}};
    if (!f.alone)
      for (const auto a : f.alternatives) s.alternatives.push_back(lexicon.skills()[a].name);
    const bool required = f.required || (!f.preferred && !unmarked_is_preferred);
    (required ? job.required : job.preferred).push_back(std::move(s));
  }
}

}  // namespace tailor::analyze::matching
