-- BioBridge schema, version 6: partnering events. Events, the delegates
-- registered for them and the meeting requests between delegates, each
-- stored as its interchange JSON beside the columns it is looked up by.
CREATE TABLE events (
  seq           INTEGER PRIMARY KEY,
  id            TEXT NOT NULL UNIQUE,
  programme_id  TEXT NOT NULL,  -- '' when the event belongs to no programme
  doc           TEXT NOT NULL,
  version       INTEGER NOT NULL CHECK (version >= 1),
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL
);
CREATE INDEX events_by_programme ON events (programme_id, seq);

CREATE TABLE delegates (
  seq              INTEGER PRIMARY KEY,
  id               TEXT NOT NULL UNIQUE,
  event_id         TEXT NOT NULL REFERENCES events (id),
  organization_id  TEXT NOT NULL REFERENCES organizations (id),
  user_id          TEXT NOT NULL,  -- '' without an account
  doc              TEXT NOT NULL,
  version          INTEGER NOT NULL CHECK (version >= 1),
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL
);
CREATE INDEX delegates_by_event ON delegates (event_id, seq);
CREATE INDEX delegates_by_user ON delegates (user_id) WHERE user_id <> '';

CREATE TABLE meeting_requests (
  seq            INTEGER PRIMARY KEY,
  id             TEXT NOT NULL UNIQUE,
  event_id       TEXT NOT NULL REFERENCES events (id),
  from_delegate  TEXT NOT NULL REFERENCES delegates (id),
  to_delegate    TEXT NOT NULL REFERENCES delegates (id),
  doc            TEXT NOT NULL,
  version        INTEGER NOT NULL CHECK (version >= 1),
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL,
  UNIQUE (event_id, from_delegate, to_delegate)
);
CREATE INDEX meeting_requests_by_event ON meeting_requests (event_id, seq);
