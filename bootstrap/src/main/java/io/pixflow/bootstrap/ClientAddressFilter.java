package io.pixflow.bootstrap;

import io.pixflow.adapter.rest.RestApi;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import org.glassfish.grizzly.http.server.Request;

/**
 * Tells the REST adapter who is asking (for its per-client rate limit) without teaching it Grizzly: the remote
 * address of the connection, or, behind a trusted reverse proxy, the address that proxy appended last to
 * {@code X-Forwarded-For} (earlier entries are whatever the client claimed).
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
final class ClientAddressFilter implements ContainerRequestFilter {

    private final boolean trustForwardedFor;

    @Inject
    private Provider<Request> connection;

    ClientAddressFilter(boolean trustForwardedFor) {
        this.trustForwardedFor = trustForwardedFor;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String address = connection.get().getRemoteAddr();
        if (trustForwardedFor) {
            String forwarded = request.getHeaderString("X-Forwarded-For");
            if (forwarded != null && !forwarded.isBlank()) {
                String[] hops = forwarded.split(",");
                address = hops[hops.length - 1].strip();
            }
        }
        request.setProperty(RestApi.CLIENT_ADDRESS_PROPERTY, address);
    }
}
