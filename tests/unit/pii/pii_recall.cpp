// Measurement tool, not a test: how much personal data pii::redact() finds in a labelled résumé
// corpus, how many skill mentions it leaves alone, and how long it takes.
//
//   tailor-pii-recall CORPUS.zip [-v] [--gap N]
//
// CORPUS.zip holds XML files whose text carries inline <label type="…">…</label> annotations
// (shared/data/ner/cvs_train.zip). The labels are stripped, keeping their offsets, and each text
// is redacted twice: with empty hints, and as the analysis does it in production, with the name
// analyze::parse_resume() reads from the text (no layout) as the hint. A Name or Email Address
// label counts as found when every word byte of it lies inside a redacted span; a skill label
// (Tech Tools, Job Specific Skills, Soft Skills) survives when no byte of it does; an
// organisation label (Companies worked at, College Name, Designation) survives when no name span
// touches it (the other kinds may: "Acme Inc., 12 Main St" is an address). The corpus labels no
// phones: a phone here is a digit run after a phone cue ("Phone:", "Cell", "Tel.") that reads as
// one. The texts were flattened (line ends became runs of spaces); runs of N or more spaces (--gap,
// default 2) become a line end. -v lists the parser's names, and for the production run what was
// missed, damaged skills and organisations, and the spans outside any Name label.
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
#include "workers/analyze/resume/parser.hpp"
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

bool is_organisation(std::string_view type) {
  return type == "Companies worked at" || type == "College Name" || type == "Designation";
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

struct Score {
  Tally names, emails, phones, skills, organisations;
  std::map<std::string, int> kinds;
  std::vector<double> millis;
};

// Redacts every sample with the hints `hints_of` gives it and scores the result; -v (`verbose`)
// prints what went wrong.
template <typename HintsOf>
Score evaluate(const std::vector<Sample>& samples, HintsOf hints_of, bool verbose) {
  Score score;
  using Clock = std::chrono::steady_clock;
  for (const auto& s : samples) {
    const pii::Hints hints = hints_of(s);
    pii::redact(s.text, hints);  // warm: static tables, caches
    double best = 1e9;
    pii::Redaction r;
    for (int run = 0; run < kTimedRuns; ++run) {
      const auto t0 = Clock::now();
      r = pii::redact(s.text, hints);
      best = std::min(best, std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    }
    score.millis.push_back(best);

    std::vector<char> redacted(s.text.size(), 0), named(s.text.size(), 0);
    for (const auto& span : r.spans) {
      ++score.kinds[std::string(pii::to_string(span.kind))];
      const auto b = static_cast<long>(span.offset);
      const auto e = b + static_cast<long>(span.length);
      std::fill(redacted.begin() + b, redacted.begin() + e, 1);
      if (span.kind == pii::Kind::name) std::fill(named.begin() + b, named.begin() + e, 1);
    }
    const auto covered = [&](std::size_t b, std::size_t e) {
      for (std::size_t i = b; i < e; ++i)
        if (tailor::analyze::text::is_word_byte(static_cast<unsigned char>(s.text[i])) &&
            !redacted[i])
          return false;
      return true;
    };
    const auto touched = [&](const std::vector<char>& marks, std::size_t b, std::size_t e) {
      return std::any_of(marks.begin() + static_cast<long>(b), marks.begin() + static_cast<long>(e),
                         [](char c) { return c != 0; });
    };
    const auto report = [&](bool ok, const char* what, std::size_t b, std::size_t e) {
      if (!ok && verbose)
        std::printf("%s %s: %s\n", what, s.name.c_str(), context(s.text, b, e).c_str());
    };
    for (const auto& l : s.labels) {
      if (l.type == "Name" || l.type == "Email Address") {
        const bool ok = covered(l.begin, l.end);
        (l.type == "Name" ? score.names : score.emails).add(ok);
        report(ok, l.type == "Name" ? "MISS Name" : "MISS Email", l.begin, l.end);
      } else if (is_skill(l.type)) {
        const bool ok = !touched(redacted, l.begin, l.end);
        score.skills.add(ok);
        report(ok, "SKILL", l.begin, l.end);
      } else if (is_organisation(l.type)) {
        const bool ok = !touched(named, l.begin, l.end);
        score.organisations.add(ok);
        report(ok, ("NAMED " + l.type).c_str(), l.begin, l.end);
      }
    }
    for (const auto& [b, e] : cued_phones(s.text)) {
      const bool ok = covered(b, e);
      score.phones.add(ok);
      report(ok, "MISS Phone", b, e);
    }
    if (!verbose) continue;
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
  std::sort(score.millis.begin(), score.millis.end());
  return score;
}

void print(const char* title, const Score& score) {
  const auto line = [](const char* what, const Tally& t, const char* note) {
    std::printf("  %-24s %d/%d (%.3f)%s\n", what, t.found, t.total, t.share(), note);
  };
  const auto& ms = score.millis;
  const auto at = [&](double q) {
    return ms.empty() ? 0.0 : ms[static_cast<std::size_t>(q * static_cast<double>(ms.size() - 1))];
  };
  std::printf("%s\n", title);
  line("names redacted:", score.names, "");
  line("emails redacted:", score.emails, "");
  line("phones redacted:", score.phones,
       "  [digit runs after a phone cue; the corpus labels none]");
  line("skills surviving:", score.skills, "");
  line("organisations unnamed:", score.organisations,
       "  [company, college, designation labels no name span touches]");
  std::printf("  spans:");
  for (const auto& [kind, n] : score.kinds) std::printf(" %s %d", kind.c_str(), n);
  std::printf(
      "\n  detect+redact per résumé (best of %d): median %.3f ms, p90 %.3f ms, max %.3f ms\n",
      kTimedRuns, at(0.5), at(0.9), at(1.0));
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

  std::printf("documents: %zu\n", samples.size());
  print("no hints:", evaluate(
                         samples, [](const Sample&) { return pii::Hints{}; }, false));

  // The production path (analysis.cpp: analyze_resume): the parser's basics.name as the hint.
  const auto& lexicon = tailor::analyze::skills::Lexicon::builtin();
  std::size_t with_name = 0;
  std::map<std::string, std::string> parsed_names;
  for (const auto& s : samples) {
    tailor::analyze::Document doc;
    doc.text = s.text;
    auto name = tailor::analyze::parse_resume(doc, lexicon).resume.basics.name;
    with_name += name.empty() ? 0 : 1;
    if (verbose) std::printf("HINT %s: %s\n", s.name.c_str(), name.c_str());
    parsed_names[s.name] = std::move(name);
  }
  const auto parser_hint = [&](const Sample& s) {
    pii::Hints hints;
    if (const auto& name = parsed_names.at(s.name); !name.empty()) hints.names.push_back(name);
    return hints;
  };
  const auto title = "parser's name as the hint (" + std::to_string(with_name) + " of " +
                     std::to_string(samples.size()) + " résumés have one):";
  print(title.c_str(), evaluate(samples, parser_hint, verbose));
  return 0;
}
