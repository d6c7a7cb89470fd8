package io.pixflow.bootstrap;

import java.nio.file.Path;

/** The slow clients again, on a server whose database is PostgreSQL: requests there run on Grizzly's workers. */
class SlowClientsOnPostgresTest extends SlowClientsTest {

    @Override
    Settings settings(Path data) {
        return TestServers.on(TestPostgres.shared().newDatabase());
    }
}
