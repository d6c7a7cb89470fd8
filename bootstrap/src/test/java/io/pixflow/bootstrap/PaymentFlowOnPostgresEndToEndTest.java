package io.pixflow.bootstrap;

import java.nio.file.Path;

/** Every case of the server's end-to-end suite again, on a real PostgreSQL instead of the embedded H2. */
class PaymentFlowOnPostgresEndToEndTest extends PaymentFlowEndToEndTest {

    @Override
    Settings settings(Path directory) {
        return TestServers.on(TestPostgres.shared().newDatabase());
    }
}
