package openchat.server.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until the test moves it: for tests about how old a message is, so that a message the
 * test means to be fresh stays fresh however slowly a loaded machine runs the steps between, and one it means to be
 * old is old at once. Clocks made from it by {@link #withZone} share its time.
 */
public final class SteppedClock extends Clock {
    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    /** Standing at the real time now, in the system's zone. */
    public SteppedClock() {
        this(new AtomicReference<>(Instant.now()), ZoneId.systemDefault());
    }

    private SteppedClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /** Moves the time forward by {@code step}. */
    public void advance(Duration step) {
        now.updateAndGet(instant -> instant.plus(step));
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new SteppedClock(now, zone);
    }

    @Override
    public Instant instant() {
        return now.get();
    }
}
