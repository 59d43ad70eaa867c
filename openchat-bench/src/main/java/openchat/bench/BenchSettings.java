package openchat.bench;

import java.time.Duration;

/**
 * One load run. Closed loop when {@code window} > 0 (each sender keeps at most that many messages in flight;
 * a message is in flight until every other client has it); open loop when {@code rate} > 0 (that many
 * messages per second in all, spread evenly over the senders). {@code idle}: only connect and join.
 */
public record BenchSettings(
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

    public BenchSettings {
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

    public boolean closedLoop() {
        return window > 0;
    }
}
