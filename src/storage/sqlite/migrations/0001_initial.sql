-- BioBridge schema, version 1: the directory, accounts and the journal.
-- Timestamps are Unix milliseconds (UTC). Each directory record keeps its
-- interchange JSON in `doc`; the other columns exist to filter and sort.

-- `seq` is the record's stable integer key inside the database (the code
-- tables refer to it); `id` is its identity everywhere else.
CREATE TABLE organizations (
  seq         INTEGER PRIMARY KEY,
  id          TEXT NOT NULL UNIQUE,
  kind        TEXT NOT NULL,
  country     TEXT NOT NULL,
  sort_name   TEXT NOT NULL,
  doc         TEXT NOT NULL,
  version     INTEGER NOT NULL CHECK (version >= 1),
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);
-- Lists are ordered by (sort_name, seq). The filter indexes carry the other
-- filter column after the order, so that a country + kind filter is answered
-- from one index without reading rows.
CREATE INDEX organizations_by_name ON organizations (sort_name);
CREATE INDEX organizations_by_country ON organizations (country, sort_name, seq, kind);
CREATE INDEX organizations_by_kind ON organizations (kind, sort_name, seq, country);
CREATE INDEX organizations_by_country_and_kind ON organizations (country, kind, sort_name);

-- The (facet, code) pairs records are filtered by, as small integers:
-- facet 'area', 'modality', 'market' (organisations) and 'cooperation',
-- 'area', 'modality', 'target' (opportunities); code from the vocabulary.
CREATE TABLE tags (
  id     INTEGER PRIMARY KEY,
  facet  TEXT NOT NULL,
  code   TEXT NOT NULL,
  UNIQUE (facet, code)
);

-- Which tags each organisation carries. Derived from `doc`; the store keeps
-- them in step and deletes them with their record (no foreign key, which
-- would need a second index).
CREATE TABLE organization_tags (
  tag               INTEGER NOT NULL,
  organization_seq  INTEGER NOT NULL,
  PRIMARY KEY (tag, organization_seq)
) WITHOUT ROWID;

CREATE TABLE opportunities (
  seq              INTEGER PRIMARY KEY,
  id               TEXT NOT NULL UNIQUE,
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
-- Counts by what a viewer may see (and direction, stage) without reading rows.
CREATE INDEX opportunities_by_visibility ON opportunities (confidentiality, direction, stage);
-- Newest first is descending `seq` (the order of creation): no index needed.

-- Which tags each opportunity carries, like organization_tags.
CREATE TABLE opportunity_tags (
  tag              INTEGER NOT NULL,
  opportunity_seq  INTEGER NOT NULL,
  PRIMARY KEY (tag, opportunity_seq)
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

-- Who changed what, when. Both logs are append-only (never deleted from), so
-- their INTEGER PRIMARY KEY grows with every insert without AUTOINCREMENT's
-- bookkeeping.
CREATE TABLE audit_log (
  seq          INTEGER PRIMARY KEY,
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
  seq          INTEGER PRIMARY KEY,
  at           INTEGER NOT NULL,
  entity_type  TEXT NOT NULL,
  entity_id    TEXT NOT NULL,
  operation    TEXT NOT NULL CHECK (operation IN ('upsert', 'delete')),
  version      INTEGER NOT NULL
);

-- Indexes dropped for a bulk load (Store::StartBulkLoad) with the SQL that
-- builds them again; FinishBulkLoad, or the next open after a crash, does.
CREATE TABLE bulk_load_indexes (
  name  TEXT PRIMARY KEY,
  sql   TEXT NOT NULL
);
