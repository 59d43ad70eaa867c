package openchat.bench;

import java.time.Duration;
import java.util.List;

/**
 * One load run. Closed loop when {@code window} > 0 (each sender keeps at most that many messages in flight;
 * a message is in flight until every other client has it); open loop when {@code rate} > 0 (that many
 * messages per second in all, spread evenly over the senders). {@code idle}: only connect and join.
 *
 * <p>{@code ports}: one server port, or several on the same host (the nodes of a cluster, sharing the room):
 * client {@code i} connects to {@code ports[i % ports.size()]}, so clients and senders are spread round-robin.
 */
public record BenchSettings(
        String host,
        List<Integer> ports,
        WireProtocol.Kind protocol,
        int clients,
        int senders,
        int window,
        double rate,
        Duration duration,
        Duration warmup,
        int size,
        boolean idle,
        long serverPid) {

    public BenchSettings {
        ports = List.copyOf(ports);
        if (ports.isEmpty()) {
            throw new IllegalArgumentException("--port needs at least one port");
        }
        for (int port : ports) {
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("--port must be 1-65535: " + port);
            }
        }
        if (clients < 2 && !idle) {
            throw new IllegalArgumentException("--clients must be at least 2: " + clients);
        }
        if (clients < 1 || clients > 19_000) {
            throw new IllegalArgumentException(
                    "--clients must be 1-19000 (the per-process file limit is 20000): " + clients);
        }
        if (!idle && (senders < 1 || senders > clients)) {
            throw new IllegalArgumentException("--senders must be 1-" + clients + ": " + senders);
        }
        if (!idle && (window > 0) == (rate > 0)) {
            throw new IllegalArgumentException("choose one of --window W (closed loop) or --rate R (open loop)");
        }
        if (size < 32 || size > 4000) {
            throw new IllegalArgumentException("--size must be 32-4000 bytes: " + size);
        }
        if (duration.isNegative() || duration.isZero() || warmup.isNegative()) {
            throw new IllegalArgumentException("--seconds must be positive and --warmup not negative");
        }
    }

    /** One server port: every client connects to it. */
    public BenchSettings(
            String host,
            int port,
            WireProtocol.Kind protocol,
            int clients,
            int senders,
            int window,
            double rate,
            Duration duration,
            Duration warmup,
            int size,
            boolean idle,
            long serverPid) {
        this(host, List.of(port), protocol, clients, senders, window, rate, duration, warmup, size, idle, serverPid);
    }

    /** The port client {@code index} connects to: the ports taken in turn. */
    public int portOf(int index) {
        return ports.get(index % ports.size());
    }

    public boolean closedLoop() {
        return window > 0;
    }
}
