package io.pixflow.adapter.rest;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The demo's name for a payment's QR image, {@code qr_code_payment_<bank_payment_id>}: a lookup key, never a path. */
final class QrCodeName {

    private static final String PREFIX = "qr_code_payment_";
    private static final Pattern FORMAT = Pattern.compile(
            Pattern.quote(PREFIX) + "([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");

    private QrCodeName() {
    }

    static String of(UUID bankPaymentId) {
        return PREFIX + bankPaymentId;
    }

    /** The bank payment id in a name exactly as {@link #of} writes it, or empty for anything else. */
    static Optional<UUID> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        Matcher matcher = FORMAT.matcher(name);
        return matcher.matches() ? Optional.of(UUID.fromString(matcher.group(1))) : Optional.empty();
    }
}
