package openchat.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import openchat.core.RoomNames;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code leave.lua} and {@code release.lua} through {@link Seats}, on a real {@code redis-server}: seats, names and
 * the names' looks.
 */
class SeatsTest {
    /** How far back a dead node's inbox is handed back without a recorded read, as a node's default. */
    private static final Duration WINDOW = ClusterSettings.DEAD_AFTER.multipliedBy(2);

    @RegisterExtension
    static final RedisServer server = new RedisServer();

    private static final String DEAD = "dead:3000";
    private static final String LOBBY = RoomNames.key(RoomNames.LOBBY);

    @RegisterExtension
    final FreshRedis fresh = new FreshRedis(server);

    private RedisCommands<String, String> redis;

    @BeforeEach
    void connect() {
        redis = fresh.redis();
    }

    /** {@code name} of node {@link #DEAD}, seated and announced in {@code rooms}, as join.lua and claim.lua leave it. */
    private void seated(String name, String... rooms) {
        claimed(DEAD, name);
        for (String room : rooms) {
            redis.sadd(RedisKeys.ROOMS, room);
            redis.hset(RedisKeys.room(room), "name", room);
            redis.hset(RedisKeys.members(room), name, DEAD + "\t1\tmember\t1\t" + name);
            redis.sadd(RedisKeys.seats(DEAD), room + "\n" + name);
        }
    }

    /** {@code name} claimed by {@code node} with its look, as claim.lua leaves it (its look: its own letters). */
    private void claimed(String node, String name) {
        redis.set(RedisKeys.name(name), node + "\t" + name);
        redis.sadd(RedisKeys.names(node), name);
        redis.hset(RedisKeys.LOOKS, name, name);
        redis.hset(RedisKeys.LOOKS_BY_NAME, name, name);
    }

    @Test
    void aMembersLastLeaveFreesItsNameInTheSameStep() {
        seated("victim", LOBBY);
        Seats seats = new Seats(redis, null, 100, WINDOW);

        seats.leaveAndRelease(DEAD, LOBBY, "victim", "gone", 1_000);

        assertThat(redis.xlen(RedisKeys.events(LOBBY)))
                .as("the leave announced")
                .isEqualTo(1);
        assertThat(redis.hexists(RedisKeys.members(LOBBY), "victim")).isFalse();
        assertThat(redis.exists(RedisKeys.name("victim"))).as("the name free").isZero();
        assertThat(redis.sismember(RedisKeys.names(DEAD), "victim")).isFalse();
        assertThat(redis.hexists(RedisKeys.LOOKS, "victim")).as("its look free").isFalse();
        assertThat(redis.hexists(RedisKeys.LOOKS_BY_NAME, "victim")).isFalse();
    }

    @Test
    void aLeaveAloneKeepsTheName() {
        seated("victim", LOBBY);
        Seats seats = new Seats(redis, null, 100, WINDOW);

        seats.leave(DEAD, LOBBY, "victim", openchat.core.LeaveReason.DISCONNECTED, "gone", false, 1_000);

        assertThat(redis.xlen(RedisKeys.events(LOBBY))).isEqualTo(1);
        assertThat(redis.exists(RedisKeys.name("victim"))).isEqualTo(1);
        assertThat(redis.hget(RedisKeys.LOOKS, "victim")).isEqualTo("victim");
    }

    @Test
    void takingADeadNodesSeatsAnnouncesEveryLeaveAndFreesEveryName() {
        seated("victim", LOBBY, "study");
        seated("other", "study");
        claimed(DEAD, "roomless");
        claimed("alive:3000", "alive"); // another node's: not taken
        Seats seats = new Seats(redis, null, 100, WINDOW);

        seats.takeAll(DEAD, "gone", 1_000);

        assertThat(redis.xlen(RedisKeys.events(LOBBY))).isEqualTo(1);
        assertThat(redis.xlen(RedisKeys.events("study"))).isEqualTo(2);
        assertThat(redis.exists(RedisKeys.name("victim"), RedisKeys.name("other"), RedisKeys.name("roomless")))
                .isZero();
        assertThat(redis.exists(RedisKeys.name("alive"))).isEqualTo(1);
        assertThat(redis.exists(RedisKeys.seats(DEAD), RedisKeys.names(DEAD))).isZero();
        assertThat(redis.hkeys(RedisKeys.LOOKS))
                .as("the dead node's members' looks free with their names, in the same scripts")
                .containsExactly("alive");
        assertThat(redis.hkeys(RedisKeys.LOOKS_BY_NAME)).containsExactly("alive");
    }
}
