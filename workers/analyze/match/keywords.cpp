// TF-IDF keywords of a description and their counts in another text.
#include "workers/analyze/match/keywords.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace tailor::analyze::matching {

std::vector<Keyword> job_keywords(const std::vector<Term>& description,
                                  const std::vector<std::string>& exclude) {
  struct Entry {
    std::size_t first{};  // index of the first use, for a stable order among equals
    int count{};
    std::unordered_map<std::string_view, int> forms;
    std::string_view shown;
  };
  std::unordered_map<std::string_view, Entry> entries;
  for (std::size_t i = 0; i < description.size(); ++i) {
    const auto& t = description[i];
    if (t.stop || std::find(exclude.begin(), exclude.end(), t.key) != exclude.end()) continue;
    auto [it, fresh] = entries.try_emplace(t.key);
    auto& e = it->second;
    if (fresh) e.first = i;
    ++e.count;
    const int uses = ++e.forms[t.surface];
    if (e.shown.empty() || uses > e.forms[e.shown]) e.shown = t.surface;
  }
  struct Scored {
    const Entry* entry{};
    double weight{};
  };
  std::vector<Scored> scored;
  for (const auto& [key, e] : entries) {
    const double w = (1 + std::log(e.count)) * idf(key);
    if (w >= kMinKeywordWeight) scored.push_back({&e, w});
  }
  std::sort(scored.begin(), scored.end(), [](const Scored& a, const Scored& b) {
    return a.weight != b.weight ? a.weight > b.weight : a.entry->first < b.entry->first;
  });
  if (scored.size() > kMaxKeywords) scored.resize(kMaxKeywords);
  std::vector<Keyword> out;
  out.reserve(scored.size());
  for (const auto& s : scored)
    out.push_back({std::string(s.entry->shown), s.weight, s.entry->count});
  return out;
}

std::vector<int> count_keys(const std::vector<Term>& terms, const std::vector<std::string>& keys) {
  // The text as one run of key parts: "on-call" gives "on", "call".
  std::vector<std::string_view> run;
  run.reserve(terms.size());
  for (const auto& t : terms)
    for (const auto part : key_parts(t.key)) run.push_back(part);

  std::unordered_multimap<std::string_view, std::size_t> by_first;  // first part → key index
  std::vector<std::vector<std::string_view>> parts_of_key;
  for (std::size_t k = 0; k < keys.size(); ++k) {
    parts_of_key.push_back(key_parts(keys[k]));
    if (!parts_of_key.back().empty()) by_first.emplace(parts_of_key.back().front(), k);
  }
  std::vector<int> counts(keys.size(), 0);
  for (std::size_t p = 0; p < run.size(); ++p) {
    const auto [lo, hi] = by_first.equal_range(run[p]);
    for (auto it = lo; it != hi; ++it) {
      const auto& parts = parts_of_key[it->second];
      if (p + parts.size() > run.size()) continue;
      if (std::equal(parts.begin(), parts.end(), run.begin() + static_cast<std::ptrdiff_t>(p)))
        ++counts[it->second];
    }
  }
  return counts;
}

}  // namespace tailor::analyze::matching
