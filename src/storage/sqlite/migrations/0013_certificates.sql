-- BioBridge schema, version 13: certificates and accreditations.
--
-- A certificate is what an organisation holds (domain/certificate.h): kind,
-- issuer, number, scope, dates and, once someone trusted checked it, a
-- verified mark. reminded_days and lapsed are the expiry round's state: the
-- nearest reminder sent (90, 30, 7) and whether its expiry has been seen
-- (then it leaves search filters).
CREATE TABLE certificates (
  id                     TEXT PRIMARY KEY,
  organization_id        TEXT NOT NULL REFERENCES organizations (id),
  kind                   TEXT NOT NULL,
  issuer                 TEXT NOT NULL,
  number                 TEXT NOT NULL,
  country                TEXT NOT NULL DEFAULT '',
  detail                 TEXT NOT NULL DEFAULT '',
  products               TEXT NOT NULL DEFAULT '[]',  -- JSON array of strings
  sites                  TEXT NOT NULL DEFAULT '[]',
  issued_on              TEXT NOT NULL,               -- YYYY-MM-DD
  expires_on             TEXT,                        -- YYYY-MM-DD, NULL: does not expire
  verified_by            TEXT,
  verifier_organization  TEXT,
  verified_at            INTEGER,
  verification_method    TEXT,
  verification_note      TEXT,
  reminded_days          INTEGER NOT NULL DEFAULT 0,
  lapsed                 INTEGER NOT NULL DEFAULT 0,
  created_by             TEXT NOT NULL,
  created_at             INTEGER NOT NULL,
  updated_at             INTEGER NOT NULL,
  version                INTEGER NOT NULL DEFAULT 1
) WITHOUT ROWID;
CREATE INDEX certificates_by_organization ON certificates (organization_id, kind);
CREATE INDEX certificates_by_expiry ON certificates (expires_on) WHERE expires_on IS NOT NULL AND lapsed = 0;

-- Associations a platform admin accredited to verify certificates.
CREATE TABLE accreditations (
  organization_id  TEXT PRIMARY KEY REFERENCES organizations (id),
  granted_by       TEXT NOT NULL,
  granted_at       INTEGER NOT NULL
) WITHOUT ROWID;

-- Documents may now belong to a certificate: the table is rebuilt for the
-- wider CHECK (SQLite cannot alter one).
CREATE TABLE documents_v13 (
  id               TEXT PRIMARY KEY,
  organization_id  TEXT NOT NULL REFERENCES organizations (id),
  subject_type     TEXT NOT NULL CHECK (subject_type IN ('organization', 'opportunity', 'certificate')),
  subject_id       TEXT NOT NULL,
  name             TEXT NOT NULL,
  media_type       TEXT NOT NULL,
  size             INTEGER NOT NULL CHECK (size > 0),
  sha256           TEXT NOT NULL,
  confidentiality  TEXT NOT NULL CHECK (confidentiality IN ('public', 'members', 'cda')),
  uploaded_by      TEXT NOT NULL,
  created_at       INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO documents_v13 SELECT * FROM documents;
DROP TABLE documents;
ALTER TABLE documents_v13 RENAME TO documents;
CREATE INDEX documents_by_subject ON documents (subject_type, subject_id, created_at);
CREATE INDEX documents_by_organization ON documents (organization_id);
CREATE INDEX documents_by_hash ON documents (sha256);
