package io.pixflow.payment.domain.testing;

import io.pixflow.payment.domain.PixTransfer;
import io.pixflow.payment.domain.TransferOutcome;
import io.pixflow.payment.domain.port.out.PixTransferLog;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link PixTransferLog} in a map, for tests. It passes the same contract as the JDBC one. */
public final class InMemoryPixTransferLog implements PixTransferLog {

    private final Map<String, TransferOutcome> outcomes = new ConcurrentHashMap<>();

    @Override
    public boolean record(PixTransfer transfer, TransferOutcome outcome, Instant recordedAt) {
        return outcomes.putIfAbsent(transfer.endToEndId(), outcome) == null;
    }

    @Override
    public Optional<TransferOutcome> outcomeOf(String endToEndId) {
        return Optional.ofNullable(outcomes.get(endToEndId));
    }
}
