package io.pixflow.benchmarks.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * {@code clients} threads, each on its own keep-alive connection, each sending its next request as soon as the
 * previous answer is in (a closed loop, like {@code wrk -c}), until {@code duration} is over or {@code maxRequests}
 * have been sent, whichever comes first.
 *
 * <p>Throughput counts only answers with the expected status; anything else, or a broken connection, is an error
 * (the connection is then opened again).
 */
final class ClosedLoop {

    private static final Duration IO_TIMEOUT = Duration.ofSeconds(10);

    private final InetSocketAddress server;
    private final int clients;

    ClosedLoop(InetSocketAddress server, int clients) {
        this.server = server;
        this.clients = clients;
    }

    /**
     * @param request      the request to send as the {@code n}-th of the run (n from 0), as wire bytes
     * @param expectStatus the status that counts as a success
     * @param onSuccess    sees each successful response (e.g. to collect created ids); called concurrently
     */
    Result run(Duration duration, long maxRequests, IntFunction<byte[]> request, int expectStatus,
               ResponseSink onSuccess) throws InterruptedException {
        AtomicLong issued = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<Samples> samples = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(clients);
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Samples mine = new Samples();
            samples.add(mine);
            Thread thread = new Thread(() -> {
                try {
                    loop(deadline, maxRequests, issued, errors, mine, request, expectStatus, onSuccess);
                } finally {
                    done.countDown();
                }
            }, "load-client-" + c);
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        // Every request has its own I/O timeout, so the loop ends within duration + timeout.
        if (!done.await(duration.plus(IO_TIMEOUT).plusSeconds(5).toMillis(), TimeUnit.MILLISECONDS)) {
            threads.forEach(Thread::interrupt);
            throw new IllegalStateException("load clients did not stop in time");
        }
        long elapsed = System.nanoTime() - start;
        int total = samples.stream().mapToInt(s -> s.count).sum();
        long[] all = new long[total];
        int at = 0;
        for (Samples s : samples) {
            System.arraycopy(s.nanos, 0, all, at, s.count);
            at += s.count;
        }
        return new Result(total, errors.get(), elapsed, Latencies.of(all, total));
    }

    private void loop(long deadline, long maxRequests, AtomicLong issued, AtomicLong errors, Samples samples,
                      IntFunction<byte[]> request, int expectStatus, ResponseSink onSuccess) {
        HttpConnection connection = null;
        try {
            while (System.nanoTime() < deadline) {
                long n = issued.getAndIncrement();
                if (n >= maxRequests) {
                    break;
                }
                byte[] bytes = request.apply((int) n);
                try {
                    if (connection == null || !connection.reusable()) {
                        if (connection != null) {
                            connection.close();
                        }
                        connection = new HttpConnection(server, IO_TIMEOUT);
                    }
                    long sent = System.nanoTime();
                    HttpConnection.Response response = connection.exchange(bytes);
                    long took = System.nanoTime() - sent;
                    if (response.status() == expectStatus) {
                        samples.add(took);
                        onSuccess.accept(response);
                    } else {
                        errors.incrementAndGet();
                    }
                } catch (IOException | RuntimeException e) {
                    errors.incrementAndGet();
                    if (connection != null) {
                        connection.close();
                        connection = null;
                    }
                }
            }
        } finally {
            if (connection != null) {
                connection.close();
            }
        }
    }

    /** One client's latencies; only its own thread writes them, the caller reads them after the join. */
    private static final class Samples {
        private long[] nanos = new long[4096];
        private int count;

        void add(long took) {
            if (count == nanos.length) {
                nanos = Arrays.copyOf(nanos, count * 2);
            }
            nanos[count++] = took;
        }
    }

    @FunctionalInterface
    interface ResponseSink {
        ResponseSink IGNORE = response -> { };

        void accept(HttpConnection.Response response);
    }

    /**
     * @param successes answers with the expected status (each with its latency in {@code latencies})
     * @param errors    other statuses and I/O failures
     */
    record Result(long successes, long errors, long elapsedNanos, Latencies latencies) {

        double perSecond() {
            return successes / (elapsedNanos / 1e9);
        }
    }
}
