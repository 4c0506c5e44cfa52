-- Issue 12: how a session's subject entered: '' with their own credential (a citizen's PIN, staff's password and
-- code), 'spid', 'cie' or 'cns'; and which identity provider (entityID) or card issuer vouched for them; for SPID
-- and CIE, the IdP's transient NameID and SessionIndex, by which its single logout names the session.
ALTER TABLE sessions ADD COLUMN method TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN provider TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN name_id TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN session_index TEXT NOT NULL DEFAULT '';
CREATE INDEX sessions_by_federated_name ON sessions (provider, name_id);
