-- BioBridge schema, version 14: country regulatory profiles imported by
-- operators (domain/regulatory_profile.h). The shipped profiles live in the
-- binary; a row here is a newer profile of its jurisdiction and wins.
CREATE TABLE regulatory_profiles (
  jurisdiction  TEXT PRIMARY KEY,  -- ISO 3166-1 code, or EU
  doc           TEXT NOT NULL,     -- the profile's JSON
  updated_by    TEXT NOT NULL,
  updated_at    INTEGER NOT NULL,
  version       INTEGER NOT NULL
) WITHOUT ROWID;
