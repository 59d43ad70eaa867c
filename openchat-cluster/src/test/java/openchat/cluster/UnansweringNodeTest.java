package openchat.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.lettuce.core.Range;
import io.lettuce.core.SetArgs;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import openchat.core.ChatEvent;
import openchat.core.Names;
import openchat.core.Refusal;
import openchat.core.RoomNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Private messages and invitations go to the inbox of the member's node only while that node answers: one that missed
 * its heartbeats (its alive key not renewed: dead, hung, or cut off from Redis) would never read them, so they are
 * refused ({@code UNREACHABLE}) instead of answered as sent and lost. {@code whisper.lua} and {@code invite.lua}
 * through a started {@link RedisClusterLink}, on a real {@code redis-server}; the other node is written by hand, as
 * its heartbeat and {@code claim.lua} leave it. What such a node took and had not read when it is declared dead goes
 * back to the senders' nodes ({@code undelivered.lua} through {@link Seats#takeAll}).
 */
class UnansweringNodeTest {
    /** How far back a dead node's inbox is handed back without a recorded read, as a node's default. */
    private static final Duration WINDOW = ClusterSettings.DEAD_AFTER.multipliedBy(2);

    @RegisterExtension
    static final RedisServer server = new RedisServer();

    private static final String FAR = "far";
    private static final OffsetDateTime AT = OffsetDateTime.of(2026, 12, 4, 22, 0, 0, 0, ZoneOffset.UTC);

    @RegisterExtension
    final FreshRedis fresh = new FreshRedis(server);

    private RedisCommands<String, String> redis;
    private RedisClusterLink link;

    @BeforeEach
    void start() {
        redis = fresh.redis();
        ClusterSettings settings = ClusterSettings.of(server.url(), "near", 5, 10, 100);
        link = new RedisClusterLink(settings, Clock.systemUTC());
        link.start(new NoEvents());
        redis.set(RedisKeys.name("bob"), FAR + "\tBob");
        redis.sadd(RedisKeys.names(FAR), "bob");
    }

    @AfterEach
    void stop() {
        link.close();
    }

    /** The far node's alive key with {@code millis} left, as its last heartbeat that long before the key's end. */
    private void farAliveFor(long millis) {
        redis.set(RedisKeys.alive(FAR), "token", SetArgs.Builder.px(millis));
    }

    private static ChatEvent.Private whisper(String text) {
        return new ChatEvent.Private("alice", "bob", AT, text, false);
    }

    private long inbox() {
        return redis.xlen(RedisKeys.inbox(FAR));
    }

    @Test
    void aPrivateMessageToAMemberOfAnAnsweringNodeIsHandedToItsInbox() {
        farAliveFor(ClusterSettings.DEAD_AFTER.toMillis()); // renewed just now

        assertThat(link.whisper("bob", whisper("hi"))).contains("Bob");
        assertThat(inbox()).isEqualTo(1);
    }

    @Test
    void aPrivateMessageToAMemberOfANodeThatMissedThreeHeartbeatsIsRefusedAndNotHandedOver() {
        farAliveFor(ClusterSettings.DEAD_AFTER
                        .minus(ClusterSettings.HEARTBEAT.multipliedBy(3))
                        .toMillis()
                - 100);

        Refusal refusal = catchThrowableOfType(() -> link.whisper("bob", whisper("hi")), Refusal.class);

        assertThat(refusal.reason()).isEqualTo(Refusal.Reason.UNREACHABLE);
        assertThat(refusal.subject()).as("the name as its member wrote it").isEqualTo("Bob");
        assertThat(inbox()).as("nothing left in an inbox no one may read").isZero();
    }

    @Test
    void aPrivateMessageToAMemberOfANodeWhoseKeyRanOutBeforeTheSweepIsRefused() {
        Refusal refusal = catchThrowableOfType(() -> link.whisper("bob", whisper("hi")), Refusal.class);

        assertThat(refusal.reason()).isEqualTo(Refusal.Reason.UNREACHABLE);
        assertThat(inbox()).isZero();
    }

    @Test
    void aNodeLateByLessThanThreeHeartbeatsStillGetsItsMembersMessages() {
        farAliveFor(ClusterSettings.DEAD_AFTER
                .minus(ClusterSettings.HEARTBEAT.multipliedBy(2))
                .toMillis());

        assertThat(link.whisper("bob", whisper("hi"))).contains("Bob");
        assertThat(inbox()).isEqualTo(1);
    }

    @Test
    void anInvitationToAMemberOfANodeThatStoppedAnsweringIsRefusedAndAnAnsweringOnesIsHandedOver() {
        String room = RoomNames.key("study");
        ChatEvent.Invited invitation = new ChatEvent.Invited("alice", "bob", "study", AT);
        farAliveFor(1_000);

        Refusal refusal = catchThrowableOfType(() -> link.invite(room, "bob", invitation), Refusal.class);

        assertThat(refusal.reason()).isEqualTo(Refusal.Reason.UNREACHABLE);
        assertThat(inbox()).isZero();

        farAliveFor(ClusterSettings.DEAD_AFTER.toMillis());
        assertThat(link.invite(room, "bob", invitation)).isEqualTo("Bob");
        assertThat(inbox()).isEqualTo(1);
    }

    @Test
    void aKillOfAMemberOfANodeThatStoppedAnsweringIsRefusedAndAnAnsweringOnesIsHandedOverAsAnOrder() {
        ChatEvent.Killed order = new ChatEvent.Killed("채팅관리자", "도배", AT);
        farAliveFor(1_000);

        Refusal refusal = catchThrowableOfType(() -> link.kill("BOB", order), Refusal.class);

        assertThat(refusal.reason()).isEqualTo(Refusal.Reason.UNREACHABLE);
        assertThat(refusal.subject()).isEqualTo("Bob");
        assertThat(inbox()).isZero();

        farAliveFor(ClusterSettings.DEAD_AFTER.toMillis());
        assertThat(link.kill("BOB", order)).isEqualTo("Bob");
        Map<String, String> entry = redis.xrange(RedisKeys.inbox(FAR), Range.create("-", "+"))
                .get(0)
                .getBody();
        assertThat(entry).containsEntry("t", "K").containsEntry("k", "bob");
        assertThat(StreamEntries.killed(entry, ZoneOffset.UTC)).isEqualTo(order);
    }

    @Test
    void aKillOfANameNoOtherNodeHoldsOrOfTheAdministratorsIsRefusedAndHandsNothingOver() {
        farAliveFor(ClusterSettings.DEAD_AFTER.toMillis());
        redis.set(RedisKeys.name("carol"), "near\tCarol"); // this node's own: the node acts on it itself
        redis.set(RedisKeys.name(Names.key(Names.ADMINISTRATOR)), FAR + "\t" + Names.ADMINISTRATOR);
        ChatEvent.Killed order = new ChatEvent.Killed(Names.ADMINISTRATOR, "", AT);

        assertThat(catchThrowableOfType(() -> link.kill("nobody", order), Refusal.class)
                        .reason())
                .isEqualTo(Refusal.Reason.NO_SUCH_MEMBER);
        assertThat(catchThrowableOfType(() -> link.kill("carol", order), Refusal.class)
                        .reason())
                .isEqualTo(Refusal.Reason.NO_SUCH_MEMBER);
        assertThat(catchThrowableOfType(() -> link.kill(Names.ADMINISTRATOR, order), Refusal.class)
                        .reason())
                .isEqualTo(Refusal.Reason.ADMIN_NOT_KICKABLE);
        assertThat(inbox()).isZero();
    }

    @Test
    void whatADeadNodeHadNotReadGoesBackToItsSendersNodeAndTheInboxGoes() {
        redis.set(RedisKeys.name("alice"), "near\tAlice");
        String read = redis.xadd(
                RedisKeys.inbox(FAR),
                Map.of("t", "P", "f", "Alice", "k", "bob", "to", "Bob", "x", "read before", "n", "0", "at", "1000"));
        redis.set(RedisKeys.inboxRead(FAR), read);
        redis.xadd(
                RedisKeys.inbox(FAR),
                Map.of("t", "P", "f", "Alice", "k", "bob", "to", "Bob", "x", "never read", "n", "0", "at", "2000"));
        redis.xadd(
                RedisKeys.inbox(FAR),
                Map.of("t", "I", "f", "Alice", "k", "bob", "to", "Bob", "r", "study", "at", "3000"));
        redis.xadd(
                RedisKeys.inbox(FAR),
                Map.of(
                        "t",
                        "P",
                        "f",
                        "Gone",
                        "k",
                        "bob",
                        "to",
                        "Bob",
                        "x",
                        "from someone who left",
                        "n",
                        "0",
                        "at",
                        "4000"));
        redis.xadd(RedisKeys.inbox(FAR), Map.of("t", "A", "f", "Carol", "x", "away", "at", "5000"));

        new Seats(redis, null, 100, WINDOW).takeAll(FAR, "gone", 6_000);

        List<Map<String, String>> handedBack = redis.xrange(RedisKeys.inbox("near"), Range.create("-", "+")).stream()
                .map(StreamMessage::getBody)
                .filter(body -> "U".equals(body.get("t")))
                .toList();
        assertThat(handedBack)
                .as("what Alice sent after the last entry the node read, to Alice's node")
                .extracting(body -> body.get("w"), body -> body.get("k"), body -> body.getOrDefault("x", body.get("r")))
                .containsExactly(tuple("P", "alice", "never read"), tuple("I", "alice", "study"));
        assertThat(StreamEntries.undelivered(handedBack.get(0), ZoneOffset.UTC))
                .isEqualTo(new ChatEvent.Private(
                        "Alice", "Bob", OffsetDateTime.parse("1970-01-01T00:00:02Z"), "never read", false));
        assertThat(redis.exists(RedisKeys.inbox(FAR), RedisKeys.inboxRead(FAR)))
                .as("the inbox and its mark gone")
                .isZero();
    }

    @Test
    void aNodeThatRecordedNoReadHandsBackItsLastMessagesOnlyNotAllItsInboxKeeps() {
        redis.set(RedisKeys.name("alice"), "near\tAlice");
        redis.xadd(
                RedisKeys.inbox(FAR),
                new XAddArgs().id("1000-0"), // long ago: read, by a node that did not record it
                Map.of("t", "P", "f", "Alice", "k", "bob", "to", "Bob", "x", "long ago", "n", "0", "at", "1000"));
        redis.xadd(
                RedisKeys.inbox(FAR),
                Map.of("t", "P", "f", "Alice", "k", "bob", "to", "Bob", "x", "just now", "n", "0", "at", "2000"));

        new Seats(redis, null, 100, WINDOW).takeAll(FAR, "gone", 6_000);

        assertThat(redis.xrange(RedisKeys.inbox("near"), Range.create("-", "+")).stream()
                        .map(StreamMessage::getBody)
                        .filter(body -> "U".equals(body.get("t")))
                        .map(body -> body.get("x")))
                .containsExactly("just now");
        assertThat(redis.exists(RedisKeys.inbox(FAR))).isZero();
    }
}
