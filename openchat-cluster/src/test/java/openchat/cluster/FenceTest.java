package openchat.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import openchat.core.Refusal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fence around a node's writes, on a real {@code redis-server}: the wrapper's promises one by one (a write is
 * carried out once under its id, never after its deadline, never after it was settled as not run), then a node's
 * link dropping with a write on its way, whose outcome the node settles instead of guessing.
 */
class FenceTest {
    @RegisterExtension
    static final RedisServer server = new RedisServer();

    private static final Script CLAIM = Script.fenced("claim");
    private static final Script SETTLE = Script.fenced("settle");
    private static final String RECORDS = RedisKeys.ops("n1");

    @RegisterExtension
    final FreshRedis fresh = new FreshRedis(server);

    private RedisCommands<String, String> redis;

    @BeforeEach
    void connect() {
        redis = fresh.redis();
    }

    /** The fenced claim of {@code name} by node n1, as operation {@code op}, refused by Redis from {@code deadline}. */
    private Long claim(String op, long deadline, String name) {
        return CLAIM.run(
                redis,
                ScriptOutputType.INTEGER,
                new String[] {
                    RECORDS, RedisKeys.name(name), RedisKeys.names("n1"), RedisKeys.LOOKS, RedisKeys.LOOKS_BY_NAME
                },
                op,
                String.valueOf(deadline),
                "n1",
                name,
                name,
                name,
                RedisKeys.NAME_PREFIX);
    }

    private Long settle(String op) {
        return SETTLE.run(redis, ScriptOutputType.INTEGER, new String[] {RECORDS}, op, "0");
    }

    private long redisMillis() {
        List<String> time = redis.time();
        return Long.parseLong(time.get(0)) * 1000 + Long.parseLong(time.get(1)) / 1000;
    }

    @Test
    void aWriteSentAgainUnderItsIdAnswersAsItDidAndIsNotCarriedOutTwice() {
        assertThat(claim("op1", 0, "alice")).isEqualTo(1);
        redis.del(RedisKeys.name("alice")); // had it run again, it would claim the name anew

        assertThat(claim("op1", 0, "alice")).isEqualTo(1);
        assertThat(redis.exists(RedisKeys.name("alice"))).isZero();
    }

    @Test
    void aWriteThatReachesRedisAfterItsDeadlineChangesNothing() {
        assertThatThrownBy(() -> claim("op1", redisMillis() - 1, "alice"))
                .isInstanceOf(RedisCommandExecutionException.class)
                .hasMessageContaining("EXPIRED");
        assertThat(redis.exists(RedisKeys.name("alice"))).isZero();
        assertThat(claim("op2", redisMillis() + 60_000, "alice")).isEqualTo(1);
    }

    @Test
    void aWriteSettledBeforeItArrivedRefusesItselfWhenItDoes() {
        assertThatThrownBy(() -> settle("op1")).hasMessageContaining("EXPIRED");

        assertThatThrownBy(() -> claim("op1", 0, "alice")).hasMessageContaining("EXPIRED");
        assertThat(redis.exists(RedisKeys.name("alice"))).isZero();
    }

    @Test
    void settlingAWriteThatRanGivesItsAnswerAndRefusalsAreKeptToo() {
        claim("op1", 0, "alice");
        assertThat(settle("op1")).isEqualTo(1);

        redis.set(RedisKeys.name("bob"), "n2\tbob");
        assertThat(claim("op2", 0, "bob")).isZero(); // taken: the claim ran and changed nothing
        assertThat(settle("op2")).isZero();
    }

    @Test
    void aWriteWhoseAnswerIsLostWithTheLinkIsSettledAsWhatRedisDid() throws Exception {
        try (LinkProxy proxy = new LinkProxy(server.port());
                RedisClusterLink link = link(proxy)) {
            LinkProxy.Link writes = proxy.link(0); // the node's first connection: its commands'
            writes.holdReplies = true;
            CompletableFuture<Boolean> claimed =
                    CompletableFuture.supplyAsync(() -> link.claimName("alice", "alice", "alice"));
            await().atMost(Duration.ofSeconds(5)).until(() -> server.integer("EXISTS", RedisKeys.name("alice")) == 1);
            writes.cut();

            assertThat(claimed.get())
                    .as("Redis took the claim: the node says so, though the answer was lost")
                    .isTrue();
            assertThat(redis.get(RedisKeys.name("alice"))).isEqualTo("n1\talice");
        }
    }

    @Test
    void aWriteLostOnItsWayToRedisIsRefusedAndNeverCarriedOut() throws Exception {
        try (LinkProxy proxy = new LinkProxy(server.port());
                RedisClusterLink link = link(proxy)) {
            LinkProxy.Link writes = proxy.link(0);
            writes.holdRequests = true;
            CompletableFuture<Boolean> claimed =
                    CompletableFuture.supplyAsync(() -> link.claimName("alice", "alice", "alice"));
            await().atMost(Duration.ofSeconds(5)).until(() -> writes.held.get() > 0);
            writes.cut();

            assertThat(claimed)
                    .failsWithin(Duration.ofSeconds(5))
                    .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                    .havingCause()
                    .isInstanceOfSatisfying(Refusal.class, refusal -> assertThat(refusal.reason())
                            .isEqualTo(Refusal.Reason.UNAVAILABLE));
            assertThat(redis.exists(RedisKeys.name("alice"))).isZero();
            assertThat(link.claimName("alice", "alice", "alice"))
                    .as("free to claim again")
                    .isTrue();
        }
    }

    @Test
    void aNameGivenBackAsTheLinkDropsIsGivenBackOnceTheLinkIsBack() throws Exception {
        try (LinkProxy proxy = new LinkProxy(server.port());
                RedisClusterLink link = link(proxy)) {
            assertThat(link.claimName("alice", "alice", "alice")).isTrue();
            LinkProxy.Link writes = proxy.link(0);
            writes.holdRequests = true;
            CompletableFuture<Void> released = CompletableFuture.runAsync(() -> link.releaseName("alice"));
            await().atMost(Duration.ofSeconds(5)).until(() -> writes.held.get() > 0);
            writes.cut();
            released.get();

            // Owed, and sent again under its id until Redis answers: never settled as "not run", which would
            // refuse every resend and leave the name held for good.
            await().atMost(Duration.ofSeconds(10)).until(() -> server.integer("EXISTS", RedisKeys.name("alice")) == 0);
        }
    }

    private static RedisClusterLink link(LinkProxy proxy) {
        RedisClusterLink link =
                new RedisClusterLink(ClusterSettings.of(proxy.url(), "n1", 5, 10, 100), Clock.systemUTC());
        link.start(new NoEvents());
        return link;
    }
}
