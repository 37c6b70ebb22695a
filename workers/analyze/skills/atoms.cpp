// The matcher's tokenizer (see atoms.hpp).
#include "workers/analyze/skills/atoms.hpp"

namespace tailor::analyze::skills {

namespace {

enum class CharClass : std::uint8_t { space, newline, letter, digit, punct };

struct Char {
  CharClass cls{CharClass::letter};
  std::size_t length{1};
};

// The class of the (possibly multibyte) character at text[i]. Non-ASCII characters are letters
// unless they are among the spaces and punctuation that résumés and PDFs produce.
Char char_at(std::string_view text, std::size_t i) {
  const auto b = [&](std::size_t k) {
    return i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0u;
  };
  const unsigned c = b(0);
  if (c < 0x80) {
    if (c == '\n' || c == '\f') return {CharClass::newline, 1};
    if (c == ' ' || c == '\t' || c == '\r' || c == '\v') return {CharClass::space, 1};
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return {CharClass::letter, 1};
    if (c >= '0' && c <= '9') return {CharClass::digit, 1};
    return {CharClass::punct, 1};
  }
  std::size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  if (i + n > text.size()) n = text.size() - i;
  if (c == 0xC2) {
    if (b(1) == 0xA0) return {CharClass::space, n};                  // U+00A0
    if (b(1) >= 0xA1 && b(1) <= 0xBF) return {CharClass::punct, n};  // ¡…¿ « » · © ° …
  }
  if (c == 0xC3 && (b(1) == 0x97 || b(1) == 0xB7)) return {CharClass::punct, n};  // × ÷
  if (c == 0xE2) {
    const unsigned c1 = b(1);
    const unsigned c2 = b(2);
    if (c1 == 0x80 && (c2 <= 0x8B || c2 == 0xA8 || c2 == 0xA9 || c2 == 0xAF))
      return {c2 == 0xA8 || c2 == 0xA9 ? CharClass::newline : CharClass::space, n};
    if (c1 == 0x80 || c1 == 0x81)
      return {CharClass::punct, n};  // U+2010–U+207F: dashes, quotes, •, …
    if ((c1 >= 0x86 && c1 <= 0x8F) || (c1 >= 0x94 && c1 <= 0x9E))
      return {CharClass::punct, n};  // arrows, math, box drawing, shapes (▪ ■ ►), dingbats (✓)
  }
  if (c == 0xE3 && b(1) == 0x80 && b(2) == 0x80) return {CharClass::space, n};  // U+3000
  if (c == 0xEF && b(1) == 0xBB && b(2) == 0xBF) return {CharClass::space, n};  // BOM
  if (c == 0xEE || (c == 0xEF && b(1) <= 0xA3))
    return {CharClass::punct, n};  // private use: Symbol-font bullets
  return {CharClass::letter, n};
}

}  // namespace

std::vector<Atom> atomize(std::string_view text) {
  std::vector<Atom> atoms;
  atoms.reserve(text.size() / 4);
  bool newline = true;
  std::size_t spaces = 0;  // whitespace characters since the previous atom
  bool tab = false;
  std::size_t i = 0;
  while (i < text.size()) {
    const Char ch = char_at(text, i);
    if (ch.cls == CharClass::space || ch.cls == CharClass::newline) {
      ++spaces;
      tab = tab || text[i] == '\t';
      newline = newline || ch.cls == CharClass::newline;
      i += ch.length;
      continue;
    }
    Atom atom{.offset = i,
              .length = ch.length,
              .kind = AtomKind::punct,
              .space_before = spaces > 0 || atoms.empty(),
              .newline_before = newline,
              .gap_before = tab || spaces >= 2};
    i += ch.length;
    if (ch.cls != CharClass::punct) {
      atom.kind = ch.cls == CharClass::digit ? AtomKind::digits : AtomKind::letters;
      while (i < text.size()) {
        const Char next = char_at(text, i);
        if (next.cls != ch.cls) break;
        i += next.length;
      }
      atom.length = i - atom.offset;
    }
    atoms.push_back(atom);
    spaces = 0;
    tab = false;
    newline = false;
  }
  return atoms;
}

bool is_joining_hyphen(std::string_view text, const std::vector<Atom>& atoms, std::size_t i) {
  const Atom& a = atoms[i];
  return a.kind == AtomKind::punct && text[a.offset] == '-' && a.length == 1 && !a.space_before &&
         i > 0 && is_word(atoms[i - 1]) && i + 1 < atoms.size() && is_word(atoms[i + 1]) &&
         !atoms[i + 1].space_before;
}

void append_key(std::string& key, std::string_view text, const std::vector<Atom>& atoms,
                std::size_t first, std::size_t i) {
  const Atom& a = atoms[i];
  if (is_joining_hyphen(text, atoms, i)) {
    key.push_back(' ');
    return;
  }
  if (i > first && a.space_before) key.push_back(' ');
  for (std::size_t k = a.offset; k < a.offset + a.length; ++k) {
    const char c = text[k];
    key.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
}

Key key_of(std::string_view name) {
  const auto atoms = atomize(name);
  Key key;
  for (std::size_t i = 0; i < atoms.size(); ++i) {
    append_key(key.text, name, atoms, 0, i);
    if (!is_joining_hyphen(name, atoms, i)) ++key.atoms;
  }
  return key;
}

}  // namespace tailor::analyze::skills
