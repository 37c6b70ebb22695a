"""End-to-end pipeline client for scripts/bench (Python 3 standard library only).

    python3 pipeline.py URL N CONCURRENCY [SUFFIX]

Uploads N résumés to POST /v1/resumes (the PDFs under $DATA_DIR/pdfs, recursive, each with every
$DATA_DIR/jds/*.txt, in that order, repeated up to N: 50 × 4 = 200 by default) and, right after each
upload is accepted, asks for its analysis against its job description (POST /v1/analyses; the
analysis waits for the upload to be read), from CONCURRENCY threads, one HTTP connection per request
(as the peer's bench.py does: one multipart POST holding file and job description). Then polls
PostgreSQL every 50 ms (one long-lived psql process) until every analysis job is done or failed.
Prints `name: value unit` lines: jobs (analyses), upload errors, failed jobs, upload wall time, wall
time from the first POST to the last analysis finished, throughput, and per-job latency p50/p95
(from the upload's job created to the analysis job done). Spot-checks the last analysis (done, with
a score) and its résumé (text) through the API.

Environment: BENCH_TOKEN (access token), DATABASE_URL, DATA_DIR, PIPELINE_TIMEOUT (s, default 300).
Exits 1 when jobs are still unfinished at the timeout or the spot check fails.
"""
import glob
import http.client
import json
import os
import subprocess
import sys
import threading
import time
from urllib.parse import urlsplit

DATA = os.environ.get("DATA_DIR", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "data"))
PDFS = sorted(glob.glob(f"{DATA}/pdfs/**/*.pdf", recursive=True))
JDS = sorted(glob.glob(f"{DATA}/jds/*.txt"))
BOUNDARY = "tailorbenchpipeline5c0d2e8a41f7"


def multipart(fields, files):
    out = []
    for name, value in fields.items():
        out.append(f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode())
        out.append(value.encode() + b"\r\n")
    for name, (filename, data, ctype) in files.items():
        out.append(
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            f"Content-Type: {ctype}\r\n\r\n".encode()
        )
        out.append(data + b"\r\n")
    out.append(f"--{BOUNDARY}--\r\n".encode())
    return b"".join(out), f"multipart/form-data; boundary={BOUNDARY}"


class Psql:
    """One psql process fed a query per line; psql flushes its output after every query."""

    def __init__(self, url):
        self.p = subprocess.Popen(
            ["psql", "-X", "-q", "-tA", "-F", "\x1f", "-v", "ON_ERROR_STOP=1", url],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1,
        )

    def row(self, sql):
        self.p.stdin.write(" ".join(sql.split()) + ";\n")
        self.p.stdin.flush()
        line = self.p.stdout.readline()
        if not line:
            raise SystemExit(f"pipeline: psql ended (query: {sql[:120]})")
        return line.rstrip("\n").split("\x1f")

    def close(self):
        self.p.stdin.close()
        self.p.wait()


def api_get(u, path, token):
    try:
        conn = http.client.HTTPConnection(u.hostname, u.port, timeout=10)
        conn.request("GET", path, headers={"Authorization": f"Bearer {token}"})
        resp = conn.getresponse()
        body = resp.read()
        conn.close()
    except OSError as e:
        return 0, f"{type(e).__name__}: {e}".encode()
    return resp.status, body


def main(url, n, concurrency, suffix):
    u = urlsplit(url)
    token = os.environ["BENCH_TOKEN"]
    assert PDFS and JDS, f"no PDFs or JDs under {DATA}"
    pdf_bytes = {p: open(p, "rb").read() for p in PDFS}
    jds = [open(p, encoding="utf-8").read() for p in JDS]
    work = [(p, jd) for p in PDFS for jd in jds] * (1 + n // (len(PDFS) * len(jds)))
    work = work[:n]

    accepted = [None] * len(work)  # (job_id, resume_id) per item, or None
    errors = []
    lock = threading.Lock()
    next_item = [0]

    def request(path, body, ctype):
        try:
            conn = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
            conn.request("POST", path, body=body, headers={"Content-Type": ctype, "Authorization": f"Bearer {token}"})
            resp = conn.getresponse()
            payload = resp.read()
            conn.close()
        except OSError as e:
            return None, f"{type(e).__name__}: {e}"
        if resp.status != 202:
            return None, f"HTTP {resp.status}: {payload[:300]!r}"
        return json.loads(payload), None

    def post(i):
        path, jd = work[i]
        body, ctype = multipart({}, {"file": (os.path.basename(path), pdf_bytes[path], "application/pdf")})
        upload, err = request("/v1/resumes", body, ctype)
        if err:
            return None, f"{os.path.basename(path)}: upload: {err}"
        analysis, err = request("/v1/analyses", json.dumps({"resume_id": upload["resume_id"],
                                                             "job_description": {"text": jd}}), "application/json")
        if err:
            return None, f"{os.path.basename(path)}: analysis: {err}"
        return (analysis["job_id"], upload["resume_id"], analysis["analysis_id"], upload["job_id"]), None

    def client():
        while True:
            with lock:
                i = next_item[0]
                if i >= len(work):
                    return
                next_item[0] += 1
            res, err = post(i)
            with lock:
                accepted[i] = res
                if err:
                    errors.append(err)

    db = Psql(os.environ["DATABASE_URL"])
    db.row("SELECT 1")  # connect before the clock starts
    t0 = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    t_accepted = time.perf_counter()
    jobs = [a for a in accepted if a]
    for e in errors[:10]:
        print(f"pipeline: upload failed: {e}", file=sys.stderr)
    ids = "'{" + ",".join(j[0] for j in jobs) + "}'::uuid[]"
    uploads = "'{" + ",".join(j[3] for j in jobs) + "}'::uuid[]"
    timeout = float(os.environ.get("PIPELINE_TIMEOUT", "300"))
    finished = failed = 0
    while jobs:
        finished, failed = map(int, db.row(
            "SELECT count(*) FILTER (WHERE state IN ('done', 'failed')), count(*) FILTER (WHERE state = 'failed') "
            f"FROM jobs WHERE id = ANY({ids})"))
        if finished == len(jobs):
            break
        if time.perf_counter() - t0 > timeout:
            print(f"pipeline_unfinished{suffix}: {len(jobs) - finished} jobs")
            raise SystemExit(f"pipeline: only {finished}/{len(jobs)} finished after {timeout:.0f} s")
        time.sleep(0.05)
    t_done = time.perf_counter()
    p50 = p95 = 0.0
    if jobs:
        # upload accepted (the résumé's job created) -> analysis done
        p50, p95 = map(float, db.row(
            "WITH l AS (SELECT extract(epoch FROM a.updated_at - u.created_at) AS s FROM jobs a "
            f"JOIN unnest({ids}, {uploads}) AS p(analysis, upload) ON p.analysis = a.id JOIN jobs u ON u.id = p.upload) "
            "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY s), percentile_cont(0.95) WITHIN GROUP (ORDER BY s) FROM l"))
        if failed:
            (why,) = db.row("SELECT string_agg(DISTINCT replace(coalesce(error, '?'), E'\\n', ' '), ' | ') "
                            f"FROM jobs WHERE id = ANY({ids}) AND state = 'failed'")
            print(f"pipeline: failed jobs' errors: {why[:500]}", file=sys.stderr)
    db.close()

    # spot check through the API: the last analysis is done with a score, and its résumé has text
    ok = True
    if jobs:
        _, resume_id, analysis_id, _ = jobs[-1]
        st, body = api_get(u, f"/v1/analyses/{analysis_id}", token)
        analysis = json.loads(body) if st == 200 else {}
        st2, body2 = api_get(u, f"/v1/resumes/{resume_id}", token)
        doc = json.loads(body2) if st2 == 200 else {}
        if analysis.get("state") != "done" or analysis.get("score") is None or not doc.get("text"):
            ok = False
            print(f"pipeline: spot check failed: analysis {st} {body[:300]!r}; resume {st2} status {doc.get('status')!r}",
                  file=sys.stderr)

    wall = t_done - t0
    print(f"pipeline_jobs{suffix}: {len(jobs)} jobs")
    print(f"pipeline_upload_errors{suffix}: {len(errors)} requests")
    print(f"pipeline_failed{suffix}: {failed} jobs")
    print(f"pipeline_upload_wall{suffix}: {t_accepted - t0:.2f} s")
    print(f"pipeline_wall{suffix}: {wall:.2f} s")
    print(f"pipeline_throughput{suffix}: {len(jobs) / wall:.2f} jobs/s")
    print(f"pipeline_job_latency_p50{suffix}: {p50 * 1000:.0f} ms")
    print(f"pipeline_job_latency_p95{suffix}: {p95 * 1000:.0f} ms")
    if not ok:
        sys.exit(1)


if __name__ == "__main__":
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4] if len(sys.argv) > 4 else "")
