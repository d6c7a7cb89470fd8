package io.pixflow.adapter.persistence;

import io.pixflow.payment.domain.port.out.PaymentRepository;
import io.pixflow.payment.domain.testing.PaymentRepositoryContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The repository contract against an H2 file database, opened and migrated as bootstrap does it. */
class JdbcPaymentRepositoryH2Test extends PaymentRepositoryContract {

    @TempDir
    Path directory;

    private Database database;

    @Override
    protected PaymentRepository newRepository() {
        database = Database.open(new DatabaseSettings("jdbc:h2:file:" + directory.resolve("pixflow"), "sa", ""));
        return database.paymentRepository();
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }
}
