package io.pixflow.adapter.persistence;

import static io.pixflow.payment.domain.testing.PaymentBuilder.T0;
import static io.pixflow.payment.domain.testing.PaymentBuilder.aPendingPayment;
import static io.pixflow.payment.domain.testing.Stages.join;

import io.pixflow.payment.domain.IdempotencyKey;
import io.pixflow.payment.domain.Payment;
import io.pixflow.payment.domain.port.out.PaymentRepository;
import java.util.UUID;

/**
 * Run in a child JVM by {@link DurabilityTest}: writes payments from several threads until it is killed, and
 * prints one line on standard output after each write the repository acknowledged:
 * {@code CREATED <payment id> <idempotency key>} or {@code PAID <payment id>}.
 */
public final class DurabilityProbe {

    static final int WRITERS = 4;

    private DurabilityProbe() {
    }

    public static void main(String[] args) {
        Database database = Database.open(new DatabaseSettings(args[0], "sa", ""));
        PaymentRepository payments = database.paymentRepository();
        for (int i = 0; i < WRITERS; i++) {
            Thread writer = new Thread(() -> {
                while (true) {
                    Payment pending = aPendingPayment().build();
                    IdempotencyKey key = new IdempotencyKey(UUID.randomUUID().toString());
                    if (join(payments.insert(pending, key, "fingerprint"))) {
                        acknowledge("CREATED " + pending.id() + " " + key.value());
                    }
                    if (payments.compareAndSet(pending, pending.confirm(pending.amount(), T0.plusSeconds(1)))) {
                        acknowledge("PAID " + pending.id());
                    }
                }
            });
            writer.start();
        }
    }

    private static void acknowledge(String line) {
        synchronized (System.out) {
            System.out.println(line);
            System.out.flush();
        }
    }
}
