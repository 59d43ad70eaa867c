package openchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import openchat.core.Names;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.protocol.Targets;
import openchat.server.testing.TestClient;
import openchat.server.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * End to end over OCP: when a room's owner leaves, its LEFT names the new owner ({@code Owner}), a quiet leave is
 * followed by an OWNER event, WHO, LIST and JOIN show the new owner, and its KICK works.
 */
class OwnershipTest {
    private final TestServer server = TestServer.start();

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    /** {@code 유저1} (the owner), {@code 유저2}, {@code 유저3} in {@code study}, in that order. */
    private TestClient[] roomOfThree() {
        TestClient owner = server.client();
        owner.connect("study", "유저1", null);
        TestClient heir = server.client();
        heir.connect("study", "유저2", null);
        TestClient third = server.client();
        third.connect("study", "유저3", null);
        heir.nextEvent(Methods.JOINED);
        return new TestClient[] {owner, heir, third};
    }

    /** The next {@code method} event about {@code study}, skipping any other. */
    private static OcpMessage next(TestClient client, String method) {
        return client.nextMatching(m -> m.method().equals(method) && m.target().equals(Targets.room("study")));
    }

    private static OcpMessage request(String method, String room) {
        return OcpMessage.request(method, Targets.room(room)).build();
    }

    @Test
    void theOwnersLeftCarriesTheNewOwner() {
        TestClient[] room = roomOfThree();

        assertThat(room[0].request(request(Methods.PART, "study")).statusCode()).isEqualTo(200);

        OcpMessage left = room[2].nextEvent(Methods.LEFT);
        assertThat(left.header(HeaderNames.NAME)).contains("유저1");
        assertThat(left.header(HeaderNames.REASON)).contains("parted");
        assertThat(left.header(HeaderNames.OWNER)).contains("유저2");
        assertThat(room[1].nextEvent(Methods.LEFT).header(HeaderNames.OWNER))
                .as("the new owner is told too")
                .contains("유저2");
        server.console().awaitLine("[OWNER] study: 유저2님이 방장이 되었습니다");
    }

    @Test
    void aLeftThatPassesNothingCarriesNoOwner() {
        TestClient[] room = roomOfThree();

        assertThat(room[2].request(request(Methods.PART, "study")).statusCode()).isEqualTo(200);

        assertThat(next(room[0], Methods.LEFT).header(HeaderNames.OWNER)).isEmpty();
    }

    @Test
    void theOwnersDroppedConnectionPassesOwnership() {
        TestClient[] room = roomOfThree();

        room[0].close();

        OcpMessage left = room[1].nextEvent(Methods.LEFT);
        assertThat(left.header(HeaderNames.REASON)).contains("disconnected");
        assertThat(left.header(HeaderNames.OWNER)).contains("유저2");
    }

    @Test
    void aQuietLeaveIsToldToNoOneButTheNewOwnerIsToEveryone() {
        TestClient[] room = roomOfThree();

        room[0].request(OcpMessage.request(Methods.LEAVE, Targets.SERVER)
                .header(HeaderNames.QUIET, "true")
                .build());

        OcpMessage owner = room[2].nextEvent(Methods.OWNER); // no LEFT before it: the leave was quiet
        assertThat(owner.target()).isEqualTo("/rooms/study");
        assertThat(owner.header(HeaderNames.NAME)).contains("유저2");
        assertThat(owner.header(HeaderNames.SEQ)).isPresent();
    }

    @Test
    void whoListAndJoinShowTheNewOwner() {
        TestClient[] room = roomOfThree();
        room[0].request(request(Methods.PART, "study"));
        room[2].nextEvent(Methods.LEFT);

        assertThat(room[2].request(request(Methods.WHO, "study")).bodyText())
                .isEqualTo("name\trole\taway\n유저2\towner\t\n유저3\tmember\t\n");
        assertThat(room[2].request(
                                OcpMessage.request(Methods.LIST, Targets.SERVER).build())
                        .bodyText())
                .contains("study\t2\t5\t유저2\t");
        OcpMessage back = room[0].joinRoom("study");
        assertThat(back.header(HeaderNames.ROOM_ROLE))
                .as("the old owner comes back a member")
                .contains("member");
        assertThat(back.header(HeaderNames.OWNER)).contains("유저2");
    }

    @Test
    void theNewOwnerMayKick() {
        TestClient[] room = roomOfThree();
        room[0].request(request(Methods.PART, "study"));
        room[1].nextEvent(Methods.LEFT);

        OcpMessage answer = room[1].request(OcpMessage.request(Methods.KICK, Targets.room("study"))
                .header(HeaderNames.NAME, "유저3")
                .body("도배")
                .build());

        assertThat(answer.statusCode()).isEqualTo(200);
        OcpMessage kicked = room[2].nextMatching(m -> m.method().equals(Methods.LEFT)
                && m.header(HeaderNames.REASON).orElse("").equals("kicked"));
        assertThat(kicked.header(HeaderNames.BY)).contains("유저2");
        assertThat(kicked.header(HeaderNames.OWNER))
                .as("the kicked member owned nothing")
                .isEmpty();
    }

    @Test
    void theAdministratorNeverBecomesOwnerAndTheNextJoinerDoes() {
        TestClient owner = server.client();
        owner.connect("study", "유저1", null);
        TestClient admin = server.joined(Names.ADMINISTRATOR);
        admin.joinRoom("study");
        owner.nextEvent(Methods.JOINED);

        owner.request(request(Methods.PART, "study"));
        assertThat(next(admin, Methods.LEFT).header(HeaderNames.OWNER)).isEmpty();
        TestClient joiner = server.joined("유저2");
        OcpMessage joined = joiner.joinRoom("study");

        assertThat(joined.header(HeaderNames.ROOM_ROLE)).contains("owner");
        assertThat(next(admin, Methods.JOINED).header(HeaderNames.NAME)).contains("유저2");
        assertThat(admin.nextEvent(Methods.OWNER).header(HeaderNames.NAME)).contains("유저2");
    }
}
