package openchat.server.http;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import openchat.server.metrics.ServerMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the operator learns of WebSocket handshakes refused for their origin: each is counted in the metrics
 * ({@code openchat_connections_refused_total{reason="origin"}}), and a WARN line names the origin, the address and
 * the option that would let it in, at most once a minute: a page that retries in a loop makes one line a minute,
 * saying how many were refused since the last.
 */
final class RefusedOrigins {
    private static final Logger log = LoggerFactory.getLogger(RefusedOrigins.class);
    private static final long QUIET_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(1);

    private final ServerMetrics metrics;
    private final AtomicLong nextLine = new AtomicLong(System.nanoTime());
    private final LongAdder unlogged = new LongAdder();

    RefusedOrigins(ServerMetrics metrics) {
        this.metrics = metrics;
    }

    void refused(String origin, InetAddress from) {
        metrics.refusedOrigin();
        long now = System.nanoTime();
        long next = nextLine.get();
        if (now - next < 0 || !nextLine.compareAndSet(next, now + QUIET_NANOS)) {
            unlogged.increment();
            return;
        }
        long before = unlogged.sumThenReset();
        log.warn(
                "refused a WebSocket handshake on /ws from {}: origin {} is not the server's own nor listed in"
                        + " --allowed-origins{}",
                from.getHostAddress(),
                origin,
                before == 0 ? "" : " (" + before + " more refused for their origin in the minute before, not logged)");
    }
}
