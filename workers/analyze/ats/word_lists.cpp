// Parses the embedded word lists: '#' lines are comments, fields are tab-separated.
#include "workers/analyze/ats/word_lists.hpp"

#include <algorithm>

#include "workers/analyze/text/text.hpp"

namespace tailor::analyze::ats {
namespace {

template <class Fn>
void for_each_entry(std::string_view file, Fn&& fn) {
  for (const auto raw : text::split_lines(file)) {
    const auto line = text::trim(raw);
    if (line.empty() || line.front() == '#') continue;
    fn(line);
  }
}

WordLists build() {
  WordLists lists;
  for_each_entry(action_verbs_tsv(), [&](std::string_view line) {
    std::size_t start = 0;
    while (start <= line.size()) {
      const auto tab = std::min(line.find('\t', start), line.size());
      const auto form = text::trim(line.substr(start, tab - start));
      if (!form.empty()) lists.action_verbs.insert(text::lower_ascii(form));
      start = tab + 1;
    }
  });
  for_each_entry(weak_openers_txt(), [&](std::string_view line) {
    lists.weak_openers.push_back(text::lower_ascii(line));
  });
  std::stable_sort(lists.weak_openers.begin(), lists.weak_openers.end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  return lists;
}

}  // namespace

const WordLists& word_lists() {
  static const WordLists lists = build();
  return lists;
}

}  // namespace tailor::analyze::ats
