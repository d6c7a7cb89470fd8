package io.pixflow.adapter.persistence;

import static io.pixflow.payment.domain.testing.PaymentBuilder.T0;
import static io.pixflow.payment.domain.testing.PaymentBuilder.aPendingPayment;
import static io.pixflow.payment.domain.testing.Stages.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pixflow.payment.domain.IdempotencyKey;
import io.pixflow.payment.domain.Money;
import io.pixflow.payment.domain.Payment;
import io.pixflow.payment.domain.PixTransfer;
import io.pixflow.payment.domain.TransferOutcome;
import io.pixflow.payment.domain.port.out.PaymentRepository;
import io.pixflow.payment.domain.port.out.PaymentStoreUnavailableException;
import io.pixflow.payment.domain.port.out.PixTransferLog;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What callers of the ports see when the database fails: the domain's exception, never a java.sql type. */
class JdbcPaymentRepositoryFailureTest {

    @TempDir
    Path directory;

    private Database database;
    private static final PixTransfer TRANSFER =
            new PixTransfer("E00000000202611291200aaaaaaaaaaa", null, Money.ofReais("10.00"), T0);

    private PaymentRepository repository;
    private PixTransferLog transfers;

    @BeforeEach
    void open() {
        database = Database.open(new DatabaseSettings("jdbc:h2:file:" + directory.resolve("pixflow"), "sa", ""));
        repository = database.paymentRepository();
        transfers = database.pixTransferLog();
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void everyOperationOnAClosedPoolSaysTheStoreIsUnavailable() {
        Payment payment = aPendingPayment().build();
        database.close();

        List<ThrowingCallable> operations = List.of(
                () -> join(repository.insert(payment)),
                () -> join(repository.insert(payment, new IdempotencyKey("order-42"), "fingerprint")),
                () -> repository.findById(payment.id()),
                () -> repository.findByBankPaymentId(payment.bankPaymentId()),
                () -> repository.findByIdempotencyKey(new IdempotencyKey("order-42")),
                () -> repository.compareAndSet(payment, payment.cancel(T0)),
                () -> repository.findDue(T0, 10),
                () -> repository.findFinal(List.of(payment.id())),
                () -> transfers.record(TRANSFER, TransferOutcome.CONFIRMED, T0),
                () -> transfers.outcomeOf(TRANSFER.endToEndId()));

        for (ThrowingCallable operation : operations) {
            assertThatThrownBy(operation)
                    .isInstanceOf(PaymentStoreUnavailableException.class)
                    .hasCauseInstanceOf(SQLException.class);
        }
    }

    @Test
    void anSqlErrorOtherThanADuplicateKeySaysTheStoreIsUnavailable() throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE payment");
        }

        assertThatThrownBy(() -> join(repository.insert(aPendingPayment().build(), new IdempotencyKey("k"), "f")))
                .isInstanceOf(PaymentStoreUnavailableException.class)
                .hasMessageContaining("SQLSTATE 42S02");
    }

    @Test
    void theErrorMessageDoesNotQuoteTheRowsValues() throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE payment ADD CONSTRAINT no_descriptions CHECK (description IS NULL)");
        }

        assertThatThrownBy(() -> join(repository.insert(aPendingPayment().description("Pedido de Maria").build())))
                .isInstanceOf(PaymentStoreUnavailableException.class)
                .hasMessageNotContaining("Maria");
    }

    @Test
    void anSqlErrorRecordingATransferOtherThanADuplicateSaysTheStoreIsUnavailable() throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE pix_transfer");
        }

        assertThatThrownBy(() -> transfers.record(TRANSFER, TransferOutcome.CONFIRMED, T0))
                .isInstanceOf(PaymentStoreUnavailableException.class)
                .hasMessageContaining("SQLSTATE 42S02");
    }

    @Test
    void storingThePaymentIdTwiceIsAProgrammingErrorNotAnOutage() {
        Payment payment = aPendingPayment().build();
        join(repository.insert(payment));

        assertThatThrownBy(() -> join(repository.insert(payment))).isInstanceOf(IllegalStateException.class);
        assertThat(repository.findById(payment.id())).contains(payment);
    }
}
