-- Issue 11: an application filed for a citizen by a patronato under mandate or by the contact centre says
-- through whom ("patronato Patronato INCA CGIL", "Contact Center"); empty for the holder's own. Who filed is
-- the first event's actor, as before.
ALTER TABLE applications ADD COLUMN filed_through TEXT NOT NULL DEFAULT '';
