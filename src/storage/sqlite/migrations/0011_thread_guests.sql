-- BioBridge schema, version 11: guests in message threads.
--
-- Only the parties read a thread, unless a party adds the operator of the
-- programme its subject belongs to: then the members of that organisation
-- read and write there too.
CREATE TABLE thread_guests (
  thread           TEXT NOT NULL,
  organization_id  TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  added_by         TEXT NOT NULL,
  added_at         INTEGER NOT NULL,
  PRIMARY KEY (thread, organization_id)
) WITHOUT ROWID;
