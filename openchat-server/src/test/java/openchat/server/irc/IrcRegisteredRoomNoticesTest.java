package openchat.server.irc;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.Channel;
import java.util.Locale;
import java.util.regex.Pattern;
import openchat.core.Chat;
import openchat.core.Member;
import openchat.core.Names;
import openchat.core.RegisteredRoom;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.protocol.Targets;
import openchat.server.testing.TestClient;
import org.junit.jupiter.api.Test;

/**
 * What IRC members are told of a room's registration, whoever changed it: the server's {@code MODE +r} and
 * {@code -r} with a sentence saying who did what and what it means (a new key: the sentence alone), {@code r} in 324
 * and in ISUPPORT, a client's own {@code MODE +r} refused toward ChanServ, the change of owner by key and an heir's
 * ownership of a registered room in words; ChanServ's {@code INFO} and the administrator's {@code LIST}.
 */
class IrcRegisteredRoomNoticesTest extends IrcTestBase {
    private static final String CHANSERV = ":ChanServ!ChanServ@openchat NOTICE ";
    /**
     * When a registration was made, as ChanServ writes it: to the second, as the terminal client does, then the
     * server's zone, by its short name or, without one, its offset ({@link IrcDatesTest}).
     */
    private static final String WHEN =
            "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} (UTC|[A-Z][A-Za-z]{1,5}|[+-]\\d{2}:\\d{2})";

    private static final String REGISTERED_BY_철수 =
            ":openchat NOTICE #study :*** 철수님이 #study 방을 등록했습니다: 이제 방 열쇠를 입력하는 사람이 언제든 이 방의 방장이 됩니다";
    /** What the heir alone reads, after its {@code +o}. */
    private static final String HEIR =
            ":openchat NOTICE #study :*** #study 방의 방장이 되었습니다. 등록된 방이라 방 열쇠를 가진 사람이 열쇠를 입력하면 언제든 방장 자리를 되찾습니다";

    private static OcpMessage request(String method, String room) {
        return OcpMessage.request(method, Targets.room(room)).build();
    }

    private Chat<Channel> core() {
        return server().server().core();
    }

    @Test
    void membersSeeARegistrationAsTheServersModePlusRAndASentenceAndTheRegistrantItsOwnPlusR() {
        IrcTestClient owner = irc("철수");
        owner.join("#study");
        IrcTestClient member = irc("영희");
        member.join("#study");
        owner.expect(" JOIN #study$");

        registerWithChanServ(owner, "#study");

        assertThat(member.sync()).containsExactly(":openchat MODE #study +r", REGISTERED_BY_철수);
        assertThat(owner.sync())
                .as("the registrant had its +r with ChanServ's answer")
                .isEmpty();
    }

    @Test
    void anOcpOwnersRegistrationNewKeyAndDropReachIrcMembersAsModesAndSentences() {
        TestClient ocpOwner = ocpIn("study", "유저1");
        IrcTestClient member = irc("영희");
        member.join("#study");
        IrcTestClient second = ircWithCaps("민수", "server-time"); // another encoder: the event encoded per kind
        second.join("#study");
        member.expect(" JOIN #study$");

        OcpMessage registered = ocpOwner.request(request(Methods.REGISTER, "study"));
        assertThat(registered.statusCode()).isEqualTo(200);

        String sentence = ":openchat NOTICE #study :*** 유저1님이 #study 방을 등록했습니다: ";
        assertThat(member.nextLine()).isEqualTo(":openchat MODE #study +r");
        assertThat(member.nextLine()).startsWith(sentence);
        assertThat(second.expect(" MODE #study ")).endsWith(":openchat MODE #study +r");
        assertThat(second.nextLine()).contains(" NOTICE #study :*** 유저1님이 #study 방을 등록했습니다: ");

        // A new key: the room stays registered, so no mode changes; the sentence says the old key is dead.
        assertThat(ocpOwner.request(request(Methods.REGISTER, "study")).statusCode())
                .isEqualTo(200);
        assertThat(member.nextLine())
                .isEqualTo(":openchat NOTICE #study :*** 유저1님이 #study 방에 새 열쇠를 주었습니다: 전의 열쇠는 이제 열리지 않고, 새 열쇠를"
                        + " 입력하는 사람이 방장이 됩니다");

        assertThat(ocpOwner.request(request(Methods.UNREGISTER, "study")).statusCode())
                .isEqualTo(200);
        assertThat(member.nextLine()).isEqualTo(":openchat MODE #study -r");
        assertThat(member.nextLine())
                .isEqualTo(":openchat NOTICE #study :*** 유저1님이 #study 방의 등록을 지웠습니다: 방 열쇠는 이제 열리지 않고, 방장은 방에 있는"
                        + " 사람 가운데서 정해집니다");
        assertThat(member.sync()).isEmpty();
        second.expect(" MODE #study -r$");
    }

    @Test
    void theAdministratorsDropFromOutsideTheRoomIsSeenByItsOwnerAndMembers() {
        IrcTestClient owner = irc("철수");
        owner.join("#study");
        IrcTestClient member = irc("영희");
        member.join("#study");
        registerWithChanServ(owner, "#study");
        member.expect(" NOTICE #study :\\*\\*\\* 철수님이 #study 방을 등록했습니다");
        IrcTestClient admin = operator();

        admin.send("CS DROP #study");

        admin.expect("^:ChanServ!ChanServ@openchat NOTICE 채팅관리자 :#study 방의 등록을 지웠습니다");
        String dropped = ":openchat NOTICE #study :*** 채팅관리자님이 #study 방의 등록을 지웠습니다: 방 열쇠는 이제 열리지 않고, 방장은 방에"
                + " 있는 사람 가운데서 정해집니다";
        for (IrcTestClient told : new IrcTestClient[] {owner, member}) {
            assertThat(told.sync()).containsExactly(":openchat MODE #study -r", dropped);
        }
        assertThat(admin.sync()).as("not in the room: ChanServ's answer alone").isEmpty();
    }

    @Test
    void theAdministratorsRegistrationAndNewKeyTellIrcMembersTheKeyIsWithTheAdministratorAndTheOwnerHowToKeepTheRoom() {
        IrcTestClient owner = irc("철수");
        owner.join("#study");
        IrcTestClient member = irc("영희");
        member.join("#study");
        owner.expect(" JOIN #study");
        TestClient admin = ocp(Names.ADMINISTRATOR);
        String toTheOwner = ":openchat NOTICE #study :*** 지금은 #study 방의 방장이지만, 방 열쇠를 입력하는 사람이 나타나면 방장 자리가"
                + " 넘어갑니다. 방장으로 남으려면 관리자에게 열쇠를 받아 이렇게 입력하십시오: /msg ChanServ OP #study 방열쇠";

        assertThat(admin.request(request(Methods.REGISTER, "study")).statusCode())
                .isEqualTo(200);

        assertThat(owner.nextLine()).isEqualTo(":openchat MODE #study +r");
        assertThat(owner.nextLine())
                .as("the owner present learns where the key is, not only that a key now takes the room")
                .isEqualTo(":openchat NOTICE #study :*** 채팅관리자님이 #study 방을 등록했습니다: 방 열쇠는 관리자에게 있고, 그 열쇠를"
                        + " 입력하는 사람이 언제든 이 방의 방장이 됩니다 (/msg ChanServ OP #study 방열쇠)");
        assertThat(owner.nextLine())
                .as("to the owner alone, how to keep the room")
                .isEqualTo(toTheOwner);

        assertThat(admin.request(request(Methods.REGISTER, "study")).statusCode())
                .isEqualTo(200);

        assertThat(owner.nextLine())
                .isEqualTo(":openchat NOTICE #study :*** 채팅관리자님이 #study 방에 새 열쇠를 주었습니다: 전의 열쇠는 이제 열리지 않습니다. 새"
                        + " 열쇠는 관리자에게 있고, 그 열쇠를 입력하는 사람이 방장이 됩니다 (/msg ChanServ OP #study 방열쇠)");
        assertThat(owner.nextLine()).isEqualTo(toTheOwner);
        member.expect("NOTICE #study :\\*\\*\\* 채팅관리자님이 #study 방에 새 열쇠를 주었습니다");
        assertThat(member.receivedLines()).as("the facts only, to a member").doesNotContain(toTheOwner);
        assertThat(owner.sync()).isEmpty();
    }

    @Test
    void aRegistrantGivingANewKeyIsToldTheOldKeyIsDeadAndSeesNoModeChange() {
        IrcTestClient owner = irc("철수");
        owner.join("#study");
        registerWithChanServ(owner, "#study");

        owner.send("PRIVMSG ChanServ :REGISTER #study");

        String rekeyed = owner.nextLine();
        assertThat(rekeyed)
                .startsWith(CHANSERV + "철수 :#study 방에 새 열쇠를 주었습니다. 전의 열쇠는 이제 통하지 않으니, 다른 컴퓨터나 클라이언트 설정에 저장해 둔 열쇠도"
                        + " 새 열쇠로 바꾸십시오. 방 열쇠: ");
        assertThat(ROOM_KEY.matcher(rekeyed).find()).isTrue();
        assertThat(owner.nextLine()).startsWith(CHANSERV + "철수 :이 열쇠를 입력하는 사람이 방장이 됩니다: ");
        assertThat(owner.nextLine()).startsWith(CHANSERV + "철수 :접속할 때마다 열쇠를 자동으로 보내는 법 — ");
        assertThat(owner.nextLine()).isEqualTo(CHANSERV + "철수 :" + "방에 아무도 없고 열쇠도 쓰이지 않은 채 90일이 지나면 등록이 만료됩니다");
        assertThat(owner.sync()).isEmpty();
    }

    @Test
    void aRegisteredRoomShowsRInItsModesAndIsupportNamesRAsAFlagMode() {
        IrcTestClient owner = irc("철수");
        assertThat(owner.receivedLines())
                .anySatisfy(line -> assertThat(line).contains(" CHANMODES=b,,l,nrt "))
                .anySatisfy(line -> assertThat(line).endsWith(" Biosw blnrt bl"));
        owner.join("#study");
        owner.send("MODE #study");
        assertThat(owner.expectNumeric("324")).isEqualTo(":openchat 324 철수 #study +lnt 5");

        registerWithChanServ(owner, "#study");
        IrcTestClient member = irc("영희");
        member.join("#study");
        member.send("MODE #study");
        assertThat(member.expectNumeric("324")).isEqualTo(":openchat 324 영희 #study +lnrt 5");

        owner.send("CS DROP #study");
        member.expect(" MODE #study -r$");
        member.send("MODE #study");
        assertThat(member.expectNumeric("324")).isEqualTo(":openchat 324 영희 #study +lnt 5");
    }

    @Test
    void aClientsOwnModePlusOrMinusRIsRefusedWith468PointingToChanServ() {
        IrcTestClient owner = irc("철수");
        owner.join("#study");
        IrcTestClient member = irc("영희");
        member.join("#study");
        owner.expect(" JOIN #study$");
        String refused = " #study :방 모드 r: 등록된 방의 표시라 ChanServ 만 바꿉니다. 등록: /msg ChanServ REGISTER #study, 등록 지우기: /msg"
                + " ChanServ DROP #study";

        owner.send("MODE #study +r");
        assertThat(owner.nextLine()).isEqualTo(":openchat 468 철수" + refused);
        member.send("MODE #study -r");
        assertThat(member.nextLine()).as("a member too: not 482").isEqualTo(":openchat 468 영희" + refused);
        owner.send("MODE #study +rt");
        assertThat(owner.nextLine()).isEqualTo(":openchat 468 철수" + refused);
        assertThat(owner.nextLine()).startsWith(":openchat NOTICE #study :*** 방 모드 +nt: openchat 에서는 고정되어 있습니다");

        assertThat(core().room("study").registered()).isFalse();
        owner.send("MODE #study");
        assertThat(owner.expectNumeric("324")).isEqualTo(":openchat 324 철수 #study +lnt 5");
    }

    @Test
    void theHeirByPresenceOfARegisteredRoomAloneIsToldInWordsThatTheKeysHolderTakesItBack() {
        IrcTestClient owner = irc("철수");
        owner.join("#study");
        IrcTestClient heir = irc("영희");
        heir.join("#study");
        IrcTestClient third = irc("민수");
        third.join("#study");
        heir.expect(" JOIN #study$");
        registerWithChanServ(owner, "#study");
        heir.expect(" NOTICE #study :\\*\\*\\* 철수님이 #study 방을 등록했습니다");
        third.expect(" NOTICE #study :\\*\\*\\* 철수님이 #study 방을 등록했습니다");

        owner.send("PART #study");
        owner.expect(" PART #study$"); // done: what it told the others was queued to them before

        assertThat(heir.sync()).containsExactly(":철수!철수@openchat PART #study", ":openchat MODE #study +o 영희", HEIR);
        assertThat(third.sync())
                .as("the others see who owns the room now, the +o, as the terminal client's others read only that")
                .containsExactly(":철수!철수@openchat PART #study", ":openchat MODE #study +o 영희");
    }

    @Test
    void anHeirOfARoomNotRegisteredGetsTheModeAlone() {
        IrcTestClient owner = irc("철수");
        owner.join("#study");
        IrcTestClient heir = irc("영희");
        heir.join("#study");
        owner.expect(" JOIN #study$");

        owner.send("QUIT");

        assertThat(heir.expect(" QUIT")).startsWith(":철수!철수@openchat QUIT");
        assertThat(heir.nextLine()).isEqualTo(":openchat MODE #study +o 영희");
        assertThat(heir.sync()).isEmpty();
    }

    @Test
    void anOcpOwnersQuietLeaveOfARegisteredRoomTellsItsIrcHeirInWords() {
        TestClient ocpOwner = ocpIn("study", "유저1");
        IrcTestClient heir = irc("영희");
        heir.join("#study");
        assertThat(ocpOwner.request(request(Methods.REGISTER, "study")).statusCode())
                .isEqualTo(200);
        heir.expect(" NOTICE #study :\\*\\*\\* 유저1님이 #study 방을 등록했습니다");

        ocpOwner.request(OcpMessage.request(Methods.LEAVE, Targets.room("study"))
                .header(HeaderNames.QUIET, "true")
                .build());

        assertThat(heir.nextLine()).isEqualTo(":openchat MODE #study +o 영희");
        assertThat(heir.nextLine()).isEqualTo(HEIR);
    }

    @Test
    void whoEntersAnEmptiedRegisteredRoomIsToldItOwnsItOnlyUntilTheKeysHolderComes() {
        IrcTestClient owner = irc("철수");
        owner.join("#study");
        String key = registerWithChanServ(owner, "#study");
        owner.send("PART #study");
        owner.expect(" PART #study");
        IrcTestClient comer = irc("영희");

        assertThat(comer.join("#study")).contains(":openchat 353 영희 = #study :@영희");
        assertThat(comer.nextLine())
                .isEqualTo(":openchat NOTICE #study :*** #study 방은 등록된 방입니다: 지금은 먼저 와 있어서 방장이지만, 방 열쇠를 가진 사람이"
                        + " 열쇠를 입력하면 언제든 방장 자리를 되찾습니다");
        comer.send("PART #study");
        comer.expect(" PART #study");

        // With the key, the room is its holder's: nothing to warn of.
        owner.send("JOIN #study " + key);
        owner.expect(" 366 철수 #study ");
        assertThat(owner.sync()).noneMatch(line -> line.contains(" NOTICE #study "));
    }

    @Test
    void anOcpMembersClaimByKeyIsToldToIrcMembersInWords() {
        TestClient ocpOwner = ocpIn("study", "유저1");
        IrcTestClient member = irc("영희");
        member.join("#study");
        String key = ocpOwner.request(request(Methods.REGISTER, "study"))
                .header(HeaderNames.ROOM_KEY)
                .orElseThrow();
        assertThat(ocpOwner.request(request(Methods.PART, "study")).statusCode())
                .isEqualTo(200);
        member.expect(" NOTICE #study :\\*\\*\\* #study 방의 방장이 되었습니다");
        assertThat(ocpOwner.joinRoom("study").statusCode()).isEqualTo(200);
        member.expect(" JOIN #study$");

        assertThat(ocpOwner.request(OcpMessage.request(Methods.CLAIM, Targets.room("study"))
                                .header(HeaderNames.ROOM_KEY, key)
                                .build())
                        .statusCode())
                .isEqualTo(200);

        assertThat(member.nextLine()).isEqualTo(":openchat MODE #study -o+o 영희 유저1");
        assertThat(member.nextLine())
                .isEqualTo(":openchat NOTICE #study :*** 유저1님이 방 열쇠로 #study 방의 방장이 되었습니다 (이전 방장: 영희)");
    }

    @Test
    void chanServInfoSaysToAnyoneWhetherARoomIsRegistered() {
        IrcTestClient owner = irc("철수");
        owner.join("#study");
        owner.join("#dev");
        registerWithChanServ(owner, "#study");
        IrcTestClient asker = irc("영희");

        asker.send("PRIVMSG ChanServ :INFO #STUDY");
        assertThat(asker.nextLine()).isEqualTo(CHANSERV + "영희 :#study 방은 등록된 방입니다: 방 열쇠를 입력하는 사람이 방장이 됩니다");
        asker.send("CS info dev");
        assertThat(asker.nextLine())
                .isEqualTo(CHANSERV + "영희 :#dev 방은 등록되지 않았습니다: 방장은 방에 있는 사람 가운데서 정해집니다 (방장이 등록하려면 /msg ChanServ"
                        + " REGISTER #dev)");
        asker.send("CS INFO #nowhere");
        assertThat(asker.nextLine())
                .isEqualTo(CHANSERV + "영희 :지금 #nowhere 방이 없습니다 (아무도 없는 방이 등록되어 있는지는 관리자만 볼 수 있습니다)");
        asker.send("CS INFO");
        assertThat(asker.nextLine()).startsWith(CHANSERV + "영희 :사용법: INFO #방 - ");
        assertThat(asker.sync()).isEmpty();
    }

    @Test
    void chanServInfoTellsTheAdministratorWhoRegisteredARoomAndWhenAlsoOfAnEmptiedRoom() {
        IrcTestClient owner = irc("철수");
        owner.join("#study");
        registerWithChanServ(owner, "#study");
        owner.send("PART #study");
        owner.expect(" PART #study");
        IrcTestClient admin = operator();

        admin.send("CS INFO #study");

        assertThat(admin.nextLine())
                .matches(Pattern.quote(CHANSERV + "채팅관리자 :#study 방은 철수님이 ")
                        + WHEN
                        + Pattern.quote("에 등록한 방입니다: 방 열쇠를 입력하는 사람이 방장이 됩니다"));
        assertThat(admin.nextLine())
                .as("when the key was last used: its registration, here")
                .matches(Pattern.quote(CHANSERV + "채팅관리자 :#study 방을 마지막으로 쓴 때: ")
                        + WHEN
                        + Pattern.quote(" (열쇠를 쓰거나 방에 누가 있던 때). 그 뒤로 90일 동안 아무도 쓰지 않으면 등록이 만료됩니다"));
        admin.send("CS INFO #dev");
        assertThat(admin.nextLine()).startsWith(CHANSERV + "채팅관리자 :#dev 방은 등록되지 않았습니다: ");
    }

    @Test
    void chanServListIsTheAdministratorsAuditOfEveryRegistrationByName() {
        IrcTestClient admin = operator();
        admin.send("CS LIST");
        assertThat(admin.nextLine()).isEqualTo(CHANSERV + "채팅관리자 :등록된 방이 없습니다");
        IrcTestClient owner = irc("철수");
        owner.join("#study");
        registerWithChanServ(owner, "#study");
        IrcTestClient other = irc("영희");
        other.join("#Art");
        registerWithChanServ(other, "#Art");
        other.send("PART #Art"); // emptied: its registration stays, and is listed

        admin.send("PRIVMSG ChanServ :LIST");

        assertThat(admin.nextLine())
                .matches(Pattern.quote(CHANSERV + "채팅관리자 :#Art - 영희님이 ")
                        + WHEN
                        + Pattern.quote("에 등록, 마지막 사용 ")
                        + WHEN
                        + Pattern.quote(" (127.0.0.0/24 네트워크)"));
        // The date as the terminal client's /등록목록 and the chat lines' stamps write it, then the server's zone.
        Member<Channel> administrator = core().member(Names.ADMINISTRATOR).orElseThrow();
        RegisteredRoom study = core().registeredRooms(administrator).stream()
                .filter(room -> room.name().equals("study"))
                .findFirst()
                .orElseThrow();
        assertThat(admin.nextLine())
                .isEqualTo(CHANSERV + "채팅관리자 :#study - 철수님이 " + IrcDates.of(study.at()) + "에 등록, 마지막 사용 "
                        + IrcDates.of(study.used()) + " (127.0.0.0/24 네트워크)");
        assertThat(admin.nextLine()).isEqualTo(CHANSERV + "채팅관리자 :등록된 방 2개");
    }

    @Test
    void chanServListShowsAMemberTheRoomsItsNetworkRegisteredAndHowManyOfTheMost() {
        IrcTestClient member = irc("영희");
        member.send("CS LIST");
        assertThat(member.nextLine())
                .isEqualTo(CHANSERV + "영희 :이 주소와 같은 네트워크에서 등록한 방이 없습니다 (최대 50개, 네트워크 127.0.0.0/24)");
        IrcTestClient owner = irc("철수");
        owner.join("#study");
        registerWithChanServ(owner, "#study");

        member.send("CS LIST");

        assertThat(member.nextLine())
                .matches(Pattern.quote(CHANSERV + "영희 :#study - 철수님이 ")
                        + WHEN
                        + Pattern.quote("에 등록, 마지막 사용 ")
                        + WHEN
                        + Pattern.quote(" (127.0.0.0/24 네트워크)"));
        assertThat(member.nextLine()).isEqualTo(CHANSERV + "영희 :이 주소와 같은 네트워크에서 등록한 방 1개 (최대 50개, 네트워크 127.0.0.0/24)");
        assertThat(member.sync()).isEmpty();
    }

    @Test
    void theRegistrationsSentencesAreInTheServersLanguage() {
        server(c -> c.locale(Locale.ENGLISH));
        IrcTestClient owner = irc("alice");
        owner.join("#study");
        IrcTestClient member = irc("bob");
        member.join("#study");
        owner.expect(" JOIN #study$");

        owner.send("CS REGISTER #study");
        owner.expect(" MODE #study \\+r$");
        owner.send("CS DROP #study");
        owner.expect(" MODE #study -r$");

        assertThat(member.sync())
                .containsExactly(
                        ":openchat MODE #study +r",
                        ":openchat NOTICE #study :*** alice registered #study: whoever enters its key becomes its owner, at any"
                                + " time",
                        ":openchat MODE #study -r",
                        ":openchat NOTICE #study :*** alice dropped the registration of #study: its key no longer works, and its"
                                + " owner is chosen among those present again");
        member.send("CS INFO #study");
        assertThat(member.nextLine())
                .isEqualTo(
                        CHANSERV + "bob :#study is not registered: its owner is whoever holds it by presence (its owner"
                                + " registers it with /msg ChanServ REGISTER #study)");
    }
}
