-- Applications filed from the reserved area (SPEC §5, issue 10): the application with its checked fields (JSON,
-- always read whole), its timeline of events, its attachments (base64 in TEXT, like the dispositivo documents,
-- so both backends store them the same way) and one protocol counter per year, incremented in the filing
-- transaction so that numbers have no gaps.
CREATE TABLE protocol_sequences (
  year INTEGER PRIMARY KEY,
  last_value BIGINT NOT NULL
);

CREATE TABLE applications (
  id {{ID}},
  citizen_id BIGINT NOT NULL REFERENCES citizens (id),
  type TEXT NOT NULL,
  state TEXT NOT NULL,
  protocol TEXT NOT NULL UNIQUE,
  filed_year INTEGER NOT NULL,
  submitted_at BIGINT NOT NULL,
  idempotency_key TEXT NOT NULL,
  fields TEXT NOT NULL,
  handler TEXT NOT NULL,
  UNIQUE (citizen_id, idempotency_key)
);
CREATE INDEX applications_citizen ON applications (citizen_id, submitted_at);
CREATE INDEX applications_queue ON applications (state, type, submitted_at);

CREATE TABLE application_events (
  id {{ID}},
  application_id BIGINT NOT NULL REFERENCES applications (id),
  seq INTEGER NOT NULL,
  state TEXT NOT NULL,
  at BIGINT NOT NULL,
  actor TEXT NOT NULL,
  reason TEXT NOT NULL,
  UNIQUE (application_id, seq)
);

CREATE TABLE application_attachments (
  id {{ID}},
  application_id BIGINT NOT NULL REFERENCES applications (id),
  name TEXT NOT NULL,
  media_type TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  size_bytes BIGINT NOT NULL,
  content_base64 TEXT NOT NULL
);
CREATE INDEX application_attachments_owner ON application_attachments (application_id, id);
