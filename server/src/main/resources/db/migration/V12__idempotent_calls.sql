-- The answers of the REST API's state-changing calls sent with an Idempotency-Key header, kept so
-- that a retry with the same key and body gets the first answer on any node. The row is written
-- in the transaction of the call itself: it exists exactly when the call's changes were committed.
CREATE TABLE idempotent_call (
    scope        VARCHAR(120)             NOT NULL,
    idem_key     VARCHAR(64)              NOT NULL,
    fingerprint  VARCHAR(64)              NOT NULL,
    status       INTEGER,
    content_type VARCHAR(100),
    body         VARCHAR(65536),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (scope, idem_key)
);
CREATE INDEX ix_idempotent_call_created ON idempotent_call (created_at);
