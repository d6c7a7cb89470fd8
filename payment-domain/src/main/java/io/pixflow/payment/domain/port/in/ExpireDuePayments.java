package io.pixflow.payment.domain.port.in;

/** Writes EXPIRED on every PENDING payment whose time ran out, and tells its watchers. Run periodically. */
public interface ExpireDuePayments {

    /** @return how many payments this call expired */
    int expireDue();
}
