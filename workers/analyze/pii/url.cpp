// URLs that identify the person: profiles on the networks people list on a résumé, any URL in
// the contact block at the top or behind a "Website:" cue, and URLs that spell the owner's name;
// "@handles" there too. A company's or a university's site in the experience stays.
#include <algorithm>
#include <array>

#include "workers/analyze/pii/detector.hpp"
#include "workers/analyze/pii/scan.hpp"

namespace tailor::analyze::pii::detail {

namespace {

constexpr std::size_t kCueWindow = 32;
constexpr std::size_t kMinPartInUrl = 3;
constexpr std::size_t kMaxHandle = 30;

// Hosts whose paths are people: linkedin.com/in/jane, github.com/jane.
constexpr auto kProfileNetworks =
    std::to_array<std::string_view>({"linkedin.com",       "github.com",       "gitlab.com",
                                     "bitbucket.org",      "twitter.com",      "x.com",
                                     "facebook.com",       "fb.com",           "instagram.com",
                                     "medium.com",         "behance.net",      "dribbble.com",
                                     "stackoverflow.com",  "kaggle.com",       "angel.co",
                                     "wellfound.com",      "about.me",         "youtube.com",
                                     "quora.com",          "researchgate.net", "orcid.org",
                                     "scholar.google.com", "plus.google.com",  "t.me",
                                     "tiktok.com",         "codepen.io",       "leetcode.com",
                                     "hackerrank.com",     "xing.com",         "vk.com",
                                     "flickr.com",         "soundcloud.com",   "vimeo.com",
                                     "pinterest.com",      "academia.edu",     "mastodon.social",
                                     "indeed.com"});
// Hosts whose subdomains are people: jane.github.io, jane.substack.com.
constexpr auto kPersonalSubdomains = std::to_array<std::string_view>(
    {"github.io", "gitlab.io", "blogspot.com", "wordpress.com", "substack.com", "medium.com",
     "netlify.app", "vercel.app", "carrd.co", "wixsite.com", "tumblr.com"});
// Top-level domains taken without "http://" or "www." in front; others (".js", ".NET") are not.
constexpr auto kBareTlds = std::to_array<std::string_view>(
    {"com", "net", "org", "edu",  "gov",  "io",     "dev",    "me",   "co",   "info",
     "biz", "app", "ai",  "tech", "site", "online", "blog",   "page", "name", "pro",
     "xyz", "us",  "uk",  "ca",   "au",   "in",     "de",     "fr",   "nl",   "es",
     "it",  "ch",  "se",  "no",   "dk",   "fi",     "ie",     "nz",   "za",   "sg",
     "hk",  "jp",  "cn",  "br",   "mx",   "ru",     "pl",     "cz",   "at",   "be",
     "pt",  "gr",  "tr",  "il",   "ae",   "eu",     "social", "fm",   "tv",   "ly"});

bool token_delimiter(std::string_view s, std::size_t i) {
  const char c = s[i];
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '|' || c == ',' ||
      c == ';' || c == '<' || c == '>' || c == '"' || c == '(' || c == ')' || c == '[' ||
      c == ']' || c == '{' || c == '}')
    return true;
  return unicode_separator_at(s, i) > 0;
}

bool host_is(std::string_view host, std::string_view domain) {
  return host.size() >= domain.size() &&
         text::iequals_ascii(host.substr(host.size() - domain.size()), domain) &&
         (host.size() == domain.size() || host[host.size() - domain.size() - 1] == '.');
}

// The host of a URL-shaped token, or empty when the token is not URL-shaped.
std::string_view url_host(std::string_view token) {
  std::string_view rest = token;
  bool explicit_url = false;
  if (const auto scheme = token.find("://"); scheme != std::string_view::npos && scheme > 0) {
    for (std::size_t k = 0; k < scheme; ++k)
      if (!is_alpha(token[k])) return {};
    rest = token.substr(scheme + 3);
    explicit_url = true;
  }
  if (text::starts_with_ci(rest, "www.")) explicit_url = true;
  const auto host_end = std::min(rest.find_first_of("/?#:"), rest.size());
  const auto host = rest.substr(0, host_end);
  if (host.find('@') != std::string_view::npos) return {};
  if (explicit_url) return host;
  const auto dot = host.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return {};
  const auto tld = host.substr(dot + 1);
  if (std::find(kBareTlds.begin(), kBareTlds.end(), tld) == kBareTlds.end()) return {};
  // Without "http://", "www." or a path, a personal domain is written in lower case
  // ("janesmith.dev"); "Amazon.com" in a sentence is the company.
  const bool path = host_end < rest.size();
  for (const char c : host)
    if (!((path ? is_alpha(c) : is_lower(c)) || is_digit(c) || c == '.' || c == '-')) return {};
  return host;
}

bool profile(std::string_view token, std::string_view host) {
  for (const auto sub : kPersonalSubdomains)
    if (host_is(host, sub) && host.size() > sub.size() && !text::starts_with_ci(host, "www."))
      return true;
  const auto path =
      token.substr(static_cast<std::size_t>(host.data() - token.data()) + host.size());
  if (path.size() < 2) return false;  // the network's home page names nobody
  for (const auto network : kProfileNetworks)
    if (host_is(host, network)) return true;
  return false;
}

bool spells_owner(const Context& ctx, std::string_view token) {
  if (ctx.owner.parts.empty()) return false;
  const auto lower = text::lower_ascii(token);
  return std::any_of(ctx.owner.parts.begin(), ctx.owner.parts.end(), [&](const std::string& part) {
    return part.size() >= kMinPartInUrl && lower.find(part) != std::string::npos;
  });
}

bool url_cue(std::string_view s, std::size_t pos) {
  return cue_before(s, pos, kCueWindow,
                    {"website", "web", "portfolio", "blog", "homepage", "home page", "linkedin",
                     "github", "twitter", "personal", "url", "profile", "eportfolio"});
}

std::string url_key(std::string_view token) {
  auto key = text::lower_ascii(token);
  if (const auto scheme = key.find("://"); scheme != std::string::npos) key.erase(0, scheme + 3);
  if (key.starts_with("www.")) key.erase(0, 4);
  while (!key.empty() && key.back() == '/') key.pop_back();
  return key;
}

bool handle_cue(std::string_view s, std::size_t pos) {
  return cue_before(s, pos, kCueWindow, {"twitter", "instagram", "telegram", "tiktok", "x"});
}

}  // namespace

void find_urls(const Context& ctx, std::vector<Finding>& out) {
  const auto s = ctx.text;
  std::size_t i = 0;
  while (i < s.size()) {
    if (token_delimiter(s, i)) {
      const auto n = unicode_separator_at(s, i);
      i += n > 0 ? n : 1;
      continue;
    }
    std::size_t end = i;
    while (end < s.size() && !token_delimiter(s, end)) ++end;
    std::size_t start = i;
    i = end;
    while (end > start && (s[end - 1] == '.' || s[end - 1] == ':' || s[end - 1] == '!' ||
                           s[end - 1] == '?' || s[end - 1] == '\'' || s[end - 1] == '*'))
      --end;
    while (start < end && (s[start] == '\'' || s[start] == '*' || s[start] == ':')) ++start;
    const auto token = s.substr(start, end - start);
    if (token.size() < 4) continue;

    if (token[0] == '@') {
      const auto handle = token.substr(1);
      const bool shaped =
          handle.size() >= 2 && handle.size() <= kMaxHandle &&
          std::all_of(handle.begin(), handle.end(), [](char c) { return is_alnum(c) || c == '_'; });
      if (shaped && (start < ctx.contact_end || handle_cue(s, start)))
        out.push_back({Kind::url, start, token.size(), text::lower_ascii(token)});
      continue;
    }
    if (token.find('.') == std::string_view::npos && token.find("://") == std::string_view::npos)
      continue;
    const auto host = url_host(token);
    if (host.empty()) continue;
    if (profile(token, host) || start < ctx.contact_end || url_cue(s, start) ||
        spells_owner(ctx, token))
      out.push_back({Kind::url, start, token.size(), url_key(token)});
  }
}

}  // namespace tailor::analyze::pii::detail
