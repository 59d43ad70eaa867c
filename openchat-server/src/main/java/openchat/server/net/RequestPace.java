package openchat.server.net;

import java.util.concurrent.TimeUnit;
import openchat.core.FloodControl;
import openchat.core.TokenBucket;

/**
 * How fast one connection's requests are handled, whatever they ask: every OCP request and every IRC line, PINGs,
 * refused and malformed ones included, takes a unit of an allowance of {@link FloodControl#REQUEST_BURST} refilled at
 * {@link FloodControl#REQUEST_PER_SECOND}. A request that finds none waits, with the ones after it, and the
 * connection's reading pauses until its turn (fakelag, as IRC servers do): before, a client that pipelined 200,000
 * PINGs had them all answered in a few passes of its event loop, and every other connection on that loop waited
 * for it. The chat and read allowances still refuse what they refuse; this one refuses nothing, it only spaces.
 * Off with flood control; the administrator is exempt. Lives on the connection's event loop.
 */
public final class RequestPace {
    private final TokenBucket allowance;

    private RequestPace(TokenBucket allowance) {
        this.allowance = allowance;
    }

    /** A connection's pace under {@code floodControl}: none at all when flood control is off. */
    public static RequestPace of(FloodControl floodControl) {
        return new RequestPace(
                floodControl.enabled()
                        ? new TokenBucket(FloodControl.REQUEST_BURST, FloodControl.REQUEST_PER_SECOND, nowMillis())
                        : null);
    }

    /**
     * Takes a unit for one request and answers 0, or answers the milliseconds until a unit is there (nothing taken:
     * ask again then). An {@code exempt} request (the administrator's) takes nothing.
     */
    public long waitMillis(boolean exempt) {
        if (allowance == null || exempt) {
            return 0;
        }
        long now = nowMillis();
        return allowance.tryTake(now) ? 0 : Math.max(1, allowance.millisUntilNext(now));
    }

    private static long nowMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
    }
}
