package io.pixflow.adapter.persistence;

import io.pixflow.payment.domain.port.out.PixTransferLog;
import io.pixflow.payment.domain.testing.PixTransferLogContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The transfer log contract against an H2 file database, opened and migrated as bootstrap does it. */
class JdbcPixTransferLogH2Test extends PixTransferLogContract {

    @TempDir
    Path directory;

    private Database database;

    @Override
    protected PixTransferLog newLog() {
        database = Database.open(new DatabaseSettings("jdbc:h2:file:" + directory.resolve("pixflow"), "sa", ""));
        return database.pixTransferLog();
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }
}
