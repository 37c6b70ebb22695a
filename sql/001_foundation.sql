-- Foundation: accounts, documents (résumés), the job model (jobs, job_events, outbox), audit log.
-- Applied once by `tailor migrate`, inside a transaction.

-- ISO-8601 UTC text for JSON responses, formatted in one place.
CREATE FUNCTION iso_utc(ts timestamptz) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') $$;

CREATE TABLE users (
  id              uuid PRIMARY KEY,
  email           text NOT NULL UNIQUE,          -- normalized (lower-case, trimmed)
  password_hash   text NOT NULL,                 -- argon2id PHC string
  email_verified_at timestamptz,
  failed_logins   integer NOT NULL DEFAULT 0,    -- consecutive failures since the last success
  locked_until    timestamptz,                   -- set after too many failures
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);

-- Refresh tokens are stored as SHA-256 hashes. Each login starts a family; refreshing spends a
-- token and issues its successor in the same family. Presenting a spent token revokes the family.
CREATE TABLE refresh_tokens (
  id          uuid PRIMARY KEY,
  user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  family_id   uuid NOT NULL,
  token_hash  text NOT NULL UNIQUE,
  expires_at  timestamptz NOT NULL,
  spent_at    timestamptz,
  revoked_at  timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id);

CREATE TABLE documents (
  id            uuid PRIMARY KEY,
  owner_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  filename      text NOT NULL,
  media_type    text NOT NULL CHECK (media_type IN ('pdf', 'docx', 'png', 'jpeg', 'tiff', 'text')),
  size_bytes    bigint NOT NULL CHECK (size_bytes >= 0),
  storage_key   text NOT NULL,
  status        text NOT NULL DEFAULT 'uploaded'
                CHECK (status IN ('uploaded', 'extracting', 'extracted', 'failed')),
  text          text,
  page_count    integer,
  extraction    jsonb,           -- method, per-page details, warnings
  error         text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX documents_owner_idx ON documents (owner_id, created_at DESC);

CREATE TABLE jobs (
  id           uuid PRIMARY KEY,
  owner_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind         text NOT NULL,                  -- 'resume' (extract), later 'analysis', ...
  document_id  uuid REFERENCES documents (id) ON DELETE CASCADE,
  state        text NOT NULL DEFAULT 'queued'
               CHECK (state IN ('queued', 'running', 'retrying', 'done', 'failed')),
  stage        text,                           -- the stage to run next, or the last one run
  progress     smallint NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  attempts     integer NOT NULL DEFAULT 0,     -- runs of the current stage
  error        text,                           -- a message a person can read, when failed
  last_seq     integer NOT NULL DEFAULT 0,     -- seq of the newest job_events row
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX jobs_owner_idx ON jobs (owner_id, created_at DESC);
CREATE INDEX jobs_document_idx ON jobs (document_id);

CREATE TABLE job_events (
  job_id      uuid NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
  seq         integer NOT NULL,
  type        text NOT NULL,
  data        jsonb NOT NULL DEFAULT '{}',
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (job_id, seq)
);

-- Messages to publish, written in the same transaction as the state change that causes them.
CREATE TABLE outbox (
  id           bigserial PRIMARY KEY,
  exchange     text NOT NULL,
  routing_key  text NOT NULL,
  body         text NOT NULL,
  message_id   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE audit_log (
  id          bigserial PRIMARY KEY,
  user_id     uuid REFERENCES users (id) ON DELETE SET NULL,
  action      text NOT NULL,          -- 'user.register', 'auth.login', 'resume.delete', ...
  subject_id  uuid,
  detail      jsonb NOT NULL DEFAULT '{}',
  request_id  text,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_user_idx ON audit_log (user_id, created_at DESC);
