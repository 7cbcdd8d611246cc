-- Web banking's transfers with 取引認証: a confirmation approved for a transfer is spent by it, once
-- (used_at set by a conditional update), and the transfer keeps the payee's branch and account type
-- and the confirmation that approved it.
ALTER TABLE confirmation ADD COLUMN used_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE bank_transfer ADD COLUMN payee_branch VARCHAR(60) DEFAULT '' NOT NULL;
ALTER TABLE bank_transfer ADD COLUMN payee_account_type VARCHAR(8) DEFAULT '' NOT NULL;
ALTER TABLE bank_transfer ADD COLUMN confirmation_id VARCHAR(40);
-- Whether a payee is new to the customer: an earlier transfer to the same account.
CREATE INDEX ix_bank_transfer_payee ON bank_transfer (customer_id, payee_number, payee_bank);

-- Activation protocol version 2 registers the device key at finish; a finish must speak its start's
-- version.
ALTER TABLE activation_session ADD COLUMN protocol_version INTEGER DEFAULT 1 NOT NULL;

-- The SRP verifier of a pending issuance is sealed by the vault like the token secret (purpose
-- "verifier"); NULL: a verifier stored before this version, in the clear, until its issuance ends.
ALTER TABLE token ADD COLUMN srp_key_version INTEGER;
