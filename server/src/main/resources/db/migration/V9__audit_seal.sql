-- The audit trail's seals: each audit_event row, in id order, gets a SHA-256 chained to the seal of
-- the row before it (AuditSeals). Insert-only like the trail: an edited or deleted row breaks the
-- chain from that row on, which `audit verify` reports.
CREATE TABLE audit_seal (
    event_id  BIGINT                   PRIMARY KEY REFERENCES audit_event (id),
    hash      BYTEA                    NOT NULL,
    sealed_at TIMESTAMP WITH TIME ZONE NOT NULL
);
