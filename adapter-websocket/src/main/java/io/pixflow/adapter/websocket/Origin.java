package io.pixflow.adapter.websocket;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * A web origin as browsers send it: {@code http(s)://host[:port]}, compared with the default port filled in, so
 * {@code https://pay.example} and {@code https://pay.example:443} are the same origin.
 */
record Origin(String scheme, String host, int port) {

    /** Reads an {@code Origin} header value or a configured origin; empty for anything else ({@code null}, paths…). */
    static Optional<Origin> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean onlyAuthority = uri.getHost() != null && uri.getRawUserInfo() == null
                && (uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
                && uri.getRawQuery() == null && uri.getRawFragment() == null;
        if (!(scheme.equals("http") || scheme.equals("https")) || !onlyAuthority) {
            return Optional.empty();
        }
        int port = uri.getPort() == -1 ? defaultPort(scheme) : uri.getPort();
        return Optional.of(new Origin(scheme, uri.getHost().toLowerCase(Locale.ROOT), port));
    }

    /** The origin a page served by this server has, read from the request's {@code Host} header. */
    static Optional<Origin> ofHost(String scheme, String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank() || hostHeader.contains("/")) {
            return Optional.empty();
        }
        return parse(scheme + "://" + hostHeader.strip());
    }

    private static int defaultPort(String scheme) {
        return scheme.equals("https") ? 443 : 80;
    }

    /** {@code host[:port]}, the port left out when it is the scheme's default. */
    String authority() {
        return port == defaultPort(scheme) ? host : host + ":" + port;
    }

    @Override
    public String toString() {
        return scheme + "://" + authority();
    }
}
