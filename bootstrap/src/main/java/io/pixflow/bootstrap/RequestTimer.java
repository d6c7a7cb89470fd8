package io.pixflow.bootstrap;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.http.Outcome;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.glassfish.jersey.server.ContainerResponse;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.glassfish.jersey.server.monitoring.ApplicationEvent;
import org.glassfish.jersey.server.monitoring.ApplicationEventListener;
import org.glassfish.jersey.server.monitoring.RequestEvent;
import org.glassfish.jersey.server.monitoring.RequestEventListener;
import org.glassfish.jersey.uri.UriTemplate;

/**
 * Times every Jersey request into {@code http.server.requests}, with the tags jersey-micrometer gives it (method,
 * URI template, status, outcome, exception), from the request's start to its response being written. Each route's
 * template is worked out once and each timer looked up in a map: jersey-micrometer's own listener keeps three
 * synchronized maps and builds its tags with regular expressions on every request, 3.6 % of the server's CPU under
 * a create load (benchmarks/notes.md).
 */
final class RequestTimer implements ApplicationEventListener {

    static final String NAME = "http.server.requests";
    private static final String NO_EXCEPTION = "None";
    /** A client may send any word as its method; only these get a series of their own. */
    private static final Set<String> KNOWN_METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE", "CONNECT");

    private record Route(String method, String uri, int status, String exception) {
    }

    private final MeterRegistry registry;
    private final Map<ResourceMethod, String> templates = new ConcurrentHashMap<>();
    private final Map<Route, Timer> timers = new ConcurrentHashMap<>();

    RequestTimer(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public void onEvent(ApplicationEvent event) {
        // Only requests are timed.
    }

    @Override
    public RequestEventListener onRequest(RequestEvent start) {
        long started = System.nanoTime();
        return event -> {
            if (event.getType() == RequestEvent.Type.FINISHED) {
                timer(event).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            }
        };
    }

    private Timer timer(RequestEvent event) {
        ContainerResponse response = event.getContainerResponse();
        // No response: an exception no mapper took, which Jersey answers with 500.
        int status = response == null ? 500 : response.getStatus();
        String method = event.getContainerRequest().getMethod();
        Route route = new Route(KNOWN_METHODS.contains(method) ? method : "OTHER", uri(event, status), status,
                exception(event, status));
        return timers.computeIfAbsent(route, r -> Timer.builder(NAME)
                .description("HTTP requests by route, as Jersey matched them")
                .tag("method", r.method())
                .tag("uri", r.uri())
                .tag("status", Integer.toString(r.status()))
                .tag("outcome", Outcome.forStatus(r.status()).name())
                .tag("exception", r.exception())
                .register(registry));
    }

    /** The template the request matched, so that all payments share one series; a fixed word when none did. */
    private String uri(RequestEvent event, int status) {
        ResourceMethod method = event.getUriInfo().getMatchedResourceMethod();
        if (method != null) {
            return templates.computeIfAbsent(method, m -> template(event.getUriInfo()));
        }
        if (status == 404) {
            return "NOT_FOUND";
        }
        if (status >= 300 && status < 400) {
            return "REDIRECTION";
        }
        return template(event.getUriInfo());
    }

    private static String template(ExtendedUriInfo uriInfo) {
        List<UriTemplate> matched = uriInfo.getMatchedTemplates();
        if (matched.isEmpty()) {
            return "UNKNOWN";
        }
        StringBuilder path = new StringBuilder(uriInfo.getBaseUri().getPath());
        // Jersey lists the innermost match first.
        for (int i = matched.size() - 1; i >= 0; i--) {
            path.append(matched.get(i).getTemplate());
        }
        String template = path.toString().replaceAll("//+", "/");
        if (template.equals("/")) {
            return "root";
        }
        return template.endsWith("/") ? template.substring(0, template.length() - 1) : template;
    }

    private static String exception(RequestEvent event, int status) {
        Throwable exception = event.getException();
        if (exception == null || status == 404 || (status >= 300 && status < 400)) {
            return NO_EXCEPTION;
        }
        Throwable shown = exception.getCause() != null ? exception.getCause() : exception;
        String name = shown.getClass().getSimpleName();
        return name.isEmpty() ? shown.getClass().getName() : name;
    }
}
