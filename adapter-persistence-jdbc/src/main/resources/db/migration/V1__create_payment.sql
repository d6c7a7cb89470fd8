-- Runs unchanged on H2 2.x and PostgreSQL 15+: standard SQL types only (no timestamptz alias, no partial
-- indexes); vendor-specific scripts would go to their own Flyway location.
CREATE TABLE payment (
    id                  VARCHAR(25)                 NOT NULL,
    -- Exact centavos: never a floating-point or rounded decimal column.
    amount_centavos     BIGINT                      NOT NULL,
    status              VARCHAR(16)                 NOT NULL,
    bank_payment_id     UUID                        NOT NULL,
    -- EMV QR payloads are at most 512 characters.
    br_code             VARCHAR(512)                NOT NULL,
    description         VARCHAR(255),
    created_at          TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    expires_at          TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    paid_at             TIMESTAMP(6) WITH TIME ZONE,
    version             BIGINT                      NOT NULL,
    -- Kept in the payment's own row so that the payment and its key are stored by one atomic INSERT.
    idempotency_key     VARCHAR(255),
    request_fingerprint VARCHAR(255),
    CONSTRAINT payment_pk PRIMARY KEY (id),
    CONSTRAINT payment_bank_payment_id_uk UNIQUE (bank_payment_id),
    -- Both databases let any number of rows have no key (NULLs are distinct in a unique constraint).
    CONSTRAINT payment_idempotency_key_uk UNIQUE (idempotency_key),
    CONSTRAINT payment_status_ck CHECK (status IN ('PENDING', 'PAID', 'EXPIRED', 'CANCELLED')),
    CONSTRAINT payment_amount_ck CHECK (amount_centavos > 0),
    CONSTRAINT payment_paid_at_ck CHECK ((status = 'PAID') = (paid_at IS NOT NULL)),
    CONSTRAINT payment_fingerprint_ck CHECK ((idempotency_key IS NULL) = (request_fingerprint IS NULL))
);

-- The expiry sweeper: PENDING payments in expires_at order.
CREATE INDEX payment_status_expires_at_ix ON payment (status, expires_at);
