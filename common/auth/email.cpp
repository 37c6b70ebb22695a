#include "common/auth/email.hpp"

namespace tailor::auth {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}
bool is_alpha(char c) {
  return c >= 'a' && c <= 'z';
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

bool is_local_char(char c) {
  if (is_alpha(c) || is_digit(c)) return true;
  constexpr std::string_view kSpecials = "!#$%&'*+/=?^_`{|}~.-";
  return kSpecials.find(c) != std::string_view::npos;
}

bool valid_local(std::string_view local) {
  if (local.empty() || local.size() > 64) return false;
  if (local.front() == '.' || local.back() == '.') return false;
  char prev = '\0';
  for (char c : local) {
    if (!is_local_char(c)) return false;
    if (c == '.' && prev == '.') return false;
    prev = c;
  }
  return true;
}

bool valid_label(std::string_view label) {
  if (label.empty() || label.size() > 63) return false;
  if (label.front() == '-' || label.back() == '-') return false;
  for (char c : label) {
    if (!is_alpha(c) && !is_digit(c) && c != '-') return false;
  }
  return true;
}

bool valid_domain(std::string_view domain) {
  std::size_t labels = 0;
  std::string_view last;
  while (true) {
    std::size_t dot = domain.find('.');
    std::string_view label = domain.substr(0, dot);
    if (!valid_label(label)) return false;
    ++labels;
    last = label;
    if (dot == std::string_view::npos) break;
    domain.remove_prefix(dot + 1);
  }
  if (labels < 2 || last.size() < 2) return false;
  for (char c : last) {
    if (!is_alpha(c)) return false;
  }
  return true;
}

}  // namespace

Result<std::string> normalize_email(std::string_view input) {
  while (!input.empty() && is_space(input.front())) input.remove_prefix(1);
  while (!input.empty() && is_space(input.back())) input.remove_suffix(1);

  std::string email(input);
  for (char& c : email) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  auto invalid = [] { return fail(Errc::invalid_argument, "the e-mail address is not valid"); };
  if (email.empty() || email.size() > kMaxEmailLength) return invalid();
  std::size_t at = email.find('@');
  if (at == std::string::npos || email.find('@', at + 1) != std::string::npos) return invalid();
  std::string_view view(email);
  if (!valid_local(view.substr(0, at)) || !valid_domain(view.substr(at + 1))) return invalid();
  return email;
}

}  // namespace tailor::auth
