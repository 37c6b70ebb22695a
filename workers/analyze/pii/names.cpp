// People's names in the text. The owner's full names and each part of them standing alone become
// [NAME]. Other people become [NAME_2], [NAME_3], …: found by an honorific ("Mr John Doe") or a
// degree after the name ("Logan Lueilwitz, Ph.D."), wherever their full name appears; found at
// the start of a line of the references section, there.
#include <algorithm>
#include <array>

#include "workers/analyze/pii/detector.hpp"
#include "workers/analyze/pii/name_words.hpp"
#include "workers/analyze/pii/scan.hpp"

namespace tailor::analyze::pii::detail {

namespace {

constexpr std::size_t kMaxOtherWords = 4;
constexpr std::size_t kReferenceLines = 30;
constexpr int kNone = -1;
constexpr int kOwner = 0;

// Degrees and titles written after a name and a comma ("Jane Roe, Ph.D.", "John Doe, MBA").
// "M.D." only with its dots: ", MD" is Maryland.
constexpr auto kPostNominals = std::to_array<std::string_view>(
    {"phd", "ph.d", "m.d", "psyd",  "psy.d", "dds",  "edd", "ed.d", "mba",  "cpa", "pmp",
     "esq", "jd",   "j.d", "dphil", "lcsw",  "lmft", "mph", "rn",   "facs", "facp"});

using Name = std::vector<std::string>;

struct Other {
  Name name;
  bool everywhere{};  // found by an honorific or a degree: marked wherever the full name appears
};

class Finder {
 public:
  explicit Finder(const Context& ctx) : ctx_(ctx), w_(ctx.words), label_(ctx.words.size(), kNone) {}

  void run(std::vector<Finding>& out) {
    after_honorifics();
    before_post_nominals();
    // A name that heads contact details is marked where it stands (see find_anchored_names).
    for (const auto& name : ctx_.anchored_names) {
      const auto first = word_at(ctx_, name.offset), end = word_at(ctx_, name.end);
      if (end > first) mark(first, end - 1, add_person(name.tokens, false));
    }
    in_references();
    // A one-word name is a part like any other (mark_owner_parts weighs each occurrence).
    for (const auto& name : ctx_.owner.full_names)
      if (name.size() > 1) mark_all(name, kOwner);
    for (const auto& name : ctx_.owner.weak_names) mark_all(name, kOwner, true);
    for (std::size_t n = 0; n < others_.size(); ++n)
      if (others_[n].everywhere) mark_all(others_[n].name, static_cast<int>(n) + 1);
    mark_owner_parts();
    emit(out);
  }

 private:
  // A person's name read from run `r`: the owner's, or another person's, then marked wherever
  // it appears (`everywhere`) or only here.
  void add_other(const NameRun& r, bool everywhere) {
    mark(r.first, r.last, add_person(run_tokens(ctx_, r), everywhere));
  }

  // Who `tokens` name: the owner (all their parts are the owner's), or another person, then to
  // be marked wherever the full name appears (`everywhere`) or only where it was read.
  int add_person(Name tokens, bool everywhere) {
    const bool owner = std::all_of(tokens.begin(), tokens.end(), [&](const std::string& t) {
      return !is_real_part(t) || contains_ci(ctx_.owner.parts, t);
    });
    if (owner) return kOwner;
    auto at = std::find_if(others_.begin(), others_.end(),
                           [&](const Other& o) { return o.name == tokens; });
    if (at == others_.end()) at = others_.insert(others_.end(), Other{std::move(tokens), false});
    at->everywhere = at->everywhere || everywhere;
    return static_cast<int>(at - others_.begin()) + 1;
  }

  // "Mr John Doe", "Dr. Jane Roe", "Professor Smith".
  void after_honorifics() {
    for (std::size_t k = 0; k + 1 < w_.size(); ++k) {
      if (classify(ctx_, k) != NameWord::honorific) continue;
      // "Mr John", "Dr. Jane"; not "Ms-Access".
      const auto gap = gap_after(ctx_, k);
      const auto blanks = gap.starts_with(".") ? gap.substr(1) : gap;
      if (blanks.empty() && gap.empty()) continue;
      if (blanks.size() > 2 || !std::all_of(blanks.begin(), blanks.end(), is_blank)) continue;
      const auto r = read_name_run(ctx_, k + 1);
      if (r && r->real >= 1 && r->real <= kMaxOtherWords - 1) add_other(*r, true);
    }
  }

  // "Logan Lueilwitz, Ph.D.": walk back from the comma over the name.
  void before_post_nominals() {
    for (std::size_t k = 1; k + 1 < w_.size(); ++k) {
      const auto gap = gap_after(ctx_, k);
      if (gap.empty() || gap[0] != ',' || !post_nominal(k + 1)) continue;
      std::size_t first = k;
      std::size_t real = 0;
      for (std::size_t j = k;; --j) {
        const auto kind = classify(ctx_, j);
        if (kind != NameWord::name && kind != NameWord::initial && kind != NameWord::particle)
          break;
        if (kind == NameWord::name) ++real;
        first = j;
        if (j == 0 ||
            !name_gap(gap_after(ctx_, j - 1),
                      kind == NameWord::initial || classify(ctx_, j - 1) == NameWord::initial))
          break;
      }
      while (first < k && classify(ctx_, first) == NameWord::particle) ++first;
      if (real < 2 || real > kMaxOtherWords) continue;
      const auto r = read_name_run(ctx_, first);
      if (r && r->last == k) add_other(*r, true);
    }
  }

  // Whether the words from k spell a post-nominal ("Ph.D.", "MBA", "Psy.D").
  bool post_nominal(std::size_t k) const {
    std::string letters;
    for (std::size_t j = k; j < w_.size() && j < k + 3; ++j) {
      letters += text::lower_ascii(w_[j].text);
      const bool listed =
          std::find(kPostNominals.begin(), kPostNominals.end(), letters) != kPostNominals.end();
      if (listed) return true;
      if (j + 1 >= w_.size() || gap_after(ctx_, j) != ".") return false;
      letters += '.';
    }
    return false;
  }

  // Lines of a references section, and the rest of a "Reference:" line, that begin with a name.
  void in_references() {
    const auto& lines = ctx_.lines;
    for (std::size_t li = 0; li < lines.size(); ++li) {
      const auto body = text::trim(ctx_.text.substr(lines[li].offset, lines[li].length));
      if (!text::starts_with_ci(body, "reference") && !text::starts_with_ci(body, "referee"))
        continue;
      const auto colon = body.find(':');
      if (!is_heading(body) && colon == std::string_view::npos) continue;
      if (colon != std::string_view::npos)
        name_at_line_start(static_cast<std::size_t>(body.data() - ctx_.text.data()) + colon + 1);
      for (std::size_t n = li + 1; n < lines.size() && n <= li + kReferenceLines; ++n) {
        const auto line = ctx_.text.substr(lines[n].offset, lines[n].length);
        if (is_heading(line)) break;
        name_at_line_start(lines[n].offset);
      }
    }
  }

  void name_at_line_start(std::size_t offset) {
    std::size_t k = word_at(ctx_, offset);
    const auto end = line_end(ctx_.text, offset);
    // Numbering ("1.") and honorifics before the name.
    while (k < w_.size() && w_[k].offset < end &&
           (classify(ctx_, k) == NameWord::honorific || is_digit(w_[k].text[0])) &&
           w_[k].text.size() <= 9)
      ++k;
    if (k >= w_.size() || w_[k].offset >= end) return;
    // The name is all there is before the line ends or punctuation ("Jane Roe, Manager"); more
    // capitalised words make it an organisation ("Princeton Primary School").
    const auto r = read_name_run(ctx_, k);
    if (r && r->real >= 2 && r->real <= kMaxOtherWords &&
        (r->after == After::line_end || r->after == After::punctuation))
      add_other(*r, false);
  }

  void mark(std::size_t first, std::size_t last, int who) {
    for (std::size_t j = first; j <= last; ++j)
      if (label_[j] == kNone) label_[j] = who;
  }

  // Every occurrence of a full name: its words in order with name gaps between them; with
  // `name_words`, only where each of them reads as a word of a name.
  void mark_all(const Name& name, int who, bool name_words = false) {
    if (name.empty()) return;
    for (std::size_t k = 0; k + name.size() <= w_.size(); ++k) {
      bool match = true;
      for (std::size_t t = 0; t < name.size() && match; ++t) {
        match = text::iequals_ascii(w_[k + t].text, name[t]) &&
                (who == kOwner || starts_upper(w_[k + t].text)) &&
                (!name_words || classify(ctx_, k + t) != NameWord::none) &&
                (t == 0 || name_gap(gap_after(ctx_, k + t - 1),
                                    name[t].size() == 1 || name[t - 1].size() == 1));
      }
      if (match) mark(k, k + name.size() - 1, who);
    }
  }

  bool owner_part(std::size_t k) const {
    return contains_ci(ctx_.owner.parts, without_possessive(w_[k].text));
  }

  // "Smith's" is Smith.
  static std::string_view without_possessive(std::string_view w) {
    for (const std::string_view s : {std::string_view("'s"), std::string_view("\xE2\x80\x99s")})
      if (w.size() > s.size() + 1 && w.ends_with(s)) return w.substr(0, w.size() - s.size());
    return w;
  }

  // Owner parts the text also uses as ordinary lower-case words ("to assist children"): a name
  // part that is a common word ("Walter Children") is treated like the words in common_words.
  void find_parts_in_prose() {
    const auto s = ctx_.text;
    const auto free_before = [&](std::size_t p) {
      return p == 0 || is_blank(s[p - 1]) || s[p - 1] == '\n' || s[p - 1] == '(' || s[p - 1] == '"';
    };
    const auto free_after = [&](std::size_t e) {
      if (e >= s.size() || is_blank(s[e]) || s[e] == '\n') return true;
      if (s[e] == '.') return e + 1 >= s.size() || is_blank(s[e + 1]) || s[e + 1] == '\n';
      return s[e] == ',' || s[e] == ';' || s[e] == ':' || s[e] == '!' || s[e] == '?' || s[e] == ')';
    };
    for (std::size_t k = 0; k < w_.size(); ++k) {
      const auto w = w_[k].text;
      if (!is_lower(w[0]) || has_upper_ascii(w) || !owner_part(k)) continue;
      if (free_before(w_[k].offset) && free_after(w_[k].offset + w.size()))
        in_prose_.insert(folded(w));
    }
  }

  static bool has_upper_ascii(std::string_view w) {
    return std::any_of(w.begin(), w.end(), [](char c) { return is_upper(c); });
  }

  bool sentence_start(std::size_t k) const {
    const auto s = ctx_.text;
    std::size_t p = w_[k].offset;
    while (p > 0 && is_blank(s[p - 1])) --p;
    if (p == 0) return true;
    const char c = s[p - 1];
    return c == '\n' || c == '\f' || c == '.' || c == '!' || c == '?' || c == ':' || c == ';' ||
           c == '"' || c == '(' || static_cast<unsigned char>(c) >= 0x80;
  }

  // A capitalised word right beside word k (blanks between) that is not part of the owner's
  // name: "West" in "West Bengal" belongs to another proper noun.
  bool beside_other_capital(std::size_t k) const {
    const auto other = [&](std::size_t j) { return starts_upper(w_[j].text) && !owner_part(j); };
    const auto blanks = [](std::string_view g) {
      return !g.empty() && std::all_of(g.begin(), g.end(), is_blank);
    };
    if (k > 0 && blanks(gap_after(ctx_, k - 1)) && other(k - 1)) return true;
    return k + 1 < w_.size() && blanks(gap_after(ctx_, k)) && other(k + 1);
  }

  bool beside_owner_part(std::size_t k) const {
    if (k > 0 && name_gap(gap_after(ctx_, k - 1), true) && owner_part(k - 1)) return true;
    return k + 1 < w_.size() && name_gap(gap_after(ctx_, k), true) && owner_part(k + 1);
  }

  // Whether word k, one of the owner's name parts, stands for the owner here.
  bool part_stands_for_owner(std::size_t k) const {
    const auto w = without_possessive(w_[k].text);
    const bool titled = starts_upper(w) && has_lower(w);
    if (w.size() <= 2 && !titled) return false;  // "AL" is a state, "Al" a name
    if (contains_ci(skill_words(), w)) return false;
    if (contains_ci(common_words(), w) || contains_ci(in_prose_, w))
      return beside_owner_part(k) || (titled && !sentence_start(k) && !beside_other_capital(k));
    return true;
  }

  void mark_owner_parts() {
    if (ctx_.owner.parts.empty()) return;
    find_parts_in_prose();
    for (std::size_t k = 0; k < w_.size(); ++k)
      if (label_[k] == kNone && owner_part(k) && part_stands_for_owner(k)) label_[k] = kOwner;
  }

  std::string key_of(int who) const {
    if (who == kOwner) return {};
    std::string key;
    for (const auto& t : others_[static_cast<std::size_t>(who - 1)].name)
      key += (key.empty() ? "" : " ") + t;
    return key;
  }

  // Consecutive words of one person become one span; an initial or particle between two of them
  // joins it ("Jane A. Smith").
  void emit(std::vector<Finding>& out) const {
    for (std::size_t k = 0; k < w_.size();) {
      if (label_[k] == kNone) {
        ++k;
        continue;
      }
      const int who = label_[k];
      std::size_t last = k;
      for (std::size_t j = k + 1; j < w_.size(); ++j) {
        if (!name_gap(gap_after(ctx_, j - 1), true)) break;
        if (label_[j] == who) {
          last = j;
          continue;
        }
        const auto kind = classify(ctx_, j);
        if (label_[j] == kNone && (kind == NameWord::initial || kind == NameWord::particle))
          continue;
        break;
      }
      const auto start = w_[k].offset;
      const auto end = w_[last].offset + without_possessive(w_[last].text).size();
      out.push_back({Kind::name, start, end - start, key_of(who)});
      k = last + 1;
    }
  }

  const Context& ctx_;
  const std::vector<text::Word>& w_;
  std::vector<int> label_;
  std::vector<Other> others_;
  WordSet in_prose_;
};

}  // namespace

void find_names(const Context& ctx, std::vector<Finding>& out) {
  Finder(ctx).run(out);
}

}  // namespace tailor::analyze::pii::detail
