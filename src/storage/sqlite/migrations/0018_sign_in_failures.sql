-- BioBridge schema, version 18: the sign-in throttle's state
-- (service/sign_in_throttle.h), in the database so that every process
-- serving it counts the same failures and honours the same locks. A key is
-- "account:<email>" or "address:<client address>".
CREATE TABLE sign_in_failures (
  key           TEXT PRIMARY KEY,
  failures      INTEGER NOT NULL,
  last_at       INTEGER NOT NULL,           -- Unix milliseconds of the last failure
  locked_until  INTEGER NOT NULL DEFAULT 0  -- refused until then
) WITHOUT ROWID;
CREATE INDEX sign_in_failures_by_last ON sign_in_failures (last_at);
