package openchat.server.net;

import java.net.InetAddress;
import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import openchat.core.AddressKey;
import openchat.core.AddressRange;
import openchat.server.config.ServerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How often one address may open a new chat connection (OCP, IRC, a WebSocket on {@code /ws}), as ergo's
 * {@code connection-throttling} and InspIRCd's connect-class {@code throttle}: {@code burst} at once, then one every
 * {@code interval}. Counted by {@link AddressKey} (an IPv6 address by its /64), as the caps on open connections are;
 * only connections let in count, so an address that goes on trying while refused gets in as soon as its allowance
 * comes back, and a refusal says when that is. Addresses in {@code exempt} are never counted (this machine's, by
 * default: {@link ServerConfig#DEFAULT_CONNECT_EXEMPT}).
 *
 * <p>Each address keeps one number, the time its allowance is whole again (the generic cell rate algorithm, a token
 * bucket written as a time): a connection is let in when that time, one interval later, is within {@code burst}
 * intervals of now. An address whose allowance is whole again is as if never seen, and is forgotten at the next
 * sweep (at most once a minute, by the connection that finds it due), so only the addresses that connected within the
 * last {@code burst} intervals are kept, at most {@link #MAX_ADDRESSES} of them: past that many (a flood from more
 * addresses than a botnet of a hundred thousand), a new address is let in uncounted rather than any address refused.
 *
 * <p>{@code throttled} hears an address the first time it is refused after its allowance was last whole: one console
 * line when it starts being throttled, however many refusals follow.
 */
public final class ConnectThrottle {
    private static final Logger log = LoggerFactory.getLogger(ConnectThrottle.class);
    /** Addresses kept at once: about 100 bytes each. */
    static final int MAX_ADDRESSES = 100_000;

    private static final long SWEEP_MILLIS = 60_000;

    /** No throttle: every connection is let in. */
    public static final ConnectThrottle OFF =
            new ConnectThrottle(1, ServerConfig.CONNECT_RATE_OFF, List.of(), Clock.systemUTC(), key -> {});

    /** When an address's allowance is whole again ({@code full}, epoch millis), and whether its throttling was said. */
    private record Allowance(long full, boolean said) {}

    private final boolean on;
    private final int burst;
    private final long intervalMillis;
    private final List<AddressRange> exempt;
    private final Clock clock;
    private final Consumer<AddressKey> throttled;
    private final ConcurrentHashMap<AddressKey, Allowance> addresses = new ConcurrentHashMap<>();
    private final AtomicLong nextSweep = new AtomicLong(Long.MIN_VALUE);
    /** Whether the WARN that the throttle keeps all it may was written since it last kept fewer. */
    private final AtomicBoolean fullSaid = new AtomicBoolean();

    /**
     * {@code burst} new connections at once, then {@code perMinute} ({@link ServerConfig#CONNECT_RATE_OFF}: no
     * throttle); {@code exempt} as CIDR ranges; {@code clock} tells the time (a test's moves it); {@code throttled}
     * hears each address that starts being throttled, on the thread of the connection refused.
     */
    public ConnectThrottle(
            int burst, double perMinute, List<String> exempt, Clock clock, Consumer<AddressKey> throttled) {
        this.on = perMinute != ServerConfig.CONNECT_RATE_OFF;
        this.burst = burst;
        this.intervalMillis = on ? Math.max(1, Math.round(60_000 / perMinute)) : 1;
        this.exempt = exempt.stream().map(AddressRange::parse).toList();
        this.clock = clock;
        this.throttled = throttled;
    }

    /** The throttle {@code config} asks for ({@code --connect-burst}, {@code --connect-rate}, {@code --connect-exempt}). */
    public static ConnectThrottle of(ServerConfig config, Clock clock, Consumer<AddressKey> throttled) {
        return new ConnectThrottle(
                config.connectBurst(), config.connectPerMinute(), config.connectExempt(), clock, throttled);
    }

    /**
     * A new chat connection from {@code address}: empty when it is let in (and counted), else the whole seconds until
     * the address may connect again (at least 1). Safe on any thread.
     */
    public OptionalLong admit(InetAddress address) {
        if (!on || exempt.stream().anyMatch(range -> range.contains(address))) {
            return OptionalLong.empty();
        }
        long now = clock.millis();
        sweepIfDue(now);
        AddressKey key = AddressKey.of(address);
        if (addresses.size() >= MAX_ADDRESSES && !addresses.containsKey(key)) {
            if (fullSaid.compareAndSet(false, true)) {
                log.warn(
                        "the new connections' throttle keeps {} addresses, all it may: new addresses are let in"
                                + " uncounted until some are forgotten (first: {})",
                        MAX_ADDRESSES,
                        key);
            }
            return OptionalLong.empty();
        }
        long tolerance = burst * intervalMillis;
        long[] waitMillis = {0};
        boolean[] starts = {false};
        addresses.compute(key, (k, before) -> {
            boolean whole = before == null || before.full() <= now;
            long full = whole ? now : before.full();
            long after = full + intervalMillis;
            if (after - now <= tolerance) {
                return new Allowance(after, !whole && before.said());
            }
            waitMillis[0] = after - tolerance - now;
            starts[0] = !before.said();
            return new Allowance(full, true);
        });
        if (waitMillis[0] == 0) {
            return OptionalLong.empty();
        }
        if (starts[0]) {
            throttled.accept(key);
        }
        return OptionalLong.of(Math.max(1, (waitMillis[0] + 999) / 1000));
    }

    /** Forgets the addresses whose allowance is whole again, at most once a minute. */
    private void sweepIfDue(long now) {
        long due = nextSweep.get();
        if (now >= due && nextSweep.compareAndSet(due, now + SWEEP_MILLIS)) {
            addresses.values().removeIf(allowance -> allowance.full() <= now);
            if (addresses.size() < MAX_ADDRESSES) {
                fullSaid.set(false);
            }
        }
    }

    /** Addresses kept now: those whose allowance is not whole again, and those not swept yet. For tests. */
    int addressesKept() {
        return addresses.size();
    }
}
