-- The branch's decision on a hold the bank's systems set: lifting it is a recovery request that
-- a second member (a supervisor) approves, like every other action of the console.
ALTER TABLE recovery_request DROP CONSTRAINT ck_recovery_action;
ALTER TABLE recovery_request ADD CONSTRAINT ck_recovery_action
    CHECK (action IN ('UNLOCK_TOKEN', 'RESET_TOKEN', 'UNLOCK_LOGIN', 'REMOVE_PASSKEY', 'LIFT_HOLD'));
