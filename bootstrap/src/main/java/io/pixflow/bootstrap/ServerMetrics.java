package io.pixflow.bootstrap;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pixflow.adapter.websocket.DeliveryObserver;
import io.pixflow.payment.domain.PaymentEvent;
import io.pixflow.payment.domain.port.out.PaymentEvents;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.ToDoubleFunction;
import javax.sql.DataSource;

/**
 * What {@code GET /metrics} shows, in Prometheus text format: request rate and latency per route, open WebSockets,
 * events published and delivered, confirmation-to-push latency, expiry sweeps, request bodies that did not arrive
 * in time, the database pool and the JVM.
 * Meters are created once here, so the hot path only increments them.
 */
final class ServerMetrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Map<PaymentEvent.Type, Counter> published = new EnumMap<>(PaymentEvent.Type.class);
    private final Map<PaymentEvent.Type, Counter> delivered = new EnumMap<>(PaymentEvent.Type.class);
    private final Map<PaymentEvent.Type, Timer> pushLatency = new EnumMap<>(PaymentEvent.Type.class);
    private final Counter sweeps;
    private final Counter expired;
    private final Counter bodyTimeouts;

    ServerMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        for (PaymentEvent.Type type : PaymentEvent.Type.values()) {
            String tag = type.name().toLowerCase(Locale.ROOT);
            published.put(type, Counter.builder("pixflow.events.published")
                    .description("Payment events published after their change was stored")
                    .tag("type", tag).register(registry));
            delivered.put(type, Counter.builder("pixflow.events.delivered")
                    .description("Payment events handed to a subscriber's WebSocket")
                    .tag("type", tag).register(registry));
            pushLatency.put(type, Timer.builder("pixflow.push.latency")
                    .description("From the stored change to the event leaving for a subscriber")
                    .tag("type", tag)
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofSeconds(10))
                    .register(registry));
        }
        sweeps = Counter.builder("pixflow.expiry.sweeps").description("Expiry sweeps run").register(registry);
        expired = Counter.builder("pixflow.payments.expired").description("Payments the sweeper expired")
                .register(registry);
        // Answered outside Jersey, so the request timer does not see them.
        bodyTimeouts = Counter.builder("pixflow.request.body.timeouts")
                .description("Requests answered 408 because their body did not arrive in time").register(registry);
    }

    /** Counts what the application publishes, then hands it on. */
    PaymentEvents counting(PaymentEvents events) {
        return event -> {
            published.get(event.type()).increment();
            events.publish(event);
        };
    }

    DeliveryObserver deliveries() {
        return (type, sincePublished) -> {
            delivered.get(type).increment();
            pushLatency.get(type).record(sincePublished);
        };
    }

    void sweptExpiring(int count) {
        sweeps.increment();
        expired.increment(count);
    }

    Runnable bodyTimedOut() {
        return bodyTimeouts::increment;
    }

    void watchOpenWebSockets(IntSupplier open) {
        Gauge.builder("pixflow.websocket.sessions", open::getAsInt)
                .description("Open payment status WebSockets").register(registry);
    }

    void watchPool(DataSource dataSource) {
        if (dataSource instanceof HikariDataSource hikari) {
            poolGauge(hikari, "active", HikariPoolMXBean::getActiveConnections);
            poolGauge(hikari, "idle", HikariPoolMXBean::getIdleConnections);
            poolGauge(hikari, "total", HikariPoolMXBean::getTotalConnections);
            poolGauge(hikari, "pending", HikariPoolMXBean::getThreadsAwaitingConnection);
        }
    }

    private void poolGauge(HikariDataSource pool, String state, ToDoubleFunction<HikariPoolMXBean> reading) {
        Gauge.builder("pixflow.db.pool.connections", pool,
                        p -> p.getHikariPoolMXBean() == null ? Double.NaN : reading.applyAsDouble(p.getHikariPoolMXBean()))
                .description("Database pool connections by state").tag("state", state).register(registry);
    }

    /** Times every Jersey route, tagged by method, URI template and status. */
    Object requestTimer() {
        return new RequestTimer(registry);
    }

    Object resource() {
        return new Scrape(registry);
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }

    @Path("/metrics")
    public static final class Scrape {

        private final PrometheusMeterRegistry registry;

        Scrape(PrometheusMeterRegistry registry) {
            this.registry = registry;
        }

        @GET
        @Produces("text/plain; version=0.0.4; charset=utf-8")
        public String scrape() {
            return registry.scrape();
        }
    }
}
