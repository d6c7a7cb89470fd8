package io.pixflow.adapter.rest;

/**
 * A token bucket per client address: {@code burst} requests at once, then {@code perSecond} on average.
 *
 * @param perSecond tokens added per second, &gt; 0 (fractions allowed: 0.5 is one every two seconds)
 * @param burst     the bucket's size, &ge; 1
 */
public record RateLimit(double perSecond, int burst) {

    /** Far above what a shop's checkout creates, low enough that one address cannot fill the database. */
    public static final RateLimit DEFAULT = new RateLimit(10, 50);

    public RateLimit {
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("perSecond must be a positive number, not " + perSecond);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1, not " + burst);
        }
    }
}
