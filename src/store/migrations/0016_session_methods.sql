-- Issue 12: how a session's subject entered: '' with their own credential (a citizen's PIN, staff's password and
-- code), 'spid', 'cie' or 'cns'; and which identity provider (entityID) or card issuer vouched for them.
ALTER TABLE sessions ADD COLUMN method TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN provider TEXT NOT NULL DEFAULT '';
