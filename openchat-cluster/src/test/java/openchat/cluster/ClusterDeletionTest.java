package openchat.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.api.sync.RedisCommands;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import openchat.core.Chat;
import openchat.core.ChatEvent;
import openchat.core.ClusterChat;
import openchat.core.CoreConfig;
import openchat.core.CoreListener;
import openchat.core.Deletion;
import openchat.core.Fanout;
import openchat.core.FloodControl;
import openchat.core.HistoryQuery;
import openchat.core.Member;
import openchat.core.Names;
import openchat.core.Refusal;
import openchat.core.StoredMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Deleting messages on a cluster, on a real {@code redis-server}: two nodes' cores ({@link ClusterChat} on a {@link
 * RedisClusterLink} each). The store checks the deleter's right, takes the messages out of the room's history stream,
 * which every node reads, and streams the deletion, which every node hands its members of the room but the deleter.
 * A member's link is its name; what each member is handed is recorded.
 */
class ClusterDeletionTest {
    @RegisterExtension
    static final RedisServer server = new RedisServer();

    @RegisterExtension
    final FreshRedis fresh = new FreshRedis(server);

    private static final String ADMIN_KEY = "the-administrators-key";
    private static final InetAddress ORIGIN = InetAddress.getLoopbackAddress();
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final Handed handed = new Handed();
    private final List<ClusterChat<String>> nodes = new ArrayList<>();
    private final Map<ClusterChat<String>, RedisClusterLink> links = new HashMap<>();
    private RedisCommands<String, String> redis;
    private ClusterChat<String> a;
    private ClusterChat<String> b;

    @BeforeEach
    void start() {
        redis = fresh.redis();
        a = node("a");
        b = node("b");
    }

    @AfterEach
    void stop() {
        for (ClusterChat<String> node : nodes) {
            node.closeNode("test over", "");
        }
    }

    private ClusterChat<String> node(String id) {
        RedisClusterLink link =
                new RedisClusterLink(ClusterSettings.of(server.url(), id, 20, 100, 100), Clock.systemUTC());
        ClusterChat<String> node = new ClusterChat<>(
                CoreConfig.builder().floodControl(FloodControl.OFF).build(),
                handed,
                CoreListener.NONE,
                link,
                Clock.systemUTC(),
                ADMIN_KEY::equals,
                new ClusterChat.Texts("", "", "", "", sent -> "", sent -> ""),
                reason -> {});
        node.start();
        nodes.add(node);
        links.put(node, link);
        return node;
    }

    /** {@code name} connects to {@code node} into {@code study}, replayed nothing. */
    private static Member<String> in(ClusterChat<String> node, String name) {
        return node.connect(name, null, ORIGIN, name, "study", Chat.NO_REPLAY).member();
    }

    private static Member<String> admin(ClusterChat<String> node) {
        return node.connect(Names.ADMINISTRATOR, ADMIN_KEY, ORIGIN, "admin", null, Chat.NO_REPLAY)
                .member();
    }

    private static Refusal refused(Runnable call) {
        return catchThrowableOfType(Refusal.class, call::run);
    }

    /** The Seqs of {@code study}'s history as {@code node}'s link reads it: all of it, after 0 and before the end. */
    private List<Long> stored(ClusterChat<String> node) {
        RedisClusterLink link = links.get(node);
        List<Long> after =
                link.after("study", 0, 100).stream().map(StoredMessage::seq).toList();
        List<Long> before = link.before("study", Long.MAX_VALUE, 100).stream()
                .map(StoredMessage::seq)
                .toList();
        assertThat(before).as("read from either end").isEqualTo(after);
        return after;
    }

    private static List<String> texts(List<ChatEvent.Message> messages) {
        return messages.stream().map(ChatEvent.Message::text).toList();
    }

    /** The one deletion {@code link} was handed, once it was. */
    private ChatEvent.Deleted deletionHandedTo(String link) {
        await().atMost(WAIT)
                .until(() -> !handed.to(link, ChatEvent.Deleted.class).isEmpty());
        List<ChatEvent.Deleted> told = handed.to(link, ChatEvent.Deleted.class);
        assertThat(told).as(link).hasSize(1);
        return told.get(0);
    }

    @Test
    void aDeletionOnOneNodeIsHandedWithAllItsFieldsToTheRoomsMembersOnBothNodesButTheDeleterBetweenItsLines() {
        Member<String> owner = in(a, "owner");
        in(a, "onA");
        in(b, "onB");
        Member<String> troll = in(b, "troll");
        List<Long> spam = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            spam.add(b.post(troll, "study", "spam " + i, false).seq());
        }

        ChatEvent.Deleted deleted = a.delete(owner, "study", Deletion.from("troll"), "flood");
        a.post(owner, "study", "after", false);

        assertThat(deleted.seqs()).isEqualTo(spam);
        for (String link : List.of("onA", "onB", "troll")) {
            ChatEvent.Deleted told = deletionHandedTo(link);
            assertThat(told)
                    .as(link)
                    .usingRecursiveComparison()
                    .ignoringFields("at")
                    .isEqualTo(deleted);
            assertThat(told.room()).isEqualTo("study");
            assertThat(told.by()).isEqualTo("owner");
            assertThat(told.from()).isEqualTo("troll");
            assertThat(told.reason()).isEqualTo("flood");
            assertThat(told.at().toInstant())
                    .as(link)
                    .isEqualTo(deleted.at().toInstant().truncatedTo(ChronoUnit.MILLIS));
            await().atMost(WAIT)
                    .until(() -> texts(handed.to(link, ChatEvent.Message.class)).contains("after"));
            List<ChatEvent> order = handed.to(link, ChatEvent.class).stream()
                    .filter(e -> e instanceof ChatEvent.Deleted || e instanceof ChatEvent.Message)
                    .toList();
            List<String> lines = link.equals("troll")
                    ? List.of("deleted", "after") // not handed its own lines
                    : List.of("spam 1", "spam 2", "spam 3", "deleted", "after");
            assertThat(order)
                    .as("%s: in the room's order, between its lines", link)
                    .extracting(e -> e instanceof ChatEvent.Message m ? m.text() : "deleted")
                    .containsExactlyElementsOf(lines);
        }
        assertThat(handed.to("owner", ChatEvent.Deleted.class))
                .as("the deleter has its answer")
                .isEmpty();
    }

    @Test
    void deletedMessagesAreGoneFromEveryReadOnEveryNodeAndANodeStartedSinceAndTheNumbersGoOn() {
        Member<String> owner = in(a, "owner");
        Member<String> member = in(b, "member");
        Member<String> troll = in(b, "troll");
        long hello = a.post(owner, "study", "hello", false).seq();
        long spam1 = b.post(troll, "study", "spam 1", false).seq();
        long kept = b.post(member, "study", "stop it", false).seq();
        long spam2 = b.post(troll, "study", "spam 2", false).seq();
        long last = b.post(member, "study", "thanks", false).seq();

        a.delete(owner, "study", Deletion.message(spam1), "");
        a.delete(owner, "study", Deletion.from("troll"), "");

        assertThat(redis.hget(RedisKeys.room("study"), "seq"))
                .as("no number handed out again: each deletion took one, as a change of the limit does")
                .isEqualTo(String.valueOf(last + 2));

        for (ClusterChat<String> node : List.of(a, b)) {
            assertThat(stored(node)).containsExactly(hello, kept, last);
        }
        assertThat(texts(b.history(member, "study", HistoryQuery.latest(50))))
                .containsExactly("hello", "stop it", "thanks");
        assertThat(texts(b.history(member, "study", new HistoryQuery(HistoryQuery.Direction.BEFORE, last, 1))))
                .as("the page before a line passes over what was deleted")
                .containsExactly("stop it");
        assertThat(texts(b.history(member, "study", new HistoryQuery(HistoryQuery.Direction.AFTER, hello, 1))))
                .containsExactly("stop it");
        assertThat(redis.xlen(RedisKeys.history("study"))).isEqualTo(3);

        ClusterChat<String> c = node("c"); // as a node restarted: it reads the store anew
        Member<String> joiner =
                c.connect("joiner", null, ORIGIN, "joiner", "study", -1).member();
        assertThat(texts(handed.to("joiner", ChatEvent.Message.class)))
                .as("the joiner's replay")
                .containsExactly("hello", "stop it", "thanks");
        assertThat(stored(c)).containsExactly(hello, kept, last);
        assertThat(refused(() -> a.delete(owner, "study", Deletion.message(spam2), ""))
                        .reason())
                .isEqualTo(Refusal.Reason.NO_SUCH_MESSAGE);

        long next = c.post(joiner, "study", "new", false).seq();
        assertThat(stored(b)).containsExactly(hello, kept, last, next);
    }

    @Test
    void theStoreRefusesAMemberThatIsNotTheOwnerAndOneOutsideTheRoomAndLetsTheAdministratorFromOutside() {
        Member<String> owner = in(a, "owner");
        Member<String> member = in(b, "member");
        Member<String> outsider = b.connect("outsider", null, ORIGIN, "outsider", null, Chat.NO_REPLAY)
                .member();
        Member<String> admin = admin(b);
        long line = a.post(owner, "study", "a line", false).seq();
        ChatEvent.Deleted event = new ChatEvent.Deleted(
                "study", "someone", "owner", List.of(line), OffsetDateTime.now(Clock.systemUTC()), "");
        RedisClusterLink linkB = links.get(b);

        // The link itself, as when the owner changed between the node's check and the store's.
        Refusal notOwner = refused(() -> linkB.delete("study", member, event));
        Refusal notIn = refused(() -> linkB.delete("study", outsider, event));
        Refusal noRoom = refused(() -> linkB.delete("nowhere", admin, event));

        assertThat(notOwner.reason()).isEqualTo(Refusal.Reason.NOT_MODERATOR);
        assertThat(notIn.reason()).isEqualTo(Refusal.Reason.NOT_IN_ROOM);
        assertThat(noRoom.reason()).isEqualTo(Refusal.Reason.NO_SUCH_ROOM);
        assertThat(stored(a)).as("nothing deleted").containsExactly(line);
        assertThat(refused(() -> b.delete(member, "study", Deletion.message(line + 100), ""))
                        .reason())
                .as("the node refuses a member that does not own the room before it reads the history")
                .isEqualTo(Refusal.Reason.NOT_MODERATOR);

        ChatEvent.Deleted deleted = b.delete(admin, "study", Deletion.message(line), "");

        assertThat(deleted.by()).isEqualTo(Names.ADMINISTRATOR);
        assertThat(deletionHandedTo("owner").by()).isEqualTo(Names.ADMINISTRATOR);
        assertThat(deletionHandedTo("member").by()).isEqualTo(Names.ADMINISTRATOR);
        assertThat(stored(a)).isEmpty();
        assertThat(stored(b)).isEmpty();
    }

    /**
     * A node of a newer version may stream a kind of room event this one does not know (as this version streams
     * deletions, {@code t=D}, which an older one does not know): it is passed over, and the room's events go on.
     */
    @Test
    void anEventOfAKindThisNodeDoesNotKnowIsPassedOverAndTheRoomsEventsGoOn() {
        Member<String> owner = in(a, "owner");
        in(b, "member");
        long seq = redis.hincrby(RedisKeys.room("study"), "seq", 1);
        redis.xadd(
                RedisKeys.events("study"),
                new io.lettuce.core.XAddArgs().id(seq + "-0"),
                Map.of("t", "Z", "f", "owner", "at", "1000"));

        a.post(owner, "study", "still heard", false);

        await().atMost(WAIT)
                .until(() -> texts(handed.to("member", ChatEvent.Message.class)).contains("still heard"));
    }

    private static final class Handed implements Fanout<String> {
        private final Map<String, List<ChatEvent>> byLink = new HashMap<>();

        @Override
        public synchronized void deliver(ChatEvent event, List<Member<String>> members, Member<String> except) {
            for (Member<String> member : members) {
                if (member != except) {
                    byLink.computeIfAbsent(member.link(), l -> new ArrayList<>())
                            .add(event);
                }
            }
        }

        @Override
        public synchronized void deliverTo(ChatEvent event, Member<String> member) {
            byLink.computeIfAbsent(member.link(), l -> new ArrayList<>()).add(event);
        }

        @Override
        public synchronized void deliverAndClose(ChatEvent event, Member<String> member) {
            deliverTo(event, member);
        }

        synchronized <T extends ChatEvent> List<T> to(String link, Class<T> type) {
            return byLink.getOrDefault(link, List.of()).stream()
                    .filter(type::isInstance)
                    .map(type::cast)
                    .toList();
        }
    }
}
