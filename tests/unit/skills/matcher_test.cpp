// The matcher: aliases, punctuated names, token boundaries, multi-word names, and the evidence
// ambiguous names need (see workers/analyze/skills/matcher.cpp).
#include <doctest/doctest.h>

#include "tests/unit/skills/skill_names.hpp"
#include "workers/analyze/skills/lexicon.hpp"

namespace tailor::analyze::skills {
namespace {

using Names = std::vector<std::string>;
using testing::distinct;
using testing::mentioned;

const Lexicon& lex() {
  return Lexicon::builtin();
}

TEST_CASE("aliases map to one canonical name") {
  CHECK(mentioned(lex(), "JS, k8s and Postgres") ==
        Names{"JavaScript", "Kubernetes", "PostgreSQL"});
  CHECK(distinct(lex(), "PostgreSQL; Postgres; psql") == Names{"PostgreSQL"});
  CHECK(mentioned(lex(), "Built services in golang.") == Names{"Go"});
  CHECK(distinct(lex(), "ReactJS / React.js / React") == Names{"React"});
  CHECK(distinct(lex(), "NodeJS, Node.js") == Names{"Node.js"});
  CHECK(mentioned(lex(), "Node, Express, MongoDB") == Names{"Node.js", "Express", "MongoDB"});
}

TEST_CASE("punctuated names match as whole tokens") {
  CHECK(mentioned(lex(), "C++, C#, F#, .NET, ASP.NET and Node.js") ==
        Names{"C++", "C#", "F#", ".NET", "ASP.NET", "Node.js"});
  CHECK(mentioned(lex(), "CI/CD over TCP/IP; UI/UX; Objective-C; A/B testing") ==
        Names{"CI/CD", "TCP/IP", "UI/UX", "Objective-C", "A/B testing"});
  CHECK(mentioned(lex(), "(C++)") == Names{"C++"});
  CHECK(mentioned(lex(), "Python/Django") == Names{"Python", "Django"});
}

TEST_CASE("a version glued to a name still counts, and shorter names never match inside longer ones") {
  CHECK(mentioned(lex(), "Modern C++17 and C++20") == Names{"C++", "C++"});
  CHECK(mentioned(lex(), "Python3, Java8, HTML5") == Names{"Python", "Java", "HTML"});
  CHECK(mentioned(lex(), "JavaScript") == Names{"JavaScript"});
  CHECK(mentioned(lex(), "C++ and C#") == Names{"C++", "C#"});
  CHECK(mentioned(lex(), "Pythonic") == Names{});
  CHECK(mentioned(lex(), "jdoe@github.com, github.com/jdoe") == Names{});
  CHECK(mentioned(lex(), "jane@example.net") == Names{});
  CHECK(mentioned(lex(), "https://www.linkedin.com/in/jdoe, http://x.org") == Names{});
  CHECK(mentioned(lex(), "HTTP: REST over HTTPS") == Names{"HTTP", "REST", "HTTP"});
}

TEST_CASE("ordinary names match in any case") {
  CHECK(mentioned(lex(), "PYTHON, python, Python") == Names{"Python", "Python", "Python"});
  CHECK(mentioned(lex(), "kubernetes") == Names{"Kubernetes"});
}

TEST_CASE("multi-word names match across spaces and line breaks, longest first") {
  CHECK(mentioned(lex(), "applied machine\nlearning at scale") == Names{"Machine learning"});
  CHECK(mentioned(lex(), "Google Cloud Platform") == Names{"Google Cloud Platform"});
  CHECK(mentioned(lex(), "Google  Cloud") == Names{"Google Cloud Platform"});
  CHECK(mentioned(lex(), "Spring Boot") == Names{"Spring Boot"});
  CHECK(mentioned(lex(), "event driven architecture") == Names{"Event-driven architecture"});
  CHECK(mentioned(lex(), "Problem-solving, problem solving") ==
        Names{"Problem solving", "Problem solving"});
  CHECK(mentioned(lex(), "e-commerce, ecommerce") == Names{"E-commerce", "E-commerce"});
  CHECK(mentioned(lex(), "Hugging Face Transformers") == Names{"Hugging Face Transformers"});
}

TEST_CASE("mentions carry the offset and length of the matched text") {
  const std::string_view text = "Used Google Cloud\nPlatform and C++17.";
  const auto mentions = lex().find_in(text);
  REQUIRE(mentions.size() == 2);
  CHECK(text.substr(mentions[0].offset, mentions[0].length) == "Google Cloud\nPlatform");
  CHECK(text.substr(mentions[1].offset, mentions[1].length) == "C++");
}

TEST_CASE("Go the language, not the word") {
  CHECK(mentioned(lex(), "Languages: Go, Python, Rust") == Names{"Go", "Python", "Rust"});
  CHECK(mentioned(lex(), "Wrote Go services and the Go language toolchain") == Names{"Go", "Go"});
  CHECK(mentioned(lex(), "Backend in Go.") == Names{"Go"});
  CHECK(mentioned(lex(), "Python\nGo\nSQL") == Names{"Python", "Go", "SQL"});
  CHECK(mentioned(lex(), "Python      Go\tSQL") == Names{"Python", "Go", "SQL"});
  CHECK(mentioned(lex(), "Ready to go the extra mile") == Names{});
  CHECK(mentioned(lex(), "Go to market plan") == Names{"Go-to-market strategy"});
  CHECK(mentioned(lex(), "Go live in March, go-live support") == Names{});
  CHECK(mentioned(lex(), "Let's go, team") == Names{});
}

TEST_CASE("R the language, not a letter") {
  CHECK(mentioned(lex(), "Python, R, SQL") == Names{"Python", "R", "SQL"});
  CHECK(mentioned(lex(), "R (tidyverse, ggplot2)") == Names{"R", "tidyverse", "ggplot2"});
  CHECK(mentioned(lex(), "R programming") == Names{"R"});
  CHECK(mentioned(lex(), "Led R&D for the platform") == Names{});
  CHECK(mentioned(lex(), "Reported to Mr. R. Smith, Python") == Names{"Python"});
  CHECK(mentioned(lex(), "Statistics in R") == Names{"Statistics", "R"});
}

TEST_CASE("soft skills laid out in columns") {
  CHECK(mentioned(lex(),
                  "Project management      Data analysis      Communication\n"
                  "Organization            Problem-solving    Management\n") ==
        Names{"Project management", "Data analysis", "Communication", "Organizational skills",
              "Problem solving", "Management"});
  CHECK(mentioned(lex(), "The Organization grew under new Management.") == Names{});
}

TEST_CASE("C the language, not a grade or a prefix") {
  CHECK(mentioned(lex(), "C, C++, Java") == Names{"C", "C++", "Java"});
  CHECK(mentioned(lex(), "Low-level C programming") == Names{"C"});
  CHECK(mentioned(lex(), "Passed with grade C") == Names{});
  CHECK(mentioned(lex(), "Presented to the C-suite, Excel") == Names{});
  CHECK(mentioned(lex(), "Vitamin C, Java") == Names{"Java"});
}

TEST_CASE("Swift, Rust, Dart, Elm and Excel need evidence") {
  CHECK(mentioned(lex(), "Swift, Kotlin") == Names{"Swift", "Kotlin"});
  CHECK(mentioned(lex(), "Ensured swift delivery of projects") == Names{});
  CHECK(mentioned(lex(), "Swift delivery of projects") == Names{});
  CHECK(mentioned(lex(), "Removed rust from the hull") == Names{});
  CHECK(mentioned(lex(), "Rust programming") == Names{"Rust"});
  CHECK(mentioned(lex(), "Played darts; Dart, Flutter") == Names{"Dart", "Flutter"});
  CHECK(mentioned(lex(), "Planted an elm tree") == Names{});
  CHECK(mentioned(lex(), "Elm, Haskell") == Names{"Elm", "Haskell"});
  CHECK(mentioned(lex(), "I excel at building teams") == Names{});
  CHECK(mentioned(lex(), "Excel at building teams") == Names{});
  CHECK(mentioned(lex(), "Microsoft Excel") == Names{"Microsoft Excel"});
  CHECK(mentioned(lex(), "Tools: Excel, Word, PowerPoint") ==
        Names{"Microsoft Excel", "Microsoft Word", "Microsoft PowerPoint"});
  CHECK(mentioned(lex(), "Advanced Excel skills") == Names{"Microsoft Excel"});
  CHECK(mentioned(lex(), "Wrote Excel formulas") == Names{"Microsoft Excel"});
}

TEST_CASE("tool names that are ordinary words need evidence") {
  CHECK(mentioned(lex(), "Spring, Hibernate, Maven") == Names{"Spring", "Hibernate", "Maven"});
  CHECK(mentioned(lex(), "Hired in spring 2020") == Names{});
  CHECK(mentioned(lex(), "Spring 2020 internship") == Names{});
  CHECK(mentioned(lex(), "Node.js, Express, MongoDB") == Names{"Node.js", "Express", "MongoDB"});
  CHECK(mentioned(lex(), "Express delivery service") == Names{});
  CHECK(mentioned(lex(), "Chef, Puppet, Ansible") == Names{"Chef", "Puppet", "Ansible"});
  CHECK(mentioned(lex(), "Worked as a sous chef with Chef Gordon") == Names{});
  CHECK(mentioned(lex(), "A puppet show") == Names{});
  CHECK(mentioned(lex(), "Ant, Make, CMake") == Names{"Ant", "Make", "CMake"});
  CHECK(mentioned(lex(), "Make sure less is more; Less is more") == Names{});
  CHECK(mentioned(lex(), "Sass, Less, CSS") == Names{"Sass", "Less", "CSS"});
  CHECK(mentioned(lex(), "SPSS (Less than 1 year), Java (Less/than 1 year)") ==
        Names{"SPSS", "Java"});
  CHECK(mentioned(lex(), "using Spark or Ray") == Names{"Apache Spark", "Ray"});
  CHECK(mentioned(lex(), "Spark or Ray") == Names{});  // two ambiguous words lift neither
  CHECK(mentioned(lex(), "to spark interest") == Names{});
}

TEST_CASE("lists in prose: openers, conjunctions and prepositions delimit items") {
  CHECK(mentioned(lex(), "Vitest or Jest for unit tests, and Playwright for end-to-end testing") ==
        Names{"Vitest", "Jest", "Unit testing", "Playwright", "End-to-end testing"});
  CHECK(mentioned(lex(), "using tools such as Evidently or WhyLogs") ==
        Names{"Evidently", "WhyLogs"});
  CHECK(mentioned(lex(), "Evidently, the team grew; Go for it; I like Go") == Names{});
}

TEST_CASE("job description prose") {
  CHECK(distinct(
            lex(),
            "Our stack runs on AWS (ECS, RDS, ElastiCache), with event-driven messaging with "
            "Kafka and relational data modeling in PostgreSQL. Familiarity with CI/CD pipelines "
            "(GitHub Actions or CircleCI) and observability tooling (Datadog, OpenTelemetry).") ==
        Names{"Amazon Web Services", "Amazon ECS", "Amazon RDS", "Amazon ElastiCache",
              "Event-driven architecture", "Apache Kafka", "Data modeling", "PostgreSQL", "CI/CD",
              "GitHub Actions", "CircleCI", "Observability", "Datadog", "OpenTelemetry"});
}

}  // namespace
}  // namespace tailor::analyze::skills
