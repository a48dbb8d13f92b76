-- BioBridge schema, version 7: the meeting schedule of an event (one per
-- event: draft or published, its meetings and figures), as a document.
CREATE TABLE schedules (
  seq         INTEGER PRIMARY KEY,
  id          TEXT NOT NULL UNIQUE REFERENCES events (id),  -- the event's id
  doc         TEXT NOT NULL,
  version     INTEGER NOT NULL CHECK (version >= 1),
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);
