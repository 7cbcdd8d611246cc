-- The factor layer (FACTORS.md): credentials of any kind, challenges answered once, and guesses
-- taken before they are checked.

-- Every credential a customer holds, of any kind. A TOTP token's row has the token's id; its
-- detail (secret, steps, activation) stays in the token table. state is the kind's own state
-- (for TOTP_TOKEN the token's), written in the transaction that changes the detail.
CREATE TABLE credential (
    id           VARCHAR(64)              PRIMARY KEY,
    service_id   VARCHAR(32)              NOT NULL,
    customer_id  BIGINT                   NOT NULL REFERENCES customer (id),
    kind         VARCHAR(16)              NOT NULL,
    state        VARCHAR(16)              NOT NULL,
    label        VARCHAR(64),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at TIMESTAMP WITH TIME ZONE,
    ended_at     TIMESTAMP WITH TIME ZONE,
    CONSTRAINT ck_credential_kind CHECK (kind IN ('TOTP_TOKEN', 'PASSKEY', 'APP_DEVICE_KEY'))
);
CREATE INDEX ix_credential_customer ON credential (customer_id, kind);

-- Every token there is, live or ended, becomes a TOTP credential with the same id.
INSERT INTO credential (id, service_id, customer_id, kind, state, label, created_at,
                        last_used_at, ended_at)
SELECT id, service_id, customer_id, 'TOTP_TOKEN', state, device_label, issued_at, last_used_at,
       ended_at
FROM token;

ALTER TABLE token ADD CONSTRAINT fk_token_credential FOREIGN KEY (id) REFERENCES credential (id);

-- A check that spans two requests: what was asked, for which operation (the SHA-256 of its
-- canonical bytes), the factors already proved for it, until when, and whether it was answered. Answered at most once, by a
-- conditional update (answered_at IS NULL), on any node.
CREATE TABLE challenge (
    id             VARCHAR(64)              PRIMARY KEY,
    service_id     VARCHAR(32)              NOT NULL,
    subject        VARCHAR(64)              NOT NULL,
    operation      VARCHAR(32)              NOT NULL,
    operation_hash BYTEA                    NOT NULL,
    passed         VARCHAR(200)             DEFAULT '' NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    answered_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_challenge_expiry ON challenge (expires_at);

-- Guesses in flight: taken by a conditional update before a password is hashed or a code is
-- computed, settled (counted as wrong, or given back) after. failures + in-flight never pass the
-- limit, so concurrent tries cannot check more guesses than the limit allows.
ALTER TABLE bank_customer ADD COLUMN login_in_flight INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE bank_customer ADD COLUMN confirm_in_flight INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE staff ADD COLUMN in_flight INTEGER DEFAULT 0 NOT NULL;
