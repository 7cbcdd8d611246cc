-- 取引認証 (CONFIRMATION.md). A token's device key: an APP_DEVICE_KEY credential (its row in
-- credential) with this detail, one per token; last_poll_at is the time of its last accepted poll,
-- so that a poll is never taken twice.
CREATE TABLE device_key (
    id           VARCHAR(64)              PRIMARY KEY REFERENCES credential (id),
    token_id     VARCHAR(36)              NOT NULL REFERENCES token (id),
    public_key   BYTEA                    NOT NULL,
    last_poll_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT uq_device_key_token UNIQUE (token_id)
);

-- A confirmation of a transaction, for the token it was created for; fields is its list of
-- name/value pairs as JSON, in order. Decided once, from PENDING; one not decided in time is marked
-- EXPIRED by a job (it could not be decided after its time anyway).
CREATE TABLE confirmation (
    id          VARCHAR(40)              PRIMARY KEY,
    service_id  VARCHAR(32)              NOT NULL,
    customer_id BIGINT                   NOT NULL REFERENCES customer (id),
    token_id    VARCHAR(36)              NOT NULL REFERENCES token (id),
    kind        VARCHAR(16)              NOT NULL,
    fields      VARCHAR(4000)            NOT NULL,
    state       VARCHAR(16)              NOT NULL,
    online      BOOLEAN                  NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    decided_at  TIMESTAMP WITH TIME ZONE,
    decided_by  VARCHAR(8),
    CONSTRAINT ck_confirmation_state CHECK (state IN ('PENDING', 'APPROVED', 'REJECTED', 'EXPIRED')),
    CONSTRAINT ck_confirmation_by CHECK (decided_by IS NULL OR decided_by IN ('APP', 'CODE'))
);
CREATE INDEX ix_confirmation_token ON confirmation (token_id, state, created_at);
CREATE INDEX ix_confirmation_due ON confirmation (state, expires_at);

-- The time step of the last accepted offline code (取引認証番号) of a token.
ALTER TABLE token ADD COLUMN ocra_last_step BIGINT DEFAULT -1 NOT NULL;
