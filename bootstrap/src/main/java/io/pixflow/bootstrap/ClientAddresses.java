package io.pixflow.bootstrap;

import io.pixflow.adapter.rest.RestApi;
import java.io.IOException;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.HttpServerFilter;
import org.glassfish.grizzly.http.server.NetworkListener;

/**
 * Tells the REST adapter who is asking (for its per-client rate limit) without teaching it Grizzly: the remote
 * address of the connection, or, behind a trusted reverse proxy, the address that proxy appended last to
 * {@code X-Forwarded-For} (earlier entries are whatever the client claimed). Jersey reads a request's properties
 * from Grizzly's request attributes, so the address is set as an attribute on each request as Grizzly parses it,
 * before Jersey sees it; a Jersey filter needed a per-request injection lookup for Grizzly's request, 2.6 % of the
 * server's CPU under a create load.
 */
final class ClientAddresses implements AddOn {

    private static final String FORWARDED_FOR = "X-Forwarded-For";

    private final boolean trustForwardedFor;

    ClientAddresses(boolean trustForwardedFor) {
        this.trustForwardedFor = trustForwardedFor;
    }

    @Override
    public void setup(NetworkListener listener, FilterChainBuilder chain) {
        int http = chain.indexOfType(HttpServerFilter.class);
        if (http < 0) {
            throw new IllegalStateException("the listener has no HTTP server filter to put client addresses before");
        }
        chain.add(http, new BaseFilter() {
            @Override
            public NextAction handleRead(FilterChainContext context) throws IOException {
                // A request's body may come in several parts; its head, and so its attributes, come with the first.
                if (context.getMessage() instanceof HttpContent content
                        && content.getHttpHeader() instanceof HttpRequestPacket request
                        && request.getAttribute(RestApi.CLIENT_ADDRESS_PROPERTY) == null) {
                    request.setAttribute(RestApi.CLIENT_ADDRESS_PROPERTY, clientAddress(request));
                }
                return context.getInvokeAction();
            }
        });
    }

    private String clientAddress(HttpRequestPacket request) {
        if (trustForwardedFor) {
            String forwarded = request.getHeader(FORWARDED_FOR);
            String appended = forwarded == null ? "" : forwarded.substring(forwarded.lastIndexOf(',') + 1).strip();
            // An empty last entry is no address; the ones before it are the client's word, so they are not used.
            if (!appended.isEmpty()) {
                return appended;
            }
        }
        return request.getRemoteAddress();
    }
}
