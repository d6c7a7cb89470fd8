package io.pixflow.adapter.persistence;

/** Payment changes being heard, from {@link Database#listenForChanges}; close it to stop. */
public interface ChangeSubscription extends AutoCloseable {

    /** Stops listening: no callback runs once this returns. Idempotent; never throws. */
    @Override
    void close();
}
