package openchat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import openchat.core.Names;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.protocol.Targets;
import openchat.server.testing.TestClient;
import openchat.server.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A room's registration as the terminal client shows it, through its input and output against a real server: the
 * REGISTER and UNREGISTER events in the room's style (a key kept for the room forgotten when someone else's doing
 * killed it), the mark of registered rooms in {@code /방목록} and {@code /참여자}, the heir's line, the owner's new key
 * that kills the old one everywhere, and the administrator's {@code /등록목록}.
 */
class RegistrationNewsClientTest {
    private static final String DROPPED_BY_ADMIN = "채팅관리자님이 이 방의 등록을 지웠습니다: 방 열쇠는 이제 열리지 않고, 방장은 방에 있는 사람 가운데서 정해집니다.";
    private static final String HEIR_OF_REGISTERED = "이 방은 등록된 방입니다: 방 열쇠를 가진 사람이 열쇠를 입력하면 언제든 방장 자리를 되찾습니다.";
    private static final String REGISTERED_BY_ADMIN =
            "채팅관리자님이 이 방을 등록했습니다: 방 열쇠는 관리자에게 있고, 그 열쇠를 입력하는 사람이 언제든 이 방의 방장이 됩니다.";
    private static final String REKEYED_BY_ADMIN =
            "채팅관리자님이 이 방에 새 열쇠를 주었습니다: 전의 열쇠는 이제 열리지 않습니다. 새 열쇠는" + " 관리자에게 있고, 그 열쇠를 입력하는 사람이 방장이 됩니다.";
    private static final String TO_THE_OWNER =
            "지금은 방장이지만, 방 열쇠를 입력하는 사람이 나타나면 방장 자리가 넘어갑니다. 방장으로 남으려면" + " 관리자에게 열쇠를 받아 이렇게 입력하십시오: /열쇠 방열쇠";
    /** The heir of a room that is not registered: {@code /방등록} is its own too. */
    private static final String OWNER_ME =
            "이 방의 방장이 되었습니다. 이제 다음 명령어를 쓸 수 있습니다: /강퇴, /주제, /방차단, /방차단해제, /인원제한, /삭제, /방등록";
    /** The heir of a registered room, which may not register it again without the key. */
    private static final String OWNER_ME_REGISTERED =
            "이 방의 방장이 되었습니다. 이제 다음 명령어를 쓸 수 있습니다: /강퇴, /주제, /방차단, /방차단해제, /인원제한, /삭제";

    private final TestServer server = TestServer.start();
    private final List<ClientRun> clients = new ArrayList<>();

    @TempDir
    Path home;

    @AfterEach
    void stop() throws Exception {
        clients.forEach(ClientRun::close);
        server.close();
    }

    /** Each client's own keys file, as on its own computer. */
    private Path keysFile(String name) {
        return home.resolve(name).resolve(".openchat").resolve(RoomKeys.FILE_NAME);
    }

    private ClientRun start(String name, Locale locale, String room) {
        ClientRun client = ClientRun.start(new ClientConfig(
                name, "127.0.0.1", server.port(), server.adminKeyFile(), locale, ClientTls.OFF, room, keysFile(name)));
        clients.add(client);
        client.awaitLine(locale.equals(Locale.KOREAN) ? name + " 접속 완료" : "Connected as " + name);
        return client;
    }

    /** A Korean client as {@code name}, in {@code study}, which it made, owns and registered: its key kept. */
    private ClientRun registeredOwnerOfStudy(String name) {
        ClientRun owner = start(name, Locale.KOREAN, "study");
        owner.type("/방등록");
        String line = owner.awaitLineContaining("[study] 방을 등록했습니다. 방 열쇠: ");
        String key = line.substring(line.lastIndexOf(' ') + 1);
        assertThat(keysFileText(name)).contains("\tstudy\t" + key);
        return owner;
    }

    private TestClient inStudy(String name) {
        TestClient client = server.client();
        assertThat(client.connect("study", name, null).statusCode()).isEqualTo(200);
        return client;
    }

    private TestClient administratorInLobby() {
        return server.joined(Names.ADMINISTRATOR);
    }

    private String keysFileText(String name) {
        try {
            return Files.readString(keysFile(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static OcpMessage register(TestClient client, String room) {
        OcpMessage answer = client.request(
                OcpMessage.request(Methods.REGISTER, Targets.room(room)).build());
        assertThat(answer.statusCode())
                .as("REGISTER %s: %s", room, answer.bodyText())
                .isEqualTo(200);
        return answer;
    }

    @Test
    void aMemberSeesTheAdministratorDropTheRoomsRegistrationAtOnceAndItsKeptKeyIsForgotten() {
        ClientRun owner = registeredOwnerOfStudy("민수");
        ClientRun member = start("지연", Locale.KOREAN, "study");
        owner.awaitLineContaining("지연님이 입장하였습니다");

        OcpMessage dropped = administratorInLobby()
                .request(OcpMessage.request(Methods.UNREGISTER, Targets.room("study"))
                        .build());

        assertThat(dropped.statusCode()).isEqualTo(200);
        owner.awaitLine(DROPPED_BY_ADMIN);
        owner.awaitLine("이 컴퓨터에 저장해 둔 이 방의 열쇠는 이제 열리지 않아 " + keysFile("민수") + " 에서 지웠습니다.");
        assertThat(keysFileText("민수")).doesNotContain("\tstudy\t");
        member.awaitLine(DROPPED_BY_ADMIN);
        member.type("/참여자");
        member.awaitLine("[study] 참여자 2명");
        assertThat(member.lines())
                .as("a member that kept no key has none to forget")
                .noneMatch(line -> line.contains("저장해 둔 이 방의 열쇠"));
    }

    @Test
    void membersAreToldInTheirLanguageWhenTheOwnerRegistersTheRoom() {
        TestClient owner = inStudy("민수");
        ClientRun member = start("지연", Locale.KOREAN, "study");
        ClientRun english = start("carol", Locale.ENGLISH, "study");
        member.awaitLineContaining("carol님이 입장하였습니다");

        register(owner, "study");

        member.awaitLine("민수님이 이 방을 등록했습니다: 이제 방 열쇠를 입력하는 사람이 언제든 이 방의 방장이 됩니다.");
        english.awaitLine("민수 registered this room: whoever enters its key becomes its owner, at any time.");
        english.type("/who");
        english.awaitLine("[study]: 3 members, a registered room");
        english.type("/rooms");
        english.awaitLine("room   members  owner  registered  topic");
        english.awaitLine("study  3/5      민수   yes");
    }

    @Test
    void aNewKeyGivenBySomeoneElseKillsTheKeptKeyAndTheOwnerIsToldAtOnce() {
        ClientRun owner = registeredOwnerOfStudy("민수");

        OcpMessage rekeyed = register(administratorInLobby(), "study");

        assertThat(rekeyed.header(HeaderNames.REPLACED)).contains("true");
        owner.awaitLine(REKEYED_BY_ADMIN);
        owner.awaitLine(TO_THE_OWNER);
        owner.awaitLine("이 컴퓨터에 저장해 둔 이 방의 열쇠는 이제 열리지 않아 " + keysFile("민수") + " 에서 지웠습니다.");
        assertThat(keysFileText("민수")).doesNotContain("\tstudy\t");
        owner.type("/참여자");
        owner.awaitLine("[study] 참여자 1명 (등록된 방)");
    }

    /**
     * The administrator registers a room from the lobby, or gives it a new key: the key is with the administrator, which
     * keeps none. The members are told the facts only: told how to own the room, each would read an invitation to ask
     * the administrator for it.
     */
    @Test
    void aRegistrationByTheAdministratorTellsTheMembersOnlyThatTheKeyIsWithTheAdministrator() {
        TestClient owner = inStudy("민수");
        ClientRun member = start("지연", Locale.KOREAN, "study");
        ClientRun english = start("carol", Locale.ENGLISH, "study");
        member.awaitLineContaining("carol님이 입장하였습니다");
        TestClient administrator = administratorInLobby();

        String key =
                register(administrator, "study").header(HeaderNames.ROOM_KEY).orElseThrow();

        member.awaitLine(REGISTERED_BY_ADMIN);
        english.awaitLine(
                "채팅관리자 registered this room. The key is with the administrator; whoever enters it owns the room.");
        register(administrator, "study");
        member.awaitLine(REKEYED_BY_ADMIN);
        english.awaitLine("채팅관리자 gave this room a new key: the old key no longer works. The key is with the"
                + " administrator; whoever enters it owns the room.");
        member.type("/참여자");
        member.awaitLine("[study] 참여자 3명 (등록된 방)");
        assertThat(member.lines())
                .as("nothing addressed to the owner, nor how to own the room")
                .noneMatch(line -> line.contains("/열쇠"))
                .noneMatch(line -> line.contains(key));
        assertThat(english.lines()).noneMatch(line -> line.contains("/claim"));
        assertThat(server.server().core().room("study").owner()).isEqualTo("민수");
    }

    /**
     * The owner present when the administrator registers the room, or gives it a new key, reads the members' line, then
     * one addressed to it: it owns the room until someone enters the key, and keeps it by asking the administrator for
     * the key and entering it (it would find nowhere the key is, and be refused a {@code /방등록} of its own).
     */
    @Test
    void theOwnerPresentAtTheAdministratorsRegistrationIsToldItOwnsTheRoomUntilTheKeyIsEnteredAndHowToKeepIt() {
        ClientRun owner = start("민수", Locale.KOREAN, "study");
        ClientRun english = start("Minsu", Locale.ENGLISH, "poem");
        TestClient administrator = administratorInLobby();

        register(administrator, "study");
        register(administrator, "poem");

        owner.awaitLine(REGISTERED_BY_ADMIN);
        owner.awaitLine(TO_THE_OWNER);
        english.awaitLine(
                "You own the room for now, but whoever enters its key takes it. To keep it, get the key from the"
                        + " administrator and enter: /claim KEY");
        register(administrator, "study");
        owner.awaitLine(REKEYED_BY_ADMIN);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(owner.lines())
                .as("once for the registration, once for the new key")
                .filteredOn(TO_THE_OWNER::equals)
                .hasSize(2));
        List<String> lines = owner.lines();
        assertThat(lines.get(lines.lastIndexOf(TO_THE_OWNER) - 1))
                .as("right after the members' line")
                .isEqualTo(REKEYED_BY_ADMIN);
    }

    @Test
    void registeringAgainSaysThePreviousKeyNoLongerWorksOnAnyComputer() {
        String replaced = "전의 열쇠는 이제 열리지 않습니다: 다른 컴퓨터에 저장해 둔 것도 마찬가지여서, 그 컴퓨터에서도 새 열쇠를 입력해야 방장이 됩니다.";
        ClientRun owner = registeredOwnerOfStudy("민수");
        owner.awaitLineContaining("서버는 이 열쇠를 다시 보여 주지 않습니다");
        assertThat(owner.lines()).as("a first registration replaced no key").doesNotContain(replaced);

        owner.type("/방등록");

        owner.awaitLine(replaced);
        ClientRun english = start("alice", Locale.ENGLISH, "den");
        english.type("/register");
        english.awaitLineContaining("Registered [den]. Its key: ");
        english.type("/register");
        english.awaitLine(
                "The previous key no longer works anywhere: a computer that kept it needs the new key to own the room.");
    }

    @Test
    void roomsMarksTheRegisteredRoomsOnlyAndWhoSaysSoInItsHeading() {
        ClientRun owner = start("민수", Locale.KOREAN, "study");
        owner.type("/방목록");
        owner.awaitLine("방     인원  방장  주제");
        owner.awaitLine("study  1/5   민수");

        owner.type("/방등록");
        owner.awaitLineContaining("[study] 방을 등록했습니다");
        owner.type("/방목록");
        owner.awaitLine("방     인원  방장  등록    주제");
        owner.awaitLine("study  1/5   민수  등록됨");
        owner.type("/참여자");
        owner.awaitLine("[study] 참여자 1명 (등록된 방)");

        owner.type("/등록해제");
        owner.awaitLineContaining("study 방의 등록을 지웠습니다");
        owner.type("/참여자");
        owner.awaitLine("[study] 참여자 1명");
    }

    @Test
    void anHeirByPresenceOfARegisteredRoomIsToldTheKeysHolderTakesItBack() {
        TestClient owner = inStudy("민수");
        register(owner, "study");
        ClientRun heir = start("지연", Locale.KOREAN, "study");

        owner.request(OcpMessage.request(Methods.PART, Targets.room("study")).build());

        heir.awaitLine(OWNER_ME_REGISTERED);
        heir.awaitLine(HEIR_OF_REGISTERED);
        heir.type("/참여자");
        heir.awaitLine("[study] 참여자 1명 (등록된 방)");
    }

    @Test
    void anHeirAfterTheOwnersQuietLeaveIsToldTooButNotWhenTheKeysHolderTakesTheRoom() {
        TestClient owner = inStudy("민수");
        String key = register(owner, "study").header(HeaderNames.ROOM_KEY).orElseThrow();
        ClientRun heir = start("Jiyeon", Locale.ENGLISH, "study");
        owner.request(OcpMessage.request(Methods.PART, Targets.room("study")).build());
        heir.awaitLine("This room is registered: whoever enters its key takes it back at any time.");

        owner.request(OcpMessage.request(Methods.JOIN, Targets.room("study"))
                .header(HeaderNames.ROOM_KEY, key)
                .build());
        heir.awaitLine("민수 became the owner of this room with its key: you no longer own it.");
        owner.request(OcpMessage.request(Methods.LEAVE, Targets.SERVER)
                .header(HeaderNames.QUIET, "true")
                .build());

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(heir.lines())
                .filteredOn(line -> line.startsWith("This room is registered"))
                .as("once when the owner parted, once when it left quietly (an OWNER event)")
                .hasSize(2));
        assertThat(heir.lines())
                .filteredOn(line -> line.startsWith("You are now the owner"))
                .hasSize(2);
    }

    @Test
    void theFirstIntoAnEmptiedRegisteredRoomIsToldTheKeysHolderTakesItBackButNotTheKeysHolder() {
        TestClient owner = inStudy("민수");
        String key = register(owner, "study").header(HeaderNames.ROOM_KEY).orElseThrow();
        owner.request(OcpMessage.request(Methods.PART, Targets.room("study")).build());

        ClientRun first = start("지연", Locale.KOREAN, "study");
        first.awaitLine("[study] " + HEIR_OF_REGISTERED);
        ClientRun holder = start("민수폰", Locale.KOREAN, "lobby");
        first.type("/퇴장 study");
        first.awaitLine("[study] 방에서 나왔습니다");
        holder.type("/입장 study " + key);

        holder.awaitLine("[study] 방에 들어왔습니다 (1/5명)");
        holder.type("/참여자");
        holder.awaitLine("[study] 참여자 1명 (등록된 방)");
        assertThat(holder.lines()).noneMatch(line -> line.contains(HEIR_OF_REGISTERED));
    }

    /**
     * Whoever comes first into an emptied registered room is told it is registered, tagged with the room as the lines
     * before it ({@code [study] 방에 들어왔습니다}): after {@code /재접속}, which rejoins it while another room stays on
     * screen, an untagged line would read as about that other room.
     */
    @Test
    void theRegisteredRoomNoticeOnEnteringIsTaggedWithItsRoomAlsoWhenAReconnectRejoinsARoomNotOnScreen() {
        TestClient owner = inStudy("민수");
        register(owner, "study");
        owner.request(OcpMessage.request(Methods.PART, Targets.room("study")).build());
        ClientRun client = start("현우", Locale.KOREAN, "study");
        client.awaitLine("[study] " + HEIR_OF_REGISTERED);
        client.type("/입장 eng");
        client.awaitLine("[eng] 방에 들어왔습니다 (1/5명)");

        server.server().core().member("현우").orElseThrow().link().close();
        client.awaitLine("서버와의 연결이 끊어졌습니다");
        client.type("/재접속");

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(client.lines())
                .filteredOn(("[study] " + HEIR_OF_REGISTERED)::equals)
                .hasSize(2));
        assertThat(client.lines()).doesNotContain(HEIR_OF_REGISTERED);
    }

    @Test
    void anHeirOfARoomThatIsNotRegisteredIsToldNothingMore() {
        TestClient owner = inStudy("민수");
        ClientRun heir = start("지연", Locale.KOREAN, "study");

        owner.request(OcpMessage.request(Methods.PART, Targets.room("study")).build());

        heir.awaitLine(OWNER_ME);
        heir.type("/참여자");
        heir.awaitLine("[study] 참여자 1명");
        assertThat(heir.lines()).doesNotContain(HEIR_OF_REGISTERED);
    }

    /** The administrator's list says how many rooms are registered, and its columns are the web page's, in its order. */
    @Test
    void theAdministratorsListSaysHowManyRoomsAreRegisteredAboveItsColumnsInTheWebPagesOrder() {
        ClientRun administrator = start(Names.ADMINISTRATOR, Locale.KOREAN, "lobby");
        TestClient owner = inStudy("유저2");
        register(owner, "study");
        owner.request(OcpMessage.request(Methods.JOIN, Targets.room("algebra")).build());
        register(owner, "algebra");

        administrator.type("/등록목록");

        String total = "등록된 방 2개";
        String columns = "방       인원   등록한 사람  날짜                 네트워크      마지막 사용";
        administrator.awaitLine(columns);
        List<String> lines = administrator.lines();
        assertThat(lines.get(lines.indexOf(columns) - 1)).isEqualTo(total);
    }

    @Test
    void theAdministratorListsTheRegisteredRoomsWithWhoWhenInLocalTimeAndTheirNetworkAndAMemberThoseOfItsNetwork() {
        ClientRun administrator = start(Names.ADMINISTRATOR, Locale.KOREAN, "lobby");
        administrator.type("/등록목록");
        administrator.awaitLine("등록된 방이 없습니다");
        TestClient owner = inStudy("유저2");
        register(owner, "study");
        owner.request(OcpMessage.request(Methods.JOIN, Targets.room("algebra")).build());
        register(owner, "algebra");
        owner.request(OcpMessage.request(Methods.PART, Targets.room("algebra")).build());

        administrator.type("/registrations");

        administrator.awaitLine("방       인원       등록한 사람  날짜                 네트워크      마지막 사용");
        assertThat(administrator.awaitLineContaining("algebra  비어 있음  유저2 ")).contains("  127.0.0.0/24  ");
        String row = administrator.awaitLineContaining("study    1/5명      유저2 ");
        java.util.regex.Matcher date = java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}")
                .matcher(row);
        assertThat(date.find()).as(row).isTrue();
        assertThat(row)
                .as("registered and last used at once")
                .endsWith(date.group() + "  127.0.0.0/24  " + date.group());
        LocalDateTime shown = LocalDateTime.parse(date.group(), DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
        assertThat(Duration.between(shown, LocalDateTime.now(ClientRun.ZONE)).abs())
                .as("the date in the client's time zone, not the server's UTC")
                .isLessThan(Duration.ofMinutes(1));
        ClientRun member = start("지연", Locale.KOREAN, "lobby");
        member.type("/등록목록");
        member.awaitLine("이 주소와 같은 네트워크에서 등록한 방 2개 (최대 50개, 네트워크 127.0.0.0/24)");
        member.awaitLine("방       인원       등록한 사람  날짜                 네트워크      마지막 사용");
        ClientRun english = start("carol", Locale.ENGLISH, "lobby");
        english.type("/registrations");
        english.awaitLine("Rooms registered from your network: 2 of at most 50 (network 127.0.0.0/24)");
    }

    @Test
    void aMemberWhoseNetworkRegisteredNoRoomIsToldSoWithItsNetworkAndTheMost() {
        ClientRun member = start("지연", Locale.KOREAN, "lobby");

        member.type("/등록목록");

        member.awaitLine("이 주소와 같은 네트워크에서 등록한 방이 없습니다 (최대 50개, 네트워크 127.0.0.0/24)");
    }
}
