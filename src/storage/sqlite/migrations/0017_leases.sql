-- BioBridge schema, version 17: leases, so that a job several processes
-- could run (digests, reminders, alerts, certificate expiry) runs in one
-- at a time. A holder renews its lease each round; when it dies, the lease
-- expires and another takes it over.
CREATE TABLE leases (
  name    TEXT PRIMARY KEY,
  holder  TEXT NOT NULL,
  until   INTEGER NOT NULL  -- Unix milliseconds
);
