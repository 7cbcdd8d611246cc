-- Cooling-off (TransferLimits.coolingOff): after a change of a customer's factors or a login from
-- a new device, transfers to new payees wait and the day is capped until `until`. One row per
-- customer, the latest change's; written by one upsert on any node.
CREATE TABLE cooling_off (
    service_id   VARCHAR(32)              NOT NULL,
    customer_ref VARCHAR(64)              NOT NULL,
    until        TIMESTAMP WITH TIME ZONE NOT NULL,
    reason       VARCHAR(32)              NOT NULL,
    started_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (service_id, customer_ref)
);

-- The devices a customer has logged in from: the SHA-256 of the random device cookie web banking
-- sets, never the cookie itself.
CREATE TABLE known_device (
    service_id   VARCHAR(32)              NOT NULL,
    customer_ref VARCHAR(64)              NOT NULL,
    device_hash  VARCHAR(64)              NOT NULL,
    first_seen   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (service_id, customer_ref, device_hash)
);
