-- Issue 12: logins sent to a SPID or CIE identity provider and not yet answered (federation/pending_login.h).
-- A row lives from the AuthnRequest until its Response is taken, or until it expires.
CREATE TABLE pending_logins (
  relay_hash TEXT PRIMARY KEY,
  request_id TEXT NOT NULL UNIQUE,
  idp_entity_id TEXT NOT NULL,
  level INTEGER NOT NULL,
  browser_hash TEXT NOT NULL,
  return_path TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX pending_logins_by_expiry ON pending_logins (expires_at);
