-- Issue 15. A recovery is answered before its work: the request waits here, sealed (its codice fiscale and
-- contacts are personal data), until the courier's round matches it, so every well-formed request costs the
-- same one INSERT whether or not it matches.
CREATE TABLE recovery_requests (
  id {{ID}},
  received_at BIGINT NOT NULL,
  sealed TEXT NOT NULL
);

-- What an address or a codice fiscale may still start in a window (PIN requests, recoveries, renewals):
-- one row per action and key, counted whether or not the code has a PIN.
CREATE TABLE allowances (
  action TEXT NOT NULL,
  allowance_key TEXT NOT NULL,
  window_start BIGINT NOT NULL,
  used INTEGER NOT NULL,
  PRIMARY KEY (action, allowance_key)
);
CREATE INDEX allowances_by_window ON allowances (window_start);

-- Letters per holder are counted by their address block in a window: the outbox is searched by channel,
-- recipient and time.
CREATE INDEX outbox_letters_by_recipient ON outbox (channel, recipient, created_at);
