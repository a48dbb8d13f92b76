-- BioBridge schema, version 4: programmes, which operators run and group
-- opportunities under; a deal opened from one of them belongs to it.
CREATE TABLE programmes (
  seq         INTEGER PRIMARY KEY,
  id          TEXT NOT NULL UNIQUE,
  operator    TEXT NOT NULL REFERENCES organizations (id),
  doc         TEXT NOT NULL,
  version     INTEGER NOT NULL CHECK (version >= 1),
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);
CREATE INDEX programmes_by_operator ON programmes (operator, seq);

CREATE TABLE programme_opportunities (
  programme_seq   INTEGER NOT NULL REFERENCES programmes (seq),
  opportunity_id  TEXT NOT NULL,
  PRIMARY KEY (programme_seq, opportunity_id)
) WITHOUT ROWID;
CREATE INDEX programme_opportunities_by_opportunity ON programme_opportunities (opportunity_id, programme_seq);
