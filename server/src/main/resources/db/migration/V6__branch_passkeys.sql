-- The branch removes a customer's passkeys under dual control: one passkey (credential_id), or
-- all of them (credential_id NULL), as a recovery request like a token reset.
ALTER TABLE recovery_request ADD COLUMN credential_id VARCHAR(64);
ALTER TABLE recovery_request DROP CONSTRAINT ck_recovery_action;
ALTER TABLE recovery_request ADD CONSTRAINT ck_recovery_action
    CHECK (action IN ('UNLOCK_TOKEN', 'RESET_TOKEN', 'UNLOCK_LOGIN', 'REMOVE_PASSKEY'));
