package io.pixflow.adapter.persistence;

import io.pixflow.payment.domain.port.out.PixTransferLog;
import io.pixflow.payment.domain.testing.PixTransferLogContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The transfer log contract against a real PostgreSQL: a fresh database per test, migrated by Database.open. */
class JdbcPixTransferLogPostgresTest extends PixTransferLogContract {

    @RegisterExtension
    static final EmbeddedPostgresExtension POSTGRES = new EmbeddedPostgresExtension();

    private Database database;

    @Override
    protected PixTransferLog newLog() {
        database = Database.open(POSTGRES.newDatabase());
        return database.pixTransferLog();
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }
}
