#pragma once
// Personal data in a résumé: found, and replaced by placeholders that are stable within one
// document (the same e-mail is always [EMAIL_1]). Only redacted text may leave the system; the
// original stays in PostgreSQL.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tailor::analyze::pii {

enum class Kind { name, email, phone, address, url, date_of_birth, national_id, card, iban };

std::string_view to_string(Kind kind);  // "name", "email", …

struct Span {
  Kind kind{};
  std::size_t offset{};  // bytes into the original text
  std::size_t length{};
  std::string placeholder;  // "[NAME]", "[EMAIL_1]", "[PHONE_2]", …
};

struct Hints {
  // Names known to belong to the person (the parser's basics.name): every occurrence, and
  // each part of it on its own ("Jane", "Smith"), becomes [NAME].
  std::vector<std::string> names;
  std::string region = "US";  // default region for phone numbers written without +CC
};

struct Redaction {
  std::string text;         // the redacted text
  std::vector<Span> spans;  // what was replaced, in order of offset, not overlapping
};

// Finds personal data in `text`.
std::vector<Span> detect(std::string_view text, const Hints& hints = {});
// detect(), then replaces each span with its placeholder.
Redaction redact(std::string_view text, const Hints& hints = {});

}  // namespace tailor::analyze::pii
