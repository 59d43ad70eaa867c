package openchat.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The generator's clock: one reading serves a bounded run of uses, and an expired clock is read again. */
class CoarseClockTest {
    /** Spins for a millisecond of the system clock (a bounded busy wait, not a sleep). */
    private static void letAMillisecondPass() {
        long start = System.nanoTime();
        while (System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(1)) {
            Thread.onSpinWait();
        }
    }

    @Test
    void oneReadingServesAtMostUsesPerReadUses() {
        CoarseClock clock = new CoarseClock();
        long first = clock.micros();
        letAMillisecondPass();
        for (int use = 2; use <= CoarseClock.USES_PER_READ; use++) {
            assertThat(clock.micros()).as("use %d", use).isEqualTo(first);
        }
        assertThat(clock.micros()).as("the use after them reads the clock").isGreaterThanOrEqualTo(first + 1000);
    }

    @Test
    void anExpiredClockIsReadAgainAtItsNextUse() {
        CoarseClock clock = new CoarseClock();
        long first = clock.micros();
        letAMillisecondPass();
        assertThat(clock.micros()).isEqualTo(first);
        clock.expire();
        assertThat(clock.micros()).isGreaterThanOrEqualTo(first + 1000);
    }

    @Test
    void countsMicrosecondsFromItsCreation() {
        CoarseClock clock = new CoarseClock();
        assertThat(clock.micros()).isBetween(0L, TimeUnit.SECONDS.toMicros(5));
    }
}
