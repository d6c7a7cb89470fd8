package io.pixflow.payment.domain.testing;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waiting for a stage in a test, the way a synchronous call reads: its value, or what it failed with, unwrapped. */
public final class Stages {

    private static final long WAIT_SECONDS = 10;

    private Stages() {
    }

    /**
     * @return the stage's value
     * @throws RuntimeException the exception the stage failed with, as it was thrown (not wrapped)
     */
    public static <T> T join(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new AssertionError("the stage failed with a checked exception or an error", e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("the stage did not complete within " + WAIT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the stage", e);
        }
    }
}
