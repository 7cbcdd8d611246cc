-- A staff member given a one-time password (the first administrator by `staff bootstrap`) must
-- choose their own at first login, before any page of the console opens.
ALTER TABLE staff ADD COLUMN password_must_change BOOLEAN DEFAULT FALSE NOT NULL;

-- One row whose lock makes `staff bootstrap` run one at a time on any node: the check that no
-- administrator exists and the creation of the first are then one step.
CREATE TABLE staff_bootstrap (id INTEGER PRIMARY KEY);
INSERT INTO staff_bootstrap (id) VALUES (1);
