-- BioBridge schema, version 8: consent and sessions one can see.
--
-- Invitations: whatever is done in someone's name (a membership, a delegate
-- registration, an opportunity placed in a programme) is an invitation that
-- person or organisation accepts; accepting applies it in the same
-- transaction. Stored as the interchange JSON beside the columns it is
-- looked up by.
CREATE TABLE invitations (
  seq                   INTEGER PRIMARY KEY,
  id                    TEXT NOT NULL UNIQUE,
  kind                  TEXT NOT NULL,
  target                TEXT NOT NULL,  -- organisation, event or programme id
  opportunity           TEXT NOT NULL,  -- '' unless kind = 'programme_opportunity'
  invitee_email         TEXT NOT NULL,  -- '' unless kind = 'membership'
  invitee_user          TEXT NOT NULL,  -- '' unless kind = 'delegate'
  invitee_organization  TEXT NOT NULL,  -- '' unless kind = 'programme_opportunity'
  inviter_organization  TEXT NOT NULL,
  status                TEXT NOT NULL,
  expires_at            INTEGER NOT NULL,
  doc                   TEXT NOT NULL,
  version               INTEGER NOT NULL CHECK (version >= 1),
  created_at            INTEGER NOT NULL,
  updated_at            INTEGER NOT NULL
);
CREATE INDEX invitations_by_target ON invitations (target, seq);
CREATE INDEX invitations_by_email ON invitations (invitee_email, seq) WHERE invitee_email <> '';
CREATE INDEX invitations_by_user ON invitations (invitee_user, seq) WHERE invitee_user <> '';
CREATE INDEX invitations_by_invitee_organization ON invitations (invitee_organization, seq)
  WHERE invitee_organization <> '';
CREATE INDEX invitations_by_inviter_organization ON invitations (inviter_organization, seq)
  WHERE inviter_organization <> '';

-- The programme a deal will belong to is chosen when interest is expressed
-- (one of the programmes the opportunity is in), never guessed.
ALTER TABLE interests ADD COLUMN programme_id TEXT NOT NULL DEFAULT '';

-- Sessions get an id (shown in the list of one's sessions; the token hash
-- stays secret) and the browser that started them.
ALTER TABLE sessions ADD COLUMN id TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN user_agent TEXT NOT NULL DEFAULT '';
UPDATE sessions SET id = 'ses_' || substr(token_hash, 1, 24) WHERE id = '';
CREATE UNIQUE INDEX sessions_by_id ON sessions (id);
