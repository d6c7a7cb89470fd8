package io.pixflow.payment.domain.testing;

import io.pixflow.payment.domain.port.out.PaymentRepository;

class InMemoryPaymentRepositoryTest extends PaymentRepositoryContract {

    @Override
    protected PaymentRepository newRepository() {
        return new InMemoryPaymentRepository();
    }
}
