-- A hold the bank's systems put on a customer's transfers through the REST API (its fraud
-- detection, say): while it is set, a transfer needs the customer's 取引認証 in the token app.
CREATE TABLE transfer_hold (
    service_id   VARCHAR(32)              NOT NULL,
    customer_ref VARCHAR(64)              NOT NULL,
    reason       VARCHAR(200)             NOT NULL,
    set_by       VARCHAR(100)             NOT NULL,
    set_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (service_id, customer_ref)
);
