package openchat.server;

/**
 * Per-member chat rate: a token bucket of {@code burst} messages refilled at {@code perSecond}. A SEND over it
 * is answered 429 with Retry-After; a member whose refused messages since its last accepted one pass
 * {@code burst} is disconnected. The administrator is exempt. {@link #OFF} for load tests.
 */
public record FloodControl(boolean enabled, int burst, double perSecond) {
    public static final FloodControl DEFAULT = new FloodControl(true, 10, 5);
    public static final FloodControl OFF = new FloodControl(false, 10, 5);

    public FloodControl {
        if (burst < 1) {
            throw new IllegalArgumentException("flood burst must be at least 1: " + burst);
        }
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("flood rate must be positive: " + perSecond);
        }
    }
}
