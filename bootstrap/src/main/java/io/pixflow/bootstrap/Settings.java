package io.pixflow.bootstrap;

import io.pixflow.payment.domain.InvalidValueException;
import io.pixflow.payment.domain.TimeToLive;
import io.pixflow.payment.domain.pix.Merchant;
import io.pixflow.payment.domain.pix.PixKey;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything the server is told from outside, read once from the environment and checked before anything starts.
 *
 * <p>Without {@code PIXFLOW_WEBHOOK_SECRET} the server runs in <em>sandbox</em> mode: open confirmations, a
 * simulate button, loopback only. With it, in <em>live</em> mode.
 *
 * @param port           0 picks a free port
 * @param publicUrl      the base of absolute links, or {@code null} to take it from each request
 * @param allowedOrigins WebSocket origins besides the server's own
 * @param trustForwardedFor take the client's address from the {@code X-Forwarded-For} a reverse proxy appends
 * @param requestBodyTimeout how long after its head a request's body may take to arrive before the answer is 408
 */
public record Settings(String host, int port, String databaseUrl, String databaseUser, String databasePassword,
                       Merchant merchant, TimeToLive paymentTtl, List<String> webhookSecrets, List<String> apiKeys,
                       Set<String> allowedOrigins, URI publicUrl, CreationLimit creationLimit,
                       boolean trustForwardedFor, Duration requestBodyTimeout) {

    /** How many payments one client address may create: {@code perSecond} on average, {@code burst} at once. */
    public record CreationLimit(double perSecond, int burst) {

        public static final CreationLimit DEFAULT = new CreationLimit(10, 50);
    }

    /** The Banco Central manual's example random key: money sent to it in sandbox goes nowhere real. */
    static final String SANDBOX_PIX_KEY = "123e4567-e12b-12d1-a456-426655440000";

    /** A request body must arrive within this of its head, unless PIXFLOW_REQUEST_BODY_TIMEOUT says otherwise. */
    public static final Duration DEFAULT_REQUEST_BODY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration MIN_REQUEST_BODY_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration MAX_REQUEST_BODY_TIMEOUT = Duration.ofMinutes(10);

    public Settings {
        webhookSecrets = List.copyOf(webhookSecrets);
        apiKeys = List.copyOf(apiKeys);
        allowedOrigins = Set.copyOf(allowedOrigins);
    }

    public boolean sandbox() {
        return webhookSecrets.isEmpty();
    }

    /** Reads the {@code PIXFLOW_*} variables of DESIGN §7. */
    public static Settings fromEnvironment(Map<String, String> env) {
        List<String> secrets = list(env, "PIXFLOW_WEBHOOK_SECRET");
        boolean sandbox = secrets.isEmpty();
        List<String> apiKeys = list(env, "PIXFLOW_API_KEYS");
        if (!sandbox && apiKeys.isEmpty()) {
            throw new InvalidSettingException("PIXFLOW_API_KEYS",
                    "is required in live mode (PIXFLOW_WEBHOOK_SECRET is set): merchant keys for creating and"
                            + " cancelling payments, comma-separated");
        }
        String host = text(env, "PIXFLOW_HOST", sandbox ? "127.0.0.1" : "0.0.0.0");
        int port = port(env);
        String pixKey = env.getOrDefault("PIXFLOW_PIX_KEY", "");
        if (pixKey.isBlank()) {
            if (!sandbox) {
                throw new InvalidSettingException("PIXFLOW_PIX_KEY", "is required in live mode");
            }
            pixKey = SANDBOX_PIX_KEY;
        }
        Merchant merchant;
        try {
            merchant = new Merchant(PixKey.parse(pixKey),
                    text(env, "PIXFLOW_MERCHANT_NAME", "PIXFLOW SANDBOX"),
                    text(env, "PIXFLOW_MERCHANT_CITY", "SAO PAULO"));
        } catch (InvalidValueException e) {
            throw new InvalidSettingException(variableOf(e.field()), e.getMessage().substring(e.field().length() + 1));
        }
        return new Settings(host, port,
                text(env, "PIXFLOW_DB_URL", "jdbc:h2:file:./data/pixflow"),
                env.getOrDefault("PIXFLOW_DB_USER", ""),
                env.getOrDefault("PIXFLOW_DB_PASSWORD", ""),
                merchant, ttl(env), secrets, apiKeys,
                Set.copyOf(list(env, "PIXFLOW_ALLOWED_ORIGINS")), publicUrl(env), creationLimit(env),
                flag(env, "PIXFLOW_TRUST_FORWARDED_FOR"), requestBodyTimeout(env));
    }

    private static String variableOf(String field) {
        return switch (field) {
            case "merchant_name" -> "PIXFLOW_MERCHANT_NAME";
            case "merchant_city" -> "PIXFLOW_MERCHANT_CITY";
            default -> "PIXFLOW_PIX_KEY";
        };
    }

    private static String text(Map<String, String> env, String variable, String fallback) {
        String value = env.get(variable);
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    private static List<String> list(Map<String, String> env, String variable) {
        return Arrays.stream(env.getOrDefault(variable, "").split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toList());
    }

    private static int port(Map<String, String> env) {
        String value = text(env, "PIXFLOW_PORT", "8080");
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below, with the value
        }
        throw new InvalidSettingException("PIXFLOW_PORT", "must be a number from 0 to 65535, not '" + value + "'");
    }

    private static CreationLimit creationLimit(Map<String, String> env) {
        String rate = text(env, "PIXFLOW_CREATE_RATE_LIMIT", "");
        if (rate.isEmpty()) {
            return CreationLimit.DEFAULT;
        }
        String[] parts = rate.split("/");
        try {
            double perSecond = Double.parseDouble(parts[0]);
            int burst = parts.length > 1 ? Integer.parseInt(parts[1]) : (int) Math.max(1, Math.ceil(perSecond * 5));
            if (parts.length <= 2 && perSecond > 0 && burst > 0 && Double.isFinite(perSecond)) {
                return new CreationLimit(perSecond, burst);
            }
        } catch (NumberFormatException e) {
            // reported below, with the value
        }
        throw new InvalidSettingException("PIXFLOW_CREATE_RATE_LIMIT",
                "must be '<per second>' or '<per second>/<burst>', e.g. 10/50, not '" + rate + "'");
    }

    private static boolean flag(Map<String, String> env, String variable) {
        String value = text(env, variable, "false").toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new InvalidSettingException(variable, "must be true or false, not '" + value + "'");
        };
    }

    private static TimeToLive ttl(Map<String, String> env) {
        String value = text(env, "PIXFLOW_PAYMENT_TTL", "PT30M");
        Duration ttl = duration("PIXFLOW_PAYMENT_TTL", value, "PT30M");
        try {
            return new TimeToLive(ttl);
        } catch (InvalidValueException e) {
            throw new InvalidSettingException("PIXFLOW_PAYMENT_TTL",
                    "must be between PT1M and P7D, not '" + value + "'");
        }
    }

    private static Duration requestBodyTimeout(Map<String, String> env) {
        String value = text(env, "PIXFLOW_REQUEST_BODY_TIMEOUT", DEFAULT_REQUEST_BODY_TIMEOUT.toString());
        Duration timeout = duration("PIXFLOW_REQUEST_BODY_TIMEOUT", value, DEFAULT_REQUEST_BODY_TIMEOUT.toString());
        if (timeout.compareTo(MIN_REQUEST_BODY_TIMEOUT) < 0 || timeout.compareTo(MAX_REQUEST_BODY_TIMEOUT) > 0) {
            throw new InvalidSettingException("PIXFLOW_REQUEST_BODY_TIMEOUT",
                    "must be between PT1S and PT10M, not '" + value + "'");
        }
        return timeout;
    }

    /** {@code value} as an ISO-8601 duration; an error names {@code example}, the variable's default. */
    private static Duration duration(String variable, String value, String example) {
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidSettingException(variable,
                    "must be an ISO-8601 duration such as " + example + ", not '" + value + "'");
        }
    }

    private static URI publicUrl(Map<String, String> env) {
        String value = env.get("PIXFLOW_PUBLIC_URL");
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(value.strip());
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new URISyntaxException(value, "not an absolute http(s) URL");
            }
            return uri.getPath() == null || uri.getPath().isEmpty() ? uri.resolve("/") : uri;
        } catch (URISyntaxException e) {
            throw new InvalidSettingException("PIXFLOW_PUBLIC_URL",
                    "must be an absolute http(s) URL such as https://pay.example.com/, not '" + value + "'");
        }
    }

    /** Secrets stay out of logs and error reports. */
    @Override
    public String toString() {
        return "Settings[host=" + host + ", port=" + port
                + ", databaseUrl=" + databaseUrl.replaceAll("(?i)(password=)[^&;]*", "$1***")
                + ", mode=" + (sandbox() ? "sandbox" : "live") + ", merchant=" + merchant.name()
                + ", paymentTtl=" + paymentTtl.duration() + ", apiKeys=" + apiKeys.size() + " set"
                + ", allowedOrigins=" + allowedOrigins + ", publicUrl=" + publicUrl + ", creationLimit=" + creationLimit
                + ", trustForwardedFor=" + trustForwardedFor + ", requestBodyTimeout=" + requestBodyTimeout + "]";
    }
}
