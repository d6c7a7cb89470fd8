package io.pixflow.adapter.webui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The script, styles and icon the pages use, read once from the classpath.
 *
 * <p>Only the files listed here exist: a request names one of them or gets nothing, so no path a client sends
 * ever reaches the classpath. Each file answers to two names: its plain name ({@code pixflow.js}) and a name
 * with a hash of its content ({@code pixflow.1a2b3c4d5e.js}). Pages link the hashed name, which a browser may
 * keep for a year: a new release changes the content, hence the name, hence the URL.
 */
final class StaticAssets {

    private static final String DIRECTORY = "static/";
    private static final List<Asset> FILES = List.of(
            new Asset("pixflow.js", "text/javascript; charset=utf-8"),
            new Asset("pixflow.css", "text/css; charset=utf-8"),
            new Asset("favicon.svg", "image/svg+xml"));

    private final Map<String, Served> byName = new LinkedHashMap<>();
    private final Map<String, String> urls = new LinkedHashMap<>();

    StaticAssets() {
        for (Asset asset : FILES) {
            byte[] content = read(asset.name());
            String hash = HexFormat.of().formatHex(sha256(content), 0, 5);
            String hashedName = withHash(asset.name(), hash);
            byName.put(asset.name(), new Served(content, asset.contentType(), hash, false));
            byName.put(hashedName, new Served(content, asset.contentType(), hash, true));
            urls.put(asset.name(), "/static/" + hashedName);
        }
    }

    Optional<Served> named(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Plain name → the URL pages should link, e.g. {@code pixflow.js → /static/pixflow.1a2b3c4d5e.js}. */
    Map<String, String> urls() {
        return Map.copyOf(urls);
    }

    private static String withHash(String name, String hash) {
        int dot = name.lastIndexOf('.');
        return name.substring(0, dot) + "." + hash + name.substring(dot);
    }

    private static byte[] read(String name) {
        try (InputStream in = StaticAssets.class.getResourceAsStream(DIRECTORY + name)) {
            if (in == null) {
                throw new IllegalStateException("missing asset " + DIRECTORY + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read asset " + name, e);
        }
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private record Asset(String name, String contentType) {
    }

    /**
     * One file as the server sends it.
     *
     * @param versioned whether it was asked for by its hashed name, so it may be cached for good
     */
    record Served(byte[] content, String contentType, String hash, boolean versioned) {
    }
}
