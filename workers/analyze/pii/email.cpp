// E-mail addresses: local@domain.tld, and the common spelled-out forms
// ("jane at example dot com", "jane[at]example[dot]com").
#include <optional>

#include "workers/analyze/pii/detector.hpp"
#include "workers/analyze/pii/scan.hpp"

namespace tailor::analyze::pii::detail {

namespace {

constexpr std::size_t kMaxTld = 24;

bool local_byte(char c) {
  return is_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-' || c == '\'';
}
bool domain_byte(char c) {
  return is_alnum(c) || c == '.' || c == '-';
}

// The length of a valid domain ("mail.example.com") at the start of `s`, 0 if none.
std::size_t domain_length(std::string_view s) {
  std::size_t end = 0;
  while (end < s.size() && domain_byte(s[end])) ++end;
  while (end > 0 && (s[end - 1] == '.' || s[end - 1] == '-')) --end;  // sentence punctuation
  const auto domain = s.substr(0, end);
  const auto last_dot = domain.rfind('.');
  if (last_dot == std::string_view::npos || last_dot == 0) return 0;
  const auto tld = domain.substr(last_dot + 1);
  if (tld.size() < 2 || tld.size() > kMaxTld) return 0;
  for (const char c : tld)
    if (!is_alpha(c)) return 0;
  // Every label is non-empty and neither starts nor ends with "-".
  std::size_t label = 0;
  for (std::size_t i = 0; i <= domain.size(); ++i) {
    if (i < domain.size() && domain[i] != '.') continue;
    if (i == label || domain[label] == '-' || domain[i - 1] == '-') return 0;
    label = i + 1;
  }
  return end;
}

void plain_addresses(const Context& ctx, std::vector<Finding>& out) {
  const auto s = ctx.text;
  for (auto at = s.find('@'); at != std::string_view::npos; at = s.find('@', at + 1)) {
    std::size_t start = at;
    while (start > 0 && local_byte(s[start - 1])) --start;
    while (start < at && (s[start] == '.' || s[start] == '\'')) ++start;
    if (start == at || s[at - 1] == '.') continue;
    const auto domain = domain_length(s.substr(at + 1));
    if (domain == 0) continue;
    const auto length = at + 1 + domain - start;
    out.push_back({Kind::email, start, length, text::lower_ascii(s.substr(start, length))});
  }
}

// Spelled-out "at" and "dot": the bracketed forms, or the bare words when "dot" is spelled too.
struct Spelled {
  std::size_t length{};  // bytes of the token, spaces around it included
  bool bare{};           // " at " / " dot " rather than "[at]" / "(dot)"
};
std::optional<Spelled> spelled_at(std::string_view s, std::size_t i, std::string_view word) {
  for (const auto& [open, close] :
       {std::pair{'[', ']'}, std::pair{'(', ')'}, std::pair{'{', '}'}}) {
    std::size_t j = i;
    while (j < s.size() && s[j] == ' ') ++j;
    if (j >= s.size() || s[j] != open) continue;
    ++j;
    while (j < s.size() && s[j] == ' ') ++j;
    if (!text::starts_with_ci(s.substr(j), word)) continue;
    j += word.size();
    while (j < s.size() && s[j] == ' ') ++j;
    if (j >= s.size() || s[j] != close) continue;
    ++j;
    while (j < s.size() && s[j] == ' ') ++j;
    return Spelled{j - i, false};
  }
  if (i < s.size() && s[i] == ' ' && text::starts_with_ci(s.substr(i + 1), word) &&
      i + 1 + word.size() < s.size() && s[i + 1 + word.size()] == ' ')
    return Spelled{word.size() + 2, true};
  return std::nullopt;
}

void spelled_addresses(const Context& ctx, std::vector<Finding>& out) {
  const auto s = ctx.text;
  const auto& words = ctx.words;
  for (std::size_t w = 0; w + 1 < words.size(); ++w) {
    const auto local = words[w];
    std::size_t start = local.offset;
    while (start > 0 && local_byte(s[start - 1]) && s[start - 1] != '\'') --start;
    const auto at = spelled_at(s, local.offset + local.text.size(), "at");
    if (!at) continue;
    std::string key(s.substr(start, local.offset + local.text.size() - start));
    key += '@';
    std::size_t i = local.offset + local.text.size() + at->length;
    bool any_spelled_dot = false;
    std::size_t labels = 0;
    std::size_t end = i;
    std::string last_label;
    while (i < s.size()) {
      std::size_t j = i;
      while (j < s.size() && (is_alnum(s[j]) || s[j] == '-')) ++j;
      if (j == i) break;
      last_label = s.substr(i, j - i);
      key += text::lower_ascii(last_label);
      ++labels;
      end = j;
      if (j < s.size() && s[j] == '.' && j + 1 < s.size() && is_alnum(s[j + 1])) {
        key += '.';
        i = j + 1;
        continue;
      }
      const auto dot = spelled_at(s, j, "dot");
      if (!dot) break;
      any_spelled_dot = true;
      key += '.';
      i = j + dot->length;
    }
    if (labels < 2 || (at->bare && !any_spelled_dot)) continue;
    if (last_label.size() < 2 || last_label.size() > kMaxTld) continue;
    bool alpha = true;
    for (const char c : last_label) alpha = alpha && is_alpha(c);
    if (!alpha) continue;
    out.push_back({Kind::email, start, end - start, text::lower_ascii(key)});
  }
}

}  // namespace

void find_emails(const Context& ctx, std::vector<Finding>& out) {
  plain_addresses(ctx, out);
  spelled_addresses(ctx, out);
}

}  // namespace tailor::analyze::pii::detail
