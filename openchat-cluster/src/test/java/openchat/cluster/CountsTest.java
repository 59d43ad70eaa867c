package openchat.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalInt;
import openchat.core.ClusterLink;
import openchat.core.Names;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What IRC's LUSERS counts of the rest of the cluster is read by the heartbeat ({@code heartbeat.lua}), in the round
 * trip that keeps the node alive: the live nodes, the names held on the others, the rooms, and the administrator on
 * another node. A started {@link RedisClusterLink} on a real {@code redis-server}; the other node is written by hand,
 * as its heartbeat and {@code claim.lua} leave it.
 */
class CountsTest {
    @RegisterExtension
    static final RedisServer server = new RedisServer();

    private static final String FAR = "far";

    @RegisterExtension
    final FreshRedis fresh = new FreshRedis(server);

    private RedisCommands<String, String> redis;
    private RedisClusterLink link;

    @BeforeEach
    void start() {
        redis = fresh.redis();
        link = new RedisClusterLink(ClusterSettings.of(server.url(), "near", 5, 10, 100), Clock.systemUTC());
        link.start(new NoEvents());
    }

    @AfterEach
    void stop() {
        link.close();
    }

    /** The counts, once a heartbeat has read what the test wrote. */
    private ClusterLink.Counts countsOnceThey(java.util.function.Predicate<ClusterLink.Counts> read) {
        return await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(link::counts, read);
    }

    @Test
    void theStartsHeartbeatCountsThisNodeAloneAndTheLobby() {
        assertThat(link.counts()).isEqualTo(new ClusterLink.Counts(1, 0, OptionalInt.of(1), false, 0));
    }

    @Test
    void theHeartbeatCountsTheLiveNodesTheirMembersTheRoomsAndTheAdministratorElsewhere() {
        redis.sadd(RedisKeys.NODES, FAR);
        redis.set(RedisKeys.alive(FAR), "token", SetArgs.Builder.px(10_000));
        redis.sadd(RedisKeys.names(FAR), "bob", "carol", Names.key(Names.ADMINISTRATOR));
        redis.set(RedisKeys.name(Names.key(Names.ADMINISTRATOR)), FAR + "\t" + Names.ADMINISTRATOR);
        redis.sadd(RedisKeys.ROOMS, "study");

        assertThat(countsOnceThey(counts -> counts.nodes() == 2))
                .isEqualTo(new ClusterLink.Counts(2, 3, OptionalInt.of(2), true, 3));

        redis.del(RedisKeys.alive(FAR)); // silent: not yet declared dead, no longer counted
        assertThat(countsOnceThey(counts -> counts.nodes() == 1))
                .as("the most members at once is kept")
                .isEqualTo(new ClusterLink.Counts(1, 0, OptionalInt.of(2), false, 3));
    }
}
