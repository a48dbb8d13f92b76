-- BioBridge schema on PostgreSQL, version 2: what the parties write about a
-- deal (domain::DealDetails), as SQLite's version 19.
ALTER TABLE deals ADD COLUMN title TEXT NOT NULL DEFAULT '';
ALTER TABLE deals ADD COLUMN value_amount BIGINT;
ALTER TABLE deals ADD COLUMN value_currency TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE deals ADD COLUMN next_step TEXT NOT NULL DEFAULT '';
ALTER TABLE deals ADD COLUMN next_step_due TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE deals ADD COLUMN contact_user TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE deals ADD COLUMN contact_name TEXT NOT NULL DEFAULT '';
