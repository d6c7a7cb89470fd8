package io.pixflow.payment.domain;

import java.time.Duration;

/** How long a new payment can be paid: 30 minutes unless asked otherwise, between one minute and seven days. */
public record TimeToLive(Duration duration) {

    public static final Duration MIN = Duration.ofSeconds(60);
    public static final Duration MAX = Duration.ofDays(7);
    public static final TimeToLive DEFAULT = new TimeToLive(Duration.ofMinutes(30));

    public TimeToLive {
        if (duration == null) {
            throw new InvalidValueException("expires_in", "is required");
        }
        if (duration.compareTo(MIN) < 0 || duration.compareTo(MAX) > 0) {
            throw new InvalidValueException("expires_in",
                    "must be between " + MIN.toSeconds() + " and " + MAX.toSeconds() + " seconds");
        }
    }

    public static TimeToLive ofSeconds(long seconds) {
        return new TimeToLive(Duration.ofSeconds(seconds));
    }
}
