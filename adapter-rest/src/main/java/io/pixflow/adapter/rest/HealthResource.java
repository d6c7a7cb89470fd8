package io.pixflow.adapter.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code GET /health}: 200 when every named check passes, 503 otherwise, so a load balancer can route around. */
@Path("/health")
@JsonApi
public final class HealthResource {

    private static final Logger LOG = LoggerFactory.getLogger(HealthResource.class);
    private static final String UP = "UP";
    private static final String DOWN = "DOWN";

    private final SortedMap<String, BooleanSupplier> checks;

    /** @param checks by name, e.g. {@code "database" -> () -> repository answers}; each is run on every request */
    public HealthResource(Map<String, BooleanSupplier> checks) {
        this.checks = new TreeMap<>(Objects.requireNonNull(checks, "checks"));
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response health() {
        SortedMap<String, String> results = new TreeMap<>();
        checks.forEach((name, check) -> results.put(name, passes(name, check) ? UP : DOWN));
        boolean up = !results.containsValue(DOWN);
        return Response.status(up ? Response.Status.OK : Response.Status.SERVICE_UNAVAILABLE)
                .entity(new HealthReport(up ? UP : DOWN, results))
                .build();
    }

    private static boolean passes(String name, BooleanSupplier check) {
        try {
            return check.getAsBoolean();
        } catch (RuntimeException e) {
            LOG.warn("health check {} failed", name, e);
            return false;
        }
    }

    record HealthReport(String status, Map<String, String> checks) {
    }
}
