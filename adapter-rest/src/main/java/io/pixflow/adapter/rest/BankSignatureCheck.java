package io.pixflow.adapter.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Live mode's proof that a notification comes from the bank: {@code X-Pixflow-Signature: t=<unix seconds>,v1=<hex
 * HMAC-SHA256(secret, "<t>.<body>")>}. The MAC covers the body's bytes exactly as they arrived, so this filter reads
 * them (within the body limit), checks them, and hands the same bytes on to the JSON reader. Any {@code v1} that
 * matches any secret passes, which lets the bank rotate secrets; the timestamp must be within
 * {@link #TOLERANCE} of the server's clock, which bounds how long a captured request can be replayed (and a
 * replay within it changes nothing: confirmations and transfers are idempotent).
 */
@SignedByBank
@Priority(Priorities.AUTHENTICATION)
final class BankSignatureCheck implements ContainerRequestFilter {

    static final String HEADER = "X-Pixflow-Signature";
    static final Duration TOLERANCE = Duration.ofSeconds(300);

    private static final String ALGORITHM = "HmacSHA256";
    private static final String CODE = "invalid_signature";
    private static final String CHALLENGE = "Pixflow-Signature realm=\"pixflow\"";
    private static final String FORMAT = "t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<raw body>\">";
    // Fifteen digits keep the arithmetic far from overflow; today's time has ten.
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{1,15}");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

    private final List<SecretKeySpec> secrets;
    private final Clock clock;
    private final int maxBodyBytes;

    BankSignatureCheck(List<String> secrets, Clock clock, int maxBodyBytes) {
        this.secrets = secrets.stream()
                .map(secret -> new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM))
                .toList();
        this.clock = clock;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        String header = request.getHeaderString(HEADER);
        if (header == null || header.isBlank()) {
            throw rejected(HEADER + " is missing: sign the request with " + FORMAT);
        }
        Signature signature = Signature.parse(header)
                .orElseThrow(() -> rejected(HEADER + " is malformed: it must be " + FORMAT));
        long skew = Math.abs(clock.instant().getEpochSecond() - signature.seconds());
        if (skew > TOLERANCE.toSeconds()) {
            throw rejected(HEADER + " is stale: its time t=" + signature.timestamp() + " is more than "
                    + TOLERANCE.toSeconds() + " seconds away from the server's clock");
        }
        byte[] body = BodySizeLimit.readAtMost(maxBodyBytes, request.getEntityStream(),
                request.getHeaderString(HttpHeaders.CONTENT_LENGTH));
        if (!signedByAnySecret(signature, body)) {
            throw rejected(HEADER + " does not match: no v1 is the HMAC-SHA256 of \"<t>.<raw body>\""
                    + " under a configured secret");
        }
        request.setEntityStream(new ByteArrayInputStream(body));
    }

    private boolean signedByAnySecret(Signature signature, byte[] body) {
        boolean matched = false;
        for (SecretKeySpec secret : secrets) {
            byte[] expected = mac(secret, signature.timestamp(), body);
            for (byte[] given : signature.macs()) {
                // Every pair is compared, each in constant time: how long this takes says nothing about the secret.
                matched |= MessageDigest.isEqual(expected, given);
            }
        }
        return matched;
    }

    private static byte[] mac(SecretKeySpec secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(secret);
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java platform has HMAC-SHA256 and takes any non-empty key", e);
        }
    }

    private static UnauthenticatedException rejected(String detail) {
        return new UnauthenticatedException(CODE, detail, CHALLENGE);
    }

    /**
     * The parsed header: one {@code t}, one or more {@code v1}, and any other schemes ignored so that the bank can
     * add one (a {@code v2}) before PixFlow reads it.
     *
     * @param timestamp {@code t} as sent, because the MAC covers it as sent
     */
    record Signature(String timestamp, long seconds, List<byte[]> macs) {

        static Optional<Signature> parse(String header) {
            String timestamp = null;
            List<byte[]> macs = new ArrayList<>();
            for (String element : header.split(",")) {
                String part = element.strip();
                int equals = part.indexOf('=');
                if (equals < 1) {
                    return Optional.empty();
                }
                String key = part.substring(0, equals);
                String value = part.substring(equals + 1);
                if (key.equals("t")) {
                    if (timestamp != null || !TIMESTAMP.matcher(value).matches()) {
                        return Optional.empty();
                    }
                    timestamp = value;
                } else if (key.equals("v1")) {
                    if (!SHA256_HEX.matcher(value).matches()) {
                        return Optional.empty();
                    }
                    macs.add(HexFormat.of().parseHex(value));
                }
            }
            if (timestamp == null || macs.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Signature(timestamp, Long.parseLong(timestamp), List.copyOf(macs)));
        }
    }
}
