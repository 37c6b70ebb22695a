-- Issue 4: the analyze stage and the analyses API.

-- A job can wait for its résumé: an analysis asked for while the upload is still being read is
-- held here (no message queued) until the extract stage finishes the document, either way.
ALTER TABLE jobs DROP CONSTRAINT jobs_state_check;
ALTER TABLE jobs ADD CONSTRAINT jobs_state_check
  CHECK (state IN ('waiting', 'queued', 'running', 'retrying', 'done', 'failed'));
CREATE INDEX jobs_waiting_idx ON jobs (document_id) WHERE state = 'waiting';

-- What the analyze stage learns from the résumé alone (the upload's own job): the résumé as
-- JSON Resume, the text with personal data replaced (the only text that may leave the system),
-- and the ATS review. json, not jsonb, here and for analyses.report: these documents are served
-- as written (JSON Resume's key order, not jsonb's) and never queried inside.
ALTER TABLE documents ADD COLUMN parsed json;
ALTER TABLE documents ADD COLUMN redacted_text text;
ALTER TABLE documents ADD COLUMN ats json;

-- One résumé matched against one job description.
CREATE TABLE analyses (
  id           uuid PRIMARY KEY,
  owner_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  document_id  uuid NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  job_id       uuid NOT NULL UNIQUE REFERENCES jobs (id) ON DELETE CASCADE,
  jd_title     text NOT NULL DEFAULT '',
  jd_company   text NOT NULL DEFAULT '',
  jd_text      text NOT NULL,
  score        smallint CHECK (score BETWEEN 0 AND 100),
  report       json,           -- match breakdown, skills, keywords, ATS flags, bullet scores
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX analyses_owner_idx ON analyses (owner_id, created_at DESC);
CREATE INDEX analyses_document_idx ON analyses (document_id);
