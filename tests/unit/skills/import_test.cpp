// Lexicon::import_csv: ESCO and O*NET CSVs (RFC 4180), merging into known skills, labels that
// are skipped, malformed files; and the real ESCO collections when the shared data is present.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/unit/skills/skill_names.hpp"
#include "workers/analyze/skills/builtin_tsv.hpp"
#include "workers/analyze/skills/lexicon.hpp"

namespace tailor::analyze::skills {
namespace {

using Names = std::vector<std::string>;
using testing::mentioned;

Lexicon small_lexicon() {
  auto lexicon = Lexicon::from_tsv("Python\tlanguage\tPython3\nSQL\tlanguage\n");
  REQUIRE(lexicon.has_value());
  return std::move(*lexicon);
}

// Columns in ESCO's order for the transversal file; altLabels hold commas, quotes, newlines.
constexpr std::string_view kEsco =
    "conceptType,conceptUri,skillType,reuseLevel,preferredLabel,status,altLabels,description\n"
    "KSC,http://x/1,knowledge,cross-sector,Python (computer programming),released,\"Python 3K\n"
    "CPython\",\"A language, \"\"batteries included\"\".\"\n"
    "KSC,http://x/2,knowledge,sector-specific,Haskell,released,Haskell techniques | GHC,\"Lazy, "
    "pure.\"\n"
    "KSC,http://x/3,skill/competence,transversal,show initiative,released,\"take the initiative\r\n"
    "be the one who takes the first step in any action without waiting for others\",x\r\n"
    "KSC,http://x/4,knowledge,sector-specific,Canvas (learning management "
    "systems),released,Canvas,x\n"
    "KSC,http://x/5,knowledge,sector-specific,software,released,,x\n"
    "KSC,http://x/6,knowledge,sector-specific,R,released,,x\n"
    "KSC,http://x/7,skill/competence,sector-specific,perform dances,released,dance,x\n";

TEST_CASE("an ESCO CSV adds new skills and merges labels into known ones") {
  Lexicon lexicon = small_lexicon();
  auto added = lexicon.import_csv(kEsco);
  REQUIRE(added.has_value());
  CHECK(*added ==
        4);  // Haskell, show initiative, Canvas (learning management systems), perform dances
  CHECK(lexicon.size() == 6);

  // "Python (computer programming)" merged into Python, with its alternative labels.
  REQUIRE(lexicon.find("Python 3K") != nullptr);
  CHECK(lexicon.find("Python 3K")->name == "Python");
  CHECK(lexicon.find("CPython")->name == "Python");
  CHECK(lexicon.find("Python (computer programming)")->name == "Python");

  const Skill* haskell = lexicon.find("GHC");
  REQUIRE(haskell != nullptr);
  CHECK(haskell->name == "Haskell");
  CHECK(haskell->category == "knowledge");
  CHECK(haskell->aliases == Names{"Haskell techniques", "GHC"});

  const Skill* initiative = lexicon.find("take the initiative");
  REQUIRE(initiative != nullptr);
  CHECK(initiative->category == "skill/competence");
  CHECK(initiative->aliases == Names{"take the initiative"});  // the 15-word label is skipped

  CHECK(lexicon.find("software") == nullptr);  // a stoplisted common word
  CHECK(lexicon.find("R") == nullptr);         // one letter
}

TEST_CASE("imported labels match in text, and capitalized words among them need evidence") {
  Lexicon lexicon = small_lexicon();
  REQUIRE(lexicon.import_csv(kEsco).has_value());
  CHECK(mentioned(lexicon, "Haskell techniques and GHC; took the initiative") ==
        Names{"Haskell", "Haskell"});
  CHECK(mentioned(lexicon, "painted on canvas; Canvas is a word; I love to dance") == Names{});
  CHECK(mentioned(lexicon, "Hobbies: dance, Python") == Names{"perform dances", "Python"});
  CHECK(mentioned(lexicon, "LMS: Canvas, Python") ==
        Names{"Canvas (learning management systems)", "Python"});
}

constexpr std::string_view kOnet =
    "O*NET-SOC Code,Title,Example,Commodity Code,Commodity Title,Hot Technology,In Demand\n"
    "15-1252.00,Software Developers,Apache Kafka,43232304,Data base management system "
    "software,Y,N\n"
    "15-1253.00,Software QA,Apache Kafka,43232304,Data base management system software,Y,N\n"
    "15-1252.00,Software Developers,\"Microsoft SQL Server, Express\",43232304,Data base "
    "management system software,Y,Y\n"
    "15-1252.00,Software Developers,SQL,43232304,Data base management system software,N,N\n";

TEST_CASE("an O*NET Technology Skills CSV adds each example once, with its commodity as category") {
  Lexicon lexicon = small_lexicon();
  auto added = lexicon.import_csv(kOnet);
  REQUIRE(added.has_value());
  CHECK(*added == 2);
  const Skill* kafka = lexicon.find("apache kafka");
  REQUIRE(kafka != nullptr);
  CHECK(kafka->category == "Data base management system software");
  CHECK(lexicon.find("Microsoft SQL Server, Express") != nullptr);
  CHECK(lexicon.size() == 4);
}

TEST_CASE("a tab-separated O*NET file is read by its header too") {
  Lexicon lexicon = small_lexicon();
  auto added = lexicon.import_csv(
      "O*NET-SOC Code\tElement ID\tElement Name\tScale ID\n"
      "11-1011.00\t2.A.1.a\tReading Comprehension\tIM\n"
      "11-1011.00\t2.A.1.b\tActive Listening\tIM\n");
  REQUIRE(added.has_value());
  CHECK(*added == 2);
  REQUIRE(lexicon.find("active listening") != nullptr);
  CHECK(lexicon.find("active listening")->category == "imported");
}

TEST_CASE("malformed CSVs are rejected with the line named") {
  Lexicon lexicon = small_lexicon();
  const auto error_of = [&](std::string_view csv) {
    auto added = lexicon.import_csv(csv);
    REQUIRE_FALSE(added.has_value());
    CHECK(added.error().code == Errc::invalid_argument);
    return added.error().message;
  };
  CHECK(error_of("preferredLabel,altLabels\nPython,\"CPython\nGo,golang\n") ==
        "CSV line 2: unterminated quoted field");
  CHECK(error_of("preferredLabel,altLabels\nPython,x\nGo,\"golang\"x\n") ==
        "CSV line 3: unexpected character after a closing quote");
  CHECK(error_of("name,aliases\nPython,x\n") ==
        "CSV line 1: no preferredLabel (ESCO), Example or Element Name (O*NET) column");
  CHECK(error_of("altLabels,preferredLabel\nx,Python\n\nonly-one-field\n") ==
        "CSV line 4: 1 fields, fewer than the header's");
  CHECK(error_of("") == "CSV line 1: empty file");
  CHECK(lexicon.size() == 2);
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

TEST_CASE("the ESCO collections import on top of the built-in lexicon") {
  const char* source = std::getenv("TAILOR_SOURCE_DIR");
  const std::filesystem::path dir =
      std::filesystem::path(source != nullptr ? source : ".") / ".." / "shared" / "data" / "esco";
  if (!std::filesystem::exists(dir / "digitalSkillsCollection_en.csv")) {
    MESSAGE("shared ESCO data absent; skipped");
    return;
  }
  auto lexicon = Lexicon::from_tsv(builtin_tsv());
  REQUIRE(lexicon.has_value());
  const std::size_t builtin_size = lexicon->size();
  std::size_t added = 0;
  for (const char* name : {"digitalSkillsCollection_en.csv", "transversalSkillsCollection_en.csv",
                           "languageSkillsCollection_en.csv"}) {
    auto result = lexicon->import_csv(read_file(dir / name));
    if (!result) FAIL(name, ": ", result.error().message);
    added += *result;
  }
  MESSAGE("ESCO added ", added, " skills to ", builtin_size, " built-in ones");
  CHECK(added > 1000);
  CHECK(lexicon->size() == builtin_size + added);
  // ESCO's labels merged into the built-in skills rather than duplicating them.
  CHECK(lexicon->find("Python (computer programming)")->name == "Python");
  CHECK(lexicon->find("Jenkins CI")->name == "Jenkins");
  CHECK(lexicon->find("KDevelop") != nullptr);
  // Its ordinary words do not turn prose into skills; built-in matching is unchanged.
  CHECK(mentioned(*lexicon, "The source of the problem was a scratch on the canvas.") == Names{});
  CHECK(mentioned(*lexicon, "Python, Go and Kubernetes") == Names{"Python", "Go", "Kubernetes"});
}


// TAILOR_SKILLS_CSV: how an operator adds ESCO / O*NET skills to a running worker. One case, as
// the process keeps the first lexicon it builds.
TEST_CASE("for_process: the built-in lexicon, or the built-in one plus the files TAILOR_SKILLS_CSV names") {
  const auto env_with = [](std::string value) {
    return core::Env([value](std::string_view name) -> std::optional<std::string> {
      if (name == "TAILOR_SKILLS_CSV") return value;
      return std::nullopt;
    });
  };
  auto plain = Lexicon::for_process(core::Env([](std::string_view) { return std::optional<std::string>(); }));
  REQUIRE(plain.has_value());
  CHECK(*plain == &Lexicon::builtin());

  auto missing = Lexicon::for_process(env_with("/nonexistent/skills.csv"));
  REQUIRE_FALSE(missing.has_value());
  CHECK(missing.error().code == Errc::invalid_argument);
  CHECK(missing.error().message.find("/nonexistent/skills.csv") != std::string::npos);

  const auto path = std::filesystem::temp_directory_path() / "tailor-skills-for-process.csv";
  {
    std::ofstream out(path);
    out << "conceptType,conceptUri,skillType,preferredLabel,altLabels\n"
           "KSC,http://x/1,skill/competence,operate tunnel boring machines,\"TBM operation\"\n";
  }
  auto extended = Lexicon::for_process(env_with(path.string()));
  std::filesystem::remove(path);
  REQUIRE_MESSAGE(extended.has_value(), (extended ? "" : extended.error().message));
  CHECK((*extended)->size() == Lexicon::builtin().size() + 1);
  CHECK((*extended)->find("TBM operation") != nullptr);
  CHECK(Lexicon::builtin().find("TBM operation") == nullptr);
}

}  // namespace
}  // namespace tailor::analyze::skills
