package openchat.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.api.sync.RedisCommands;
import java.time.Clock;
import java.time.Duration;
import openchat.core.Names;
import openchat.core.Refusal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A name's look ({@link Names#skeleton}) claimed with the name, in the same script, on a real {@code redis-server}: two
 * nodes' links, as two nodes of one cluster see the store.
 */
class LooksTest {
    @RegisterExtension
    static final RedisServer server = new RedisServer();

    @RegisterExtension
    final FreshRedis fresh = new FreshRedis(server);

    /** {@code аӏісе}: every letter Cyrillic, U+0430 U+04CF U+0456 U+0441 U+0435. */
    private static final String CYRILLIC_ALICE = "\u0430\u04CF\u0456\u0441\u0435";

    private RedisCommands<String, String> redis;
    private RedisClusterLink n1;
    private RedisClusterLink n2;

    @BeforeEach
    void start() {
        redis = fresh.redis();
        n1 = link("n1");
        n2 = link("n2");
    }

    @AfterEach
    void stop() {
        n1.close();
        n2.close();
    }

    private static RedisClusterLink link(String node) {
        RedisClusterLink link =
                new RedisClusterLink(ClusterSettings.of(server.url(), node, 5, 10, 100), Clock.systemUTC());
        link.start(new NoEvents());
        return link;
    }

    private static boolean claim(RedisClusterLink link, String name) {
        return link.claimName(Names.key(name), name, Names.skeleton(name));
    }

    @Test
    void aNameThatLooksLikeOneHeldOnAnotherNodeIsRefusedNamingItsHolder() {
        assertThat(claim(n1, "alice")).isTrue();

        Refusal refused = catchThrowableOfType(Refusal.class, () -> claim(n2, CYRILLIC_ALICE));

        assertThat(refused.reason()).isEqualTo(Refusal.Reason.NAME_LOOKALIKE);
        assertThat(refused.subject()).isEqualTo("alice");
        assertThat(redis.exists(RedisKeys.name(Names.key(CYRILLIC_ALICE))))
                .as("nothing claimed")
                .isZero();
        assertThat(n2.lookalikeOf(Names.skeleton(CYRILLIC_ALICE), Names.key(CYRILLIC_ALICE)))
                .contains("alice");
        assertThat(n2.lookalikeOf(Names.skeleton("alice"), Names.key("alice")))
                .as("a name is not its own look-alike")
                .isEmpty();
        assertThat(claim(n2, "Alice"))
                .as("the name itself: taken, not a look-alike")
                .isFalse();
    }

    @Test
    void aLookIsFreedWithItsName() {
        assertThat(claim(n1, "alice")).isTrue();

        n1.releaseName(Names.key("alice"));

        await().atMost(Duration.ofSeconds(5)).until(() -> redis.exists(RedisKeys.name("alice")) == 0);
        assertThat(redis.hlen(RedisKeys.LOOKS)).isZero();
        assertThat(claim(n2, CYRILLIC_ALICE)).isTrue();
        assertThat(n1.lookalikeOf(Names.skeleton("alice"), Names.key("alice"))).contains(CYRILLIC_ALICE);
    }

    @Test
    void aLookLeftBehindByANameNoLongerHeldHoldsNothing() {
        // As a node of a version that kept no looks leaves it: the name freed, the look not.
        redis.hset(RedisKeys.LOOKS, "alice", "alice");
        redis.hset(RedisKeys.LOOKS_BY_NAME, "alice", "alice");
        assertThat(claim(n1, CYRILLIC_ALICE)).as("alice's name is free").isTrue();

        // Its name held again, with another look: the entry left behind is still no one's.
        redis.hset(RedisKeys.LOOKS, "bob", "aiice");
        redis.hset(RedisKeys.LOOKS_BY_NAME, "aiice", "bob");
        assertThat(claim(n1, "aiice")).isTrue();
        assertThat(claim(n2, "bob")).isTrue();
    }
}
