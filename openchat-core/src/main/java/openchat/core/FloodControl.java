package openchat.core;

/**
 * Per-member chat rate: a token bucket of {@code burst} messages refilled at {@code perSecond}. A SEND over it
 * is answered 429 with Retry-After; a member whose refused messages since its last accepted one pass
 * {@code burst} is disconnected. The administrator is exempt. {@link #OFF} for load tests.
 */
public record FloodControl(boolean enabled, int burst, double perSecond) {
    public static final int DEFAULT_BURST = 10;
    public static final int DEFAULT_PER_SECOND = 5;
    /**
     * The slowest rate: one message every 1000 seconds. A refusal's {@code Retry-After} is the wait for the next
     * message, in whole seconds; the rate's floor keeps that wait a number a client can act on (and far from the
     * overflow a rate of {@code 1e-300} made of it, which read as 1 second).
     */
    public static final double MIN_PER_SECOND = 0.001;
    /** The fastest rate: beyond it the allowance holds back nothing a person types; --no-flood-control says so. */
    public static final int MAX_PER_SECOND = 1000;

    public static final FloodControl DEFAULT = new FloodControl(true, DEFAULT_BURST, DEFAULT_PER_SECOND);
    public static final FloodControl OFF = new FloodControl(false, DEFAULT_BURST, DEFAULT_PER_SECOND);

    public FloodControl {
        if (burst < 1) {
            throw new ConfigProblem(
                    "flood burst (--flood-burst) must be at least 1: " + burst, "refusal.floodBurst", burst);
        }
        if (!(perSecond >= MIN_PER_SECOND && perSecond <= MAX_PER_SECOND)) {
            throw new ConfigProblem(
                    "flood rate (--flood-rate) must be " + text(MIN_PER_SECOND) + "-" + text(MAX_PER_SECOND)
                            + " messages per second: " + text(perSecond),
                    "refusal.floodRate",
                    text(MIN_PER_SECOND),
                    text(MAX_PER_SECOND),
                    text(perSecond));
        }
    }

    /** A rate as a person writes it: {@code 0.001}, {@code 5}; {@code 1E-300} rather than three hundred digits. */
    static String text(double perSecond) {
        if (!Double.isFinite(perSecond)) {
            return String.valueOf(perSecond);
        }
        java.math.BigDecimal exact = java.math.BigDecimal.valueOf(perSecond).stripTrailingZeros();
        String plain = exact.toPlainString();
        return plain.length() <= 20 ? plain : exact.toString();
    }
}
