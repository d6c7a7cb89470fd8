package io.pixflow.adapter.persistence;

import static io.pixflow.payment.domain.testing.PaymentBuilder.aPendingPayment;
import static io.pixflow.payment.domain.testing.Stages.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.pixflow.payment.domain.Payment;
import io.pixflow.payment.domain.port.out.PaymentStoreUnavailableException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Opening PostgreSQL by URL, and what keeps a request from hanging on it. */
class DatabasePostgresTest {

    @RegisterExtension
    static final EmbeddedPostgresExtension POSTGRES = new EmbeddedPostgresExtension();

    @Test
    void aPostgresqlUrlOpensAMigratedDatabaseThatKeepsPayments() {
        Payment payment = aPendingPayment().build();
        DatabaseSettings settings = POSTGRES.newDatabase();
        try (Database first = Database.open(settings)) {
            join(first.paymentRepository().insert(payment));
            assertThat(first.isReachable()).isTrue();
        }

        try (Database second = Database.open(settings)) {
            assertThat(second.paymentRepository().findById(payment.id())).contains(payment);
        }
    }

    @Test
    void pooledConnectionsStopWaitingForAnAnswerAfterFiveSecondsUnlessTheUrlSaysOtherwise() throws SQLException {
        DatabaseSettings defaults = POSTGRES.newDatabase();
        try (Database database = Database.open(defaults);
             Connection connection = database.dataSource().getConnection()) {
            assertThat(connection.getNetworkTimeout()).isEqualTo(5_000);
        }

        DatabaseSettings chosen = new DatabaseSettings(defaults.jdbcUrl() + "?socketTimeout=30", defaults.user(),
                defaults.password());
        try (Database database = Database.open(chosen);
             Connection connection = database.dataSource().getConnection()) {
            assertThat(connection.getNetworkTimeout()).isEqualTo(30_000);
        }
    }

    @Test
    void whenTheNetworkGoesSilentCallsFailWithinSecondsInsteadOfHanging() throws Exception {
        DatabaseSettings direct = POSTGRES.newDatabase();
        try (FreezingProxy proxy = new FreezingProxy(POSTGRES.port());
             Database database = Database.open(new DatabaseSettings(
                     direct.jdbcUrl().replace(":" + POSTGRES.port() + "/", ":" + proxy.port() + "/"),
                     direct.user(), direct.password(), 2, DatabaseSettings.DEFAULT_CONNECTION_TIMEOUT))) {
            Payment payment = aPendingPayment().build();
            join(database.paymentRepository().insert(payment));

            proxy.freeze();

            // Socket timeout (5 s) on a held connection, or connection timeout (3 s) on a new one, plus slack.
            assertTimeoutPreemptively(Duration.ofSeconds(15), () -> {
                assertThatThrownBy(() -> database.paymentRepository().findById(payment.id()))
                        .isInstanceOf(PaymentStoreUnavailableException.class);
                assertThat(database.isReachable()).isFalse();
            });
        }
    }
}
