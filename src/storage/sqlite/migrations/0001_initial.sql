-- BioBridge schema, version 1: the directory, accounts and the journal.
-- Timestamps are Unix milliseconds (UTC). Each directory record keeps its
-- interchange JSON in `doc`; the other columns exist to filter and sort.

CREATE TABLE organizations (
  id          TEXT PRIMARY KEY,
  kind        TEXT NOT NULL,
  country     TEXT NOT NULL,
  sort_name   TEXT NOT NULL,
  doc         TEXT NOT NULL,
  version     INTEGER NOT NULL CHECK (version >= 1),
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);
CREATE INDEX organizations_by_name ON organizations (sort_name, id);
CREATE INDEX organizations_by_country ON organizations (country, sort_name, id);
CREATE INDEX organizations_by_kind ON organizations (kind, sort_name, id);

-- Multi-valued codes of an organisation: facet 'area', 'modality' or 'market'.
-- Derived from `doc`; the store keeps them in step and deletes them by primary
-- key with their record (no foreign key, which would need a second index).
CREATE TABLE organization_codes (
  facet            TEXT NOT NULL,
  code             TEXT NOT NULL,
  organization_id  TEXT NOT NULL,
  PRIMARY KEY (facet, code, organization_id)
) WITHOUT ROWID;

CREATE TABLE opportunities (
  id               TEXT PRIMARY KEY,
  organization_id  TEXT NOT NULL REFERENCES organizations (id),
  direction        TEXT NOT NULL,
  stage            TEXT NOT NULL,
  confidentiality  TEXT NOT NULL,
  doc              TEXT NOT NULL,
  version          INTEGER NOT NULL CHECK (version >= 1),
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL
);
CREATE INDEX opportunities_by_organization ON opportunities (organization_id);
CREATE INDEX opportunities_by_age ON opportunities (created_at DESC, id);

-- Multi-valued codes of an opportunity: facet 'cooperation', 'area',
-- 'modality' or 'target'. Derived from `doc`, like organization_codes.
CREATE TABLE opportunity_codes (
  facet           TEXT NOT NULL,
  code            TEXT NOT NULL,
  opportunity_id  TEXT NOT NULL,
  PRIMARY KEY (facet, code, opportunity_id)
) WITHOUT ROWID;

CREATE TABLE users (
  id                  TEXT PRIMARY KEY,
  email               TEXT NOT NULL UNIQUE,
  display_name        TEXT NOT NULL,
  preferred_language  TEXT NOT NULL,
  password_hash       TEXT NOT NULL,
  platform_admin      INTEGER NOT NULL DEFAULT 0,
  expert              INTEGER NOT NULL DEFAULT 0,
  event_organiser     INTEGER NOT NULL DEFAULT 0,
  version             INTEGER NOT NULL CHECK (version >= 1),
  created_at          INTEGER NOT NULL,
  updated_at          INTEGER NOT NULL
);

CREATE TABLE memberships (
  organization_id  TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  user_id          TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role             TEXT NOT NULL CHECK (role IN ('admin', 'member')),
  PRIMARY KEY (organization_id, user_id)
) WITHOUT ROWID;
CREATE INDEX memberships_by_user ON memberships (user_id);

CREATE TABLE sessions (
  token_hash  TEXT PRIMARY KEY,
  user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE TABLE api_tokens (
  id          TEXT PRIMARY KEY,
  user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name        TEXT NOT NULL,
  token_hash  TEXT NOT NULL UNIQUE,
  created_at  INTEGER NOT NULL
);
CREATE INDEX api_tokens_by_user ON api_tokens (user_id);

-- Who changed what, when: never pruned by the application.
CREATE TABLE audit_log (
  seq          INTEGER PRIMARY KEY AUTOINCREMENT,
  at           INTEGER NOT NULL,
  actor        TEXT NOT NULL,
  action       TEXT NOT NULL,
  entity_type  TEXT NOT NULL,
  entity_id    TEXT NOT NULL,
  changes      TEXT NOT NULL
);
CREATE INDEX audit_log_by_entity ON audit_log (entity_type, entity_id, seq);

-- What changed, in commit order, for search indexes and other nodes to follow.
CREATE TABLE change_log (
  seq          INTEGER PRIMARY KEY AUTOINCREMENT,
  at           INTEGER NOT NULL,
  entity_type  TEXT NOT NULL,
  entity_id    TEXT NOT NULL,
  operation    TEXT NOT NULL CHECK (operation IN ('upsert', 'delete')),
  version      INTEGER NOT NULL
);
