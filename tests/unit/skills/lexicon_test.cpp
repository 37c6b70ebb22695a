// The lexicon: the TSV format, lookups by name or alias, and the built-in skills.tsv.
#include "workers/analyze/skills/lexicon.hpp"

#include <doctest/doctest.h>

#include <string>

namespace tailor::analyze::skills {
namespace {

constexpr std::string_view kSmall =
    "# a comment\n"
    "JavaScript\tlanguage\tJS|ECMAScript\n"
    "\n"
    "Go\tlanguage\tGolang\tambiguous\n"
    "Microsoft Excel\ttool\t~Excel|MS Excel\n"
    "Kubernetes\ttool\n";

TEST_CASE("from_tsv reads names, categories and aliases") {
  auto lexicon = Lexicon::from_tsv(kSmall);
  REQUIRE(lexicon.has_value());
  REQUIRE(lexicon->size() == 4);
  const Skill& js = lexicon->skills()[0];
  CHECK(js.name == "JavaScript");
  CHECK(js.category == "language");
  CHECK(js.aliases == std::vector<std::string>{"JS", "ECMAScript"});
  CHECK(lexicon->skills()[2].aliases == std::vector<std::string>{"Excel", "MS Excel"});
  CHECK(lexicon->skills()[3].aliases.empty());
}

TEST_CASE("find resolves names and aliases case-insensitively") {
  auto lexicon = Lexicon::from_tsv(kSmall);
  REQUIRE(lexicon.has_value());
  REQUIRE(lexicon->find("js") != nullptr);
  CHECK(lexicon->find("js")->name == "JavaScript");
  CHECK(lexicon->find("ECMASCRIPT")->name == "JavaScript");
  CHECK(lexicon->find("golang")->name == "Go");
  CHECK(lexicon->find("go")->name == "Go");
  CHECK(lexicon->find("excel")->name == "Microsoft Excel");
  CHECK(lexicon->find("ms  excel")->name == "Microsoft Excel");
  CHECK(lexicon->find("Java") == nullptr);
  CHECK(lexicon->find("") == nullptr);
}

TEST_CASE("from_tsv rejects malformed lines and names the line") {
  const auto error_of = [](std::string_view tsv) {
    auto lexicon = Lexicon::from_tsv(tsv);
    REQUIRE_FALSE(lexicon.has_value());
    CHECK(lexicon.error().code == Errc::invalid_argument);
    return lexicon.error().message;
  };
  CHECK(error_of("# x\nPython\n") ==
        "skills TSV line 2: expected 2 to 4 tab-separated fields, found 1");
  CHECK(error_of("Python\tsnake\n") == "skills TSV line 1: unknown category \"snake\"");
  CHECK(error_of("Python\tlanguage\t\tfamous\n") == "skills TSV line 1: unknown flag \"famous\"");
  CHECK(error_of("Python\tlanguage\n\tlanguage\n") == "skills TSV line 2: empty name");
  CHECK(error_of("JavaScript\tlanguage\tJS\nJSON\tlanguage\tjs\n") ==
        "skills TSV line 2: \"js\" already denotes \"JavaScript\"");
  CHECK(error_of("Python\tlanguage\tpython\n") == "skills TSV line 1: \"python\" is listed twice");
  CHECK(error_of("Python\tlanguage\tPy|\xEF\xBB\xBF\n") ==
        "skills TSV line 1: \"\xEF\xBB\xBF\" has no letters, digits or marks");
}

TEST_CASE("the built-in lexicon loads and resolves common aliases") {
  const Lexicon& lexicon = Lexicon::builtin();
  CHECK(&lexicon == &Lexicon::builtin());
  CHECK(lexicon.size() >= 500);
  const auto name_of = [&](std::string_view alias) {
    const Skill* skill = lexicon.find(alias);
    return skill == nullptr ? std::string("(none)") : skill->name;
  };
  CHECK(name_of("JS") == "JavaScript");
  CHECK(name_of("k8s") == "Kubernetes");
  CHECK(name_of("Postgres") == "PostgreSQL");
  CHECK(name_of("psql") == "PostgreSQL");
  CHECK(name_of("postgresql") == "PostgreSQL");
  CHECK(name_of("golang") == "Go");
  CHECK(name_of("ReactJS") == "React");
  CHECK(name_of("React.js") == "React");
  CHECK(name_of("Node") == "Node.js");
  CHECK(name_of("NodeJS") == "Node.js");
  CHECK(name_of("node.js") == "Node.js");
  CHECK(name_of("GCP") == "Google Cloud Platform");
  CHECK(name_of("sklearn") == "scikit-learn");
  CHECK(name_of("event driven architecture") == "Event-driven architecture");
}

}  // namespace
}  // namespace tailor::analyze::skills
