package io.pixflow.adapter.rest;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Signs as the bank does, written out independently of the filter so that a shared mistake cannot hide. */
final class Signatures {

    private Signatures() {
    }

    /** Hex HMAC-SHA256 of {@code "<t>.<body>"}. */
    static String v1(String secret, long t, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The whole {@code X-Pixflow-Signature} value. */
    static String header(String secret, long t, String body) {
        return "t=" + t + ",v1=" + v1(secret, t, body);
    }
}
