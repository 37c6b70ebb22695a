-- wrk script for scripts/bench: POST /v1/resumes with a multipart/form-data body holding one PDF
-- in the field `file`, as an authenticated user.
-- Environment: BENCH_PDF (path of the PDF, read once per wrk thread), BENCH_TOKEN (access token).
local path = assert(os.getenv("BENCH_PDF"), "BENCH_PDF is not set")
local token = assert(os.getenv("BENCH_TOKEN"), "BENCH_TOKEN is not set")
local f = assert(io.open(path, "rb"))
local pdf = f:read("*a")
f:close()
local name = path:match("([^/]+)$")
local boundary = "tailorbench0b7e1c5a9f3d4e26"

wrk.method = "POST"
wrk.path = "/v1/resumes"
wrk.headers["Content-Type"] = "multipart/form-data; boundary=" .. boundary
wrk.headers["Authorization"] = "Bearer " .. token
wrk.body = table.concat({
  "--", boundary, "\r\n",
  'Content-Disposition: form-data; name="file"; filename="', name, '"\r\n',
  "Content-Type: application/pdf\r\n\r\n",
  pdf, "\r\n",
  "--", boundary, "--\r\n",
})
