package openchat.server.irc;

import static org.assertj.core.api.Assertions.assertThat;

import openchat.core.FloodControl;
import openchat.core.Names;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.server.testing.TestClient;
import org.junit.jupiter.api.Test;

/**
 * Renaming, one operation in the chat core whichever protocol asks for it: IRC's NICK after registration and
 * OCP's RENAME. Each member sharing a room is told once (NICK or RENAMED), the old name is free, the rooms and the
 * roles stay.
 */
class RenameTest extends IrcTestBase {

    private static OcpMessage rename(String name) {
        return OcpMessage.request(Methods.RENAME, "/")
                .header(HeaderNames.NAME, name)
                .header(HeaderNames.REQUEST_ID, "r1")
                .build();
    }

    private static OcpMessage ping() {
        return OcpMessage.request(Methods.PING, "/").build();
    }

    @Test
    void anIrcNickChangeIsEchoedAndToldOnceToEachMemberSharingAChannelOverIrcAndOcp() {
        IrcTestClient renaming = irc("철수");
        renaming.join("#study");
        TestClient both = ocpIn("study", "유저2");
        assertThat(both.joinRoom("lobby").statusCode()).isEqualTo(200);
        renaming.join("#lobby");
        IrcTestClient ircPeer = irc("영희");
        ircPeer.join("#study");
        ircPeer.join("#lobby");
        TestClient elsewhere = ocpIn("garden", "유저3");

        renaming.send("NICK 민수");

        assertThat(renaming.expect(" NICK ")).isEqualTo(":철수!철수@openchat NICK 민수");
        assertThat(ircPeer.expect(" NICK ")).isEqualTo(":철수!철수@openchat NICK 민수");
        OcpMessage told = both.nextMatching(m -> Methods.RENAMED.equals(m.method()));
        assertThat(told.target()).isEqualTo("/");
        assertThat(told.header(HeaderNames.NAME)).contains("철수");
        assertThat(told.header(HeaderNames.NEW_NAME)).contains("민수");
        assertThat(told.header(HeaderNames.DATE)).isPresent();

        // Once however many channels are shared: a second NICK or RENAMED would be in what comes before the sync.
        assertThat(ircPeer.sync()).noneMatch(line -> line.contains(" NICK "));
        assertThat(both.request(ping()).statusCode()).isEqualTo(200);
        assertThat(both.drain()).noneMatch(m -> Methods.RENAMED.equals(m.method()));
        assertThat(elsewhere.request(ping()).statusCode()).isEqualTo(200);
        assertThat(elsewhere.drain()).noneMatch(m -> Methods.RENAMED.equals(m.method()));

        renaming.send("PRIVMSG #study :새 이름으로 인사");
        assertThat(both.nextMatching(m -> Methods.MESSAGE.equals(m.method())).header(HeaderNames.FROM))
                .contains("민수");
        renaming.send("NAMES #study");
        assertThat(renaming.expectNumeric("353")).contains("민수").doesNotContain("철수");
        assertThat(server().server().core().member("철수")).isEmpty();
        assertThat(server().console().awaitLineContaining("[RENAME]")).endsWith("[RENAME] 철수 → 민수");
    }

    @Test
    void anOcpRenameIsAnsweredAndToldToIrcMembersAsNickAndTheOldNameIsFree() {
        TestClient renaming = ocp("유저1");
        IrcTestClient ircPeer = irc("영희");
        ircPeer.join("#lobby");

        OcpMessage answer = renaming.request(rename("유저9"));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.header(HeaderNames.NAME)).contains("유저9");
        assertThat(answer.bodyText()).isEqualTo("이름을 바꿨습니다: 유저9");
        assertThat(ircPeer.expect(" NICK ")).isEqualTo(":유저1!유저1@openchat NICK 유저9");
        ocp("유저1"); // the old name is free again
        ircPeer.send("PRIVMSG 유저9 :들려요?");
        assertThat(renaming.nextMatching(m -> Methods.PRIVATE.equals(m.method()))
                        .header(HeaderNames.TO))
                .contains("유저9");
    }

    @Test
    void aCaseChangeIsARenameAndTheSameNickChangesNothing() {
        IrcTestClient renaming = irc("kim");
        renaming.join("#lobby");
        IrcTestClient peer = irc("lee");
        peer.join("#lobby");

        renaming.send("NICK kim");
        renaming.send("NICK Kim");

        assertThat(peer.expect(" NICK ")).isEqualTo(":kim!kim@openchat NICK Kim");
        assertThat(renaming.expect(" NICK ")).isEqualTo(":kim!kim@openchat NICK Kim");
        assertThat(peer.sync()).noneMatch(line -> line.contains(" NICK "));
    }

    @Test
    void aNickInUseErroneousOrTheAdministratorsIsRefusedWithItsNumericAndNothingChanges() {
        ocp("유저2");
        IrcTestClient renaming = irc("철수");
        renaming.join("#lobby");
        ocp("Kim Min"); // IRC shows it as Kim_Min

        renaming.send("NICK 유저2");
        assertThat(renaming.expectNumeric("433")).startsWith(":openchat 433 철수 유저2 :");
        renaming.send("NICK Kim_Min");
        assertThat(renaming.expectNumeric("433")).startsWith(":openchat 433 철수 Kim_Min :");
        renaming.send("NICK a,b");
        assertThat(renaming.expectNumeric("432")).startsWith(":openchat 432 철수 a,b :");
        renaming.send("NICK " + "가".repeat(33));
        assertThat(renaming.expectNumeric("432")).contains(" :쓸 수 없는 닉네임입니다: ");
        renaming.send("NICK " + Names.ADMINISTRATOR);
        assertThat(renaming.expectNumeric("433")).contains("관리자 키가 필요합니다");

        assertThat(renaming.sync()).noneMatch(line -> line.contains(" NICK "));
        assertThat(server().server().core().member("철수")).isPresent();
    }

    @Test
    void anOcpRenameToATakenOrReservedNameIsRefusedAndTheAdministratorKeepsItsName() {
        TestClient renaming = ocp("유저1");
        ocp("유저2");
        TestClient admin = ocp(Names.ADMINISTRATOR);

        OcpMessage taken = renaming.request(rename("유저2"));
        assertThat(taken.statusCode()).isEqualTo(409);
        assertThat(taken.bodyText()).isEqualTo("이미 사용 중인 이름입니다");
        assertThat(renaming.request(rename(" ")).statusCode()).isEqualTo(400);
        OcpMessage reserved = renaming.request(rename("채팅 관리자"));
        assertThat(reserved.statusCode()).isEqualTo(403);
        assertThat(reserved.header(HeaderNames.ERROR_CODE)).contains("admin-key-required");
        assertThat(reserved.bodyText())
                .as("no key was tried: the answer says how the name is taken, not that authentication failed")
                .isEqualTo("채팅관리자 이름은 관리자 키가 필요합니다: 관리자 키를 가지고 그 이름으로 새로 접속하십시오");
        OcpMessage server = renaming.request(rename("OpenChat"));
        assertThat(server.statusCode()).isEqualTo(400);
        assertThat(server.bodyText()).isEqualTo("사용할 수 없는 이름입니다: 서버의 이름입니다");
        OcpMessage fixed = admin.request(rename("boss"));
        assertThat(fixed.statusCode()).isEqualTo(403);
        assertThat(fixed.bodyText()).isEqualTo("관리자의 이름은 바꿀 수 없습니다");
        assertThat(admin.request(rename(Names.ADMINISTRATOR)).statusCode())
                .as("its own name again changes nothing, as for anyone")
                .isEqualTo(200);

        assertThat(server().server().core().member("유저1")).isPresent();
        assertThat(server().server().core().member(Names.ADMINISTRATOR)).isPresent();
    }

    @Test
    void anOcpRenameToANameThatWouldPassForTheAdministratorOrForOneselfGets400SayingWhy() {
        TestClient renaming = ocp("유저1");

        OcpMessage prefixed = renaming.request(rename("채팅관리자님"));
        assertThat(prefixed.statusCode()).isEqualTo(400);
        assertThat(prefixed.header(HeaderNames.ERROR_CODE)).contains("invalid-name");
        assertThat(prefixed.bodyText()).isEqualTo("사용할 수 없는 이름입니다: 관리자의 이름이 들어간 이름은 쓸 수 없습니다");
        OcpMessage announcing = renaming.request(rename("채팅관리자 : 공지"));
        assertThat(announcing.statusCode()).isEqualTo(400);
        assertThat(announcing.bodyText()).startsWith("사용할 수 없는 이름입니다: 쌍점(:)");
        OcpMessage self = renaming.request(rename("me"));
        assertThat(self.statusCode()).isEqualTo(400);
        assertThat(self.bodyText()).isEqualTo("사용할 수 없는 이름입니다: '나'와 'me'는 자기 자신을 가리키는 말이라 이름으로 쓸 수 없습니다");

        assertThat(server().server().core().member("유저1")).isPresent();
        assertThat(renaming.request(rename("Kim Min")).statusCode()).isEqualTo(200);
    }

    @Test
    void renamingTooFastGets438() {
        server(config -> config.floodControl(new FloodControl(true, 2, 0.01)));
        IrcTestClient renaming = irc("a1");

        renaming.send("NICK a2");
        renaming.send("NICK a3");
        renaming.send("NICK a4");

        assertThat(renaming.expectNumeric("438")).startsWith(":openchat 438 a3 a4 :");
    }

    @Test
    void aNickToTheNickOneHasIsNotAnsweredAndSpendsNoneOfTheAllowanceWhileACaseChangeDoes() {
        server(config -> config.floodControl(new FloodControl(true, 1, 0.01)));
        IrcTestClient renaming = irc("kim");

        renaming.send("NICK kim");
        renaming.send("NICK kim");
        assertThat(renaming.sync())
                .as("as ergo and InspIRCd: nothing for the same nick")
                .isEmpty();
        renaming.send("NICK Kim");
        assertThat(renaming.nextLine()).as("a change of case is a rename").isEqualTo(":kim!kim@openchat NICK Kim");
        renaming.send("NICK lee");
        assertThat(renaming.expectNumeric("438")).startsWith(":openchat 438 Kim lee :");
    }

    @Test
    void anOcpRenameToTheNameOneHasIsAnsweredAndSpendsNothing() {
        server(config -> config.floodControl(new FloodControl(true, 1, 0.01)));
        TestClient renaming = ocp("유저1");
        TestClient peer = ocp("유저5");

        for (int i = 0; i < 3; i++) {
            OcpMessage same = renaming.request(rename("유저1"));
            assertThat(same.statusCode()).isEqualTo(200);
            assertThat(same.header(HeaderNames.NAME)).contains("유저1");
        }
        assertThat(renaming.request(rename("유저2")).statusCode()).isEqualTo(200);

        // A peer's events come in order: had a rename to the same name been told, its RENAMED would come first. (A
        // PING's answer is no barrier here: the peer's loop may answer it before it writes the RENAMED posted to it.)
        assertThat(peer.nextMatching(m -> Methods.RENAMED.equals(m.method())).header(HeaderNames.NEW_NAME))
                .as("told once, of the one real rename")
                .contains("유저2");
    }

    @Test
    void anOcpRenameTooFastIsToldAsARenamesLimitWithRetryAfter() {
        server(config -> config.floodControl(new FloodControl(true, 1, 0.01)));
        TestClient renaming = ocp("유저1");

        assertThat(renaming.request(rename("유저2")).statusCode()).isEqualTo(200);
        OcpMessage tooFast = renaming.request(rename("유저3"));

        assertThat(tooFast.statusCode()).isEqualTo(429);
        assertThat(tooFast.header(HeaderNames.RETRY_AFTER)).isPresent();
        assertThat(tooFast.bodyText()).startsWith("이름을 너무 자주 바꿉니다.");
        assertThat(renaming.isOpen()).isTrue();
    }
}
