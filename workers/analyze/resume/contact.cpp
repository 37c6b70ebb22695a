#include "workers/analyze/resume/contact.hpp"

#include <phonenumbers/phonenumberutil.h>

#include <algorithm>

#include "workers/analyze/resume/fields.hpp"
#include "workers/analyze/resume/name.hpp"
#include "workers/analyze/text/text.hpp"

namespace tailor::analyze::resume_parse {

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Whitespace- and separator-delimited tokens (for e-mail addresses and URLs).
std::vector<std::string_view> tokens(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  auto is_sep = [](char c) {
    return c == ' ' || c == '\t' || c == '|' || c == ',' || c == ';' || c == '<' || c == '>' ||
           c == '(' || c == ')';
  };
  for (std::size_t i = 0; i <= line.size(); ++i) {
    if (i < line.size() && !is_sep(line[i])) continue;
    if (i > start) out.push_back(line.substr(start, i - start));
    start = i + 1;
  }
  return out;
}

std::string_view strip_edges(std::string_view t) {
  while (!t.empty() && (t.back() == '.' || t.back() == ':' || t.back() == '/')) t.remove_suffix(1);
  return t;
}

std::string find_email(std::string_view line) {
  for (auto token : tokens(line)) {
    token = strip_edges(token);
    if (text::starts_with_ci(token, "mailto:")) token.remove_prefix(7);
    const auto at = token.find('@');
    if (at == std::string_view::npos || at == 0) continue;
    // "Email:jane@x.com" and "E-mail-jane@x.com": the address starts after the label.
    std::size_t begin = at;
    while (begin > 0 &&
           (std::isalnum(static_cast<unsigned char>(token[begin - 1])) != 0 ||
            token[begin - 1] == '.' || token[begin - 1] == '_' || token[begin - 1] == '-' ||
            token[begin - 1] == '+' || token[begin - 1] == '%'))
      --begin;
    if (begin == at) continue;
    auto address = token.substr(begin);
    const auto domain = address.substr(address.find('@') + 1);
    const auto dot = domain.rfind('.');
    if (dot == std::string_view::npos || dot == 0 || domain.size() - dot < 3) continue;
    bool ok = true;
    for (char c : domain)
      ok = ok && (std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '-');
    if (ok) return std::string(address);
  }
  return "";
}

struct Network {
  std::string_view domain;
  std::string_view name;
};
constexpr Network kNetworks[] = {{"linkedin.com", "LinkedIn"},
                                 {"github.com", "GitHub"},
                                 {"gitlab.com", "GitLab"},
                                 {"twitter.com", "Twitter"},
                                 {"x.com", "X"},
                                 {"stackoverflow.com", "Stack Overflow"},
                                 {"medium.com", "Medium"},
                                 {"behance.net", "Behance"},
                                 {"dribbble.com", "Dribbble"},
                                 {"kaggle.com", "Kaggle"},
                                 {"leetcode.com", "LeetCode"},
                                 {"bitbucket.org", "Bitbucket"},
                                 {"indeed.com", "Indeed"}};

// The domain and path of a URL-looking token, "" when it is not one.
std::string_view url_body(std::string_view token) {
  auto t = token;
  for (std::string_view scheme : {"https://", "http://"}) {
    if (text::starts_with_ci(t, scheme)) t.remove_prefix(scheme.size());
  }
  if (text::starts_with_ci(t, "www.")) t.remove_prefix(4);
  if (t.find('@') != std::string_view::npos) return {};
  return t;
}

bool is_personal_site(std::string_view token) {
  if (token.find('@') != std::string_view::npos) return false;
  if (text::starts_with_ci(token, "http") || text::starts_with_ci(token, "www.")) return true;
  const auto slash = token.find('/');
  const auto host = token.substr(0, slash);
  const auto dot = host.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return false;
  for (char c : host) {
    if (std::isupper(static_cast<unsigned char>(c)) != 0) return false;
  }
  const auto tld = host.substr(dot + 1);
  for (std::string_view known : {"com", "io", "dev", "me", "net", "org", "ai", "co", "app", "site",
                                 "xyz", "info", "page", "tech"}) {
    if (tld == known) return true;
  }
  return false;
}

void read_urls(std::string_view line, bool contact, Basics& basics) {
  for (auto token : tokens(line)) {
    token = strip_edges(token);
    const auto body = url_body(token);
    if (body.empty()) continue;
    const auto lower = text::lower_ascii(body);
    bool network = false;
    for (const auto& n : kNetworks) {
      if (!lower.starts_with(n.domain) ||
          (lower.size() > n.domain.size() && lower[n.domain.size()] != '/'))
        continue;
      network = true;
      if (std::any_of(basics.profiles.begin(), basics.profiles.end(),
                      [&](const Profile& p) { return p.network == n.name; }))
        break;
      std::string_view path = body.substr(std::min(body.size(), n.domain.size() + 1));
      for (std::string_view prefix : {"in/", "u/", "pub/", "users/", "r/"}) {
        if (text::starts_with_ci(path, prefix)) path.remove_prefix(prefix.size());
      }
      const auto username = path.substr(0, path.find('/'));
      std::string url(token);
      if (!text::starts_with_ci(url, "http")) url = "https://" + url;
      basics.profiles.push_back(Profile{std::string(n.name), std::string(username), url});
      break;
    }
    if (!network && contact && basics.url.empty() && is_personal_site(token)) {
      basics.url = text::starts_with_ci(token, "http") ? std::string(token)
                                                       : "https://" + std::string(token);
    }
  }
}

// The line's first field when the headline shares its line with other things ("Engineer | …").
std::string first_field(std::string_view line) {
  const auto fields = split_fields(line);
  return fields.empty() ? std::string() : fields.front();
}

}  // namespace

std::string find_phone(std::string_view line) {
  static const auto& util = *i18n::phonenumbers::PhoneNumberUtil::GetInstance();
  std::size_t i = 0;
  while (i < line.size()) {
    const char c = line[i];
    if (!(is_digit(c) || c == '+' || c == '(') ||
        (i > 0 && std::isalnum(static_cast<unsigned char>(line[i - 1])) != 0)) {
      ++i;
      continue;
    }
    std::size_t j = i;
    int digits = 0;
    std::string plain;  // for the parser: dashes of every kind as "-"
    while (j < line.size()) {
      const char d = line[j];
      if (is_digit(d)) {
        ++digits;
        plain += d;
      } else if (d == ' ' || d == '-' || d == '.' || d == '(' || d == ')' || d == '+') {
        plain += d;
      } else if (line.substr(j).starts_with("\u2013") || line.substr(j).starts_with("\u2011")) {
        plain += '-';
        j += 2;
      } else {
        break;
      }
      ++j;
    }
    std::size_t end = j;
    while (end > i && !is_digit(line[end - 1])) --end;
    if (digits >= 10 && digits <= 15) {
      i18n::phonenumbers::PhoneNumber number;
      if (util.Parse(plain, "US", &number) ==
              i18n::phonenumbers::PhoneNumberUtil::NO_PARSING_ERROR &&
          util.IsPossibleNumber(number)) {
        return std::string(line.substr(i, end - i));
      }
    }
    i = j > i ? j : i + 1;
  }
  return "";
}

void read_basics(const Lines& lines, const std::vector<SectionSpan>& sections, ParsedResume& out) {
  auto& basics = out.resume.basics;
  const int n = static_cast<int>(lines.lines.size());
  if (n == 0) return;
  int contact_last = std::min(n - 1, 7);
  if (!sections.empty() && sections.front().section.kind == "contact")
    contact_last = std::max(sections.front().section.last_line, 0);
  auto [name_line, name] = find_name(lines, contact_last);
  basics.name = std::move(name);
  // The headline: a short line with a job title just under the name, or beside it.
  if (name_line >= 0) {
    const auto fields = split_fields(lines.lines[static_cast<std::size_t>(name_line)].text);
    for (std::size_t f = 1; f < fields.size() && basics.label.empty(); ++f) {
      if (title_score(fields[f]) > 0 && !is_prose(fields[f])) basics.label = fields[f];
    }
    for (int i = name_line + 1; i <= std::min(contact_last, name_line + 3) && basics.label.empty();
         ++i) {
      const auto& t = lines.lines[static_cast<std::size_t>(i)].text;
      if (t.find('@') != std::string::npos || !find_phone(t).empty()) break;
      const auto field = first_field(t);
      if (title_score(field) > 0 && text::words(field).size() <= 8 && !is_prose(field))
        basics.label = field;
    }
  }
  // Contact lines first, then the rest of the text.
  for (int pass = 0; pass < 2; ++pass) {
    const int from = pass == 0 ? 0 : contact_last + 1;
    const int to = pass == 0 ? contact_last : n - 1;
    for (int i = from; i <= to; ++i) {
      const auto& t = lines.lines[static_cast<std::size_t>(i)].text;
      if (basics.email.empty()) basics.email = find_email(t);
      if (basics.phone.empty()) basics.phone = find_phone(t);
      read_urls(t, pass == 0, basics);
      if (pass == 0 && basics.location.city.empty() && basics.location.region.empty()) {
        for (const auto& f : split_fields(t)) {
          if (f.find('@') != std::string::npos) continue;
          if (auto loc = parse_location(f, true)) {
            basics.location = std::move(*loc);
            break;
          }
        }
      }
    }
  }
}

}  // namespace tailor::analyze::resume_parse
