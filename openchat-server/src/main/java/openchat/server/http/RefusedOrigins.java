package openchat.server.http;

import java.net.InetAddress;
import java.util.concurrent.ScheduledExecutorService;
import openchat.server.metrics.ServerMetrics;
import openchat.server.net.ThrottledLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the operator learns of WebSocket handshakes refused for their origin: each is counted in the metrics
 * ({@code openchat_connections_refused_total{reason="origin"}}), and a WARN line names the origin, the address and
 * the option that would let it in, at most once a minute ({@link ThrottledLog}): a page that retries in a loop makes
 * one line at once, then one a minute saying how many were refused and for which origins.
 */
final class RefusedOrigins {
    private static final Logger log = LoggerFactory.getLogger(RefusedOrigins.class);

    private final ServerMetrics metrics;
    private final ThrottledLog<String> lines = new ThrottledLog<>((count, top) -> log.warn(
            "refused {} more WebSocket handshakes on /ws for their origin in the last minute, from {}"
                    + " (--allowed-origins)",
            count,
            top));

    RefusedOrigins(ServerMetrics metrics) {
        this.metrics = metrics;
    }

    /**
     * A handshake refused for its origin: {@code byName} when the origin was the request's own Host, a plain-HTTP
     * page under a DNS name that could be a DNS rebinding attack's ({@code HttpRoutes}).
     */
    void refused(String origin, boolean byName, InetAddress from, ScheduledExecutorService loop) {
        metrics.refusedOrigin();
        lines.occurred(
                origin,
                () -> {
                    if (byName) {
                        log.warn(
                                "refused a WebSocket handshake on /ws from {}: origin {} is the name the page was"
                                        + " loaded by, over plain HTTP, which a DNS rebinding page can have too. If"
                                        + " it is this server's name, list it in --allowed-origins (or serve the page"
                                        + " over TLS)",
                                from.getHostAddress(),
                                origin);
                    } else {
                        log.warn(
                                "refused a WebSocket handshake on /ws from {}: origin {} is not the server's own nor"
                                        + " listed in --allowed-origins",
                                from.getHostAddress(),
                                origin);
                    }
                },
                loop);
    }
}
