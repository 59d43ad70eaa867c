package openchat.core;

/**
 * A token bucket: up to {@code burst} tokens, refilled at {@code perSecond}. One member's chat allowance.
 * Not thread-safe: each lives on one connection's event loop. Times are milliseconds from the server's clock.
 */
public final class TokenBucket {
    private final double burst;
    private final double perMilli;
    private double tokens;
    private long lastMillis;

    public TokenBucket(int burst, double perSecond, long nowMillis) {
        if (burst < 1 || perSecond <= 0) {
            throw new IllegalArgumentException("burst must be >= 1 and rate > 0: " + burst + ", " + perSecond);
        }
        this.burst = burst;
        this.perMilli = perSecond / 1000.0;
        this.tokens = burst;
        this.lastMillis = nowMillis;
    }

    /** Takes one token if there is one. */
    public boolean tryTake(long nowMillis) {
        refill(nowMillis);
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** Takes {@code tokens} more (a cost known once the work is done): the bucket may go below zero, down to its debt. */
    public void charge(long nowMillis, double tokens) {
        refill(nowMillis);
        this.tokens -= tokens;
    }

    /** Milliseconds until a token is available (0 if one is). */
    public long millisUntilNext(long nowMillis) {
        refill(nowMillis);
        return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / perMilli);
    }

    private void refill(long nowMillis) {
        if (nowMillis > lastMillis) {
            tokens = Math.min(burst, tokens + (nowMillis - lastMillis) * perMilli);
            lastMillis = nowMillis;
        }
    }
}
