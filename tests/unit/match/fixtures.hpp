#pragma once
// Job descriptions and résumés written for the match tests: a backend engineer and a product
// manager, each with a job that fits and one that does not.
#include <chrono>
#include <string>
#include <vector>

#include "workers/analyze/resume/resume.hpp"

namespace tailor::analyze::test {

// The month the tests take as "now" for ongoing positions.
inline constexpr std::chrono::year_month kToday = std::chrono::year(2025) / std::chrono::month(6);

inline const char* const kBackendJob = R"(Senior Backend Engineer - Remote
Acme Payments

About Acme Payments
Acme Payments moves money for 2,000 small businesses across Europe.

What you'll do
- Build and run the Python services that settle payments
- Own reliability: on-call rotations, incident reviews, runbooks

Requirements
- 5+ years of professional backend experience
- Python and PostgreSQL in production
- Docker, and Kubernetes or ECS
- Bachelor's degree in Computer Science or equivalent practical experience

Nice to have
- Experience with Kafka or RabbitMQ
- Terraform is a plus
)";

inline const char* const kProductJob = R"(Job Title: Senior Product Manager, Growth
Company: Brightline

We're looking for a product manager to own the growth roadmap of our B2B SaaS analytics suite.

Must have:
* 3-5 years of product management experience in SaaS
* Comfort with SQL and product analytics (Amplitude or Mixpanel)
* A track record of running A/B tests and writing PRDs
* Bachelor's degree

Bonus:
* MBA preferred
* Experience with pricing and packaging
)";

// Appends a section of `lines` to the parser's view of the résumé.
inline void add_section(ParsedResume& r, std::string kind, std::string heading,
                        const std::vector<std::string>& lines) {
  const int first = static_cast<int>(r.lines.size());
  if (!heading.empty()) r.lines.push_back(heading);
  r.lines.insert(r.lines.end(), lines.begin(), lines.end());
  r.sections.push_back({.kind = std::move(kind),
                        .heading = std::move(heading),
                        .standard_heading = true,
                        .first_line = first,
                        .last_line = static_cast<int>(r.lines.size()) - 1});
}

inline Work work(std::string position, std::string employer, std::string start, std::string end,
                 std::vector<std::string> highlights) {
  Work w;
  w.position = std::move(position);
  w.name = std::move(employer);
  w.startDate = std::move(start);
  w.endDate = std::move(end);
  w.highlights = std::move(highlights);
  return w;
}

inline Education degree(std::string study_type, std::string area) {
  Education e;
  e.studyType = std::move(study_type);
  e.area = std::move(area);
  return e;
}

inline Skill skills(std::vector<std::string> keywords) {
  Skill s;
  s.name = "Skills";
  s.keywords = std::move(keywords);
  return s;
}

// A backend engineer with seven years of Python services.
inline ParsedResume backend_resume() {
  ParsedResume p;
  auto& r = p.resume;
  r.basics.name = "Alex Rivera";
  r.basics.label = "Senior Backend Engineer";
  r.basics.summary =
      "Backend engineer with seven years of building high-throughput Python microservices on AWS, "
      "from "
      "schema design to production deployment and on-call.";
  r.work = {
      work("Senior Backend Engineer", "Lumen Payments", "2021-03", "",
           {"Built async Python services with FastAPI and asyncio handling 12K requests per second",
            "Split a Django monolith into 14 microservices communicating over Kafka, cutting "
            "deploy time by 70%",
            "Tuned PostgreSQL queries and indexing strategies, reducing p99 latency from 900 ms to "
            "120 ms",
            "Ran services on Kubernetes and ECS; owned on-call rotations, runbooks and postmortems",
            "Instrumented every service with OpenTelemetry traces and Datadog dashboards for "
            "observability"}),
      work("Backend Engineer", "Northwind Logistics", "2017-06", "2021-02",
           {"Designed REST APIs with Django REST Framework for 40 partner integrations",
            "Introduced Redis caching on ElastiCache and RDS read replicas, halving database load",
            "Containerized 20 services with Docker and built CI/CD pipelines in GitHub Actions",
            "Modeled relational data for event-driven messaging between warehouse systems"}),
  };
  r.education = {degree("B.S.", "Computer Science")};
  r.skills = {
      skills({"Python", "FastAPI", "Django", "PostgreSQL", "Redis", "Kafka", "Docker", "Kubernetes",
              "AWS", "ECS", "RDS", "GitHub Actions", "CircleCI", "Datadog", "SQL"})};
  return p;
}

// A product manager with eight years in B2B SaaS.
inline ParsedResume product_resume() {
  ParsedResume p;
  auto& r = p.resume;
  r.basics.name = "Sam Lee";
  r.basics.label = "Senior Product Manager";
  r.basics.summary =
      "Product manager who turns customer discovery and funnel data into roadmaps for B2B SaaS "
      "analytics "
      "products.";
  r.work = {
      work("Senior Product Manager", "Brightwave Analytics", "2020-01", "",
           {"Owned the product roadmap and backlog for three workstreams of a B2B SaaS analytics "
            "suite",
            "Ran 30 A/B tests a year with Amplitude and Mixpanel, lifting trial conversion by 18%",
            "Wrote PRDs and acceptance criteria and led sprint planning with two engineering teams",
            "Set quarterly OKRs with stakeholders and presented roadmap updates to C-suite "
            "executives",
            "Used SQL and Looker for ad-hoc analysis of NPS surveys and customer interviews"}),
      work("Product Manager", "Quill", "2016-09", "2019-12",
           {"Led competitive analysis and go-to-market planning for a pricing and packaging "
            "overhaul",
            "Interviewed 120 customers in discovery and turned findings into user stories"}),
  };
  r.education = {degree("MBA", "Business Administration"), degree("B.A.", "Economics")};
  r.skills = {skills({"Product roadmap", "A/B testing", "Amplitude", "Mixpanel", "Looker", "SQL",
                      "Jira", "OKRs", "Stakeholder management"})};
  return p;
}

}  // namespace tailor::analyze::test
