-- Issue 15: audit rows name the scheme of their link. Rows written so far keep their plain SHA-256 links
-- ('sha256'); sportello writes every new row as 'hmac-sha256', keyed by audit.key_file, which the database
-- does not hold. Adding a column rewrites no row, so the append-only triggers of 0002 stay as they are.
ALTER TABLE audit_log ADD COLUMN scheme TEXT NOT NULL DEFAULT 'sha256';
