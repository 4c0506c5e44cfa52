-- A new recovery link ends the citizen's older unused ones (issue 14): that statement filters by citizen.
CREATE INDEX recovery_tickets_citizen ON recovery_tickets (citizen_id, used_at);
