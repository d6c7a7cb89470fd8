package io.pixflow.adapter.rest;

import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One token bucket per client, in bounded memory. A bucket left alone long enough to refill is the same as no
 * bucket, so those are dropped as time passes; beyond {@code maxClients} the least recently seen client is
 * forgotten (it starts again with a full bucket, a small leniency that only an attacker with that many addresses
 * gets).
 */
final class TokenBuckets {

    private static final double NANOS_PER_SECOND = 1e9;

    private final double tokensPerNano;
    private final int burst;
    private final long refillNanos;
    private final int maxClients;
    private final Clock clock;
    // In access order: the eldest entry is the client seen longest ago.
    private final LinkedHashMap<String, Bucket> buckets;

    TokenBuckets(RateLimit limit, int maxClients, Clock clock) {
        this.tokensPerNano = limit.perSecond() / NANOS_PER_SECOND;
        this.burst = limit.burst();
        this.refillNanos = (long) Math.ceil(limit.burst() / tokensPerNano);
        this.maxClients = maxClients;
        this.clock = clock;
        this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > maxClients;
            }
        };
    }

    /**
     * Takes a token from {@code client}'s bucket.
     *
     * @return 0 when there was one; otherwise the whole seconds (at least 1) until there will be
     */
    synchronized long take(String client) {
        long now = nanos(clock.instant());
        forgetIdle(now);
        Bucket bucket = buckets.computeIfAbsent(client, c -> new Bucket(burst, now));
        // A clock set back must not drain anyone: elapsed time is never negative.
        bucket.tokens = Math.min(burst, bucket.tokens + Math.max(0, now - bucket.seenAt) * tokensPerNano);
        bucket.seenAt = now;
        if (bucket.tokens >= 1) {
            bucket.tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - bucket.tokens) / tokensPerNano / NANOS_PER_SECOND));
    }

    synchronized int trackedClients() {
        return buckets.size();
    }

    /** Buckets are in the order they were last seen, so the scan stops at the first one still refilling. */
    private void forgetIdle(long now) {
        Iterator<Bucket> eldestFirst = buckets.values().iterator();
        while (eldestFirst.hasNext() && now - eldestFirst.next().seenAt >= refillNanos) {
            eldestFirst.remove();
        }
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    private static final class Bucket {
        private double tokens;
        private long seenAt;

        private Bucket(double tokens, long seenAt) {
            this.tokens = tokens;
            this.seenAt = seenAt;
        }
    }
}
