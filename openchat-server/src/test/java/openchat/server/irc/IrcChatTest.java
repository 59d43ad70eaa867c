package openchat.server.irc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import openchat.core.FloodControl;
import openchat.core.Names;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.server.testing.TestClient;
import org.junit.jupiter.api.Test;

/** An OCP member and an IRC member in one room: chat, joins, parts, quits, kicks, topics and private messages. */
class IrcChatTest extends IrcTestBase {

    private static OcpMessage kick(String room, String name, String reason) {
        return OcpMessage.request(Methods.KICK, "/rooms/" + room)
                .header(HeaderNames.NAME, name)
                .body(reason)
                .build();
    }

    private static OcpMessage topic(String room, String text) {
        return OcpMessage.request(Methods.TOPIC, "/rooms/" + room).body(text).build();
    }

    @Test
    void ircClientsChatWithOcpClientsInOneRoomBothWays() {
        TestClient ocp = ocpIn("study", "유저1");
        IrcTestClient irc = irc("철수");
        List<String> joined = irc.join("#study");
        assertThat(joined.get(0)).isEqualTo(":철수!철수@openchat JOIN #study");
        assertThat(ocp.nextEvent(Methods.JOINED).header(HeaderNames.NAME)).contains("철수");

        ocp.sayIn("study", "안녕 하세요");
        assertThat(irc.nextLine()).isEqualTo(":유저1!유저1@openchat PRIVMSG #study :안녕 하세요");
        irc.send("PRIVMSG #study :반가워요 여러분");
        OcpMessage message = ocp.nextEvent(Methods.MESSAGE);

        assertThat(message.target()).isEqualTo("/rooms/study");
        assertThat(message.header(HeaderNames.FROM)).contains("철수");
        assertThat(message.bodyText()).isEqualTo("반가워요 여러분");
        assertThat(irc.sync()).as("no echo without echo-message").isEmpty();
        server().console().awaitLineContaining("철수 : 반가워요 여러분");
    }

    @Test
    void twoIrcClientsChatAndANoticeReachesTheRoom() {
        IrcTestClient first = irc("철수");
        IrcTestClient second = irc("영희");
        first.join("#study");
        second.join("#study");
        first.expect("^:영희!영희@openchat JOIN #study$");

        second.send("PRIVMSG #study :hello");
        assertThat(first.nextLine()).isEqualTo(":영희!영희@openchat PRIVMSG #study :hello");
        second.send("NOTICE #study :a notice");
        assertThat(first.nextLine()).contains(" #study :a notice");
    }

    @Test
    void aChannelNoticeArrivesAsANoticeOnIrcAndAsAMessageOnOcp() {
        TestClient ocp = ocpIn("study", "유저1");
        IrcTestClient first = irc("철수");
        IrcTestClient second = irc("영희");
        first.join("#study");
        second.join("#study");
        first.expect("^:영희!영희@openchat JOIN #study$");

        second.send("NOTICE #study :a notice");

        assertThat(first.nextLine()).isEqualTo(":영희!영희@openchat NOTICE #study :a notice");
        assertThat(ocp.nextMatching(m -> m.method().equals(Methods.MESSAGE)).bodyText())
                .isEqualTo("a notice");
    }

    @Test
    void aPrivateNoticeArrivesAsANoticeSoNoClientAnswersItAutomatically() {
        IrcTestClient first = irc("철수");
        IrcTestClient second = irc("영희");

        // A CTCP reply delivered as PRIVMSG would read as a CTCP request: two clients would answer each other.
        second.send("NOTICE 철수 :\u0001VERSION irssi\u0001");
        assertThat(first.nextLine()).isEqualTo(":영희!영희@openchat NOTICE 철수 :\u0001VERSION irssi\u0001");
    }

    @Test
    void joinsAndPartsWithReasonsAreSeenOnBothSides() {
        TestClient ocp = ocpIn("study", "유저1");
        IrcTestClient irc = irc("철수");
        irc.join("#study");
        ocp.nextEvent(Methods.JOINED);
        TestClient other = ocp("유저2");

        assertThat(other.joinRoom("study").statusCode()).isEqualTo(200);
        assertThat(irc.nextLine()).isEqualTo(":유저2!유저2@openchat JOIN #study");
        assertThat(other.request(
                                OcpMessage.request(Methods.PART, "/rooms/study").build())
                        .statusCode())
                .isEqualTo(200);
        assertThat(irc.nextLine()).isEqualTo(":유저2!유저2@openchat PART #study");

        irc.send("PART #study :잘 있어요 모두");
        assertThat(irc.nextLine()).isEqualTo(":철수!철수@openchat PART #study :잘 있어요 모두");
        OcpMessage left = ocp.nextMatching(m -> m.method().equals(Methods.LEFT)
                && m.header(HeaderNames.NAME).orElse("").equals("철수"));
        assertThat(left.header(HeaderNames.REASON)).contains("parted");
        assertThat(left.bodyText()).isEqualTo("잘 있어요 모두");
        assertThat(server().server().core().who("study").stream().map(v -> v.name()))
                .containsExactly("유저1");
        assertThat(irc.sync())
                .as("still connected, no more lines from the room")
                .isEmpty();
    }

    @Test
    void quitClosesWithErrorAndOthersSeeItOnBothSides() {
        TestClient ocp = ocpIn("study", "유저1");
        IrcTestClient watcher = irc("영희");
        watcher.join("#study");
        IrcTestClient quitter = irc("철수");
        quitter.join("#study");
        watcher.expect("^:철수!철수@openchat JOIN #study$");
        ocp.nextEvent(Methods.JOINED);
        ocp.nextEvent(Methods.JOINED);

        quitter.send("QUIT :내일 봐요");

        assertThat(quitter.nextLine()).isEqualTo("ERROR :연결을 닫습니다: Quit: 내일 봐요");
        quitter.awaitClosed();
        assertThat(watcher.nextLine()).isEqualTo(":철수!철수@openchat QUIT :Quit: 내일 봐요");
        OcpMessage left = ocp.nextEvent(Methods.LEFT);
        assertThat(left.header(HeaderNames.NAME)).contains("철수");
        assertThat(left.header(HeaderNames.REASON)).contains("left");
        assertThat(left.bodyText()).isEqualTo("내일 봐요");
        assertThat(server().server().core().member("철수")).isEmpty();
    }

    @Test
    void aMemberLeavingEveryChannelItSharesIsOneQuitAndOcpMembersGetALeftPerRoom() {
        IrcTestClient watcher = irc("영희");
        IrcTestClient quitter = irc("철수");
        TestClient ocp = ocp("유저1");
        for (String room : new String[] {"q1", "q2", "q3"}) {
            watcher.join("#" + room);
            quitter.join("#" + room);
            watcher.expect("^:철수!철수@openchat JOIN #" + room + "$");
            assertThat(ocp.joinRoom(room).statusCode()).isEqualTo(200);
        }

        quitter.send("QUIT :다들 안녕");

        assertThat(watcher.expect(" QUIT ")).isEqualTo(":철수!철수@openchat QUIT :Quit: 다들 안녕");
        assertThat(watcher.sync())
                .as("one QUIT per client (irssi and WeeChat showed three)")
                .noneMatch(line -> line.contains(" QUIT "));
        for (int i = 0; i < 3; i++) {
            OcpMessage left = ocp.nextMatching(m -> m.method().equals(Methods.LEFT));
            assertThat(left.header(HeaderNames.NAME)).contains("철수");
        }
    }

    @Test
    void anOcpMemberLeavingIsAQuitOnIrc() {
        TestClient ocp = ocpIn("study", "유저1");
        IrcTestClient irc = irc("철수");
        irc.join("#study");

        ocp.close();

        assertThat(irc.nextLine()).startsWith(":유저1!유저1@openchat QUIT");
    }

    @Test
    void anIrcOwnerKicksAnOcpMember() {
        IrcTestClient owner = irc("철수");
        owner.join("#games");
        TestClient ocp = ocp("유저1");
        assertThat(ocp.joinRoom("games").statusCode()).isEqualTo(200);
        owner.expect("^:유저1!유저1@openchat JOIN #games$");

        owner.send("KICK #games 유저1 :규칙 위반");

        assertThat(owner.nextLine()).isEqualTo(":철수!철수@openchat KICK #games 유저1 :규칙 위반");
        OcpMessage told = ocp.nextMatching(m -> m.method().equals(Methods.LEFT));
        assertThat(told.target()).isEqualTo("/rooms/games");
        assertThat(told.header(HeaderNames.REASON)).contains("kicked");
        assertThat(told.header(HeaderNames.BY)).contains("철수");
        assertThat(told.bodyText()).isEqualTo("규칙 위반");
        server().console().awaitLine("[KICK] 유저1 ← games (철수) 규칙 위반");
    }

    @Test
    void anOcpOwnerKicksAnIrcMemberWhoStaysConnected() {
        TestClient owner = ocpIn("study", "유저1");
        IrcTestClient irc = irc("철수");
        irc.join("#study");
        irc.join("#other");
        owner.nextEvent(Methods.JOINED);

        assertThat(owner.request(kick("study", "철수", "나가 주세요")).statusCode()).isEqualTo(200);

        assertThat(irc.nextLine()).isEqualTo(":유저1!유저1@openchat KICK #study 철수 :나가 주세요");
        irc.send("PRIVMSG #study :돌아왔어요");
        assertThat(irc.nextLine()).startsWith(":openchat 404 철수 #study :");
        irc.send("PRIVMSG #other :여기는 있어요");
        assertThat(irc.sync()).isEmpty();
    }

    @Test
    void anOcpKickReasonWithLineBreaksReachesIrcAsOneLineAndInjectsNothing() {
        TestClient owner = ocpIn("kr", "kicker");
        IrcTestClient victim = irc("kvictim");
        victim.join("#kr");
        IrcTestClient watcher = irc("kwatch");
        watcher.join("#kr");
        owner.nextEvent(Methods.JOINED);
        owner.nextEvent(Methods.JOINED);

        OcpMessage kicked = owner.request(kick(
                "kr",
                "kvictim",
                "bye\r\n:evil!evil@openchat PRIVMSG #kr :injected\r\nmore\u0000nul\n\u0002bold\u0002"));

        assertThat(kicked.statusCode()).isEqualTo(200);
        assertThat(watcher.nextLine())
                .isEqualTo(":kicker!kicker@openchat KICK #kr kvictim :bye  :evil!evil@openchat PRIVMSG #kr :injected  "
                        + "more nul bold");
        assertThat(watcher.sync()).isEmpty();
        OcpMessage told = owner.nextMatching(m -> m.method().equals(Methods.LEFT));
        assertThat(told.bodyText()).isEqualTo("bye  :evil!evil@openchat PRIVMSG #kr :injected  more nul bold");
    }

    @Test
    void anOcpMessageWithANulIsRefusedAndNeverReachesIrc() {
        TestClient ocp = ocpIn("bod", "sx");
        IrcTestClient irc = irc("철수");
        irc.join("#bod");
        ocp.nextEvent(Methods.JOINED);

        OcpMessage refused = ocp.request(OcpMessage.request(Methods.SEND, "/rooms/bod")
                .header(HeaderNames.REQUEST_ID, "n1")
                .body("nul\u0000hidden part")
                .build());
        OcpMessage privately = ocp.request(privateTo("철수", "pm\u0000tail"));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.header(HeaderNames.ERROR_CODE)).contains("invalid-message");
        assertThat(refused.bodyText()).isEqualTo("메세지에는 NUL 문자(U+0000)를 넣을 수 없습니다");
        assertThat(privately.statusCode()).isEqualTo(400);
        assertThat(irc.sync()).isEmpty();
    }

    @Test
    void theBlankLinesOfAnOcpMessageAreNotSentToIrcAsEmptyLines() {
        TestClient ocp = ocpIn("bl", "sx");
        IrcTestClient irc = irc("철수");
        irc.join("#bl");
        ocp.nextEvent(Methods.JOINED);

        ocp.sayIn("bl", "first\n\nlast\n\n");

        assertThat(irc.nextLine()).isEqualTo(":sx!sx@openchat PRIVMSG #bl :first");
        assertThat(irc.nextLine()).isEqualTo(":sx!sx@openchat PRIVMSG #bl :last");
        assertThat(irc.sync()).isEmpty();
    }

    @Test
    void anOwnerKickingTheAdministratorIsToldTheAdministratorCannotBeKicked() {
        IrcTestClient owner = irc("own1");
        owner.join("#ka");
        TestClient admin = ocp(Names.ADMINISTRATOR);
        assertThat(admin.joinRoom("ka").statusCode()).isEqualTo(200);
        owner.expect(" MODE #ka \\+o ");

        owner.send("KICK #ka " + Names.ADMINISTRATOR);

        assertThat(owner.nextLine()).isEqualTo(":openchat 482 own1 #ka :관리자는 강제 퇴장시킬 수 없습니다");
    }

    @Test
    void aKickWithoutAReasonNamesTheKicker() {
        IrcTestClient owner = irc("철수");
        owner.join("#games");
        IrcTestClient target = irc("영희");
        target.join("#games");
        owner.expect("^:영희!영희@openchat JOIN #games$");

        owner.send("KICK #games 영희");

        assertThat(target.nextLine()).isEqualTo(":철수!철수@openchat KICK #games 영희 :철수");
        assertThat(owner.nextLine()).isEqualTo(":철수!철수@openchat KICK #games 영희 :철수");
    }

    @Test
    void aMemberWhoIsNotTheOwnerGets482ForKickAndTopic() {
        TestClient owner = ocpIn("study", "유저1");
        IrcTestClient irc = irc("철수");
        irc.join("#study");

        irc.send("KICK #study 유저1 :나가");
        assertThat(irc.nextLine()).isEqualTo(":openchat 482 철수 #study :방장이나 채팅관리자만 할 수 있습니다");
        irc.send("TOPIC #study :내 주제");
        assertThat(irc.nextLine()).isEqualTo(":openchat 482 철수 #study :방장이나 채팅관리자만 할 수 있습니다");
        assertThat(server().server().core().who("study")).hasSize(2);
        assertThat(owner.isOpen()).isTrue();
    }

    @Test
    void aKickerNotInTheChannelGets442AndOfAChannelThatDoesNotExist403() {
        TestClient owner = ocpIn("study", "유저1");
        IrcTestClient irc = irc("철수");

        irc.send("KICK #study 유저1 :나가");
        assertThat(irc.nextLine()).startsWith(":openchat 442 철수 #study :");
        irc.send("KICK #nowhere 유저1");
        assertThat(irc.nextLine()).startsWith(":openchat 403 철수 #nowhere :");
        assertThat(owner.isOpen()).isTrue();
        assertThat(server().server().core().who("study")).hasSize(1);
    }

    @Test
    void kickOfSomeoneNotInTheChannelGets441AndOfANickConnectedNowhere401() {
        IrcTestClient owner = irc("철수");
        owner.join("#games");
        irc("영희");

        owner.send("KICK #games 영희");
        assertThat(owner.nextLine()).startsWith(":openchat 441 철수 영희 #games :");
        owner.send("KICK #games nobody");
        assertThat(owner.nextLine()).isEqualTo(":openchat 401 철수 nobody :그런 사용자가 없습니다");
    }

    @Test
    void theAdministratorOnIrcKicksAnOcpOwnerFromARoomItIsNotInAndIsToldItWasDone() {
        TestClient owner = ocpIn("study", "유저1");
        IrcTestClient admin = irc();
        admin.send("PASS " + server().adminKeyText());
        admin.register(Names.ADMINISTRATOR);
        admin.expectNumeric("381");

        admin.send("KICK #study 유저1 :관리자 권한");

        OcpMessage told = owner.nextMatching(m -> m.method().equals(Methods.LEFT));
        assertThat(told.header(HeaderNames.BY)).contains(Names.ADMINISTRATOR);
        assertThat(told.bodyText()).isEqualTo("관리자 권한");
        assertThat(admin.sync())
                .as("the administrator is not in the room, so no KICK reaches it: a notice says it was done")
                .containsExactly(":openchat NOTICE 채팅관리자 :*** 유저1님을 #study 방에서 내보냈습니다");
    }

    @Test
    void theAdministratorsNoticeOfAKickElsewhereNamesTheRoomAsItsCreatorWroteIt() {
        ocpIn("Dev", "유저1");
        IrcTestClient admin = irc();
        admin.send("PASS " + server().adminKeyText());
        admin.register(Names.ADMINISTRATOR);
        admin.expectNumeric("381");

        admin.send("KICK #dev 유저1 :관리자 권한");

        assertThat(admin.sync())
                .as("the room emptied by the kick is still named as it was created")
                .containsExactly(":openchat NOTICE 채팅관리자 :*** 유저1님을 #Dev 방에서 내보냈습니다");
    }

    @Test
    void theAdministratorOnIrcSetsAndClearsATopicFromOutsideTheRoomAndIsToldItWasDone() {
        TestClient owner = ocpIn("study", "유저1");
        IrcTestClient admin = irc();
        admin.send("PASS " + server().adminKeyText());
        admin.register(Names.ADMINISTRATOR);
        admin.expectNumeric("381");

        admin.send("TOPIC #study :공지");
        OcpMessage told = owner.nextEvent(Methods.TOPIC);
        List<String> afterSet = admin.sync();
        admin.send("TOPIC #study :");
        OcpMessage toldCleared = owner.nextEvent(Methods.TOPIC);
        List<String> afterClear = admin.sync();

        assertThat(told.header(HeaderNames.NAME)).contains(Names.ADMINISTRATOR);
        assertThat(told.bodyText()).isEqualTo("공지");
        assertThat(afterSet)
                .as("the administrator is not in the room, so no TOPIC reaches it: a notice says it was done")
                .containsExactly(":openchat NOTICE 채팅관리자 :*** #study 방의 주제를 바꾸었습니다: 공지");
        assertThat(toldCleared.bodyText()).isEmpty();
        assertThat(afterClear).containsExactly(":openchat NOTICE 채팅관리자 :*** #study 방의 주제를 지웠습니다");
    }

    @Test
    void theAdministratorOnOcpKicksAnIrcOwner() {
        IrcTestClient owner = irc("철수");
        owner.join("#games");
        TestClient admin = ocp(Names.ADMINISTRATOR);

        assertThat(admin.request(kick("games", "철수", "")).statusCode()).isEqualTo(200);

        assertThat(owner.nextLine())
                .startsWith(":" + Names.ADMINISTRATOR + "!" + Names.ADMINISTRATOR + "@openchat KICK #games 철수");
    }

    @Test
    void topicIsSetAndSeenOnBothSides() {
        IrcTestClient owner = irc("철수");
        owner.join("#games");
        TestClient ocp = ocp("유저1");
        ocp.joinRoom("games");
        owner.expect("^:유저1!유저1@openchat JOIN #games$");

        owner.send("TOPIC #games :오늘의 게임");
        assertThat(owner.nextLine()).isEqualTo(":철수!철수@openchat TOPIC #games :오늘의 게임");
        OcpMessage event = ocp.nextEvent(Methods.TOPIC);
        assertThat(event.header(HeaderNames.NAME)).contains("철수");
        assertThat(event.bodyText()).isEqualTo("오늘의 게임");

        owner.send("TOPIC #games");
        assertThat(owner.nextLine()).isEqualTo(":openchat 332 철수 #games :오늘의 게임");
        assertThat(owner.nextLine()).startsWith(":openchat 333 철수 #games 철수!철수@openchat ");
        owner.send("TOPIC #games :");
        assertThat(owner.nextLine()).isEqualTo(":철수!철수@openchat TOPIC #games :");
        assertThat(ocp.nextEvent(Methods.TOPIC).bodyText()).isEmpty();
        owner.send("TOPIC #games");
        assertThat(owner.nextLine()).isEqualTo(":openchat 331 철수 #games :주제가 없습니다");
    }

    @Test
    void theConsoleSaysATopicWasClearedRatherThanShowingAnEmptyOne() {
        IrcTestClient owner = irc("철수");
        owner.join("#games");

        owner.send("TOPIC #games :오늘의 게임");
        owner.send("TOPIC #games :");

        server().console().awaitLine("[TOPIC] games: 오늘의 게임 (철수)");
        server().console().awaitLine("[TOPIC] games: 주제를 지움 (철수)");
    }

    @Test
    void anOcpOwnersTopicReachesIrcLiveAndOnJoin() {
        TestClient owner = ocpIn("study", "유저1");
        IrcTestClient present = irc("철수");
        present.join("#study");

        owner.request(topic("study", "기말 고사"));
        assertThat(present.nextLine()).isEqualTo(":유저1!유저1@openchat TOPIC #study :기말 고사");

        IrcTestClient joiner = irc("영희");
        joiner.send("JOIN #study");
        assertThat(joiner.nextLine()).isEqualTo(":영희!영희@openchat JOIN #study");
        assertThat(joiner.nextLine()).isEqualTo(":openchat 332 영희 #study :기말 고사");
        assertThat(joiner.nextLine()).startsWith(":openchat 333 영희 #study 유저1!유저1@openchat ");
        assertThat(joiner.nextLine()).isEqualTo(":openchat 353 영희 = #study :@유저1 철수 영희");
        assertThat(joiner.nextLine()).startsWith(":openchat 366 영희 #study :");
    }

    @Test
    void aJoinAndATopicQuerySayWhoSetTheTopicAndWhen() {
        IrcTestClient owner = irc("철수");
        owner.join("#games");
        long before = Instant.now().getEpochSecond();
        owner.send("TOPIC #games :오늘의 게임");
        assertThat(owner.nextLine()).isEqualTo(":철수!철수@openchat TOPIC #games :오늘의 게임");
        long after = Instant.now().getEpochSecond();

        IrcTestClient joiner = irc("영희");
        joiner.send("JOIN #games");
        assertThat(joiner.nextLine()).isEqualTo(":영희!영희@openchat JOIN #games");
        assertThat(joiner.nextLine()).isEqualTo(":openchat 332 영희 #games :오늘의 게임");
        String[] whoAndWhen = joiner.nextLine().split(" ");
        assertThat(whoAndWhen).hasSize(6);
        assertThat(String.join(" ", Arrays.copyOf(whoAndWhen, 5))).isEqualTo(":openchat 333 영희 #games 철수!철수@openchat");
        assertThat(whoAndWhen[5]).startsWith(":");
        assertThat(Long.parseLong(whoAndWhen[5].substring(1))).isBetween(before, after);

        joiner.expectNumeric("366");
        joiner.send("TOPIC #games");
        assertThat(joiner.nextLine()).isEqualTo(":openchat 332 영희 #games :오늘의 게임");
        assertThat(joiner.nextLine()).isEqualTo(String.join(" ", whoAndWhen));
    }

    @Test
    void aTopicsBoldAndColoursAreDroppedAndAnotherControlCharacterIsRefused() {
        IrcTestClient owner = irc("철수");
        owner.join("#games");
        TestClient ocp = ocp("유저1");
        ocp.joinRoom("games");
        owner.expect("^:유저1!유저1@openchat JOIN #games$");

        owner.send("TOPIC #games :\u0002공지\u0002 내일 \u000304회의\u0003");
        assertThat(owner.nextLine()).isEqualTo(":철수!철수@openchat TOPIC #games :공지 내일 회의");
        assertThat(ocp.nextEvent(Methods.TOPIC).bodyText()).isEqualTo("공지 내일 회의");

        owner.send("TOPIC #games :bell\u0007");
        assertThat(owner.nextLine()).isEqualTo(":openchat FAIL TOPIC INVALID_TOPIC #games :제어 문자가 들어 있습니다");
    }

    @Test
    void aTopicLongerThanTopiclenIsCutToItAsInspircdAndErgoCutIt() {
        IrcTestClient owner = irc("철수");
        owner.join("#games");

        owner.send("TOPIC #games :" + "x".repeat(299) + "😀" + "y".repeat(10));

        // 300 letters, the emoji whole: cut between code points, never inside one.
        assertThat(owner.nextLine()).isEqualTo(":철수!철수@openchat TOPIC #games :" + "x".repeat(299) + "😀");
    }

    @Test
    void privateMessagesGoBothWays() {
        TestClient ocp = ocp("유저1");
        IrcTestClient irc = irc("철수");

        irc.send("PRIVMSG 유저1 :비밀 이야기");
        OcpMessage received = ocp.nextEvent(Methods.PRIVATE);
        assertThat(received.header(HeaderNames.FROM)).contains("철수");
        assertThat(received.header(HeaderNames.TO)).contains("유저1");
        assertThat(received.bodyText()).isEqualTo("비밀 이야기");

        assertThat(ocp.request(privateTo("철수", "답장 입니다")).statusCode()).isEqualTo(200);
        assertThat(irc.nextLine()).isEqualTo(":유저1!유저1@openchat PRIVMSG 철수 :답장 입니다");
    }

    @Test
    void privateMessagesBetweenIrcClientsAndToSeveralTargets() {
        IrcTestClient first = irc("철수");
        IrcTestClient second = irc("영희");
        IrcTestClient third = irc("민수");

        first.send("PRIVMSG 영희,민수 :둘 다 안녕");

        assertThat(second.nextLine()).isEqualTo(":철수!철수@openchat PRIVMSG 영희 :둘 다 안녕");
        assertThat(third.nextLine()).isEqualTo(":철수!철수@openchat PRIVMSG 민수 :둘 다 안녕");
        first.send("PRIVMSG a,b,c,d,e :too many");
        assertThat(first.nextLine()).startsWith(":openchat 407 철수 a,b,c,d,e :");
    }

    @Test
    void aMessageToAChannelsOperatorsAloneIsToldItIsNotOfferedNotTakenForANick() {
        IrcTestClient owner = irc("철수");
        owner.join("#ops");
        IrcTestClient member = irc("영희");
        member.join("#ops");
        owner.expect(" JOIN #ops$");

        member.send("PRIVMSG @#ops :to the operators");
        assertThat(member.nextLine())
                .isEqualTo(":openchat 404 영희 @#ops :방장에게만 보내는 글은 지원하지 않습니다: #ops 방에 보내거나 방장에게 귓속말로 보내십시오");
        member.send("NOTICE @#ops :a notice draws no answer");
        member.send("PING :mark");
        assertThat(member.nextLine())
                .as("no answer to the NOTICE before the PONG")
                .endsWith(" :mark");
        member.send("PRIVMSG #ops :after");
        assertThat(owner.nextLine())
                .as("nothing reached the room before")
                .isEqualTo(":영희!영희@openchat PRIVMSG #ops :after");
    }

    @Test
    void aTargetNamedAgainInAnySpellingGetsTheLineOnceAndItIsStoredOnce() {
        TestClient ocp = ocpIn("Dup", "유저1");
        IrcTestClient sender = ircWithCaps("철수", "echo-message message-tags labeled-response batch");
        sender.join("#Dup");
        IrcTestClient watcher = irc("영희");
        watcher.send("JOIN #dup");
        watcher.expect(" 366 영희 #Dup ");
        sender.expect(" JOIN #Dup$");

        sender.send("PRIVMSG #dup,#DUP,#Dup :dup channel targets");
        IrcMessage echo = IrcMessage.parse(sender.nextLine());
        assertThat(echo.params()).containsExactly("#Dup", "dup channel targets");
        sender.send("NOTICE #DUP,#dup :dup notice");
        assertThat(sender.nextLine()).endsWith(" NOTICE #Dup :dup notice");
        sender.send("PRIVMSG #dup :after");
        IrcMessage after = IrcMessage.parse(sender.nextLine());
        assertThat(after.params()).containsExactly("#Dup", "after");
        long seq = Long.parseLong(echo.tags().get("msgid").substring("dup:".length()));
        assertThat(after.tags().get("msgid"))
                .as("stored once each: the line, the notice, then this one")
                .isEqualTo("dup:" + (seq + 2));
        assertThat(watcher.linesUntil(" PRIVMSG #Dup :after$"))
                .containsExactly(
                        ":철수!철수@openchat PRIVMSG #Dup :dup channel targets",
                        ":철수!철수@openchat NOTICE #Dup :dup notice",
                        ":철수!철수@openchat PRIVMSG #Dup :after");
        assertThat(ocp.nextMatching(m -> m.method().equals(Methods.MESSAGE)).bodyText())
                .isEqualTo("dup channel targets");
        assertThat(ocp.nextMatching(m -> m.method().equals(Methods.MESSAGE)).bodyText())
                .isEqualTo("dup notice");
        assertThat(ocp.nextMatching(m -> m.method().equals(Methods.MESSAGE)).bodyText())
                .isEqualTo("after");

        sender.send("PRIVMSG 영희,영희,유저1,유저１ :to each once");
        assertThat(sender.linesUntil(" PRIVMSG 유저1 :to each once$"))
                .containsExactly(
                        ":철수!철수@openchat PRIVMSG 영희 :to each once", ":철수!철수@openchat PRIVMSG 유저1 :to each once");
        sender.send("@label=d1 PRIVMSG #dup,#DUP :labelled");
        IrcMessage labelled = IrcMessage.parse(sender.nextLine());
        assertThat(labelled.command())
                .as("one distinct target: the echo alone is the answer, no batch")
                .isEqualTo("PRIVMSG");
        assertThat(labelled.tags()).containsEntry("label", "d1").containsEntry("msgid", "dup:" + (seq + 3));
        assertThat(watcher.linesUntil(" :labelled$"))
                .containsExactly(":철수!철수@openchat PRIVMSG 영희 :to each once", ":철수!철수@openchat PRIVMSG #Dup :labelled");
        assertThat(ocp.nextEvent(Methods.PRIVATE).bodyText()).isEqualTo("to each once");
        assertThat(ocp.nextMatching(m -> m.method().equals(Methods.MESSAGE)).bodyText())
                .isEqualTo("labelled");
        assertThat(watcher.sync()).as("nothing sent twice").isEmpty();
    }

    @Test
    void aPrivateMessageToANickItsHolderGaveUpByARenameGets401SayingItsNickNow() {
        IrcTestClient irc = irc("철수");
        IrcTestClient tom = irc("tom");
        tom.send("NICK tommy");
        assertThat(tom.nextLine()).isEqualTo(":tom!tom@openchat NICK tommy");

        irc.send("PRIVMSG tom :hello");
        assertThat(irc.nextLine()).isEqualTo(":openchat 401 철수 tom :그런 사용자가 없습니다 (지금 이름: tommy)");
        irc.send("WHOIS tom");
        assertThat(irc.nextLine()).as("a query is answered as ever").isEqualTo(":openchat 401 철수 tom :그런 사용자가 없습니다");
    }

    @Test
    void aPrivateMessageToAnUnknownNickGets401() {
        IrcTestClient irc = irc("철수");

        irc.send("PRIVMSG 없는사람 :여보세요");
        assertThat(irc.nextLine()).isEqualTo(":openchat 401 철수 없는사람 :그런 사용자가 없습니다");
        irc.send("NOTICE 없는사람 :여보세요");
        assertThat(irc.sync()).as("NOTICE is never answered with an error").isEmpty();
        irc.send("PRIVMSG 영희");
        assertThat(irc.nextLine()).startsWith(":openchat 412 철수 :");
        irc.send("PRIVMSG");
        assertThat(irc.nextLine()).startsWith(":openchat 411 철수 :");
    }

    @Test
    void anOcpNameWithASpaceAppearsWithAnUnderscoreAndPrivateMessagesReachIt() {
        TestClient kim = ocp("Kim Min");
        IrcTestClient irc = irc("철수");

        List<String> joined = irc.join("#lobby");
        assertThat(joined).anyMatch(l -> l.startsWith(":openchat 353 철수 = #lobby :") && l.contains("Kim_Min"));
        kim.nextEvent(Methods.JOINED);
        kim.say("hello irc");
        assertThat(irc.nextLine()).isEqualTo(":Kim_Min!Kim_Min@openchat PRIVMSG #lobby :hello irc");

        irc.send("PRIVMSG Kim_Min :hi kim");
        OcpMessage received = kim.nextEvent(Methods.PRIVATE);
        assertThat(received.header(HeaderNames.TO)).contains("Kim Min");
        assertThat(received.bodyText()).isEqualTo("hi kim");
        irc.send("PRIVMSG kim_min :again");
        assertThat(kim.nextEvent(Methods.PRIVATE).bodyText()).isEqualTo("again");
        irc.send("WHOIS Kim_Min");
        assertThat(irc.nextLine()).isEqualTo(":openchat 311 철수 Kim_Min Kim_Min openchat * :Kim Min");
    }

    @Test
    void anIrcNickThatIsTheIrcFormOfAConnectedNameIsTaken() {
        ocp("Kim Min");
        IrcTestClient irc = irc();

        irc.send("NICK Kim_Min");
        irc.send("USER u 0 * :x");

        assertThat(irc.nextLine()).startsWith(":openchat 433 * Kim_Min :");
    }

    @Test
    void anOcpNameThatIrcWouldShowAsAConnectedNickIsTakenSoNoTwoMembersLookAlike() {
        IrcTestClient irc = irc("Kim_Min");
        irc.join("#lobby");

        for (String lookalike : new String[] {"Kim Min", "kim.min", "KIM@MIN"}) {
            TestClient client = server().client();
            OcpMessage refused = client.join(lookalike, null);
            assertThat(refused.statusCode()).as(lookalike).isEqualTo(409);
            client.close();
        }
        TestClient other = ocp("Kim Mun");
        OcpMessage renamed = other.request(OcpMessage.request(Methods.RENAME, "/")
                .header(HeaderNames.NAME, "Kim Min")
                .build());
        assertThat(renamed.statusCode()).as("a rename to it").isEqualTo(409);
        irc.send("NAMES #lobby");
        String[] nicks = irc.expectNumeric("353").split(" :", 2)[1].split(" ");
        assertThat(nicks).filteredOn(n -> n.endsWith("Kim_Min")).hasSize(1);
        assertThat(nicks).filteredOn(n -> n.endsWith("Kim_Mun")).hasSize(1);
    }

    @Test
    void messagesFromBothSidesArriveInTheRoomsOrderOnBothSides() throws Exception {
        server(b -> b.floodControl(FloodControl.OFF));
        TestClient ocpSender = ocpIn("study", "유저1");
        TestClient ocpWatcher = ocp("유저2");
        ocpWatcher.joinRoom("study");
        IrcTestClient ircSender = irc("철수");
        ircSender.join("#study");
        IrcTestClient ircWatcher = ircWithCaps("영희", "message-tags");
        ircWatcher.join("#study");
        ircSender.expect("JOIN #study$");
        ocpWatcher.drain();
        int each = 100;

        CompletableFuture<Void> fromOcp = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < each; i++) {
                ocpSender.sayIn("study", "ocp " + i);
            }
        });
        CompletableFuture<Void> fromIrc = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < each; i++) {
                ircSender.send("PRIVMSG #study :irc " + i);
            }
        });
        fromOcp.get();
        fromIrc.get();

        List<String> ocpOrder = new ArrayList<>();
        long lastSeq = 0;
        while (ocpOrder.size() < 2 * each) {
            OcpMessage message = ocpWatcher.nextMatching(m -> m.method().equals(Methods.MESSAGE));
            long seq = Long.parseLong(message.header(HeaderNames.SEQ).orElseThrow());
            assertThat(seq).isGreaterThan(lastSeq);
            lastSeq = seq;
            ocpOrder.add(message.bodyText());
        }
        List<String> ircOrder = new ArrayList<>();
        List<Long> ircSeqs = new ArrayList<>();
        while (ircOrder.size() < 2 * each) {
            IrcMessage line = IrcMessage.parse(ircWatcher.nextLine());
            assertThat(line.command()).isEqualTo("PRIVMSG");
            ircOrder.add(line.params().get(1));
            String msgid = line.tags().get("msgid");
            ircSeqs.add(Long.parseLong(msgid.substring(msgid.indexOf(':') + 1)));
        }
        assertThat(ircOrder).isEqualTo(ocpOrder);
        assertThat(ircSeqs).isSorted().doesNotHaveDuplicates();
        assertThat(ocpOrder.stream().filter(t -> t.startsWith("ocp ")))
                .as("each side's own lines in the order it sent them")
                .containsExactly(java.util.stream.IntStream.range(0, each)
                        .mapToObj(i -> "ocp " + i)
                        .toArray(String[]::new));
        assertThat(ocpOrder.stream().filter(t -> t.startsWith("irc ")))
                .containsExactly(java.util.stream.IntStream.range(0, each)
                        .mapToObj(i -> "irc " + i)
                        .toArray(String[]::new));
    }

    @Test
    void anEchoArrivesInTheRoomsOrderAmongOtherMembersLines() throws Exception {
        server(b -> b.floodControl(FloodControl.OFF));
        TestClient ocpSender = ocpIn("study", "유저1");
        IrcTestClient ircSender = ircWithCaps("철수", "echo-message message-tags");
        ircSender.join("#study");
        int each = 200;

        CompletableFuture<Void> fromOcp = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < each; i++) {
                ocpSender.sayIn("study", "ocp " + i);
            }
        });
        CompletableFuture<Void> fromIrc = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < each; i++) {
                ircSender.send("PRIVMSG #study :irc " + i);
            }
        });
        fromOcp.get();
        fromIrc.get();

        List<Long> seqs = new ArrayList<>();
        while (seqs.size() < 2 * each) {
            IrcMessage line = IrcMessage.parse(ircSender.nextLine());
            String msgid = line.tags().get("msgid");
            seqs.add(Long.parseLong(msgid.substring(msgid.indexOf(':') + 1)));
        }
        assertThat(seqs)
                .as("the sender's own lines (echoes) among the others', by Seq")
                .isSorted();
    }
}
