-- BioBridge schema, version 2: collaborations, the joint work organisations
-- did together (a consortium, a trial with its collaborators), which
-- matching learns past partners from.
CREATE TABLE collaborations (
  seq         INTEGER PRIMARY KEY,
  id          TEXT NOT NULL UNIQUE,
  lead        TEXT NOT NULL,  -- '' when none is named
  year        INTEGER,        -- NULL when unknown
  doc         TEXT NOT NULL,
  version     INTEGER NOT NULL CHECK (version >= 1),
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);

-- Who took part in each: derived from `doc` and kept in step by the store.
-- Keyed by organisation first, so that an organisation's collaborations and
-- its partners are read from one index range.
CREATE TABLE collaboration_members (
  organization_id    TEXT NOT NULL,
  collaboration_seq  INTEGER NOT NULL,
  PRIMARY KEY (organization_id, collaboration_seq)
) WITHOUT ROWID;
CREATE INDEX collaboration_members_by_collaboration ON collaboration_members (collaboration_seq, organization_id);
