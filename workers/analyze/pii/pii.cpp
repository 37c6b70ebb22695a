// detect() and redact(): runs every detector, keeps the stronger finding where two overlap, and
// numbers the placeholders of each kind by first appearance.
#include "workers/analyze/pii/pii.hpp"

#include <algorithm>
#include <array>
#include <map>

#include <fmt/format.h>

#include "workers/analyze/pii/detector.hpp"

namespace tailor::analyze::pii {

std::string_view to_string(Kind kind) {
  switch (kind) {
    case Kind::name:
      return "name";
    case Kind::email:
      return "email";
    case Kind::phone:
      return "phone";
    case Kind::address:
      return "address";
    case Kind::url:
      return "url";
    case Kind::date_of_birth:
      return "date_of_birth";
    case Kind::national_id:
      return "national_id";
    case Kind::card:
      return "card";
    case Kind::iban:
      return "iban";
  }
  return "unknown";
}

namespace {

using detail::Finding;

// Where two findings overlap the one that is more certain of its shape wins: an e-mail holds a
// name, a URL may hold digits that look like a phone, an IBAN holds digit runs.
int rank(Kind kind) {
  constexpr std::array order{Kind::email, Kind::url,         Kind::iban,
                             Kind::card,  Kind::national_id, Kind::date_of_birth,
                             Kind::phone, Kind::address,     Kind::name};
  return static_cast<int>(std::find(order.begin(), order.end(), kind) - order.begin());
}

std::string_view label(Kind kind) {
  switch (kind) {
    case Kind::name:
      return "NAME";
    case Kind::email:
      return "EMAIL";
    case Kind::phone:
      return "PHONE";
    case Kind::address:
      return "ADDRESS";
    case Kind::url:
      return "URL";
    case Kind::date_of_birth:
      return "DOB";
    case Kind::national_id:
      return "NATIONAL_ID";
    case Kind::card:
      return "CARD";
    case Kind::iban:
      return "IBAN";
  }
  return "PII";
}

// The findings that survive, in order of offset, none overlapping another.
std::vector<Finding> settle_overlaps(std::vector<Finding> found) {
  std::stable_sort(found.begin(), found.end(), [](const Finding& a, const Finding& b) {
    if (rank(a.kind) != rank(b.kind)) return rank(a.kind) < rank(b.kind);
    return a.length > b.length;
  });
  std::vector<Finding> kept;
  for (auto& f : found) {
    if (f.length == 0) continue;
    const auto at =
        std::lower_bound(kept.begin(), kept.end(), f.offset,
                         [](const Finding& k, std::size_t off) { return k.offset < off; });
    if (at != kept.end() && at->offset < f.offset + f.length) continue;
    if (at != kept.begin() && std::prev(at)->offset + std::prev(at)->length > f.offset) continue;
    kept.insert(at, std::move(f));
  }
  return kept;
}

}  // namespace

std::vector<Span> detect(std::string_view text, const Hints& hints) {
  if (text.empty()) return {};
  const auto ctx = detail::make_context(text, hints);
  std::vector<Finding> found;
  detail::find_emails(ctx, found);
  detail::find_urls(ctx, found);
  detail::find_ibans(ctx, found);
  detail::find_cards(ctx, found);
  detail::find_national_ids(ctx, found);
  detail::find_birth_dates(ctx, found);
  detail::find_phones(ctx, found);
  detail::find_addresses(ctx, found);
  detail::find_names(ctx, found);

  std::vector<Span> spans;
  std::map<std::pair<Kind, std::string>, int> numbers;
  std::map<Kind, int> counts;
  for (auto& f : settle_overlaps(std::move(found))) {
    Span span{.kind = f.kind, .offset = f.offset, .length = f.length, .placeholder = {}};
    if (f.kind == Kind::date_of_birth || (f.kind == Kind::name && f.key.empty())) {
      span.placeholder = fmt::format("[{}]", label(f.kind));
    } else {
      auto [it, inserted] = numbers.try_emplace({f.kind, std::move(f.key)}, 0);
      // Other people's names start at 2: [NAME] is the owner.
      if (inserted) it->second = ++counts[f.kind] + (f.kind == Kind::name ? 1 : 0);
      span.placeholder = fmt::format("[{}_{}]", label(f.kind), it->second);
    }
    spans.push_back(std::move(span));
  }
  return spans;
}

Redaction redact(std::string_view text, const Hints& hints) {
  Redaction out;
  out.spans = detect(text, hints);
  out.text.reserve(text.size());
  std::size_t at = 0;
  for (const auto& span : out.spans) {
    out.text.append(text.substr(at, span.offset - at));
    out.text.append(span.placeholder);
    at = span.offset + span.length;
  }
  out.text.append(text.substr(at));
  return out;
}

}  // namespace tailor::analyze::pii
