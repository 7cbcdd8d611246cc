-- The reference web banking's registered payees: an account is registered by the first transfer
-- to it and removable by the customer; a transfer to an account not registered is to a new payee,
-- which the factor policy asks the strongest factor for and a cooling-off holds.
CREATE TABLE bank_payee (
    customer_id        VARCHAR(16)              NOT NULL REFERENCES bank_customer (id),
    payee_bank         VARCHAR(60)              NOT NULL,
    payee_branch       VARCHAR(60)              NOT NULL,
    payee_account_type VARCHAR(8)               NOT NULL,
    payee_number       VARCHAR(7)               NOT NULL,
    payee_name         VARCHAR(60)              NOT NULL,
    added_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (customer_id, payee_bank, payee_branch, payee_account_type, payee_number)
);
INSERT INTO bank_payee (customer_id, payee_bank, payee_branch, payee_account_type, payee_number,
                        payee_name, added_at)
SELECT customer_id, payee_bank, payee_branch, payee_account_type, payee_number, MIN(payee_name),
       MIN(created_at)
FROM bank_transfer
GROUP BY customer_id, payee_bank, payee_branch, payee_account_type, payee_number;
