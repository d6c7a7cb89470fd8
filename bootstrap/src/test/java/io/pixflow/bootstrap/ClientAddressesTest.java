package io.pixflow.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixflow.payment.domain.testing.TestClock;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whose allowance a create spends: the connection's address, or behind a trusted proxy the address it appended
 * last to X-Forwarded-For. The clock stands still, so an allowance of one create is not refilled during a test.
 */
class ClientAddressesTest {

    private static final String CREATE = "{\"value\": 10}";
    private static final String FORWARDED_FOR = "X-Forwarded-For";

    @Test
    void behindATrustedProxyEachForwardedClientHasItsOwnAllowance(@TempDir Path data) {
        try (PixFlowServer server = PixFlowServer.start(oneCreateEach(data, true), new TestClock(Instant.now()))) {
            Api api = new Api(server.port());

            assertThat(api.post("payments/pix", CREATE, FORWARDED_FOR, "203.0.113.7").status()).isEqualTo(201);
            assertThat(api.post("payments/pix", CREATE, FORWARDED_FOR, "203.0.113.7").status()).isEqualTo(429);
            assertThat(api.post("payments/pix", CREATE, FORWARDED_FOR, "198.51.100.1").status()).isEqualTo(201);
            // Only the entry the proxy appended counts; what the client wrote before it is its own claim.
            assertThat(api.post("payments/pix", CREATE, FORWARDED_FOR, "198.51.100.9, 203.0.113.7").status())
                    .isEqualTo(429);
        }
    }

    @Test
    void withoutATrustedProxyTheHeaderIsIgnoredAndTheConnectionsAddressCounts(@TempDir Path data) {
        try (PixFlowServer server = PixFlowServer.start(oneCreateEach(data, false), new TestClock(Instant.now()))) {
            Api api = new Api(server.port());

            assertThat(api.post("payments/pix", CREATE, FORWARDED_FOR, "203.0.113.7").status()).isEqualTo(201);
            assertThat(api.post("payments/pix", CREATE, FORWARDED_FOR, "198.51.100.1").status()).isEqualTo(429);
            assertThat(api.post("payments/pix", CREATE).status()).isEqualTo(429);
        }
    }

    private static Settings oneCreateEach(Path data, boolean trustForwardedFor) {
        return TestServers.sandbox(data, new Settings.CreationLimit(1, 1), trustForwardedFor);
    }
}
