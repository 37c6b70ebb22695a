// tailor-skills-bench [FILE…]: the median time of Lexicon::find_in over each file's text (a
// built-in résumé-like text when none is given), after the built-in lexicon is loaded. A
// measurement tool, not a test: build it in Release for meaningful numbers.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "workers/analyze/skills/lexicon.hpp"

namespace {

constexpr const char* kSample =
    "Jane Doe — Senior Software Engineer\n"
    "jane.doe@example.com | github.com/janedoe | +1 555 0100\n\n"
    "SUMMARY\nBackend engineer with 8 years building distributed systems in Go, Python and Java.\n"
    "Led migrations to Kubernetes on AWS (EKS, RDS, S3) and GCP; mentored engineers; drove\n"
    "stakeholder management and roadmap planning with product.\n\n"
    "EXPERIENCE\n"
    "• Designed event-driven microservices with Kafka and gRPC; cut p99 latency by 40%.\n"
    "• Built CI/CD pipelines with GitHub Actions, Terraform and Helm charts for 30 services.\n"
    "• Owned observability: Prometheus, Grafana, OpenTelemetry, Datadog dashboards and on-call.\n"
    "• Implemented PostgreSQL query optimization and Redis caching for 2M daily users.\n"
    "• Wrote React/TypeScript admin tools; introduced Jest and Playwright end-to-end testing.\n"
    "• Ran A/B testing with product managers; reported KPIs in Looker and Excel.\n\n"
    "SKILLS\nLanguages: Go, Python, Java, TypeScript, SQL, Bash, C++\n"
    "Frameworks: Django, FastAPI, Spring Boot, Node.js, Express\n"
    "Tools: Docker, Kubernetes, Terraform, Ansible, Git, Jira, Confluence\n"
    "Data: pandas, NumPy, scikit-learn, PyTorch, Airflow, Spark, dbt, Snowflake\n\n"
    "EDUCATION\nB.Sc. Computer Science, University of Somewhere, 2015\n";

std::string read_file(const char* path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace

int main(int argc, char** argv) {
  using Clock = std::chrono::steady_clock;
  const auto& lexicon = tailor::analyze::skills::Lexicon::builtin();
  std::vector<std::pair<std::string, std::string>> texts;
  for (int i = 1; i < argc; ++i) texts.emplace_back(argv[i], read_file(argv[i]));
  if (texts.empty()) {
    // A 6 KB résumé: the sample repeated.
    std::string text;
    while (text.size() < 6 * 1024) text += kSample;
    texts.emplace_back("built-in sample", std::move(text));
  }
  constexpr int kRuns = 2000;
  std::printf("lexicon: %zu skills\n", lexicon.size());
  for (const auto& [name, text] : texts) {
    std::vector<double> micros;
    std::size_t mentions = 0;
    for (int run = 0; run < kRuns; ++run) {
      const auto start = Clock::now();
      mentions = lexicon.find_in(text).size();
      micros.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
    }
    std::nth_element(micros.begin(), micros.begin() + kRuns / 2, micros.end());
    std::printf("%s: %zu bytes, %zu mentions, median find_in %.1f us over %d runs\n", name.c_str(),
                text.size(), mentions, micros[kRuns / 2], kRuns);
  }
  return 0;
}
