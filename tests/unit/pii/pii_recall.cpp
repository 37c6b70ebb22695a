// Measurement tool, not a test: how much personal data pii::redact() finds in a labelled résumé
// corpus, how many skill mentions it leaves alone, and how long it takes.
//
//   tailor-pii-recall CORPUS.zip [-v] [--gap N]
//
// CORPUS.zip holds XML files whose text carries inline <label type="…">…</label> annotations
// (shared/data/ner/cvs_train.zip). The labels are stripped, keeping their offsets, and each text
// is redacted with empty hints. A Name or Email Address label counts as found when every word
// byte of it lies inside a redacted span; a skill label (Tech Tools, Job Specific Skills, Soft
// Skills) survives when no byte of it does. The corpus labels no phones: a phone here is a digit
// run after a phone cue ("Phone:", "Cell", "Tel.") that reads as one. The texts were flattened
// (line ends became runs of spaces); runs of N or more spaces (--gap, default 2) become a line end.
// -v lists what was missed, damaged skills, name spans outside any Name label, and the long digit
// runs left in the redacted text.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/files/zip_reader.hpp"
#include "workers/analyze/pii/pii.hpp"
#include "workers/analyze/text/text.hpp"

namespace pii = tailor::analyze::pii;

namespace {

constexpr std::uint64_t kMaxEntryBytes = 4 << 20;
constexpr int kTimedRuns = 5;
constexpr std::size_t kMinPhoneDigits = 7;

struct Label {
  std::string type;
  std::size_t begin = 0;
  std::size_t end = 0;
};

struct Sample {
  std::string name;
  std::string text;
  std::vector<Label> labels;
};

int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The text of one <cv> with its labels stripped, XML entities and the corpus' escaped bytes
// ("\xe2\x80\xa2", "\t") decoded, and runs of `gap` spaces turned into line ends.
Sample parse(std::string name, std::string_view xml, std::size_t gap) {
  Sample s{.name = std::move(name), .text = {}, .labels = {}};
  const auto open = xml.find("<cv>"), close = xml.rfind("</cv>");
  if (open == std::string_view::npos || close == std::string_view::npos) return s;
  const auto body = xml.substr(open + 4, close - open - 4);
  std::vector<Label> stack;
  static constexpr std::pair<std::string_view, char> kEntities[] = {
      {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
  for (std::size_t i = 0; i < body.size();) {
    const auto rest = body.substr(i);
    if (rest.starts_with("<label type=\"")) {
      const auto q = rest.find('"', 13);
      stack.push_back({std::string(rest.substr(13, q - 13)), s.text.size(), 0});
      i += rest.find('>') + 1;
      continue;
    }
    if (rest.starts_with("</label>")) {
      if (!stack.empty()) {
        stack.back().end = s.text.size();
        s.labels.push_back(std::move(stack.back()));
        stack.pop_back();
      }
      i += 8;
      continue;
    }
    bool entity = false;
    for (const auto& [code, c] : kEntities)
      if (rest.starts_with(code)) {
        s.text += c;
        i += code.size();
        entity = true;
        break;
      }
    if (entity) continue;
    if (rest.size() >= 4 && rest[0] == '\\' && rest[1] == 'x' && hex(rest[2]) >= 0 &&
        hex(rest[3]) >= 0) {
      s.text += static_cast<char>(hex(rest[2]) * 16 + hex(rest[3]));
      i += 4;
      continue;
    }
    if (rest.size() >= 2 && rest[0] == '\\' &&
        (rest[1] == 't' || rest[1] == '\'' || rest[1] == '\\')) {
      s.text += rest[1] == 't' ? '\t' : rest[1];
      i += 2;
      continue;
    }
    s.text += body[i++];
  }
  // The flattened texts are wrapped in quotes.
  const auto first = s.text.find_first_not_of(" \n");
  if (first != std::string::npos && s.text[first] == '"') s.text[first] = ' ';
  const auto last = s.text.find_last_not_of(" \n");
  if (last != std::string::npos && s.text[last] == '"') s.text[last] = ' ';
  for (std::size_t i = 0; i < s.text.size();) {
    std::size_t j = i;
    while (j < s.text.size() && s.text[j] == ' ') ++j;
    if (j - i >= gap) s.text[i] = '\n';
    i = j > i ? j : i + 1;
  }
  return s;
}

bool is_skill(std::string_view type) {
  return type == "Tech Tools" || type == "Job Specific Skills" || type == "Soft Skills" ||
         type == "Skills";
}

std::string one_line(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  return out;
}

std::string context(const std::string& text, std::size_t begin, std::size_t end) {
  const auto from = begin > 40 ? begin - 40 : 0;
  const auto to = std::min(text.size(), end + 40);
  return one_line(text.substr(from, begin - from)) + "[" +
         one_line(text.substr(begin, end - begin)) + "]" + one_line(text.substr(end, to - end));
}

struct Tally {
  int found = 0;
  int total = 0;
  void add(bool ok) {
    found += ok ? 1 : 0;
    ++total;
  }
  double share() const { return total == 0 ? 1.0 : static_cast<double>(found) / total; }
};

bool digit(char c) {
  return c >= '0' && c <= '9';
}

// Digit runs that read as phones right after a phone cue: [begin, end) pairs.
std::vector<std::pair<std::size_t, std::size_t>> cued_phones(const std::string& text) {
  static constexpr std::string_view kCues[] = {"phone", "tel", "telephone", "mobile",   "cell",
                                               "ph",    "fax", "contact",   "cellular", "voice"};
  std::vector<std::pair<std::size_t, std::size_t>> out;
  const auto lower = tailor::analyze::text::lower_ascii(text);
  for (const auto cue : kCues) {
    for (auto at = lower.find(cue); at != std::string::npos; at = lower.find(cue, at + 1)) {
      const auto end = at + cue.size();
      if ((at > 0 && std::isalpha(static_cast<unsigned char>(lower[at - 1]))) ||
          (end < lower.size() && std::isalpha(static_cast<unsigned char>(lower[end]))))
        continue;
      std::size_t i = end;
      while (i < text.size() && i < end + 6 && std::strchr(" :.#-\t", text[i]) != nullptr) ++i;
      if (i >= text.size() || !(digit(text[i]) || text[i] == '+' || text[i] == '(')) continue;
      std::size_t j = i, last = i, digits = 0;
      while (j < text.size() && (digit(text[j]) || std::strchr("+()-. ", text[j]) != nullptr)) {
        if (digit(text[j])) {
          ++digits;
          last = j + 1;
        }
        if (text[j] == ' ' && j + 1 < text.size() && text[j + 1] == ' ') break;
        ++j;
      }
      if (digits >= kMinPhoneDigits) out.emplace_back(i, last);
    }
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::string path;
  bool verbose = false;
  std::size_t gap = 2;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "-v") {
      verbose = true;
    } else if (arg == "--gap" && i + 1 < argc) {
      gap = static_cast<std::size_t>(std::stoul(argv[++i]));
    } else {
      path = arg;
    }
  }
  if (path.empty()) {
    std::fprintf(stderr, "usage: tailor-pii-recall CORPUS.zip [-v] [--gap N]\n");
    return 2;
  }
  auto zip = tailor::files::ZipReader::open(path, "the corpus");
  if (!zip) {
    std::fprintf(stderr, "%s\n", zip.error().message.c_str());
    return 1;
  }
  auto entries = zip->entries();
  if (!entries) {
    std::fprintf(stderr, "%s\n", entries.error().message.c_str());
    return 1;
  }
  std::vector<Sample> samples;
  for (const auto& entry : *entries) {
    if (!entry.name.ends_with(".xml")) continue;
    auto bytes = zip->read(entry, kMaxEntryBytes);
    if (!bytes) {
      std::fprintf(stderr, "%s: %s\n", entry.name.c_str(), bytes.error().message.c_str());
      return 1;
    }
    samples.push_back(parse(entry.name, *bytes, gap));
  }

  Tally names, emails, phones, skills;
  std::map<std::string, int> kinds;
  std::vector<double> millis;
  using Clock = std::chrono::steady_clock;
  for (const auto& s : samples) {
    pii::redact(s.text);  // warm: static tables, caches
    double best = 1e9;
    pii::Redaction r;
    for (int run = 0; run < kTimedRuns; ++run) {
      const auto t0 = Clock::now();
      r = pii::redact(s.text);
      best = std::min(best, std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    }
    millis.push_back(best);

    std::vector<char> redacted(s.text.size(), 0);
    for (const auto& span : r.spans) {
      ++kinds[std::string(pii::to_string(span.kind))];
      std::fill(redacted.begin() + static_cast<long>(span.offset),
                redacted.begin() + static_cast<long>(span.offset + span.length), 1);
    }
    const auto covered = [&](std::size_t b, std::size_t e) {
      for (std::size_t i = b; i < e; ++i)
        if (tailor::analyze::text::is_word_byte(static_cast<unsigned char>(s.text[i])) &&
            !redacted[i])
          return false;
      return true;
    };
    const auto touched = [&](std::size_t b, std::size_t e) {
      return std::any_of(redacted.begin() + static_cast<long>(b),
                         redacted.begin() + static_cast<long>(e), [](char c) { return c != 0; });
    };
    for (const auto& l : s.labels) {
      Tally* tally = l.type == "Name" ? &names : l.type == "Email Address" ? &emails : nullptr;
      if (tally != nullptr) {
        const bool ok = covered(l.begin, l.end);
        tally->add(ok);
        if (!ok && verbose)
          std::printf("MISS %s %s: %s\n", l.type.c_str(), s.name.c_str(),
                      context(s.text, l.begin, l.end).c_str());
      } else if (is_skill(l.type)) {
        const bool ok = !touched(l.begin, l.end);
        skills.add(ok);
        if (!ok && verbose)
          std::printf("SKILL %s: %s\n", s.name.c_str(), context(s.text, l.begin, l.end).c_str());
      }
    }
    for (const auto& [b, e] : cued_phones(s.text)) {
      const bool ok = covered(b, e);
      phones.add(ok);
      if (!ok && verbose)
        std::printf("MISS Phone %s: %s\n", s.name.c_str(), context(s.text, b, e).c_str());
    }
    if (verbose) {
      for (const auto& span : r.spans) {
        const bool in_label = std::any_of(s.labels.begin(), s.labels.end(), [&](const Label& l) {
          return l.type == "Name" && l.begin < span.offset + span.length && span.offset < l.end;
        });
        if (span.kind != pii::Kind::name || !in_label)
          std::printf("SPAN %s %s %s: %s\n", std::string(pii::to_string(span.kind)).c_str(),
                      span.placeholder.c_str(), s.name.c_str(),
                      context(s.text, span.offset, span.offset + span.length).c_str());
      }
    }
  }

  std::sort(millis.begin(), millis.end());
  const auto at = [&](double q) {
    return millis.empty() ? 0.0 : millis[static_cast<std::size_t>(q * (millis.size() - 1))];
  };
  std::printf("documents: %zu\n", samples.size());
  std::printf("names redacted:   %d/%d (%.3f)\n", names.found, names.total, names.share());
  std::printf("emails redacted:  %d/%d (%.3f)\n", emails.found, emails.total, emails.share());
  std::printf(
      "phones redacted:  %d/%d (%.3f)  [digit runs after a phone cue; the corpus labels none]\n",
      phones.found, phones.total, phones.share());
  std::printf("skills surviving: %d/%d (%.3f)\n", skills.found, skills.total, skills.share());
  std::printf("spans:");
  for (const auto& [kind, n] : kinds) std::printf(" %s %d", kind.c_str(), n);
  std::printf("\ndetect+redact per résumé (best of %d): median %.3f ms, p90 %.3f ms, max %.3f ms\n",
              kTimedRuns, at(0.5), at(0.9), at(1.0));
  return 0;
}
