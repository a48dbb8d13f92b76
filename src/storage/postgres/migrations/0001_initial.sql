-- BioBridge schema on PostgreSQL, version 1: the directory, accounts and the
-- journal — the same records as the SQLite store's version 1, in
-- PostgreSQL's types. Timestamps are Unix milliseconds (UTC). Each
-- directory record keeps its interchange JSON in `doc`; the other columns
-- exist to filter and sort.

CREATE TABLE organizations (
  seq         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id          TEXT NOT NULL UNIQUE,
  kind        TEXT NOT NULL,
  country     TEXT NOT NULL,
  sort_name   TEXT NOT NULL COLLATE "C",
  doc         TEXT NOT NULL,
  version     BIGINT NOT NULL CHECK (version >= 1),
  created_at  BIGINT NOT NULL,
  updated_at  BIGINT NOT NULL
);
CREATE INDEX organizations_by_name ON organizations (sort_name, seq);
CREATE INDEX organizations_by_country ON organizations (country, sort_name, seq);
CREATE INDEX organizations_by_kind ON organizations (kind, sort_name, seq);

-- The (facet, code) pairs records are filtered by, as small integers.
CREATE TABLE tags (
  id     INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  facet  TEXT NOT NULL,
  code   TEXT NOT NULL,
  UNIQUE (facet, code)
);

CREATE TABLE organization_tags (
  tag               INTEGER NOT NULL,
  organization_seq  BIGINT NOT NULL,
  PRIMARY KEY (tag, organization_seq)
);

CREATE TABLE opportunities (
  seq              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id               TEXT NOT NULL UNIQUE,
  organization_id  TEXT NOT NULL REFERENCES organizations (id),
  direction        TEXT NOT NULL,
  stage            TEXT NOT NULL,
  confidentiality  TEXT NOT NULL,
  doc              TEXT NOT NULL,
  version          BIGINT NOT NULL CHECK (version >= 1),
  created_at       BIGINT NOT NULL,
  updated_at       BIGINT NOT NULL
);
CREATE INDEX opportunities_by_organization ON opportunities (organization_id, seq);
CREATE INDEX opportunities_by_visibility ON opportunities (confidentiality, direction, stage);

CREATE TABLE opportunity_tags (
  tag              INTEGER NOT NULL,
  opportunity_seq  BIGINT NOT NULL,
  PRIMARY KEY (tag, opportunity_seq)
);

CREATE TABLE users (
  id                  TEXT PRIMARY KEY,
  email               TEXT NOT NULL UNIQUE,
  display_name        TEXT NOT NULL,
  preferred_language  TEXT NOT NULL,
  password_hash       TEXT NOT NULL,
  platform_admin      BOOLEAN NOT NULL DEFAULT FALSE,
  expert              BOOLEAN NOT NULL DEFAULT FALSE,
  event_organiser     BOOLEAN NOT NULL DEFAULT FALSE,
  version             BIGINT NOT NULL CHECK (version >= 1),
  created_at          BIGINT NOT NULL,
  updated_at          BIGINT NOT NULL
);

CREATE TABLE memberships (
  organization_id  TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  user_id          TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role             TEXT NOT NULL CHECK (role IN ('admin', 'member')),
  PRIMARY KEY (organization_id, user_id)
);
CREATE INDEX memberships_by_user ON memberships (user_id);

-- Sessions and API tokens live in the database, so that any node answers
-- any signed-in request.
CREATE TABLE sessions (
  token_hash  TEXT PRIMARY KEY,
  user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at  BIGINT NOT NULL,
  expires_at  BIGINT NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE TABLE api_tokens (
  id          TEXT PRIMARY KEY,
  user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name        TEXT NOT NULL,
  token_hash  TEXT NOT NULL UNIQUE,
  created_at  BIGINT NOT NULL
);
CREATE INDEX api_tokens_by_user ON api_tokens (user_id);

-- Who changed what, when; append-only.
CREATE TABLE audit_log (
  seq          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at           BIGINT NOT NULL,
  actor        TEXT NOT NULL,
  action       TEXT NOT NULL,
  entity_type  TEXT NOT NULL,
  entity_id    TEXT NOT NULL,
  changes      TEXT NOT NULL
);
CREATE INDEX audit_log_by_entity ON audit_log (entity_type, entity_id, seq);

-- What changed, in commit order, for the search indexes of every node to
-- follow. Identity values are handed out at insert, not at commit: a
-- follower must not read past a sequence whose transaction is still open.
CREATE TABLE change_log (
  seq          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at           BIGINT NOT NULL,
  entity_type  TEXT NOT NULL,
  entity_id    TEXT NOT NULL,
  operation    TEXT NOT NULL CHECK (operation IN ('upsert', 'delete')),
  version      BIGINT NOT NULL
);
