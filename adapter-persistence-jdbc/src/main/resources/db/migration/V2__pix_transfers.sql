-- PIX transfers (the API Pix callback). Portable like V1: runs unchanged on H2 2.x and PostgreSQL 15+.

-- The transfer that paid a payment, when a transfer did (a confirmation by bank reference names none). Unique:
-- one transfer pays at most one payment; any number of payments have none (NULLs are distinct in both databases).
ALTER TABLE payment ADD COLUMN end_to_end_id VARCHAR(32);
ALTER TABLE payment ADD CONSTRAINT payment_end_to_end_id_uk UNIQUE (end_to_end_id);
ALTER TABLE payment ADD CONSTRAINT payment_end_to_end_id_ck CHECK (end_to_end_id IS NULL OR status = 'PAID');

-- Every transfer the bank reported, once, with what it did: what makes a redelivery a no-op, and the list a
-- person works through for refunds.
CREATE TABLE pix_transfer (
    -- 32 letters or digits; the primary key is what records a transfer once.
    end_to_end_id   VARCHAR(32)                 NOT NULL,
    -- Whatever txid the paid code carried, a PixFlow payment id or not: API Pix txids have up to 35 characters
    -- and a BR Code's field 62-05 up to 95, so 255 keeps any real one. NULL when the code had none.
    txid            VARCHAR(255),
    amount_centavos BIGINT                      NOT NULL,
    received_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    outcome         VARCHAR(32)                 NOT NULL,
    recorded_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT pix_transfer_pk PRIMARY KEY (end_to_end_id),
    CONSTRAINT pix_transfer_amount_ck CHECK (amount_centavos > 0),
    CONSTRAINT pix_transfer_outcome_ck CHECK (outcome IN ('CONFIRMED', 'ALREADY_PAID', 'PAYMENT_NOT_FOUND',
                                                          'AMOUNT_MISMATCH', 'PAYMENT_EXPIRED',
                                                          'PAYMENT_CANCELLED'))
);
