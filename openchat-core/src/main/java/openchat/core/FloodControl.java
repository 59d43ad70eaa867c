package openchat.core;

/**
 * Per-member chat rate: a token bucket of {@code burst} messages refilled at {@code perSecond}. A SEND over it
 * is answered 429 with Retry-After; a member whose refused messages since its last accepted one pass
 * {@code burst} is disconnected. The administrator is exempt. {@link #OFF} for load tests.
 */
public record FloodControl(boolean enabled, int burst, double perSecond) {
    public static final int DEFAULT_BURST = 10;
    public static final int DEFAULT_PER_SECOND = 5;
    public static final FloodControl DEFAULT = new FloodControl(true, DEFAULT_BURST, DEFAULT_PER_SECOND);
    public static final FloodControl OFF = new FloodControl(false, DEFAULT_BURST, DEFAULT_PER_SECOND);

    public FloodControl {
        if (burst < 1) {
            throw new IllegalArgumentException("flood burst (--flood-burst) must be at least 1: " + burst);
        }
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("flood rate (--flood-rate) must be more than 0 messages per second: "
                    + java.math.BigDecimal.valueOf(perSecond)
                            .stripTrailingZeros()
                            .toPlainString());
        }
    }
}
