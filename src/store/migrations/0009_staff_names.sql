-- Staff are named to citizens by name and role (issue 14: "Laura Verdi, back office"), never by username.
-- Empty for accounts made before names; `sportelloctl staff rename` sets it.
ALTER TABLE staff_accounts ADD COLUMN full_name TEXT NOT NULL DEFAULT '';
