-- BioBridge schema, version 10: saved searches and their alerts.
--
-- A member saves a search (query, filters, language) or asks for new
-- partners of an opportunity; a scheduled job runs them against the
-- records changed since its cursor (job_cursors) and notifies each match
-- once per saved search (saved_search_hits).
CREATE TABLE saved_searches (
  id               TEXT PRIMARY KEY,
  user_id          TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind             TEXT NOT NULL CHECK (kind IN ('search', 'matches')),
  name             TEXT NOT NULL,
  query            TEXT NOT NULL,  -- '' for matches
  filters          TEXT NOT NULL,  -- JSON object of filter -> code
  language         TEXT NOT NULL,
  opportunity_id   TEXT NOT NULL,  -- '' for search
  rhythm           TEXT NOT NULL CHECK (rhythm IN ('immediately', 'daily', 'weekly', 'never')),
  from_change_seq  INTEGER NOT NULL,
  created_at       INTEGER NOT NULL,
  last_match_at    INTEGER,
  match_count      INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX saved_searches_by_user ON saved_searches (user_id, created_at);

CREATE TABLE saved_search_hits (
  saved_search_id  TEXT NOT NULL REFERENCES saved_searches (id) ON DELETE CASCADE,
  record_id        TEXT NOT NULL,
  notified_at      INTEGER NOT NULL,
  PRIMARY KEY (saved_search_id, record_id)
) WITHOUT ROWID;

-- How far each job that follows the change records has read.
CREATE TABLE job_cursors (
  name  TEXT PRIMARY KEY,
  seq   INTEGER NOT NULL
) WITHOUT ROWID;
