-- BioBridge schema, version 12: documents.
--
-- The bytes of a document are a file kept by its SHA-256 beside the
-- database (files/blob_store.h); a row says whose it is, what it is attached
-- to, its name, type, size and tier. Two rows may share one file.
CREATE TABLE documents (
  id               TEXT PRIMARY KEY,
  organization_id  TEXT NOT NULL REFERENCES organizations (id),
  subject_type     TEXT NOT NULL CHECK (subject_type IN ('organization', 'opportunity')),
  subject_id       TEXT NOT NULL,
  name             TEXT NOT NULL,
  media_type       TEXT NOT NULL,
  size             INTEGER NOT NULL CHECK (size > 0),
  sha256           TEXT NOT NULL,
  confidentiality  TEXT NOT NULL CHECK (confidentiality IN ('public', 'members', 'cda')),
  uploaded_by      TEXT NOT NULL,
  created_at       INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX documents_by_subject ON documents (subject_type, subject_id, created_at);
CREATE INDEX documents_by_organization ON documents (organization_id);
CREATE INDEX documents_by_hash ON documents (sha256);
