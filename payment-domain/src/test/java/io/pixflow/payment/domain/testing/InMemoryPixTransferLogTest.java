package io.pixflow.payment.domain.testing;

import io.pixflow.payment.domain.port.out.PixTransferLog;

class InMemoryPixTransferLogTest extends PixTransferLogContract {

    @Override
    protected PixTransferLog newLog() {
        return new InMemoryPixTransferLog();
    }
}
