// Terms and the background corpus: how a text is cut into keyword terms, stems shared by the
// forms of a word, and weights that put job-ad boilerplate below telling terms.
#include <doctest/doctest.h>

#include <cmath>

#include "workers/analyze/match/keywords.hpp"
#include "workers/analyze/match/terms.hpp"

using namespace tailor::analyze::matching;

namespace {

std::vector<std::string> surfaces(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& t : terms_of(text)) out.push_back(t.surface);
  return out;
}

}  // namespace

TEST_CASE("terms: lower case, compounds and dotted names kept whole, numbers and possessives dropped") {
  CHECK(surfaces("Own the On-Call rotation for Node.js and C++ services (CI/CD), 3 teams, Acme's 2.1 API") ==
        std::vector<std::string>{"own", "the", "on-call", "rotation", "for", "node.js", "and", "c++", "services",
                                 "ci/cd", "teams", "acme", "api"});
  CHECK(surfaces("\xE2\x80\x94 Kafka\xE2\x80\x99s queues \xE2\x80\xA2 x").size() == 2);  // dashes, bullets, single letters
}

TEST_CASE("terms: forms of one word share a key, stop words are marked, not dropped") {
  const auto ts = terms_of("Microservices and a microservice; managing managed management");
  REQUIRE(ts.size() == 6);  // "a", one letter, is no term
  CHECK(ts[0].key == ts[2].key);
  CHECK(ts[3].key == ts[4].key);
  CHECK(ts[4].key == ts[5].key);
  CHECK(ts[1].stop);
  CHECK_FALSE(ts[2].stop);
  CHECK(term_key("on-call") == "on call");
}

TEST_CASE("idf: boilerplate weighs little, rare terms most, unknown compounds in between") {
  CHECK(idf(term_key("team")) < 0.5);
  CHECK(idf(term_key("opportunity")) < 1);
  CHECK(idf(term_key("benefits")) < 1);
  CHECK(idf(term_key("kafka")) == doctest::Approx(std::log(1001.0)));
  CHECK(idf(term_key("kubernetes")) == doctest::Approx(std::log(1001.0)));
  const double compound = idf(term_key("kafka-first"));
  CHECK(compound < idf(term_key("kafka")));
  CHECK(compound > idf(term_key("first")));
  CHECK(idf(term_key("cross-functional")) < 1.5);  // listed as such
}

TEST_CASE("count_keys: single words by stem, compounds across separate words") {
  const auto terms = terms_of("Took the on call pager; on-call weekly. Kafka, kafka and KAFKA. Call me.");
  const auto counts = count_keys(terms, {term_key("on-call"), term_key("kafka"), term_key("call"), term_key("pager")});
  CHECK(counts == std::vector<int>{2, 3, 3, 1});
}
