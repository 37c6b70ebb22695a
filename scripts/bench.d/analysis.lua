-- wrk script for scripts/bench: POST /v1/analyses with the peer's body (/work/shared/peer/
-- post_analysis.lua: the job description as a string) on an extracted résumé, as an
-- authenticated user.
-- Environment: BENCH_RESUME_ID (an extracted résumé of the bench user), BENCH_TOKEN (access token).
local resume = assert(os.getenv("BENCH_RESUME_ID"), "BENCH_RESUME_ID is not set")
local token = assert(os.getenv("BENCH_TOKEN"), "BENCH_TOKEN is not set")

wrk.method = "POST"
wrk.path = "/v1/analyses"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. token
wrk.body = string.format(
  '{"resume_id":"%s","job_description":"Senior backend engineer: Python, FastAPI, PostgreSQL, Redis, Celery, RabbitMQ, Docker, Kubernetes, AWS. 5+ years building REST APIs and async job pipelines."}',
  resume)
