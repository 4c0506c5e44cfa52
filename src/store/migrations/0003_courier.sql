-- The courier (SPEC §8): a lease so that two processes never send the same message, the stable
-- Message-ID recorded before the send, the print batch a letter went into, and the batches themselves.
ALTER TABLE outbox ADD COLUMN lease_owner TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN lease_until BIGINT NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN message_id TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN batch TEXT NOT NULL DEFAULT '';
CREATE INDEX outbox_channel_status ON outbox (channel, status);

CREATE TABLE letter_batches (
  name TEXT PRIMARY KEY,
  letters INTEGER NOT NULL,
  closed_at BIGINT NOT NULL,
  handed_over_at BIGINT
);
