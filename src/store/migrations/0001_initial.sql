-- sportello's first schema. Portable SQL for SQLite and PostgreSQL; {{ID}} is the dialect's auto-increment
-- primary key (the migrator substitutes it). Instants are BIGINT seconds since the epoch, UTC (SPEC §10);
-- calendar dates are TEXT 'YYYY-MM-DD'; booleans are INTEGER 0/1.

CREATE TABLE citizens (
  id {{ID}},
  codice_fiscale TEXT NOT NULL UNIQUE,
  surname TEXT NOT NULL,
  name TEXT NOT NULL,
  sex TEXT NOT NULL,
  birth_date TEXT NOT NULL,
  birth_place_code TEXT NOT NULL,
  street TEXT NOT NULL,
  street_number TEXT NOT NULL,
  cap TEXT NOT NULL,
  comune TEXT NOT NULL,
  province TEXT NOT NULL,
  citizenship TEXT NOT NULL,
  mobile TEXT NOT NULL,
  email TEXT NOT NULL,
  pec TEXT NOT NULL,
  pec_cittadino TEXT NOT NULL,
  home_phone TEXT NOT NULL,
  office_phone TEXT NOT NULL,
  fax TEXT NOT NULL,
  mobile_verified INTEGER NOT NULL,
  email_verified INTEGER NOT NULL,
  tessera_number TEXT NOT NULL,
  tessera_expiry TEXT NOT NULL,
  created_at BIGINT NOT NULL
);

CREATE TABLE credentials (
  id {{ID}},
  citizen_id BIGINT NOT NULL UNIQUE REFERENCES citizens (id),
  state TEXT NOT NULL,
  level TEXT NOT NULL,
  channel TEXT NOT NULL,
  generation INTEGER NOT NULL,
  pin_hash TEXT NOT NULL,
  pending_half_sealed TEXT NOT NULL,
  issued_at BIGINT NOT NULL,
  pin_changed_at BIGINT,
  ended_at BIGINT
);
CREATE INDEX credentials_by_state ON credentials (state, issued_at);

CREATE TABLE pin_history (
  id {{ID}},
  credential_id BIGINT NOT NULL REFERENCES credentials (id),
  pin_hash TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX pin_history_by_credential ON pin_history (credential_id, id);

-- Consecutive wrong PINs per submitted codice fiscale, known or not (SPEC §3).
CREATE TABLE lockouts (
  codice_fiscale TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  blocked_until BIGINT NOT NULL,
  known INTEGER NOT NULL
);

CREATE TABLE recovery_tickets (
  id {{ID}},
  citizen_id BIGINT NOT NULL REFERENCES citizens (id),
  token_hash TEXT NOT NULL UNIQUE,
  code_hash TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at BIGINT,
  wrong_codes INTEGER NOT NULL
);

CREATE TABLE dispositivo_requests (
  id {{ID}},
  citizen_id BIGINT NOT NULL REFERENCES citizens (id),
  state TEXT NOT NULL,
  document_type TEXT NOT NULL,
  document_base64 TEXT NOT NULL,
  submitted_at BIGINT NOT NULL,
  decided_at BIGINT,
  decided_by TEXT NOT NULL,
  reason TEXT NOT NULL
);
CREATE INDEX dispositivo_requests_by_state ON dispositivo_requests (state, submitted_at);

CREATE TABLE sessions (
  id {{ID}},
  token_hash TEXT NOT NULL UNIQUE,
  subject_kind TEXT NOT NULL,
  subject_id BIGINT NOT NULL,
  level TEXT NOT NULL,
  required_action TEXT NOT NULL,
  role TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  ended_at BIGINT,
  end_reason TEXT NOT NULL
);
CREATE INDEX sessions_by_subject ON sessions (subject_kind, subject_id);

CREATE TABLE staff_accounts (
  id {{ID}},
  username TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  totp_secret_sealed TEXT NOT NULL,
  totp_last_step BIGINT NOT NULL,
  disabled INTEGER NOT NULL,
  must_change_password INTEGER NOT NULL,
  created_at BIGINT NOT NULL
);

-- The durable outbox (SPEC §8): one row per (event, channel, recipient), never two.
CREATE TABLE outbox (
  id {{ID}},
  event_key TEXT NOT NULL,
  channel TEXT NOT NULL,
  recipient TEXT NOT NULL,
  template_name TEXT NOT NULL,
  params TEXT NOT NULL,
  secret_sealed TEXT NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  created_at BIGINT NOT NULL,
  next_attempt_at BIGINT NOT NULL,
  sent_at BIGINT,
  last_error TEXT NOT NULL,
  UNIQUE (event_key, channel, recipient)
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);

-- Append-only, hash-chained (SPEC §9).
CREATE TABLE audit_log (
  seq BIGINT PRIMARY KEY,
  at BIGINT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  subject TEXT NOT NULL,
  details TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_log_by_subject ON audit_log (subject, seq);
