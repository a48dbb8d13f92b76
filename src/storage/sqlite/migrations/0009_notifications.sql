-- BioBridge schema, version 9: notifications, the mail outbox and messages.
--
-- A change that others should learn of writes its notifications in the same
-- transaction (the outbox): one row per recipient. Mail to send is a row of
-- mail_outbox written in that transaction too; a delivery worker sends it,
-- retrying with back-off, so a crash between commit and send loses nothing.
CREATE TABLE notifications (
  seq           INTEGER PRIMARY KEY,
  recipient     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind          TEXT NOT NULL,
  subject_type  TEXT NOT NULL,
  subject_id    TEXT NOT NULL,
  link          TEXT NOT NULL,
  params        TEXT NOT NULL,  -- JSON object
  created_at    INTEGER NOT NULL,
  read_at       INTEGER,
  -- 'none' (not mailed: the person chose never, or has no address),
  -- 'queued' (a mail of its own is in mail_outbox), 'daily' or 'weekly'
  -- (waits for the person's next digest), 'digested' (in a digest mail).
  mail          TEXT NOT NULL
);
CREATE INDEX notifications_by_recipient ON notifications (recipient, seq);
CREATE INDEX notifications_unread ON notifications (recipient, seq) WHERE read_at IS NULL;
CREATE INDEX notifications_for_digest ON notifications (mail, recipient, seq) WHERE mail IN ('daily', 'weekly');

-- How each kind of notification reaches a person by mail; no row means the
-- kind's default (domain/notification.h).
CREATE TABLE notification_preferences (
  user_id  TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind     TEXT NOT NULL,
  rhythm   TEXT NOT NULL CHECK (rhythm IN ('immediately', 'daily', 'weekly', 'never')),
  PRIMARY KEY (user_id, kind)
) WITHOUT ROWID;

CREATE TABLE mail_outbox (
  seq              INTEGER PRIMARY KEY,
  recipient_user   TEXT NOT NULL,   -- '' for an address without an account
  to_address       TEXT NOT NULL,
  kind             TEXT NOT NULL,   -- a notification kind, 'digest', or an account mail
  language         TEXT NOT NULL,
  payload          TEXT NOT NULL,   -- JSON: what the mail is made from
  created_at       INTEGER NOT NULL,
  state            TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'failed')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  INTEGER NOT NULL,
  last_error       TEXT NOT NULL DEFAULT '',
  sent_at          INTEGER
);
CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at) WHERE state = 'pending';

-- Messages between the parties of an interest, a deal or a meeting request.
-- A thread is named by its subject ("deal:deal_1"); who may read it follows
-- from the subject (service/message_service.h).
CREATE TABLE messages (
  seq                  INTEGER PRIMARY KEY,
  thread               TEXT NOT NULL,
  author               TEXT NOT NULL,
  author_organization  TEXT NOT NULL,
  body                 TEXT NOT NULL,
  language             TEXT NOT NULL,
  created_at           INTEGER NOT NULL
);
CREATE INDEX messages_by_thread ON messages (thread, seq);

CREATE TABLE thread_reads (
  user_id   TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  thread    TEXT NOT NULL,
  read_seq  INTEGER NOT NULL,
  PRIMARY KEY (user_id, thread)
) WITHOUT ROWID;

-- Secrets of this installation (the key that signs unsubscribe links),
-- made once and kept with the data they protect.
CREATE TABLE secrets (
  name   TEXT PRIMARY KEY,
  value  BLOB NOT NULL
) WITHOUT ROWID;

-- Single-use links mailed to a person: to verify their address, to reset
-- their password. Only the token's hash is kept.
CREATE TABLE email_tokens (
  token_hash  TEXT PRIMARY KEY,
  user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  purpose     TEXT NOT NULL CHECK (purpose IN ('verify_email', 'password_reset')),
  email       TEXT NOT NULL,  -- the address it was sent to
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL,
  used_at     INTEGER
) WITHOUT ROWID;
CREATE INDEX email_tokens_by_user ON email_tokens (user_id, purpose, created_at);

-- A person's time zone (digests are sent in it) and when their address was
-- verified.
ALTER TABLE users ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'UTC';
ALTER TABLE users ADD COLUMN email_verified_at INTEGER;
