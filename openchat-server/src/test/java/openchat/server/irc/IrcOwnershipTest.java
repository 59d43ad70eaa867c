package openchat.server.irc;

import static org.assertj.core.api.Assertions.assertThat;

import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.protocol.Targets;
import openchat.server.testing.TestClient;
import org.junit.jupiter.api.Test;

/**
 * A channel's owner leaves: its members see the PART, QUIT or KICK, then the server's {@code MODE +o} for the new
 * owner, whose {@code @} NAMES and WHO show, and who may KICK and set the TOPIC, over IRC and OCP alike.
 */
class IrcOwnershipTest extends IrcTestBase {

    @Test
    void anOwnersPartIsFollowedByTheNewOwnersModeAndNamesShowsIt() {
        IrcTestClient owner = irc("철수");
        owner.join("#study");
        IrcTestClient heir = irc("영희");
        heir.join("#study");
        IrcTestClient third = irc("민수");
        third.join("#study");
        heir.expect("^:민수!민수@openchat JOIN #study$");

        owner.send("PART #study :bye");

        assertThat(third.expect(" PART ")).isEqualTo(":철수!철수@openchat PART #study :bye");
        assertThat(third.nextLine()).isEqualTo(":openchat MODE #study +o 영희");
        heir.expect(" PART ");
        assertThat(heir.nextLine()).isEqualTo(":openchat MODE #study +o 영희");
        third.send("NAMES #study");
        assertThat(third.expectNumeric("353")).endsWith(":@영희 민수");
        third.send("WHO #study");
        assertThat(third.expectNumeric("352")).contains(" 영희 H@ ");
    }

    @Test
    void anOwnersQuitIsFollowedByTheNewOwnersMode() {
        IrcTestClient owner = irc("철수");
        owner.join("#study");
        IrcTestClient heir = irc("영희");
        heir.join("#study");
        owner.expect(" JOIN #study$");

        owner.send("QUIT :잘 있어");

        assertThat(heir.expect(" QUIT ")).isEqualTo(":철수!철수@openchat QUIT :Quit: 잘 있어");
        assertThat(heir.nextLine()).isEqualTo(":openchat MODE #study +o 영희");
    }

    @Test
    void theNewOwnerMayKickOverIrc() {
        IrcTestClient owner = irc("철수");
        owner.join("#study");
        IrcTestClient heir = irc("영희");
        heir.join("#study");
        TestClient troll = ocp("트롤");
        assertThat(troll.joinRoom("study").statusCode()).isEqualTo(200);
        heir.expect(" JOIN #study$");
        heir.send("KICK #study 트롤 :아직 안 돼");
        assertThat(heir.nextLine()).startsWith(":openchat 482 영희 #study :");

        owner.send("PART #study");
        heir.expect("^:openchat MODE #study \\+o 영희$");
        heir.send("KICK #study 트롤 :도배");

        assertThat(heir.nextLine()).isEqualTo(":영희!영희@openchat KICK #study 트롤 :도배");
        OcpMessage kicked = troll.nextMatching(m -> m.method().equals(Methods.LEFT)
                && m.header(HeaderNames.REASON).orElse("").equals("kicked"));
        assertThat(kicked.header(HeaderNames.REASON)).contains("kicked");
        assertThat(kicked.header(HeaderNames.BY)).contains("영희");
        heir.send("TOPIC #study :이제 내 방");
        assertThat(heir.nextLine()).isEqualTo(":영희!영희@openchat TOPIC #study :이제 내 방");
    }

    @Test
    void anOcpOwnersLeaveMakesTheIrcMemberTheOwnerAndItsKickWorks() {
        TestClient owner = ocpIn("study", "유저1");
        IrcTestClient heir = irc("영희");
        heir.join("#study");
        TestClient other = ocpIn("study", "유저3");
        heir.expect(" JOIN #study$");

        assertThat(owner.request(OcpMessage.request(Methods.PART, Targets.room("study"))
                                .build())
                        .statusCode())
                .isEqualTo(200);

        assertThat(other.nextEvent(Methods.LEFT).header(HeaderNames.OWNER)).contains("영희");
        heir.expect("^:openchat MODE #study \\+o 영희$");
        heir.send("KICK #study 유저3");
        assertThat(heir.nextLine()).isEqualTo(":영희!영희@openchat KICK #study 유저3 :영희");
    }
}
