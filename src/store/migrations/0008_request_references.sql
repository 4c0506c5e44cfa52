-- The number an online request gets (issue 14), which the citizen quotes to the contact centre and the
-- console searches by. Null for credentials issued otherwise and for those made before it existed.
ALTER TABLE credentials ADD COLUMN request_reference TEXT;
CREATE UNIQUE INDEX credentials_request_reference ON credentials (request_reference);
