// The JSON Resume output (workers/analyze/resume/resume_json.hpp): its shape, what is left out,
// and that it parses.
#include <doctest/doctest.h>

#include "common/json/value.hpp"
#include "workers/analyze/resume/resume_json.hpp"

using namespace tailor;
using namespace tailor::analyze;

TEST_CASE("JSON Resume output has the schema's shape and leaves empty fields out") {
  Resume r;
  r.basics.name = "Jane \"JJ\" Smith";
  r.basics.email = "jane@example.com";
  r.basics.location.city = "Springfield";
  r.basics.location.region = "IL";
  r.basics.profiles.push_back(Profile{"GitHub", "jane", "https://github.com/jane"});
  Work w;
  w.name = "Acme Corp";
  w.position = "Engineer";
  w.startDate = "2020-01";
  w.highlights = {"Built things", "Shipped\tthem"};
  r.work.push_back(w);
  r.skills.push_back(Skill{"Languages", "", {"Python", "Go"}});

  const auto text = to_json(r);
  auto doc = json::parse(text);
  REQUIRE(doc);
  const auto* basics = doc->find("basics");
  REQUIRE(basics);
  CHECK(basics->string_at("name") == "Jane \"JJ\" Smith");
  CHECK(basics->find("phone") == nullptr);
  CHECK(basics->find("location")->string_at("region") == "IL");
  CHECK(basics->find("location")->find("countryCode") == nullptr);
  CHECK(basics->find("profiles")->as_array()->at(0).string_at("username") == "jane");
  const auto& work = *doc->find("work")->as_array();
  REQUIRE(work.size() == 1);
  CHECK(work[0].string_at("name") == "Acme Corp");
  CHECK(work[0].string_at("startDate") == "2020-01");
  CHECK(work[0].find("endDate") == nullptr);
  CHECK(work[0].find("highlights")->as_array()->at(1).as_string()->c_str() ==
        std::string("Shipped\tthem"));
  CHECK(doc->find("skills")->as_array()->at(0).find("keywords")->as_array()->size() == 2);
  // Empty sections are left out.
  CHECK(doc->find("education") == nullptr);
  CHECK(doc->find("volunteer") == nullptr);
  CHECK(doc->find("projects") == nullptr);
}

TEST_CASE("an empty résumé is an object with empty basics") {
  CHECK(to_json(Resume{}) == R"({"basics":{}})");
}
