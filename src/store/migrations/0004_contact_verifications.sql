-- Changes of mobile or e-mail waiting for the code sent to the new contact (SPEC §2).
CREATE TABLE contact_verifications (
  id {{ID}},
  citizen_id BIGINT NOT NULL REFERENCES citizens (id),
  kind TEXT NOT NULL,
  value TEXT NOT NULL,
  code_hash TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at BIGINT,
  wrong_codes INTEGER NOT NULL
);
CREATE INDEX contact_verifications_citizen ON contact_verifications (citizen_id, kind, id);
