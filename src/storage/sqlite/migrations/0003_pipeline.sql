-- BioBridge schema, version 3: the contact and deal pipeline. Expressions of
-- interest between organisations; the deals their acceptance opens, with
-- every move recorded; each party's acceptance of the deal's confidentiality
-- agreement (text version and SHA-256, who, when).
CREATE TABLE interests (
  seq                INTEGER PRIMARY KEY,
  id                 TEXT NOT NULL UNIQUE,
  from_organization  TEXT NOT NULL REFERENCES organizations (id),
  to_organization    TEXT NOT NULL REFERENCES organizations (id),
  opportunity_id     TEXT NOT NULL,  -- '' for interest in the organisation itself
  message            TEXT NOT NULL,
  status             TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'declined')),
  decline_reason     TEXT NOT NULL,
  decision_note      TEXT NOT NULL,
  created_by         TEXT NOT NULL,
  decided_by         TEXT NOT NULL,
  decided_at         INTEGER,
  deal_id            TEXT NOT NULL,
  version            INTEGER NOT NULL CHECK (version >= 1),
  created_at         INTEGER NOT NULL,
  updated_at         INTEGER NOT NULL
);
CREATE INDEX interests_by_sender ON interests (from_organization, seq);
CREATE INDEX interests_by_receiver ON interests (to_organization, seq);
-- One pending interest per sender and target at a time.
CREATE UNIQUE INDEX interests_pending ON interests (from_organization, to_organization, opportunity_id)
  WHERE status = 'pending';

CREATE TABLE deals (
  seq             INTEGER PRIMARY KEY,
  id              TEXT NOT NULL UNIQUE,
  interest_id     TEXT NOT NULL,
  opportunity_id  TEXT NOT NULL,
  programme_id    TEXT NOT NULL,
  initiator       TEXT NOT NULL REFERENCES organizations (id),
  recipient       TEXT NOT NULL REFERENCES organizations (id),
  stage           TEXT NOT NULL,
  closed_in       TEXT NOT NULL,  -- '' unless closed
  close_reason    TEXT NOT NULL,
  version         INTEGER NOT NULL CHECK (version >= 1),
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
);
CREATE INDEX deals_by_initiator ON deals (initiator, seq);
CREATE INDEX deals_by_recipient ON deals (recipient, seq);
CREATE INDEX deals_by_programme ON deals (programme_id, seq);

CREATE TABLE deal_moves (
  deal_seq    INTEGER NOT NULL REFERENCES deals (seq),
  move        INTEGER NOT NULL,  -- 0 for the move that opened the deal
  from_stage  TEXT NOT NULL,     -- '' for the opening move
  to_stage    TEXT NOT NULL,
  actor       TEXT NOT NULL,
  at          INTEGER NOT NULL,
  note        TEXT NOT NULL,
  reason      TEXT NOT NULL,
  PRIMARY KEY (deal_seq, move)
) WITHOUT ROWID;

CREATE TABLE cda_acceptances (
  deal_seq         INTEGER NOT NULL REFERENCES deals (seq),
  organization_id  TEXT NOT NULL,
  user_id          TEXT NOT NULL,
  text_version     TEXT NOT NULL,
  text_sha256      TEXT NOT NULL,
  at               INTEGER NOT NULL,
  PRIMARY KEY (deal_seq, organization_id)
) WITHOUT ROWID;
