package openchat.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netty.channel.Channel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import openchat.cluster.RedisServer;
import openchat.core.Chat;
import openchat.core.FloodControl;
import openchat.core.Names;
import openchat.core.Refusal;
import openchat.core.RoomKey;
import openchat.core.RoomRole;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.protocol.Targets;
import openchat.server.testing.TestClient;
import openchat.server.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two nodes on one real {@code redis-server}: when a room's owner leaves, Redis picks the heir in the script that takes
 * the seat, and every node's members are told the same new owner, which may kick on any node.
 */
class ClusterOwnershipTest {
    @RegisterExtension
    static final RedisServer redis = new RedisServer();

    private final List<TestServer> nodes = new ArrayList<>();

    @BeforeEach
    void emptyStore() throws Exception {
        redis.flushAll();
    }

    @AfterEach
    void stopNodes() throws Exception {
        for (TestServer node : nodes) {
            node.close();
        }
    }

    private TestServer node(String id) {
        TestServer node = TestServer.start(c -> c.cluster(redis.url())
                .nodeId(id)
                .maxUsers(20)
                .maxConnectionsPerAddress(200)
                .floodControl(FloodControl.OFF));
        nodes.add(node);
        return node;
    }

    /** The next {@code method} event about {@code study}, skipping any other. */
    private static OcpMessage next(TestClient client, String method) {
        return client.nextMatching(m -> m.method().equals(method) && m.target().equals(Targets.room("study")));
    }

    private static OcpMessage request(String method) {
        return OcpMessage.request(method, Targets.room("study")).build();
    }

    @Test
    void bothNodesAgreeOnTheNewOwnerWhoMayKickAcrossNodesAndItsNodesConsoleSaysIt() {
        TestServer a = node("a");
        TestServer b = node("b");
        TestClient owner = a.client();
        owner.connect("study", "owner", null);
        TestClient heir = b.client();
        heir.connect("study", "heir", null);
        TestClient onA = a.client();
        onA.connect("study", "onA", null);
        TestClient onB = b.client();
        onB.connect("study", "onB", null);
        next(heir, Methods.JOINED);
        next(heir, Methods.JOINED);

        assertThat(owner.request(request(Methods.PART)).statusCode()).isEqualTo(200);

        OcpMessage toldOnA = next(onA, Methods.LEFT);
        OcpMessage toldOnB = next(onB, Methods.LEFT);
        assertThat(toldOnA.header(HeaderNames.OWNER)).contains("heir");
        assertThat(toldOnB.header(HeaderNames.OWNER)).contains("heir");
        assertThat(toldOnA.header(HeaderNames.SEQ)).isEqualTo(toldOnB.header(HeaderNames.SEQ));
        assertThat(next(heir, Methods.LEFT).header(HeaderNames.OWNER)).contains("heir");
        assertThat(onA.request(request(Methods.WHO)).bodyText())
                .isEqualTo("name\trole\taway\nheir\towner\t\nonA\tmember\t\nonB\tmember\t\n");

        OcpMessage kick = heir.request(OcpMessage.request(Methods.KICK, Targets.room("study"))
                .header(HeaderNames.NAME, "onA")
                .build());
        assertThat(kick.statusCode())
                .as("the heir, on node b, kicks a member of node a")
                .isEqualTo(200);
        OcpMessage kicked = onA.nextMatching(m -> m.method().equals(Methods.LEFT)
                && m.header(HeaderNames.REASON).orElse("").equals("kicked"));
        assertThat(kicked.header(HeaderNames.BY)).contains("heir");

        b.console().awaitLine("[OWNER] study: heir님이 방장이 되었습니다");
        a.console().awaitLine("[KICK] onA ← study (heir)");
        assertThat(a.console().lines())
                .as("said once in the cluster, on the new owner's node; node a read the kick after the handover")
                .noneMatch(line -> line.contains("[OWNER]"));
    }

    @Test
    void aQuietLeaveOnOneNodeTellsEveryNodeTheNewOwnerOnly() {
        TestServer a = node("a");
        TestServer b = node("b");
        TestClient owner = a.client();
        owner.connect("study", "owner", null);
        TestClient heir = a.client();
        heir.connect("study", "heir", null);
        TestClient onB = b.client();
        onB.connect("study", "onB", null);
        next(heir, Methods.JOINED);

        owner.request(OcpMessage.request(Methods.LEAVE, Targets.SERVER)
                .header(HeaderNames.QUIET, "true")
                .build());

        assertThat(onB.nextEvent(Methods.OWNER).header(HeaderNames.NAME)).contains("heir");
        assertThat(next(heir, Methods.OWNER).header(HeaderNames.NAME)).contains("heir");
    }

    @Test
    void theAdministratorNeverOwnsAndTheNextJoinerOnAnotherNodeDoes() {
        TestServer a = node("a");
        TestServer b = node("b");
        TestClient owner = a.client();
        owner.connect("study", "owner", null);
        TestClient admin = a.joined(Names.ADMINISTRATOR);
        assertThat(admin.joinRoom("study").statusCode()).isEqualTo(200);

        owner.request(request(Methods.PART));
        assertThat(next(admin, Methods.LEFT).header(HeaderNames.OWNER)).isEmpty();
        TestClient joiner = b.joined("joiner");
        OcpMessage joined = joiner.joinRoom("study");

        assertThat(joined.header(HeaderNames.ROOM_ROLE)).contains("owner");
        assertThat(joined.header(HeaderNames.OWNER)).contains("joiner");
        assertThat(next(admin, Methods.JOINED).header(HeaderNames.NAME)).contains("joiner");
        assertThat(admin.nextEvent(Methods.OWNER).header(HeaderNames.NAME)).contains("joiner");
    }

    /**
     * A registered room's key, shown on one node (the core's claim: the adapters' fields for it are their own), takes
     * the room back from the heir on the other, and every node's members are told by OWNER; the heir may not register
     * the room again.
     */
    @Test
    void theKeyHolderTakesTheRoomBackFromTheHeirOnAnotherNodeAndEveryNodeIsToldTheNewOwner() {
        TestServer a = node("a");
        TestServer b = node("b");
        TestClient owner = a.client();
        owner.connect("study", "owner", null);
        TestClient heir = b.client();
        heir.connect("study", "heir", null);
        TestClient onA = a.client();
        onA.connect("study", "onA", null);
        next(heir, Methods.JOINED);
        Chat<Channel> coreA = a.server().core();
        String key =
                coreA.registerRoom(coreA.member("owner").orElseThrow(), "study").key();
        assertThat(owner.request(request(Methods.PART)).statusCode()).isEqualTo(200);
        assertThat(next(heir, Methods.LEFT).header(HeaderNames.OWNER)).contains("heir");
        assertThat(owner.joinRoom("study").header(HeaderNames.ROOM_ROLE)).contains("member");

        RoomRole role = coreA.claimRoom(coreA.member("owner").orElseThrow(), "study", key);

        assertThat(role).isEqualTo(RoomRole.OWNER);
        for (TestClient told : List.of(heir, onA, owner)) {
            assertThat(next(told, Methods.OWNER).header(HeaderNames.NAME)).contains("owner");
        }
        assertThat(heir.request(request(Methods.WHO)).bodyText())
                .isEqualTo("name\trole\taway\nheir\tmember\t\nonA\tmember\t\nowner\towner\t\n");
        a.console().awaitLine("[OWNER] study: owner님이 방 열쇠로 방장이 되었습니다 (이전 방장: heir)");
        Chat<Channel> coreB = b.server().core();
        assertThatThrownBy(() -> coreB.registerRoom(coreB.member("heir").orElseThrow(), "study"))
                .isInstanceOfSatisfying(
                        Refusal.class, refused -> assertThat(refused.reason()).isEqualTo(Refusal.Reason.NOT_MODERATOR));
    }

    private static OcpMessage inRoom(String method, String room) {
        return OcpMessage.request(method, Targets.room(room)).build();
    }

    /** The {@code [REGISTER]} and {@code [ROOMKEY]} lines {@code node}'s console printed, in order. */
    private static List<String> registerLines(TestServer node) {
        return node.console().lines().stream()
                .filter(line -> line.startsWith("[REGISTER]") || line.startsWith("[ROOMKEY]"))
                .toList();
    }

    /**
     * Each node's console says the registrations made on it ({@code [REGISTER]}) and the wrong keys shown on it
     * ({@code [ROOMKEY]}), once in
     * the cluster, as it says a room's limit and bans set there. (What the members of every node are told is shown by
     * {@code ClusterRegistrationTest}, in {@code openchat-cluster}.)
     */
    @Test
    void eachNodesConsoleSaysTheRegistrationsMadeOnItAndTheWrongKeysShownOnIt() {
        TestServer a = node("a");
        TestServer b = node("b");
        TestClient owner = a.client();
        owner.connect("Study", "owner", null);

        assertThat(owner.request(inRoom(Methods.REGISTER, "Study")).statusCode())
                .isEqualTo(200);
        TestClient joiner = b.client();
        joiner.send(OcpMessage.request(Methods.CONNECT, Targets.room("study"))
                .header(HeaderNames.NAME, "joiner")
                .header(HeaderNames.ROOM_KEY, RoomKey.generate())
                .build());
        OcpMessage wrong = joiner.nextAnswer();
        assertThat(owner.request(inRoom(Methods.PART, "Study")).statusCode()).isEqualTo(200);
        TestClient admin = b.joined(Names.ADMINISTRATOR);
        OcpMessage dropped = admin.request(inRoom(Methods.UNREGISTER, "Study"));

        assertThat(wrong.header(HeaderNames.ERROR_CODE)).contains("wrong-room-key");
        assertThat(dropped.statusCode())
                .as("an emptied room's, from another node")
                .isEqualTo(200);
        String registered = "[REGISTER] Study: owner님이 방을 등록했습니다";
        String wrongKey = "[ROOMKEY] Study: joiner님이 맞지 않는 방 열쇠로 방장이 되려 했습니다";
        String unregistered = "[REGISTER] Study: " + Names.ADMINISTRATOR + "님이 방 등록을 지웠습니다";
        // Each said by the node that answered, and only there (the console writes on a thread of its own: awaited).
        // (A refused CONNECT's key line waits for a [CONNECT] of the joiner that does not come: it may follow the
        // drop.)
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(registerLines(b))
                .as("the wrong key named as the room writes it; the drop of a room no one is in said here alone")
                .containsExactlyInAnyOrder(wrongKey, unregistered));
        assertThat(registerLines(a)).containsExactly(registered);
    }

    @Test
    void aMemberOnAnotherNodeIsToldOverOcpWhenTheOwnerRegistersAndTheAdministratorDropsTheRoom() {
        TestServer a = node("a");
        TestServer b = node("b");
        TestClient owner = a.client();
        owner.connect("study", "owner", null);
        TestClient member = b.client();
        assertThat(member.connect("study", "member", null).header(HeaderNames.REGISTERED))
                .isEmpty();
        owner.nextEvent(Methods.JOINED);

        assertThat(owner.request(inRoom(Methods.REGISTER, "study")).statusCode())
                .isEqualTo(200);
        OcpMessage registered = member.nextEvent(Methods.REGISTER);
        TestClient admin = b.joined(Names.ADMINISTRATOR);
        assertThat(admin.request(inRoom(Methods.UNREGISTER, "study")).statusCode())
                .isEqualTo(200);

        assertThat(registered.header(HeaderNames.BY)).contains("owner");
        assertThat(registered.header(HeaderNames.REPLACED)).isEmpty();
        for (TestClient present : new TestClient[] {owner, member}) {
            OcpMessage dropped = present.nextEvent(Methods.UNREGISTER);
            assertThat(dropped.header(HeaderNames.BY)).contains(Names.ADMINISTRATOR);
        }
    }
}
