package openchat.bench;

/**
 * Microseconds since the generator started, for the send times written into messages and the latency of each
 * delivery: the system clock is read at most once per {@value #USES_PER_READ} uses in a row. Read once per
 * delivery, the clock (kvm-clock in a VM) took a tenth of the generator's core at N=50, where the generator is
 * every server's limit ({@code docs/BENCHMARKS.md}, "The generator's own cost"). A value is reused only within one
 * stretch of work the loop does without waiting (the messages of one read, one timer tick's sends), so it is late by
 * at most the time {@value #USES_PER_READ} messages take to handle (a few microseconds); {@link #expire} makes the
 * next use read the clock again, for whenever the loop may have waited (a new read, a timer). One event loop uses
 * it; not thread-safe.
 */
final class CoarseClock {
    static final int USES_PER_READ = 16;

    private final long epochNanos = System.nanoTime();
    private long micros;
    private int usesLeft;

    /** Now, to the microsecond, or the value read at most {@value #USES_PER_READ} - 1 uses ago. */
    long micros() {
        if (usesLeft <= 0) {
            micros = (System.nanoTime() - epochNanos) / 1000;
            usesLeft = USES_PER_READ;
        }
        usesLeft--;
        return micros;
    }

    /** The next {@link #micros} reads the clock. */
    void expire() {
        usesLeft = 0;
    }
}
