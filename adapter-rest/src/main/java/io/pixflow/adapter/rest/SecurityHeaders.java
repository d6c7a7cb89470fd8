package io.pixflow.adapter.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;

/**
 * Headers every API answer carries. A payment's status changes under the client's feet, so no cache may keep an
 * answer (the PNGs, which never change, set their own Cache-Control); a browser must not guess a type other than
 * the one declared; and a page's URL, which holds a payment's id, must not leak to other sites through Referer.
 */
@JsonApi
final class SecurityHeaders implements ContainerResponseFilter {

    // ProblemMapper sets them too, on answers that come from no resource of this adapter (an unknown URL).
    static final String CONTENT_TYPE_OPTIONS = "X-Content-Type-Options";
    static final String NOSNIFF = "nosniff";
    static final String REFERRER_POLICY = "Referrer-Policy";
    static final String NO_REFERRER = "no-referrer";

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        MultivaluedMap<String, Object> headers = response.getHeaders();
        headers.putSingle(CONTENT_TYPE_OPTIONS, NOSNIFF);
        headers.putSingle(REFERRER_POLICY, NO_REFERRER);
        if (!headers.containsKey(HttpHeaders.CACHE_CONTROL)) {
            headers.putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
        }
    }
}
