-- The day's transfer limits (FactorPolicy, TransferLimits): each customer's transfers of one of
-- the bank's days, counted by one conditional upsert per transfer on any node, and the customer's
-- own daily limit with a raise that waits for its time.
CREATE TABLE transfer_day (
    service_id   VARCHAR(32) NOT NULL,
    customer_ref VARCHAR(64) NOT NULL,
    bank_day     DATE        NOT NULL,
    spent        BIGINT      NOT NULL,
    PRIMARY KEY (service_id, customer_ref, bank_day),
    CONSTRAINT ck_transfer_day_spent CHECK (spent >= 0)
);

-- daily_limit null: none of the customer's own, the service's caps alone. raise_to takes effect
-- at raise_from.
CREATE TABLE transfer_limit (
    service_id   VARCHAR(32)              NOT NULL,
    customer_ref VARCHAR(64)              NOT NULL,
    daily_limit  BIGINT,
    raise_to     BIGINT,
    raise_from   TIMESTAMP WITH TIME ZONE,
    changed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (service_id, customer_ref)
);
