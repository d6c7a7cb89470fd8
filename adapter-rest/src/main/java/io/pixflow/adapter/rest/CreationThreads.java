package io.pixflow.adapter.rest;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.glassfish.jersey.server.ManagedAsyncExecutor;
import org.glassfish.jersey.spi.ThreadPoolExecutorProvider;

/**
 * The threads that run {@code @ManagedAsync} resource methods: creating a payment. A create mostly waits for its
 * row to be committed, and the store commits every insert waiting at that moment together. On the HTTP server's
 * few worker threads (two per core) only that many creates could wait, and share, a commit; here up to
 * {@code threads} do, while the workers go on reading requests. Beyond that, creates queue rather than fail.
 */
@ManagedAsyncExecutor
final class CreationThreads extends ThreadPoolExecutorProvider {

    private final int threads;

    CreationThreads(int threads) {
        super("pixflow-create");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
    }

    @Override
    protected int getCorePoolSize() {
        return threads;
    }

    @Override
    protected int getMaximumPoolSize() {
        return threads;
    }

    @Override
    protected BlockingQueue<Runnable> getWorkQueue() {
        return new LinkedBlockingQueue<>();
    }
}
