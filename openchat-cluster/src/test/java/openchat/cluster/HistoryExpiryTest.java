package openchat.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code expire.lua} through {@link HistoryExpiry#sweep}, on a real {@code redis-server}, at a fixed time. */
class HistoryExpiryTest {
    @RegisterExtension
    static final RedisServer server = new RedisServer();

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @RegisterExtension
    final FreshRedis fresh = new FreshRedis(server);

    private RedisCommands<String, String> redis;

    @BeforeEach
    void connect() {
        redis = fresh.redis();
    }

    /** Entry {@code seq} of a room stream, said {@code ago} before now. */
    private void add(String stream, long seq, Duration ago) {
        redis.xadd(
                stream,
                new XAddArgs().id(seq + "-0"),
                Map.of(
                        "f",
                        "alice",
                        "x",
                        "line " + seq,
                        "at",
                        String.valueOf(NOW.minus(ago).toEpochMilli())));
    }

    private HistoryExpiry expiry(Duration maxAge) {
        HistoryExpiry expiry = new HistoryExpiry(redis, maxAge, CLOCK);
        expiry.close(); // its own schedule is not wanted here: the test sweeps
        return expiry;
    }

    @Test
    void aSweepDeletesTheEntriesOlderThanTheMaximumAgeFromEveryRoomsHistory() {
        for (long seq = 1; seq <= 3; seq++) {
            add(RedisKeys.history("lobby"), seq, Duration.ofDays(31));
        }
        add(RedisKeys.history("lobby"), 4, Duration.ofDays(29));
        add(RedisKeys.history("lobby"), 5, Duration.ofMinutes(1));
        add(RedisKeys.history("gone"), 7, Duration.ofDays(40)); // a room that no longer exists keeps history too

        long deleted = expiry(Duration.ofDays(30)).sweep();

        assertThat(deleted).isEqualTo(4);
        assertThat(redis.xrange(RedisKeys.history("lobby"), io.lettuce.core.Range.create("-", "+")))
                .extracting(entry -> entry.getId())
                .containsExactly("4-0", "5-0");
        assertThat(redis.xlen(RedisKeys.history("gone"))).isZero();
        assertThat(expiry(Duration.ofDays(30)).sweep())
                .as("nothing left to delete")
                .isZero();
    }

    @Test
    void theEventsStreamIsTrimmedAlikeButKeepsItsLastMinuteForNodesCatchingUp() {
        add(RedisKeys.history("lobby"), 1, Duration.ofSeconds(100));
        add(RedisKeys.events("lobby"), 1, Duration.ofSeconds(100));
        add(RedisKeys.history("lobby"), 2, Duration.ofSeconds(30));
        add(RedisKeys.events("lobby"), 2, Duration.ofSeconds(30));
        add(RedisKeys.events("lobby"), 3, Duration.ofSeconds(5));

        expiry(Duration.ofSeconds(10)).sweep();

        assertThat(redis.xlen(RedisKeys.history("lobby")))
                .as("history: ten seconds")
                .isZero();
        assertThat(redis.xrange(RedisKeys.events("lobby"), io.lettuce.core.Range.create("-", "+")))
                .as("events: a minute")
                .extracting(entry -> entry.getId())
                .containsExactly("2-0", "3-0");
    }

    @Test
    void aLongExpiredRunIsDeletedOverSeveralShortCallsAndSweeps() {
        redis.xadd(RedisKeys.history("lobby"), new XAddArgs().id("1-0"), Map.of("at", "0"));
        for (long seq = 2; seq <= 4_500; seq++) {
            add(RedisKeys.history("lobby"), seq, Duration.ofDays(2));
        }
        add(RedisKeys.history("lobby"), 4_501, Duration.ZERO);
        HistoryExpiry expiry = expiry(Duration.ofDays(1));

        assertThat(expiry.sweep()).as("one call examines at most 2,000").isEqualTo(2_000);
        assertThat(expiry.sweep()).isEqualTo(2_000);
        assertThat(expiry.sweep()).isEqualTo(500);
        assertThat(redis.xlen(RedisKeys.history("lobby"))).isEqualTo(1);
    }
}
