-- BioBridge schema, version 19: what the parties write about a deal
-- (domain::DealDetails): a title, what it may be worth, and who takes the
-- next step by when.
ALTER TABLE deals ADD COLUMN title TEXT NOT NULL DEFAULT '';
ALTER TABLE deals ADD COLUMN value_amount INTEGER;            -- whole units of value_currency; NULL: not said
ALTER TABLE deals ADD COLUMN value_currency TEXT NOT NULL DEFAULT '';
ALTER TABLE deals ADD COLUMN next_step TEXT NOT NULL DEFAULT '';
ALTER TABLE deals ADD COLUMN next_step_due TEXT NOT NULL DEFAULT '';  -- YYYY-MM-DD or ''
ALTER TABLE deals ADD COLUMN contact_user TEXT NOT NULL DEFAULT '';   -- a user id or ''
ALTER TABLE deals ADD COLUMN contact_name TEXT NOT NULL DEFAULT '';   -- their display name when named
