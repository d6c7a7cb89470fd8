package io.pixflow.adapter.persistence;

import io.pixflow.payment.domain.port.out.PaymentRepository;
import io.pixflow.payment.domain.testing.PaymentRepositoryContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The repository contract against a real PostgreSQL: a fresh database per test, migrated by Database.open. */
class JdbcPaymentRepositoryPostgresTest extends PaymentRepositoryContract {

    @RegisterExtension
    static final EmbeddedPostgresExtension POSTGRES = new EmbeddedPostgresExtension();

    private Database database;

    @Override
    protected PaymentRepository newRepository() {
        database = Database.open(POSTGRES.newDatabase());
        return database.paymentRepository();
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }
}
