#include "workers/analyze/resume/vocabulary.hpp"

#include <cctype>
#include <stdexcept>

#include "workers/analyze/text/text.hpp"

namespace tailor::analyze::resume_parse {

std::string_view vocabulary_text();  // embedded vocabulary.txt

namespace {

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      parts.push_back(text::trim(s.substr(start, i - start)));
      start = i + 1;
    }
  }
  return parts;
}

// "kind: a|b|c" → (kind, [a, b, c]).
std::pair<std::string_view, std::vector<std::string_view>> kind_list(std::string_view line) {
  const auto colon = line.find(':');
  if (colon == std::string_view::npos)
    throw std::logic_error("vocabulary.txt: no kind in a heading line");
  return {text::trim(line.substr(0, colon)), split(line.substr(colon + 1), '|')};
}

Vocabulary parse(std::string_view data) {
  Vocabulary v;
  std::string_view list;
  for (auto raw : text::split_lines(data)) {
    const auto line = text::trim(raw);
    if (line.empty() || line.front() == '#') continue;
    if (line.front() == '[') {
      list = line.substr(1, line.size() - 2);
      continue;
    }
    if (list == "title") {
      v.title_words.emplace(line);
    } else if (list == "company") {
      v.company_words.emplace(line);
    } else if (list == "institution") {
      v.institution_words.emplace(line);
    } else if (list == "degree") {
      v.degree_openings.emplace(line);
    } else if (list == "verb") {
      v.verbs.emplace(line);
    } else if (list == "not_name") {
      v.not_name.emplace(line);
    } else if (list == "region") {
      Region r{std::string(line.substr(0, 2)), std::string(line.substr(3, 2)),
               std::string(text::trim(line.substr(5)))};
      v.regions.emplace(text::lower_ascii(r.code), r);
      v.regions.emplace(text::lower_ascii(r.name), r);
    } else if (list == "country") {
      const std::string code(line.substr(0, 2));
      for (auto name : split(line.substr(2), '|'))
        v.countries.emplace(text::lower_ascii(name), code);
    } else if (list == "heading") {
      auto [kind, names] = kind_list(line);
      for (auto name : names) v.headings.emplace(heading_key(name), std::string(kind));
    } else if (list == "entry_label") {
      auto [kind, names] = kind_list(line);
      for (auto name : names) v.entry_labels.emplace(heading_key(name), std::string(kind));
    } else if (list == "heading_word") {
      auto [kind, names] = kind_list(line);
      for (auto name : names) v.heading_words.emplace(name, std::string(kind));
    }
  }
  return v;
}

}  // namespace

const Vocabulary& Vocabulary::get() {
  static const Vocabulary vocabulary = parse(vocabulary_text());
  return vocabulary;
}

std::string heading_key(std::string_view line) {
  std::string key;
  bool space = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const auto c = static_cast<unsigned char>(line[i]);
    if (std::isalnum(c) != 0 || c >= 0x80) {
      if (space && !key.empty()) key += ' ';
      space = false;
      key += static_cast<char>(c < 0x80 ? std::tolower(c) : c);
    } else if (c == '&') {
      if (!key.empty()) key += ' ';
      key += "and";
      space = true;
    } else if (c == '\'') {
      continue;  // "Master's" keeps one word
    } else {
      space = true;
    }
  }
  return key;
}

}  // namespace tailor::analyze::resume_parse
