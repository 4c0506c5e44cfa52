-- One lifecycle for every lockout count (SPEC §3, docs/decisions/0001): a count is forgotten a day after its
-- last wrong PIN, whether or not the code has a PIN, so the store no longer records which codes are known.
-- Existing rows take their block's end as their last failure (a day more at most).
ALTER TABLE lockouts ADD COLUMN last_failure_at BIGINT NOT NULL DEFAULT 0;
UPDATE lockouts SET last_failure_at = blocked_until;
ALTER TABLE lockouts DROP COLUMN known;
CREATE INDEX lockouts_by_last_failure ON lockouts (last_failure_at);
-- Staff logins count their failures here too, under "staff:<username>": the key is no longer only a code.
ALTER TABLE lockouts RENAME COLUMN codice_fiscale TO attempt_key;
