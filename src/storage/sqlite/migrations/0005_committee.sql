-- BioBridge schema, version 5: the expert committee. Experts, projects
-- submitted for review, one committee per programme (settings, members and
-- the reviewer assignment) and reviews, each stored as its interchange JSON
-- beside the columns it is looked up by.
CREATE TABLE experts (
  seq         INTEGER PRIMARY KEY,
  id          TEXT NOT NULL UNIQUE,
  user_id     TEXT NOT NULL,  -- '' when the expert has no account
  doc         TEXT NOT NULL,
  version     INTEGER NOT NULL CHECK (version >= 1),
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);
CREATE UNIQUE INDEX experts_by_user ON experts (user_id) WHERE user_id <> '';

CREATE TABLE review_projects (
  seq              INTEGER PRIMARY KEY,
  id               TEXT NOT NULL UNIQUE,
  programme_id     TEXT NOT NULL REFERENCES programmes (id),
  organization_id  TEXT NOT NULL REFERENCES organizations (id),
  doc              TEXT NOT NULL,
  version          INTEGER NOT NULL CHECK (version >= 1),
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL
);
CREATE INDEX review_projects_by_programme ON review_projects (programme_id, organization_id, seq);

CREATE TABLE committees (
  seq           INTEGER PRIMARY KEY,
  id            TEXT NOT NULL UNIQUE REFERENCES programmes (id),  -- the programme's id
  doc           TEXT NOT NULL,
  version       INTEGER NOT NULL CHECK (version >= 1),
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL
);

CREATE TABLE reviews (
  seq           INTEGER PRIMARY KEY,
  id            TEXT NOT NULL UNIQUE,
  programme_id  TEXT NOT NULL,
  project_id    TEXT NOT NULL REFERENCES review_projects (id),
  expert_id     TEXT NOT NULL REFERENCES experts (id),
  doc           TEXT NOT NULL,
  version       INTEGER NOT NULL CHECK (version >= 1),
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL,
  UNIQUE (project_id, expert_id)
);
CREATE INDEX reviews_by_programme ON reviews (programme_id, seq);
CREATE INDEX reviews_by_expert ON reviews (expert_id, seq);
