-- Projects submitted to an expert committee may carry documents too: the
-- table is rebuilt for the wider CHECK (SQLite cannot alter one).
CREATE TABLE documents_v16 (
  id               TEXT PRIMARY KEY,
  organization_id  TEXT NOT NULL REFERENCES organizations (id),
  subject_type     TEXT NOT NULL CHECK (subject_type IN ('organization', 'opportunity', 'certificate', 'review_project')),
  subject_id       TEXT NOT NULL,
  name             TEXT NOT NULL,
  media_type       TEXT NOT NULL,
  size             INTEGER NOT NULL CHECK (size > 0),
  sha256           TEXT NOT NULL,
  confidentiality  TEXT NOT NULL CHECK (confidentiality IN ('public', 'members', 'cda')),
  uploaded_by      TEXT NOT NULL,
  created_at       INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO documents_v16 SELECT * FROM documents;
DROP TABLE documents;
ALTER TABLE documents_v16 RENAME TO documents;
CREATE INDEX documents_by_subject ON documents (subject_type, subject_id, created_at);
CREATE INDEX documents_by_organization ON documents (organization_id);
CREATE INDEX documents_by_hash ON documents (sha256);
