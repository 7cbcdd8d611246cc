-- A staff member given a one-time password (the first administrator by `staff bootstrap`) must
-- choose their own at first login, before any page of the console opens.
ALTER TABLE staff ADD COLUMN password_must_change BOOLEAN DEFAULT FALSE NOT NULL;
