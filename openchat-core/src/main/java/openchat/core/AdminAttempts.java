package openchat.core;

import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Wrong administrator keys by address (an IPv6 address by its /64, {@link AddressKey}): after {@code maxFailures}
 * within {@code windowMillis}, that address is locked out of administrator attempts for {@code lockoutMillis}: further wrong keys are refused without being
 * counted or logged (the right key still gets in, {@link Admission}). Guessing a 256-bit key is hopeless anyway;
 * this keeps a guesser from burning CPU and log lines. Thread-safe.
 */
public final class AdminAttempts {
    /** Past this many tracked addresses, entries with nothing left to remember are dropped. */
    private static final int PRUNE_ABOVE = 10_000;

    private final int maxFailures;
    private final long windowMillis;
    private final long lockoutMillis;
    private final Map<AddressKey, Deque<Long>> failures = new HashMap<>();
    private final Map<AddressKey, Long> lockedUntil = new HashMap<>();

    public AdminAttempts(int maxFailures, long windowMillis, long lockoutMillis) {
        this.maxFailures = maxFailures;
        this.windowMillis = windowMillis;
        this.lockoutMillis = lockoutMillis;
    }

    /** Milliseconds {@code address} must still wait, or 0 when it may try. */
    public synchronized long lockedFor(InetAddress address, long nowMillis) {
        AddressKey key = key(address);
        Long until = lockedUntil.get(key);
        if (until == null || until <= nowMillis) {
            lockedUntil.remove(key);
            return 0;
        }
        return until - nowMillis;
    }

    /** Counts a wrong key from {@code address}; true when it locked the address out. */
    public synchronized boolean failed(InetAddress address, long nowMillis) {
        AddressKey key = key(address);
        Deque<Long> times = failures.computeIfAbsent(key, a -> new ArrayDeque<>());
        times.addLast(nowMillis);
        while (!times.isEmpty() && times.peekFirst() <= nowMillis - windowMillis) {
            times.removeFirst();
        }
        boolean lockedOut = times.size() >= maxFailures;
        if (lockedOut) {
            lockedUntil.put(key, nowMillis + lockoutMillis);
            times.clear();
        }
        if (failures.size() > PRUNE_ABOVE) {
            failures.values().removeIf(t -> t.isEmpty() || t.peekLast() <= nowMillis - windowMillis);
            lockedUntil.values().removeIf(until -> until <= nowMillis);
        }
        return lockedOut;
    }

    /** Null for no address (a test's member): those count together, as before. */
    private static AddressKey key(InetAddress address) {
        return address == null ? null : AddressKey.of(address);
    }
}
