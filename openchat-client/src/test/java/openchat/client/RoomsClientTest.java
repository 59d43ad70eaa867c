package openchat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import openchat.core.CoreConfig;
import openchat.core.FloodControl;
import openchat.core.Names;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.protocol.Status;
import openchat.protocol.Targets;
import openchat.server.testing.SteppedClock;
import openchat.server.testing.TestClient;
import openchat.server.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rooms, private messages, topics, history, flood control and reconnecting: the client against a real server. */
class RoomsClientTest {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private TestServer server;
    private final List<ClientRun> clients = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        clients.forEach(ClientRun::close);
        if (server != null) {
            server.close();
        }
    }

    private ClientRun start(String name) {
        ClientRun client = ClientRun.start(
                new ClientConfig(name, "127.0.0.1", server.port(), server.adminKeyFile(), Locale.KOREAN));
        clients.add(client);
        return client;
    }

    private ClientRun joinAs(String name) {
        ClientRun client = start(name);
        client.awaitLine(name + " 접속 완료");
        return client;
    }

    /** A client that has joined the lobby and then {@code room}. */
    private TestClient inRoom(String name, String room) {
        TestClient client = server.joined(name);
        OcpMessage answer = client.request(
                OcpMessage.request(Methods.JOIN, Targets.room(room)).build());
        assertThat(answer.statusCode())
                .as("JOIN %s: %s", room, answer.bodyText())
                .isEqualTo(Status.OK.code());
        return client;
    }

    /** A client in the lobby, then in study, then in vocab, the current room. */
    private ClientRun inStudyThenVocab(String name) {
        ClientRun client = joinAs(name);
        client.type("/입장 study");
        client.awaitLine("[study] 방에 들어왔습니다 (1/5명)");
        client.type("/입장 vocab");
        client.awaitLine("[vocab] 방에 들어왔습니다 (1/5명)");
        return client;
    }

    /** A test client connected as {@code name} straight into {@code room}. */
    private TestClient connectedInto(String room, String name) {
        TestClient client = server.client();
        assertThat(client.connect(room, name, null).statusCode()).isEqualTo(Status.OK.code());
        return client;
    }

    /** A chat line, answered, so that the server has taken it when this returns. */
    private static OcpMessage say(TestClient client, String room, String text) {
        OcpMessage answer = client.request(OcpMessage.request(Methods.SEND, Targets.room(room))
                .header(HeaderNames.REQUEST_ID, "say")
                .header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8)
                .body(text)
                .build());
        assertThat(answer.statusCode()).as("SEND: %s", answer.bodyText()).isEqualTo(Status.OK.code());
        return answer;
    }

    private static String local(OcpMessage answer) {
        return TIME.format(OffsetDateTime.parse(answer.header(HeaderNames.DATE).orElseThrow())
                .atZoneSameInstant(ClientRun.ZONE));
    }

    private static OcpMessage next(TestClient client, String method) {
        return client.nextMatching(m -> m.method().equals(method));
    }

    /** A test client takes a new name, answered, so that the others have been told when this returns. */
    private static void rename(TestClient client, String name) {
        OcpMessage answer = client.request(OcpMessage.request(Methods.RENAME, Targets.SERVER)
                .header(HeaderNames.NAME, name)
                .build());
        assertThat(answer.statusCode()).as("RENAME: %s", answer.bodyText()).isEqualTo(Status.OK.code());
    }

    @Test
    void aJoinPastTheRoomsPerMemberLimitSaysTheLimit() {
        server = TestServer.start(b -> b.maxRoomsPerMember(2));
        ClientRun client = joinAs("유저1");
        client.type("/join study");
        client.awaitLine("[study] 방에 들어왔습니다 (1/5명)");

        client.type("/join music");

        client.awaitLine("더는 방에 들어갈 수 없습니다: 한 사람이 들어갈 수 있는 방은 2개까지입니다");
    }

    @Test
    void clientStartsInTheRoomGiven() {
        server = TestServer.start();
        TestClient other = inRoom("유저2", "study");
        ClientRun client = ClientRun.start(
                new ClientConfig("유저1", "127.0.0.1", server.port(), null, Locale.KOREAN, ClientTls.OFF, "study"));
        clients.add(client);
        client.awaitLine("유저1 접속 완료");

        assertThat(next(other, Methods.JOINED).target()).isEqualTo(Targets.room("study"));
        client.type("스터디에 왔어요");
        OcpMessage message = next(other, Methods.MESSAGE);
        assertThat(message.target()).isEqualTo(Targets.room("study"));
        assertThat(message.bodyText()).isEqualTo("스터디에 왔어요");
    }

    @Test
    void inviteTellsTheOtherWhereToComeAndAnInvitationReceivedSaysHowToJoin() {
        server = TestServer.start();
        TestClient friend = server.joined("유저2");
        TestClient inviter = inRoom("유저3", "games");
        ClientRun client = joinAs("유저1");
        client.type("/join study");
        client.awaitLine("[study] 방에 들어왔습니다 (1/5명)");

        client.type("/초대 유저2");

        client.awaitLine("유저2님을 study 방으로 초대했습니다");
        OcpMessage invited = next(friend, Methods.INVITE);
        assertThat(invited.target()).isEqualTo(Targets.room("study"));
        assertThat(invited.header(HeaderNames.FROM)).contains("유저1");

        OcpMessage answer = inviter.request(OcpMessage.request(Methods.INVITE, Targets.room("games"))
                .header(HeaderNames.NAME, "유저1")
                .build());
        client.awaitLine("[" + local(answer) + "] 유저3님이 [games] 방으로 초대했습니다. 들어가려면: /입장 games");

        client.type("/invite 아무도");
        client.awaitLine("그런 사용자가 없습니다: 아무도");
    }

    @Test
    void joinSwitchesRoomAndOtherRoomLinesArePrefixed() {
        server = TestServer.start();
        TestClient lobbyMember = server.joined("유저2");
        TestClient studyMember = inRoom("유저3", "study");
        ClientRun client = joinAs("유저1");

        client.type("/join study");

        client.awaitLine("[study] 방에 들어왔습니다 (2/5명)");
        OcpMessage fromLobby = say(lobbyMember, "lobby", "로비에서");
        client.awaitLine("[lobby] [" + local(fromLobby) + "] 유저2 : 로비에서");
        OcpMessage fromStudy = say(studyMember, "study", "스터디에서");
        client.awaitLine("[" + local(fromStudy) + "] 유저3 : 스터디에서");

        client.type("지금 방으로");
        OcpMessage typed = studyMember.nextMatching(m -> m.method().equals(Methods.MESSAGE)
                && m.header(HeaderNames.FROM).orElse("").equals("유저1"));
        assertThat(typed.target()).isEqualTo(Targets.room("study"));
        assertThat(typed.bodyText()).isEqualTo("지금 방으로");

        client.type("/join lobby");
        client.awaitLine("이제 [lobby] 방에서 이야기합니다");
        OcpMessage again = say(studyMember, "study", "다시 스터디에서");
        client.awaitLine("[study] [" + local(again) + "] 유저3 : 다시 스터디에서");
    }

    @Test
    void partLeavesRoomAndOthersAreTold() {
        server = TestServer.start();
        TestClient studyMember = inRoom("유저3", "study");
        ClientRun client = joinAs("유저1");
        client.type("/join study");
        client.awaitLine("[study] 방에 들어왔습니다 (2/5명)");

        client.type("/part");

        client.awaitLine("[study] 방에서 나왔습니다");
        client.awaitLine("이제 [lobby] 방에서 이야기합니다");
        OcpMessage left = studyMember.nextMatching(
                m -> m.method().equals(Methods.LEFT) && m.target().equals(Targets.room("study")));
        assertThat(left.header(HeaderNames.NAME)).contains("유저1");
        assertThat(left.header(HeaderNames.REASON)).contains("parted");

        client.type("/퇴장 lobby");
        client.awaitLine("[lobby] 방에서 나왔습니다");
        client.awaitLine("들어가 있는 방이 없습니다. 이렇게 입력해 방에 들어가십시오: /입장 방이름 (나가려면: /종료)");
        client.type("아무도 못 들어요");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> client.lines().stream()
                                .filter(l -> l.startsWith("들어가 있는 방이 없습니다"))
                                .count()
                        == 2);
        client.assertStillRunning();
    }

    @Test
    void partedMemberIsShownAsLeavingTheRoomNotTheChat() {
        server = TestServer.start();
        TestClient other = server.joined("유저2");
        ClientRun client = joinAs("유저1");
        next(other, Methods.JOINED);

        other.request(OcpMessage.request(Methods.PART, Targets.room("lobby")).build());

        client.awaitLine("유저2님이 방을 나갔습니다.");
    }

    @Test
    void aMemberLeavingTheChatIsShownOnceTaggedWithTheRoomsItShared() {
        server = TestServer.start();
        TestClient other = inRoom("유저2", "study");
        ClientRun client = joinAs("유저1");
        client.type("/join study");
        client.awaitLine("[study] 방에 들어왔습니다 (2/5명)");
        next(other, Methods.JOINED);
        next(other, Methods.JOINED);
        TestClient witness = server.joined("유저3");

        other.request(OcpMessage.request(Methods.LEAVE, Targets.room("lobby")).build());
        client.awaitLine("[lobby, study] 유저2님이 퇴장하였습니다.");
        say(witness, "lobby", "뒤에 온 말");
        client.awaitLineContaining("유저3 : 뒤에 온 말");

        // The two rooms' LEFT events came before the witness's line: one line for both, naming both.
        assertThat(client.lines()).filteredOn(line -> line.contains("퇴장하였습니다")).hasSize(1);
    }

    /**
     * A member leaving the chat from a room other than the current one is shown with that room, as its join was; one
     * that shared only the current room is shown as the one-room chat showed it, without a room.
     */
    @Test
    void aMemberLeavingTheChatIsTaggedWithTheRoomItSharedUnlessItIsTheCurrentOne() {
        server = TestServer.start();
        ClientRun client = joinAs("유저1");
        TestClient quitter = server.joined("유저2");
        client.awaitLine("유저2님이 입장하였습니다.");
        quitter.request(OcpMessage.request(Methods.LEAVE, Targets.SERVER).build());
        client.awaitLine("유저2님이 퇴장하였습니다.");

        client.type("/join study");
        client.awaitLine("[study] 방에 들어왔습니다 (1/5명)");
        TestClient dropped = server.joined("유저3");
        client.awaitLine("[lobby] 유저3님이 입장하였습니다.");
        dropped.close();

        client.awaitLine("[lobby] 유저3님의 연결이 끊어졌습니다.");
    }

    /**
     * A quiet leave tells nobody: a member that left one room so and came back into another is in that one alone, and
     * its leaving the chat is tagged with it, not with the room it left unseen.
     */
    @Test
    void aMemberThatLeftQuietlyAndCameBackElsewhereIsTaggedOnlyWithTheRoomItIsIn() {
        server = TestServer.start();
        ClientRun client = inStudyThenVocab("지연");
        TestClient first = connectedInto("vocab", "현우");
        client.awaitLine("현우님이 입장하였습니다.");
        assertThat(first.request(OcpMessage.request(Methods.LEAVE, Targets.SERVER)
                                .header(HeaderNames.QUIET, "true")
                                .build())
                        .statusCode())
                .isEqualTo(Status.OK.code());

        TestClient again = connectedInto("study", "현우");
        client.awaitLine("[study] 현우님이 입장하였습니다.");
        again.request(OcpMessage.request(Methods.LEAVE, Targets.SERVER).build());

        client.awaitLine("[study] 현우님이 퇴장하였습니다.");
        assertThat(client.lines()).noneMatch(line -> line.contains("vocab, study"));
    }

    /** A member that joins a second room this client is in stays known in the first: its departure names both. */
    @Test
    void aMemberThatJoinsASecondSharedRoomIsTaggedWithBothWhenItLeaves() {
        server = TestServer.start();
        ClientRun client = inStudyThenVocab("지연");
        TestClient member = connectedInto("vocab", "현우");
        client.awaitLine("현우님이 입장하였습니다.");

        member.request(OcpMessage.request(Methods.JOIN, Targets.room("study")).build());
        client.awaitLine("[study] 현우님이 입장하였습니다.");
        // A request of the client's own, answered after the WHO its JOINED made: what it learned is in.
        client.type("/주제");
        client.awaitLine("[vocab] 방에는 주제가 없습니다");
        member.request(OcpMessage.request(Methods.LEAVE, Targets.SERVER).build());

        client.awaitLine("[study, vocab] 현우님이 퇴장하였습니다.");
    }

    @Test
    void roomsListsRoomsWithCounts() {
        server = TestServer.start();
        TestClient owner = inRoom("유저2", "study");
        owner.request(OcpMessage.request(Methods.TOPIC, Targets.room("study"))
                .body("시험 공부")
                .build());
        ClientRun client = joinAs("유저1");

        client.type("/rooms");

        String lobby = client.awaitLineContaining("lobby ");
        String study = client.awaitLineContaining("study ");
        String header = client.awaitLineContaining("인원");
        assertThat(lobby).matches("lobby +2/5");
        assertThat(study).matches("study +1/5 +유저2 +시험 공부");
        assertThat(header).matches("방 +인원 +방장 +주제");
        assertThat(TextTable.width(header.substring(0, header.indexOf("인원"))))
                .as("columns line up by terminal width")
                .isEqualTo(lobby.indexOf("2/5"));
        assertThat(study.indexOf("1/5")).isEqualTo(lobby.indexOf("2/5"));
    }

    @Test
    void whoListsMembersWithRoles() {
        server = TestServer.start();
        server.joined(Names.ADMINISTRATOR);
        TestClient owner = inRoom("유저2", "study");
        ClientRun client = joinAs("유저1");

        client.type("/who");

        client.awaitLine("[lobby] 참여자 3명");
        assertThat(client.awaitLineContaining("채팅관리자")).matches(" +채팅관리자 +관리자");
        assertThat(client.awaitLineContaining("  유저1")).matches(" +유저1 +참여자");

        client.type("/참여자 study");
        client.awaitLine("[study] 참여자 1명");
        assertThat(client.awaitLineContaining("방장")).matches(" +유저2 +방장");
        assertThat(owner.isOpen()).isTrue();
    }

    @Test
    void privateMessageReachesOnlyTheNamedMember() {
        server = TestServer.start();
        TestClient named = server.joined("유저2");
        TestClient bystander = server.joined("유저3");
        TestClient spaced = server.joined("채팅 손님");
        ClientRun client = joinAs("유저1");
        bystander.nextMatching(m -> m.method().equals(Methods.JOINED)
                && m.header(HeaderNames.NAME).orElse("").equals("유저1"));

        client.type("/w 유저2 우리끼리 이야기");

        OcpMessage received = next(named, Methods.PRIVATE);
        assertThat(received.header(HeaderNames.FROM)).contains("유저1");
        assertThat(received.bodyText()).isEqualTo("우리끼리 이야기");
        assertThat(client.awaitLineContaining("(귓속말) 나 → 유저2")).endsWith(" : 우리끼리 이야기");
        client.type("모두에게");
        assertThat(next(bystander, Methods.MESSAGE).bodyText())
                .as("the private line never reached 유저3")
                .isEqualTo("모두에게");

        client.type("/귓속말 \"채팅 손님\" 이름에 공백");
        assertThat(next(spaced, Methods.PRIVATE).bodyText()).isEqualTo("이름에 공백");

        named.request(OcpMessage.request(Methods.PRIVATE, Targets.SERVER)
                .header(HeaderNames.TO, "유저1")
                .header(HeaderNames.REQUEST_ID, "reply")
                .body("답장이에요")
                .build());
        assertThat(client.awaitLineContaining("(귓속말) 유저2 → 나")).endsWith(" : 답장이에요");
    }

    @Test
    void aPrivateMessageToOneselfShowsTheOutgoingLineBeforeTheIncomingOne() {
        server = TestServer.start();
        ClientRun client = joinAs("유저1");

        client.type("/w 유저1 메모");

        client.awaitLineContaining("(귓속말) 유저1 → 나");
        List<String> whispers =
                client.lines().stream().filter(l -> l.contains("(귓속말)")).toList();
        assertThat(whispers).hasSize(2);
        assertThat(whispers.get(0)).contains("(귓속말) 나 → 유저1 : 메모");
        assertThat(whispers.get(1)).contains("(귓속말) 유저1 → 나 : 메모");
    }

    @Test
    void privateMessageToUnknownNameSaysNoSuchMember() {
        server = TestServer.start();
        ClientRun client = joinAs("유저1");

        client.type("/w 없는사람 안녕");

        client.awaitLine("접속한 사람 중에 없는사람님은 없습니다");
    }

    @Test
    void privateMessageToANameItsHolderGaveUpSaysTheNameItGoesByNow() {
        server = TestServer.start();
        ClientRun client = joinAs("유저1");
        TestClient tom = server.joined("tom");
        assertThat(tom.rename("tommy").statusCode()).isEqualTo(200);

        client.type("/w tom 안녕");

        client.awaitLine("접속한 사람 중에 tom님은 없습니다 (지금 이름: tommy)");
    }

    @Test
    void privateMessageWithoutTextShowsUsage() {
        server = TestServer.start();
        ClientRun client = joinAs("유저1");

        client.type("/w 유저2");

        client.awaitLine("사용법: /귓속말 이름 내용 (/w, /msg)");
    }

    @Test
    void topicIsSetByOwnerShownToOthersAndReadWithWhoSetItAndWhen() {
        server = TestServer.start();
        ClientRun owner = joinAs("유저1");
        owner.type("/join study");
        owner.awaitLine("[study] 방에 들어왔습니다 (1/5명)");

        owner.type("/topic 시험 공부");
        owner.awaitLine("[study] 주제를 바꿨습니다: 시험 공부");

        ClientRun member = joinAs("유저2");
        member.type("/입장 study");
        member.awaitLine("[study] 방에 들어왔습니다 (2/5명)");
        member.awaitLine("[study] 주제: 시험 공부");

        owner.type("/주제 기말 준비");
        member.awaitLine("유저1님이 주제를 바꿨습니다: 기말 준비");

        member.type("/topic 내 마음대로");
        member.awaitLine("방장이나 관리자만 할 수 있습니다");
        member.type("/topic");
        assertThat(member.awaitLineContaining("[study] 주제: 기말 준비"))
                .matches("\\[study] 주제: 기말 준비 \\(유저1님이 \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d에 정함\\)");
    }

    @Test
    void emptyQuotesClearTheTopicForEveryoneInTheRoom() {
        server = TestServer.start();
        ClientRun owner = joinAs("유저1");
        owner.type("/join study");
        owner.awaitLine("[study] 방에 들어왔습니다 (1/5명)");
        owner.type("/topic 시험 공부");
        owner.awaitLine("[study] 주제를 바꿨습니다: 시험 공부");
        ClientRun member = joinAs("유저2");
        member.type("/join study");
        member.awaitLine("[study] 주제: 시험 공부");

        owner.type("/topic \"\"");

        owner.awaitLine("[study] 주제를 지웠습니다");
        member.awaitLine("유저1님이 주제를 지웠습니다.");
        member.type("/topic");
        member.awaitLine("[study] 방에는 주제가 없습니다");
        owner.type("/주제 다시");
        owner.awaitLine("[study] 주제를 바꿨습니다: 다시");
        owner.type("/주제 ''");
        awaitLineTwice(owner, "[study] 주제를 지웠습니다");
        awaitLineTwice(member, "유저1님이 주제를 지웠습니다.");
        assertThat(member.lines()).noneMatch(line -> line.contains("\"\"") || line.contains("''"));
    }

    private static void awaitLineTwice(ClientRun client, String line) {
        await("twice: " + line)
                .atMost(Duration.ofSeconds(5))
                .until(() -> client.lines().stream().filter(line::equals).count() == 2);
    }

    @Test
    void inEnglishEmptyQuotesClearTheTopicAndHelpSaysSo() {
        server = TestServer.start();
        ClientRun owner = ClientRun.start(
                new ClientConfig("alice", "127.0.0.1", server.port(), null, Locale.ENGLISH, ClientTls.OFF, "study"));
        clients.add(owner);
        owner.awaitLine("Connected as alice");
        owner.type("/topic exams");
        owner.awaitLine("Topic of [study] set: exams");

        owner.type("/topic ''");

        owner.awaitLine("Topic of [study] cleared");
        owner.type("/help topic");
        owner.awaitLine("  /topic [TEXT] (/주제) - show the current room topic, or set it (owner, administrator);"
                + " /topic \"\" clears it");
    }

    @Test
    void historyOnJoinIsMarkedAsHistory() {
        server = TestServer.start();
        TestClient other = server.joined("유저2");
        OcpMessage first = say(other, "lobby", "지난 이야기 하나");
        OcpMessage second = say(other, "lobby", "지난 이야기 둘");

        ClientRun client = joinAs("유저1");

        client.awaitLine("(기록) [" + local(first) + "] 유저2 : 지난 이야기 하나");
        client.awaitLine("(기록) [" + local(second) + "] 유저2 : 지난 이야기 둘");
        OcpMessage live = say(other, "lobby", "지금 이야기");
        client.awaitLine("[" + local(live) + "] 유저2 : 지금 이야기");
        assertThat(client.lines().get(0)).as("said first, then the history").isEqualTo("유저1 접속 완료");
    }

    @Test
    void historyCommandPagesBackward() {
        server = TestServer.start(c -> c.historyOnJoin(2));
        TestClient other = server.joined("유저2");
        IntStream.rangeClosed(1, 6).forEach(i -> say(other, "lobby", "m" + i));
        ClientRun client = joinAs("유저1");
        client.awaitLineContaining("유저2 : m6");

        client.type("/history 2");
        client.awaitLineContaining("유저2 : m3");
        client.type("/기록 2");
        client.awaitLineContaining("유저2 : m1");
        client.type("/history");
        client.awaitLine("더 이전의 메세지가 없습니다");

        List<String> replayed =
                client.lines().stream().filter(l -> l.contains("유저2 : m")).toList();
        assertThat(replayed).allMatch(l -> l.startsWith("(기록) ["));
        assertThat(replayed)
                .map(l -> l.substring(l.lastIndexOf(' ') + 1))
                .containsExactly("m5", "m6", "m3", "m4", "m1", "m2");
    }

    /** A count that is not one says what is wrong and the range, whose end is the server's page limit. */
    @Test
    void historyWithABadCountSaysTheRange() {
        server = TestServer.start();
        ClientRun client = joinAs("유저1");
        int over = CoreConfig.MAX_HISTORY_PAGE + 1;

        for (String bad : List.of(Integer.toString(over), "0", "-1", "abc")) {
            client.type("/history " + bad);
            client.awaitLine("메세지 수 N은 1에서 " + CoreConfig.MAX_HISTORY_PAGE + " 사이의 정수여야 합니다: " + bad);
        }
        client.type("/기록 " + CoreConfig.MAX_HISTORY_PAGE);
        client.awaitLine("더 이전의 메세지가 없습니다");
        assertThat(client.lines()).noneMatch(line -> line.startsWith("사용법:"));
    }

    @Test
    void inEnglishHistoryWithABadCountSaysTheRange() {
        server = TestServer.start();
        ClientRun client = ClientRun.start(new ClientConfig("alice", "127.0.0.1", server.port(), null, Locale.ENGLISH));
        clients.add(client);
        client.awaitLine("Connected as alice");

        client.type("/history 0");

        client.awaitLine(
                "N, the number of messages, must be a whole number from 1 to " + CoreConfig.MAX_HISTORY_PAGE + ": 0");
        client.type("/help history");
        client.awaitLine("  /history [N] (/기록) - show N messages from before the oldest seen in the current room"
                + " (default " + RoomCommands.DEFAULT_HISTORY_PAGE + ", at most " + CoreConfig.MAX_HISTORY_PAGE + ")");
    }

    @Test
    void kickingOneselfIsRefusedByTheClientAndSaysHowToLeave() {
        server = TestServer.start();
        ClientRun client = joinAs("유저1");
        client.type("/join study");
        client.awaitLine("[study] 방에 들어왔습니다 (1/5명)");

        client.type("/강퇴 유저1 실수");
        client.awaitLine("자신은 내보낼 수 없습니다. 방을 나가려면 이렇게 입력하십시오: /퇴장");
        client.type("/참여자");
        client.awaitLineContaining("유저1");
        assertThat(server.server().core().who("study")).hasSize(1);
        client.assertStillRunning();
    }

    @Test
    void kickedFromLastRoomExitsWithOne() {
        server = TestServer.start();
        TestClient admin = inRoom(Names.ADMINISTRATOR, "study");
        ClientRun client = joinAs("유저1");
        client.type("/join study");
        client.awaitLine("[study] 방에 들어왔습니다 (2/5명)");
        client.type("/part lobby");
        client.awaitLine("[lobby] 방에서 나왔습니다");

        admin.request(OcpMessage.request(Methods.KICK, Targets.room("study"))
                .header(HeaderNames.NAME, "유저1")
                .build());

        client.awaitLine("관리자에 의해 강제 퇴장되었습니다.");
        assertThat(client.awaitExit()).isEqualTo(1);
    }

    @Test
    void kickedFromOneOfTwoRoomsStaysConnected() {
        server = TestServer.start();
        TestClient admin = inRoom(Names.ADMINISTRATOR, "study");
        ClientRun client = joinAs("유저1");
        client.type("/join study");
        client.awaitLine("[study] 방에 들어왔습니다 (2/5명)");

        admin.request(OcpMessage.request(Methods.KICK, Targets.room("study"))
                .header(HeaderNames.NAME, "유저1")
                .build());

        client.awaitLine("[study] 방에서 관리자에 의해 강제 퇴장되었습니다.");
        client.awaitLine("이제 [lobby] 방에서 이야기합니다");
        client.type("로비에는 있어요");
        OcpMessage message = admin.nextMatching(m -> m.method().equals(Methods.MESSAGE));
        assertThat(message.target()).isEqualTo(Targets.room("lobby"));
        assertThat(message.bodyText()).isEqualTo("로비에는 있어요");
        client.assertStillRunning();
    }

    @Test
    void whenTheOwnerLeavesTheHeirIsToldTheRoomIsItsOwnAndTheOthersWhoOwnsItAndItsKickWorks() {
        server = TestServer.start();
        TestClient owner = server.client();
        owner.connect("study", "방장", null);
        ClientRun heir = joinAs("유저1");
        heir.type("/join study");
        heir.awaitLine("[study] 방에 들어왔습니다 (2/5명)");
        ClientRun other = joinAs("유저2");
        other.type("/join study");
        other.awaitLine("[study] 방에 들어왔습니다 (3/5명)");
        TestClient guest = inRoom("손님", "study");
        heir.awaitLine("손님님이 입장하였습니다.");

        owner.request(OcpMessage.request(Methods.PART, Targets.room("study")).build());

        heir.awaitLine("방장님이 방을 나갔습니다.");
        heir.awaitLine("이 방의 방장이 되었습니다. 이제 다음 명령어를 쓸 수 있습니다: /강퇴, /주제, /방차단, /방차단해제, /인원제한, /삭제, /방등록");
        other.awaitLine("방장님이 방을 나갔습니다.");
        other.awaitLine("유저1님이 이 방의 방장이 되었습니다.");
        heir.type("/kick 손님 도배");
        OcpMessage kicked = guest.nextMatching(m -> m.method().equals(Methods.LEFT)
                && m.header(HeaderNames.REASON).orElse("").equals("kicked"));
        assertThat(kicked.header(HeaderNames.BY)).contains("유저1");
        other.awaitLine("손님님이 유저1님에 의해 강제 퇴장되었습니다. (도배)");
        heir.assertStillRunning();
    }

    @Test
    void anOwnersQuietLeaveShowsOnlyWhoOwnsTheRoomNow() {
        server = TestServer.start();
        TestClient owner = server.client();
        owner.connect("study", "방장", null);
        ClientRun member = joinAs("유저1");
        member.type("/join study");
        member.awaitLine("[study] 방에 들어왔습니다 (2/5명)");
        inRoom("유저2", "study");
        member.awaitLine("유저2님이 입장하였습니다.");

        owner.request(OcpMessage.request(Methods.LEAVE, Targets.SERVER)
                .header(HeaderNames.QUIET, "true")
                .build());

        member.awaitLine("이 방의 방장이 되었습니다. 이제 다음 명령어를 쓸 수 있습니다: /강퇴, /주제, /방차단, /방차단해제, /인원제한, /삭제, /방등록");
        assertThat(member.lines()).noneMatch(line -> line.contains("방장님이"));
    }

    @Test
    void aKickedMemberIsToldWhoKickedItAndWhy() {
        server = TestServer.start();
        TestClient owner = server.client();
        owner.connect("study", "방장", null);
        ClientRun client = joinAs("유저1");
        client.type("/join study");
        client.awaitLine("[study] 방에 들어왔습니다 (2/5명)");

        owner.request(OcpMessage.request(Methods.KICK, Targets.room("study"))
                .header(HeaderNames.NAME, "유저1")
                .body("도배\n그만")
                .build());

        client.awaitLine("[study] 방에서 방장님에 의해 강제 퇴장되었습니다.");
        client.awaitLine("사유: 도배 그만");
        client.awaitLine("이제 [lobby] 방에서 이야기합니다");
        client.assertStillRunning();
    }

    @Test
    void aReasonTypedWithKickReachesTheKickedTerminalUnderTheOneRoomChatsLine() {
        server = TestServer.start();
        ClientRun admin = joinAs(Names.ADMINISTRATOR);
        ClientRun member = joinAs("유저2");
        admin.awaitLine("유저2님이 입장하였습니다.");

        admin.type("/kick 유저2 시끄러워요");

        member.awaitLine("관리자에 의해 강제 퇴장되었습니다.");
        member.awaitLine("사유: 시끄러워요");
        assertThat(member.awaitExit()).isEqualTo(1);
        admin.awaitLine("유저2님이 강제 퇴장되었습니다. (시끄러워요)");
    }

    @Test
    void kickOfAMemberInAnotherRoomSaysItIsNotInThisRoom() {
        server = TestServer.start();
        server.joined("유저2");
        ClientRun owner = joinAs("유저1");
        owner.type("/join study");
        owner.awaitLine("[study] 방에 들어왔습니다 (1/5명)");

        owner.type("/kick 유저2");
        owner.awaitLine("유저2님은 이 방에 없습니다");
        owner.type("/kick 아무도");
        owner.awaitLine("그런 사용자가 없습니다: 아무도");
        owner.assertStillRunning();
    }

    @Test
    void ownerKicksFromTheirRoom() {
        server = TestServer.start();
        TestClient member = server.joined("유저2");
        ClientRun owner = joinAs("유저1");
        owner.type("/join study");
        owner.awaitLine("[study] 방에 들어왔습니다 (1/5명)");
        member.request(OcpMessage.request(Methods.JOIN, Targets.room("study")).build());
        owner.awaitLine("유저2님이 입장하였습니다.");

        owner.type("/kick 유저2");

        owner.awaitLine("유저2님이 유저1님에 의해 강제 퇴장되었습니다.");
        assertThat(member.isOpen()).isTrue();
    }

    @Test
    void pastedBurstIsHeldBackAndSentInOrder() {
        server = TestServer.start(c -> c.floodControl(new FloodControl(true, 10, 10)));
        TestClient other = server.joined("유저2");
        ClientRun client = joinAs("유저1");
        next(other, Methods.JOINED);
        List<String> pasted =
                IntStream.rangeClosed(1, 30).mapToObj(i -> "붙여넣은 줄 " + i).toList();

        client.paste(pasted);

        List<String> received = new ArrayList<>();
        while (received.size() < pasted.size()) {
            received.add(next(other, Methods.MESSAGE).bodyText());
        }
        assertThat(received).containsExactlyElementsOf(pasted);
        client.awaitLineContaining("메세지를 너무 빨리 보내고 있습니다. 기다리는 ");
        assertThat(client.lines())
                .filteredOn(l -> l.startsWith("메세지를 너무 빨리"))
                .as("told once")
                .hasSize(1);
        assertThat(client.lines()).noneMatch(l -> l.contains("보내지 못했습니다"));
    }

    @Test
    void pastedPrivateMessagesAreHeldBackWithTheChatLinesAndAllArriveInOrder() {
        server = TestServer.start(c -> c.floodControl(new FloodControl(true, 10, 10)));
        TestClient other = server.joined("유저2");
        ClientRun client = joinAs("유저1");
        next(other, Methods.JOINED);
        List<String> whispers =
                IntStream.rangeClosed(1, 30).mapToObj(i -> "귓속말 " + i).toList();
        List<String> pasted =
                new ArrayList<>(whispers.stream().map(w -> "/w 유저2 " + w).toList());
        pasted.add("모두에게 마지막 줄");

        client.paste(pasted);

        List<String> received = new ArrayList<>();
        while (received.size() < whispers.size()) {
            received.add(next(other, Methods.PRIVATE).bodyText());
        }
        assertThat(received).containsExactlyElementsOf(whispers);
        assertThat(next(other, Methods.MESSAGE).bodyText())
                .as("the chat line after the burst, on the same connection")
                .isEqualTo("모두에게 마지막 줄");
        client.awaitLineContaining("(귓속말) 나 → 유저2 : 귓속말 30");
        assertThat(client.lines())
                .filteredOn(l -> l.contains("(귓속말) 나 → 유저2 : "))
                .extracting(l -> l.substring(l.indexOf(" : ") + 3))
                .as("each shown once, in order, when the server took it")
                .containsExactlyElementsOf(whispers);
        client.awaitLineContaining("메세지를 너무 빨리 보내고 있습니다. 기다리는 ");
        assertThat(client.lines())
                .noneMatch(l -> l.contains("보내지 못했습니다") || l.contains("다시 보내세요") || l.contains("다시 연결"));
    }

    @Test
    void pipedBurstFollowedByQuitIsSentBeforeLeaving() {
        server = TestServer.start(c -> c.floodControl(new FloodControl(true, 10, 10)));
        TestClient other = server.joined("유저2");
        ClientRun client = joinAs("유저1");
        next(other, Methods.JOINED);
        List<String> piped =
                IntStream.rangeClosed(1, 25).mapToObj(i -> "파이프 줄 " + i).toList();

        client.paste(piped);
        client.type("/종료");

        assertThat(client.awaitExit()).isZero();
        List<String> received = new ArrayList<>();
        while (received.size() < piped.size()) {
            received.add(next(other, Methods.MESSAGE).bodyText());
        }
        assertThat(received).containsExactlyElementsOf(piped);
        assertThat(next(other, Methods.LEFT).header(HeaderNames.REASON)).contains("left");
    }

    @Test
    void pipedPasteThenEndOfInputWaitsThroughEveryHoldBack() {
        server = TestServer.start(c -> c.floodControl(new FloodControl(true, 3, 3)));
        TestClient other = server.joined("유저2");
        ClientRun client = joinAs("유저1");
        next(other, Methods.JOINED);
        List<String> piped =
                IntStream.rangeClosed(1, 15).mapToObj(i -> "짧은 파이프 " + i).toList();

        client.paste(piped);
        client.endInput();

        String progress = client.awaitLineContaining("나가기 전에 남은 ");
        assertThat(progress).matches("나가기 전에 남은 [0-9]+줄을 보내는 중입니다 \\(약 [0-9]+초\\)\\. 남은 줄을 보내지 않고 지금 나가려면 Ctrl-C.*");
        List<String> received = new ArrayList<>();
        while (received.size() < piped.size()) {
            received.add(next(other, Methods.MESSAGE).bodyText());
        }
        assertThat(received).containsExactlyElementsOf(piped);
        assertThat(next(other, Methods.LEFT).header(HeaderNames.REASON)).contains("left");
        assertThat(client.awaitExit()).isZero();
        assertThat(client.lines()).noneMatch(l -> l.contains("보내지 못했습니다"));
    }

    /**
     * A trial piped 153 lines: every /입장 past the joins-and-parts allowance was refused 429 and dropped, and the client
     * still exited 0. Now each waits the server's Retry-After and goes again, and what was piped after it waits behind
     * it: the chat line at the end reaches the room the last /입장 entered.
     */
    @Test
    void pipedCommandsPastTheJoinAllowanceWaitAndAreAllDoneInOrder() {
        // Two rooms a member: the allowance of joins and parts is 2 at once, then 5 a second.
        server = TestServer.start(b -> b.maxRoomsPerMember(2));
        TestClient inP4 = inRoom("유저2", "p4");
        ClientRun client = joinAs("유저1");
        List<String> piped = List.of("/입장 p1", "/퇴장", "/입장 p2", "/퇴장", "/입장 p3", "/퇴장", "/입장 p4", "p4에서 하는 말");

        client.paste(piped);
        client.endInput();

        assertThat(next(inP4, Methods.MESSAGE).bodyText()).isEqualTo("p4에서 하는 말");
        assertThat(client.awaitExit()).isZero();
        assertThat(client.lines())
                .filteredOn(l -> l.contains("방에 들어왔습니다") || l.contains("방에서 나왔습니다"))
                .containsExactly(
                        "[p1] 방에 들어왔습니다 (1/5명)",
                        "[p1] 방에서 나왔습니다",
                        "[p2] 방에 들어왔습니다 (1/5명)",
                        "[p2] 방에서 나왔습니다",
                        "[p3] 방에 들어왔습니다 (1/5명)",
                        "[p3] 방에서 나왔습니다",
                        "[p4] 방에 들어왔습니다 (2/5명)");
        assertThat(client.lines())
                .as("each wait said, with the command that waits")
                .anyMatch(l -> l.matches("명령이 너무 빨라 1초 뒤에 다시 보냅니다 \\(5번까지\\): /(입장 p[2-4]|퇴장)"))
                .noneMatch(l -> l.contains("거절") || l.contains("보내지 않았습니다") || l.contains("보내지 못했습니다"));
    }

    /**
     * A command the server goes on refusing for its pace (its clock stands still, so the allowance never comes back) is
     * sent again five times, then given up with a line that names it; the input after it goes on, and the exit status
     * says something was not done.
     */
    @Test
    void commandRefusedForItsPaceSixTimesInARowIsGivenUpAndTheExitStatusSaysSo() {
        server = TestServer.start(b -> b.maxRoomsPerMember(2), new SteppedClock());
        TestClient other = server.joined("유저2");
        ClientRun client = joinAs("유저1");
        next(other, Methods.JOINED);

        client.paste(List.of("/입장 g1", "/퇴장", "/입장 g2", "로비에 하는 말"));
        client.endInput();

        // Five waits of a second: longer than a line is awaited for, within the wait for the exit.
        assertThat(client.awaitExit()).isEqualTo(1);
        assertThat(client.lines()).contains("명령이 6번 연달아 거절되어 보내지 않았습니다. 잠시 뒤에 다시 입력하십시오: /입장 g2");
        assertThat(next(other, Methods.MESSAGE).bodyText()).isEqualTo("로비에 하는 말");
        assertThat(client.lines())
                .filteredOn(l -> l.startsWith("명령이 너무 빨라 "))
                .as("the wait said once, not at each of the five resends")
                .containsExactly("명령이 너무 빨라 1초 뒤에 다시 보냅니다 (5번까지): /입장 g2");
        assertThat(client.lines()).noneMatch(l -> l.contains("[g2] 방에 들어왔습니다"));
    }

    /** A wait past a minute is not held: the command is given up at once, said in English too, and the exit is 1. */
    @Test
    void commandTheServerWouldHoldForMoreThanAMinuteIsGivenUpAtOnce() {
        // The allowance of joins and parts comes back one every 100 s.
        server = TestServer.start(b -> b.maxRoomsPerMember(2).floodControl(new FloodControl(true, 10, 0.01)));
        ClientRun client = ClientRun.start(new ClientConfig("alice", "127.0.0.1", server.port(), null, Locale.ENGLISH));
        clients.add(client);
        client.awaitLine("Connected as alice");

        client.type("/join g1");
        client.type("/part");
        client.type("/join g2");

        client.awaitLine("The server asks to wait 100 s more, past the 60 s a command is held at most, so this command"
                + " was not sent. Type it again then: /join g2");
        client.type("/quit");
        assertThat(client.awaitExit()).isEqualTo(1);
        assertThat(client.lines()).noneMatch(l -> l.startsWith("Commands are coming too fast"));
    }

    /** A second /quit while the lines wait leaves at once: the lines left are counted, and the exit code says so. */
    @Test
    void secondQuitWhileLinesWaitLeavesAtOnceAndExitsNonZero() {
        server = TestServer.start(c -> c.floodControl(new FloodControl(true, 2, 0.01)));
        TestClient other = server.joined("유저2");
        ClientRun client = joinAs("유저1");
        next(other, Methods.JOINED);

        client.paste(List.of("하나", "둘", "셋", "넷", "다섯"));
        client.type("/종료");
        client.awaitLineContaining("기다리는 3줄을 100초 후에");
        client.type("안 보내질 줄");
        client.awaitLine("남은 줄을 보낸 뒤 나갑니다. 이 줄은 보내지 않습니다. 남은 줄을 보내지 않고 지금 나가려면 Ctrl-C 키를 누르거나 한 번 더 입력하십시오: /종료");
        client.type("/종료");

        client.awaitLine("3줄을 보내지 못했습니다");
        assertThat(client.awaitExit()).isEqualTo(1);
        assertThat(next(other, Methods.MESSAGE).bodyText()).isEqualTo("하나");
        assertThat(next(other, Methods.MESSAGE).bodyText()).isEqualTo("둘");
        assertThat(next(other, Methods.LEFT).header(HeaderNames.REASON)).contains("left");
    }

    /** The connection breaks while leaving waits for held-back lines: it says so, counts them, and exits 1. */
    @Test
    void connectionLostWhileLinesWaitToLeaveCountsThemAndExitsNonZero() {
        server = TestServer.start(c -> c.floodControl(new FloodControl(true, 2, 0.01)));
        TestClient other = server.joined("유저2");
        ClientRun client = joinAs("유저1");
        next(other, Methods.JOINED);

        client.paste(List.of("하나", "둘", "셋", "넷"));
        client.type("/quit");
        client.endInput();
        client.awaitLineContaining("기다리는 2줄을 100초 후에");
        next(other, Methods.MESSAGE);
        next(other, Methods.MESSAGE);

        server.server().core().member("유저1").orElseThrow().link().close();

        client.awaitLine("서버와의 연결이 끊어졌습니다");
        client.awaitLine("2줄을 보내지 못했습니다");
        assertThat(client.awaitExit()).isEqualTo(1);
    }

    @Test
    void aRenameSeenInTwoSharedRoomsIsOneLine() {
        server = TestServer.start();
        TestClient other = inRoom("유저2", "study");
        ClientRun client = joinAs("유저1");
        client.type("/join study");
        client.awaitLine("[study] 방에 들어왔습니다 (2/5명)");

        rename(other, "길동");

        client.awaitLine("유저2님이 이름을 바꿨습니다: 길동");
        OcpMessage after = say(other, "study", "이름 바꿨어요");
        client.awaitLine("[" + local(after) + "] 길동 : 이름 바꿨어요");
        assertThat(client.lines()).filteredOn(l -> l.contains("이름을 바꿨습니다")).hasSize(1);
    }

    @Test
    void reconnectAfterNickConnectsWithTheNewName() {
        server = TestServer.start();
        TestClient studyMember = inRoom("유저3", "study");
        ClientRun client = joinAs("유저1");
        client.type("/join study");
        client.awaitLine("[study] 방에 들어왔습니다 (2/5명)");
        client.type("/nick 나그네");
        client.awaitLine("이름을 바꿨습니다: 나그네");

        server.server().core().member("나그네").orElseThrow().link().close();
        client.awaitLine("서버와의 연결이 끊어졌습니다");
        client.type("/재접속");

        client.awaitLine("나그네 접속 완료");
        OcpMessage rejoined = studyMember.nextMatching(m -> m.method().equals(Methods.JOINED)
                && m.header(HeaderNames.NAME).orElse("").equals("나그네"));
        assertThat(rejoined.target()).as("back in its room under the new name").isEqualTo(Targets.room("study"));
        assertThat(client.lines()).filteredOn(l -> l.equals("유저1 접속 완료")).hasSize(1);
    }

    @Test
    void kickedUnderTheNewNameIsKnownToBeMe() {
        server = TestServer.start();
        TestClient admin = inRoom(Names.ADMINISTRATOR, "study");
        ClientRun client = joinAs("유저1");
        client.type("/join study");
        client.awaitLine("[study] 방에 들어왔습니다 (2/5명)");
        client.type("/이름변경 나그네");
        client.awaitLine("이름을 바꿨습니다: 나그네");

        admin.request(OcpMessage.request(Methods.KICK, Targets.room("study"))
                .header(HeaderNames.NAME, "나그네")
                .build());

        client.awaitLine("[study] 방에서 관리자에 의해 강제 퇴장되었습니다.");
        client.awaitLine("이제 [lobby] 방에서 이야기합니다");
        client.assertStillRunning();
    }

    @Test
    void reconnectShowsWhatWasMissedInEachRoom() {
        server = TestServer.start();
        TestClient lobbyMember = server.joined("유저2");
        TestClient studyMember = inRoom("유저3", "study");
        ClientRun client = joinAs("유저1");
        client.type("/join study");
        client.awaitLine("[study] 방에 들어왔습니다 (2/5명)");
        OcpMessage before = say(lobbyMember, "lobby", "끊기기 전");
        client.awaitLine("[lobby] [" + local(before) + "] 유저2 : 끊기기 전");

        server.server().core().member("유저1").orElseThrow().link().close();
        client.awaitLine("서버와의 연결이 끊어졌습니다");
        OcpMessage missedInLobby = say(lobbyMember, "lobby", "로비에서 놓친 말");
        OcpMessage missedInStudy = say(studyMember, "study", "스터디에서 놓친 말");

        client.type("/재접속");

        client.awaitLine("(기록) [" + local(missedInStudy) + "] 유저3 : 스터디에서 놓친 말");
        client.awaitLine("[lobby] (기록) [" + local(missedInLobby) + "] 유저2 : 로비에서 놓친 말");
        OcpMessage live = say(lobbyMember, "lobby", "다시 만나서 반가워요");
        client.awaitLine("[lobby] [" + local(live) + "] 유저2 : 다시 만나서 반가워요");
        assertThat(client.lines())
                .filteredOn(l -> l.contains("끊기기 전"))
                .as("nothing seen is replayed")
                .hasSize(1);
        assertThat(client.lines()).filteredOn(l -> l.equals("유저1 접속 완료")).hasSize(2);
        client.type("스터디에 다시 왔어요");
        OcpMessage typed = studyMember.nextMatching(
                m -> m.method().equals(Methods.MESSAGE) && m.bodyText().equals("스터디에 다시 왔어요"));
        assertThat(typed.target()).as("still talking in the room it was in").isEqualTo(Targets.room("study"));
    }
}
