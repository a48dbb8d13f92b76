-- BioBridge schema, version 15: market-development plans
-- (service/plan_service.h). A plan is a document its organisation drafts and
-- edits, kept as its JSON; visibility says who besides its organisation may
-- read it (private, members, public), and plan_shares names partner
-- organisations it was shared with.
CREATE TABLE plans (
  id               TEXT PRIMARY KEY,
  organization_id  TEXT NOT NULL REFERENCES organizations (id),
  doc              TEXT NOT NULL,
  visibility       TEXT NOT NULL CHECK (visibility IN ('private', 'members', 'public')),
  created_by       TEXT NOT NULL,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL,
  version          INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX plans_by_organization ON plans (organization_id, updated_at);

CREATE TABLE plan_shares (
  plan_id          TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  organization_id  TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  shared_by        TEXT NOT NULL,
  shared_at        INTEGER NOT NULL,
  PRIMARY KEY (plan_id, organization_id)
) WITHOUT ROWID;
CREATE INDEX plan_shares_by_organization ON plan_shares (organization_id);
