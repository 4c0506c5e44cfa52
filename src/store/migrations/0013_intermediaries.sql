-- Patronati and the citizens' mandates to them (SPEC §6, issue 11). An organisation's offices are one TEXT,
-- one office per line (an office is a single line). A patronato operator is a staff account bound to its
-- organisation; the column is null for every other account. A mandate's scope is 'all' or the application
-- types it covers joined by ',' (MandateScope::to_text); its first and last days are Rome dates
-- 'YYYY-MM-DD', the last one included. The database itself refuses a second active mandate of a citizen to
-- the same organisation. The signed forms of recorded mandates are in mandate_documents, created by
-- 0013_intermediaries_documents.<dialect>.sql (BLOB or BYTEA), which runs after this file on both dialects.
CREATE TABLE organisations (
  id {{ID}},
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  offices TEXT NOT NULL,
  disabled INTEGER NOT NULL,
  created_at BIGINT NOT NULL
);

ALTER TABLE staff_accounts ADD COLUMN organisation_id BIGINT REFERENCES organisations (id);

CREATE TABLE mandates (
  id {{ID}},
  citizen_id BIGINT NOT NULL REFERENCES citizens (id),
  organisation_id BIGINT NOT NULL REFERENCES organisations (id),
  origin TEXT NOT NULL,
  scope TEXT NOT NULL,
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  state TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  created_by TEXT NOT NULL,
  ended_at BIGINT,
  ended_by TEXT NOT NULL,
  document_sha256 TEXT NOT NULL
);
-- At most one active mandate per citizen and organisation; also the index of MandateRepository::active.
CREATE UNIQUE INDEX mandates_one_active ON mandates (citizen_id, organisation_id) WHERE state = 'active';
CREATE INDEX mandates_by_citizen ON mandates (citizen_id, created_at);
CREATE INDEX mandates_by_organisation ON mandates (organisation_id, created_at);
-- The expiry sweep: active mandates by their last day.
CREATE INDEX mandates_active_by_end ON mandates (ends_on) WHERE state = 'active';
