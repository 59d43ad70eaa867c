package openchat.server.irc;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import openchat.core.Chat;
import openchat.core.CoreConfig;
import openchat.core.Member;
import openchat.core.RoomRole;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.protocol.Targets;
import openchat.server.testing.TestClient;
import org.junit.jupiter.api.Test;

/**
 * Room registration over IRC: ChanServ registers a room and answers its key; {@code JOIN #room <key>} (or ChanServ's
 * {@code OP}) makes whoever shows it the owner, which every member sees as {@code MODE -o+o}; a wrong key is 475 and
 * does nothing; only an owner who showed the key, or the administrator, may drop the registration.
 */
class IrcRoomRegistrationTest extends IrcTestBase {
    private static final String CHANSERV = ":ChanServ!ChanServ@openchat NOTICE ";

    /** 철수 made #study and registered it, 영희 joined it, and 철수 left it: 영희 holds it by presence. */
    private record Handed(IrcTestClient owner, IrcTestClient heir, String key) {}

    private Handed handedToHeir() {
        IrcTestClient owner = irc("철수");
        owner.join("#study");
        IrcTestClient heir = irc("영희");
        heir.join("#study");
        String key = registerWithChanServ(owner, "#study");
        owner.send("PART #study");
        heir.expect("^:openchat MODE #study \\+o 영희$");
        return new Handed(owner, heir, key);
    }

    private Chat<Channel> core() {
        return server().server().core();
    }

    private Member<Channel> member(String name) {
        return core().member(name).orElseThrow();
    }

    @Test
    void chanServRefusesARoomPastTheNetworksMostAndSaysWhy() throws Exception {
        server().registeredFromNetwork(openchat.core.CoreConfig.MAX_REGISTERED_ROOMS_PER_NETWORK, "127.0.0.0/24");
        IrcTestClient owner = irc("철수");
        owner.join("#study");

        owner.send("PRIVMSG ChanServ :REGISTER #study");

        assertThat(owner.expect("^" + CHANSERV))
                .isEqualTo(CHANSERV + "철수 :이 주소와 같은 네트워크에서 등록한 방이 이미 최대인 50개입니다." + " 쓰지 않는 방의 등록을 지우거나 관리자에게 문의하십시오");
        assertThat(core().room("study").registered()).isFalse();
    }

    @Test
    void chanServRegistersTheRoomAndTellsItsOwnerTheKeyAndHowToUseIt() {
        IrcTestClient owner = irc("철수");
        owner.join("#study");
        IrcTestClient other = irc("영희");
        other.join("#study");
        owner.expect(" JOIN #study$");
        long lastSeq = core().room("study").lastSeq();

        owner.send("PRIVMSG ChanServ :REGISTER #study");

        String registered = owner.nextLine();
        assertThat(registered).startsWith(CHANSERV + "철수 :#study 방을 등록했습니다. 방 열쇠: ");
        Matcher matched = ROOM_KEY.matcher(registered);
        assertThat(matched.find()).isTrue();
        String key = matched.group(1);
        assertThat(owner.nextLine())
                .isEqualTo(CHANSERV + "철수 :이 열쇠를 입력하는 사람이 방장이 됩니다: /join #study " + key
                        + " (방에 있을 때는 /msg ChanServ OP #study " + key + "). 열쇠는 다시 알려 드리지 않으니 잘 간직하십시오");
        assertThat(owner.nextLine())
                .isEqualTo(CHANSERV + "철수 :접속할 때마다 열쇠를 자동으로 보내는 법 — irssi: /channel add -auto #study <네트워크> " + key
                        + ", 이어서 /save (-c 옵션으로만 접속했다면 그 전에 /network add <네트워크>, 이어서 /server add -network"
                        + " <네트워크> 호스트 포트). WeeChat: /autojoin addraw #study " + key);
        assertThat(owner.nextLine()).isEqualTo(CHANSERV + "철수 :" + "방에 아무도 없고 열쇠도 쓰이지 않은 채 90일이 지나면 등록이 만료됩니다");
        assertThat(owner.nextLine()).isEqualTo(":openchat MODE #study +r");
        // The line to ChanServ reached no one and was stored nowhere: the others see what it did, never the key.
        assertThat(other.sync())
                .containsExactly(
                        ":openchat MODE #study +r",
                        ":openchat NOTICE #study :*** 철수님이 #study 방을 등록했습니다: 이제 방 열쇠를 입력하는 사람이 언제든 이 방의 방장이" + " 됩니다");
        assertThat(core().room("study").lastSeq()).isEqualTo(lastSeq);
        // The key opens the room.
        assertThat(core().claimRoom(member("철수"), "study", key.toUpperCase(Locale.ROOT)))
                .isEqualTo(RoomRole.OWNER);
    }

    @Test
    void theChanServAndCsCommandsAreChanServToo() {
        IrcTestClient owner = irc("철수");
        owner.join("#study");

        owner.send("CS REGISTER #study");
        String first = owner.expect("방 열쇠: ");
        owner.expect("/autojoin addraw ");
        owner.send("CHANSERV register study"); // any case, and without the #: a new key
        String second = owner.expect("방 열쇠: ");
        owner.expect("/autojoin addraw ");
        owner.expect("등록이 만료됩니다$");

        assertThat(first).startsWith(CHANSERV + "철수 :#study ");
        assertThat(second).startsWith(CHANSERV + "철수 :#study ");
        assertThat(second).isNotEqualTo(first);
        owner.send("chanserv");
        assertThat(owner.nextLine()).startsWith(CHANSERV + "철수 :ChanServ: ");
    }

    @Test
    void anOwnerWhoQuitGetsTheRoomBackByJoiningWithTheKeyAndEveryoneSeesTheAtMove() {
        IrcTestClient owner = irc("철수");
        owner.join("#study");
        IrcTestClient heir = irc("영희");
        heir.join("#study");
        IrcTestClient third = irc("민수");
        third.join("#study");
        heir.expect(" JOIN #study$");
        String key = registerWithChanServ(owner, "#study");

        owner.send("QUIT :잠깐");
        assertThat(third.expect(" QUIT ")).isEqualTo(":철수!철수@openchat QUIT :Quit: 잠깐");
        assertThat(third.nextLine()).isEqualTo(":openchat MODE #study +o 영희");
        heir.expect("^:openchat NOTICE #study :\\*\\*\\* #study 방의 방장이 되었습니다. 등록된 방이라 ");

        // The key, not the name: the owner comes back under another nick.
        IrcTestClient back = irc("철수2");
        back.send("JOIN #study " + key);
        back.expect(" 366 철수2 #study ");

        for (IrcTestClient member : new IrcTestClient[] {heir, third}) {
            assertThat(member.expect(" JOIN #study$")).isEqualTo(":철수2!철수2@openchat JOIN #study");
        }
        for (IrcTestClient member : new IrcTestClient[] {heir, third, back}) {
            assertThat(member.expect(" MODE ")).isEqualTo(":openchat MODE #study -o+o 영희 철수2");
            // The mode line in words too, for those who do not read mode lines.
            assertThat(member.nextLine())
                    .isEqualTo(":openchat NOTICE #study :*** 철수2님이 방 열쇠로 #study 방의 방장이 되었습니다 (이전 방장: 영희)");
        }
        third.send("NAMES #study");
        assertThat(third.expectNumeric("353")).endsWith(":영희 민수 @철수2");
        heir.send("KICK #study 민수");
        assertThat(heir.nextLine()).startsWith(":openchat 482 영희 #study :");
    }

    @Test
    void aStaleKeyOnJoinJoinsAsAMemberAndSaysSoSoThatAnAutojoinIsNotLockedOut() {
        IrcTestClient owner = irc("철수");
        owner.join("#study");
        registerWithChanServ(owner, "#study");
        IrcTestClient stranger = irc("민수");

        stranger.send("JOIN #study abcdefghijklmnopqrstuvwxyz");

        stranger.expect("^:민수!민수@openchat JOIN #study$");
        assertThat(stranger.expect(" NOTICE #study "))
                .isEqualTo(":openchat NOTICE #study :*** #study: 보낸 열쇠가 이 방의 열쇠가 아니어서 열쇠 없이"
                        + " 들어왔습니다 (다른 방의 열쇠이거나, 방이 새 열쇠를 받았거나 등록이 지워졌을 수 있습니다). 클라이언트에 저장한 열쇠를 고치거나 지우십시오."
                        + " 열쇠 없이 다시 저장하는 법 — irssi: /channel add -auto #study <네트워크>, 이어서 /save. WeeChat: /autojoin del"
                        + " #study, 이어서 /autojoin add #study");
        owner.expect("^:민수!민수@openchat JOIN #study$");
        assertThat(core().room("study").owner()).as("the key took nothing").isEqualTo("철수");

        stranger.send("JOIN #nowhere abcdefghijklmnopqrstuvwxyz");
        stranger.expect("^:민수!민수@openchat JOIN #nowhere$");
        stranger.expect(" NOTICE #nowhere :\\*\\*\\* #nowhere: 이 방은 등록된 방이 아니어서 보낸 열쇠는 쓰지 않고 들어왔습니다");
        assertThat(core().room("nowhere").owner())
                .as("a key for a room not registered: joined, made, owned by presence")
                .isEqualTo("민수");
    }

    @Test
    void aJoinWithTheKeyFromAMemberAlreadyInTheRoomClaimsIt() {
        Handed handed = handedToHeir();
        IrcTestClient owner = handed.owner();
        IrcTestClient heir = handed.heir();
        String key = handed.key();
        owner.join("#study"); // without the key: a member
        heir.expect(" JOIN #study$");

        owner.send("JOIN #study " + key);

        assertThat(heir.nextLine()).isEqualTo(":openchat MODE #study -o+o 영희 철수");
        assertThat(owner.expect(" MODE ")).isEqualTo(":openchat MODE #study -o+o 영희 철수");
        owner.expect(" NOTICE #study :\\*\\*\\* 철수님이 방 열쇠로 ");
        assertThat(owner.nextLine()).isEqualTo(":openchat NOTICE #study :*** #study 방의 열쇠가 맞습니다: 이제 방장입니다");
        heir.expect(" NOTICE #study :\\*\\*\\* 철수님이 방 열쇠로 ");
        // Again, holding the room already: nothing moves, and the notice says the key was right.
        owner.send("JOIN #study " + key);
        assertThat(owner.nextLine()).isEqualTo(":openchat NOTICE #study :*** #study 방의 열쇠가 맞습니다: 이제 방장입니다");
        assertThat(heir.sync()).isEmpty();
        // A wrong one from inside: 475, and nothing changes.
        heir.send("JOIN #study wrongwrongwrongwrongwrong1");
        assertThat(heir.nextLine()).startsWith(":openchat 475 영희 #study :");
        assertThat(owner.sync()).isEmpty();
        // Without a key a JOIN of a channel joined is still ignored.
        heir.send("JOIN #study");
        assertThat(heir.sync()).isEmpty();
    }

    @Test
    void chanServsOpShowsTheKeyFromInsideTheRoom() {
        Handed handed = handedToHeir();
        IrcTestClient owner = handed.owner();
        IrcTestClient heir = handed.heir();
        String key = handed.key();
        owner.join("#study");
        owner.expect(
                " NOTICE #study :\\*\\*\\* #study 방은 등록된 방입니다. 방 열쇠가 있으면 이렇게 입력해 방장이 되십시오: /msg ChanServ OP #study");

        owner.send("PRIVMSG ChanServ :OP #study");
        assertThat(owner.nextLine())
                .isEqualTo(CHANSERV + "철수 :사용법: OP #방 열쇠 - 방에서 열쇠를 입력해 방장이 됩니다"
                        + " (같은 명령: IDENTIFY, CLAIM). 들어올 때는 /join #방 열쇠");
        owner.send("PRIVMSG ChanServ :IDENTIFY #study wrongwrongwrongwrongwrong1");
        assertThat(owner.nextLine())
                .isEqualTo(CHANSERV + "철수 :#study 방의 열쇠가 아니어서 방장이 되지 않았습니다"
                        + " (다른 방의 열쇠이거나, 방이 새 열쇠를 받았거나 등록이 지워졌을 수 있습니다)");
        owner.send("PRIVMSG ChanServ :OP #study " + key);

        assertThat(heir.expect(" MODE ")).isEqualTo(":openchat MODE #study -o+o 영희 철수");
        owner.expect("^:openchat MODE #study -o\\+o 영희 철수$");
        owner.expect(" NOTICE #study :\\*\\*\\* 철수님이 방 열쇠로 ");
        assertThat(owner.nextLine()).isEqualTo(CHANSERV + "철수 :#study 방의 열쇠가 맞습니다: 이제 방장입니다");
    }

    @Test
    void theKeysOfAJoinPairWithItsChannelsByPositionAndIrssisXIsNoKey() {
        Handed handed = handedToHeir();
        IrcTestClient owner = handed.owner();
        IrcTestClient heir = handed.heir();
        String key = handed.key();
        IrcTestClient devOwner = irc("민수");
        devOwner.join("#dev");

        // irssi sends x for a channel without a key when another of the same JOIN has one.
        owner.send("JOIN #dev,#study,#misc x," + key);

        owner.expect(" 366 철수 #dev ");
        owner.expect(" 366 철수 #study ");
        owner.expect(" 366 철수 #misc ");
        assertThat(heir.expect(" MODE ")).isEqualTo(":openchat MODE #study -o+o 영희 철수");
        assertThat(devOwner.expect(" JOIN #dev$")).isEqualTo(":철수!철수@openchat JOIN #dev");
        assertThat(devOwner.sync()).as("#dev keeps its owner").isEmpty();
        assertThat(core().who("dev").stream()
                        .filter(v -> v.role().mayModerate())
                        .map(v -> v.name()))
                .containsExactly("민수");
    }

    @Test
    void aJoinHeldOverTheJoinAllowanceKeepsEachChannelsKey() {
        Handed handed = handedToHeir();
        IrcTestClient owner = handed.owner();
        IrcTestClient heir = handed.heir();
        String key = handed.key();
        List<String> channels = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        // The JOIN, REGISTER and PART spent 3 of the allowance (as large as the rooms a member may be in at once):
        // 18 channels and #study are more than what is left, and no more rooms than a member may be in.
        int others = core().config().maxRoomsPerMember() - 2;
        for (int i = 1; i <= others; i++) {
            channels.add("#c" + i);
            keys.add("x");
        }
        channels.add("#study");
        keys.add(key);

        // More channels than the allowance holds at once: the rest waits, and #study still pairs with its key.
        owner.send("JOIN " + String.join(",", channels) + " " + String.join(",", keys));

        assertThat(heir.expect(" MODE ")).isEqualTo(":openchat MODE #study -o+o 영희 철수");
    }

    @Test
    void anHeirByPresenceMayNotDropOrReKeyTheRoomAndOthersAreToldWhy() {
        IrcTestClient owner = irc("철수");
        owner.join("#study");
        IrcTestClient heir = irc("영희");
        heir.join("#study");
        IrcTestClient member = irc("민수");
        member.join("#study");
        registerWithChanServ(owner, "#study");
        member.expect(" NOTICE #study :\\*\\*\\* 철수님이 #study 방을 등록했습니다");

        member.send("PRIVMSG ChanServ :REGISTER #study");
        assertThat(member.nextLine()).isEqualTo(CHANSERV + "민수 :#study 방에서는 방장이나 관리자만 할 수 있습니다");
        owner.send("QUIT");
        heir.expect("^:openchat MODE #study \\+o 영희$");
        member.expect("^:openchat MODE #study \\+o 영희$");
        heir.expect(" NOTICE #study :\\*\\*\\* #study 방의 방장이 되었습니다. 등록된 방이라 ");

        heir.send("PRIVMSG ChanServ :DROP #study");
        assertThat(heir.nextLine())
                .isEqualTo(CHANSERV + "영희 :#study 방은 등록된 방입니다. 방 열쇠를 입력한 방장이나 관리자만 새 열쇠를 받거나 등록을 지울 수" + " 있습니다");
        heir.send("PRIVMSG ChanServ :REGISTER #study");
        assertThat(heir.nextLine()).startsWith(CHANSERV + "영희 :#study 방은 등록된 방입니다.");
        heir.join("#lobby");
        heir.send("PRIVMSG ChanServ :REGISTER #lobby");
        assertThat(heir.nextLine()).isEqualTo(CHANSERV + "영희 :로비는 누구의 방도 아니어서 등록하거나 등록을 지울 수 없습니다");
        heir.send("PRIVMSG ChanServ :REGISTER #elsewhere");
        assertThat(heir.nextLine()).isEqualTo(CHANSERV + "영희 :#elsewhere 방에 있지 않습니다");
        heir.send("PRIVMSG ChanServ :DROP");
        assertThat(heir.nextLine()).startsWith(CHANSERV + "영희 :사용법: DROP #방 - ");
        heir.send("PRIVMSG ChanServ :REGISTER #a*b");
        assertThat(heir.nextLine()).isEqualTo(CHANSERV + "영희 :방 이름은 # 뒤에 1-32자로 씁니다 (쓸 수 있는 것: 글자, 숫자, - _ . +)");
        assertThat(member.sync()).isEmpty();
    }

    @Test
    void theAdministratorsRegistrationThroughChanServSaysToHandTheKeyToTheOwnerNotToKeepIt() {
        IrcTestClient owner = irc("철수");
        owner.join("#study");
        IrcTestClient admin = operator();

        admin.send("CS REGISTER #study");

        String registered = admin.nextLine();
        Matcher made = ROOM_KEY.matcher(registered);
        assertThat(made.find()).as(registered).isTrue();
        String key = made.group(1);
        assertThat(registered).isEqualTo(CHANSERV + "채팅관리자 :#study 방을 등록했습니다. 방 열쇠: " + key);
        String handOff =
                CHANSERV + "채팅관리자 :관리자는 열쇠를 두지 않고 방장도 되지 않으니, 이 열쇠를 방장이 될 사람에게 전해 주십시오." + " 열쇠는 다시 알려 드리지 않습니다";
        String onIrc = CHANSERV + "채팅관리자 :그 사람이 IRC에서 이렇게 입력하면 방장이 됩니다: /msg ChanServ OP #study %1$s (들어올 때는"
                + " /join #study %1$s)";
        String onOcp = CHANSERV + "채팅관리자 :openchat 클라이언트나 웹 페이지에서는 이렇게 입력하면 됩니다: /열쇠 %1$s (들어올 때는 /입장 study" + " %1$s)";
        assertThat(admin.nextLine()).isEqualTo(handOff);
        assertThat(admin.nextLine()).isEqualTo(onIrc.formatted(key));
        assertThat(admin.nextLine()).isEqualTo(onOcp.formatted(key));
        assertThat(admin.nextLine()).isEqualTo(CHANSERV + "채팅관리자 :" + "방에 아무도 없고 열쇠도 쓰이지 않은 채 90일이 지나면 등록이 만료됩니다");

        admin.send("CS REGISTER #study");

        String rekeyed = admin.nextLine();
        Matcher remade = ROOM_KEY.matcher(rekeyed);
        assertThat(remade.find()).as(rekeyed).isTrue();
        String newKey = remade.group(1);
        assertThat(rekeyed)
                .as("no word of keys kept on other computers or in a client's settings: the administrator keeps none")
                .isEqualTo(CHANSERV + "채팅관리자 :#study 방에 새 열쇠를 주었습니다. 전의 열쇠는 이제 통하지 않습니다. 방 열쇠: " + newKey);
        assertThat(admin.nextLine()).isEqualTo(handOff);
        assertThat(admin.nextLine()).isEqualTo(onIrc.formatted(newKey));
        assertThat(admin.nextLine()).isEqualTo(onOcp.formatted(newKey));
        assertThat(admin.nextLine()).isEqualTo(CHANSERV + "채팅관리자 :방에 아무도 없고 열쇠도 쓰이지 않은 채 90일이 지나면 등록이 만료됩니다");
        assertThat(admin.sync())
                .as("no autojoin hint: the administrator keeps no key")
                .isEmpty();
    }

    @Test
    void theAdministratorDropsARegistrationFromOutsideTheRoom() {
        IrcTestClient owner = irc("철수");
        owner.join("#study");
        String key = registerWithChanServ(owner, "#study");
        IrcTestClient admin = operator();

        admin.send("CS DROP #study");

        assertThat(admin.nextLine())
                .isEqualTo(":ChanServ!ChanServ@openchat NOTICE 채팅관리자 :#study 방의 등록을 지웠습니다: 열쇠는 이제 통하지 않고, 방장은 다시 방에"
                        + " 있는 사람 가운데서 정해집니다");
        admin.send("PRIVMSG ChanServ :DROP #study");
        assertThat(admin.nextLine()).isEqualTo(":ChanServ!ChanServ@openchat NOTICE 채팅관리자 :#study 방은 등록되지 않았습니다");
        IrcTestClient other = irc("영희");
        other.send("JOIN #study " + key);
        other.expect(" NOTICE #study :\\*\\*\\* #study: 이 방은 등록된 방이 아니어서 보낸 열쇠는 쓰지 않고 들어왔습니다");
        assertThat(core().room("study").owner())
                .as("the dropped key took nothing")
                .isEqualTo("철수");
        other.send("PART #study");
        other.expect(" PART #study");

        // A room that emptied: its registration is the administrator's to drop (a lost key's cure).
        String again = registerWithChanServ(owner, "#study");
        owner.send("PART #study");
        owner.sync();
        admin.send("PRIVMSG ChanServ :DROP #study");
        assertThat(admin.nextLine()).startsWith(":ChanServ!ChanServ@openchat NOTICE 채팅관리자 :#study 방의 등록을 지웠습니다");
        other.send("JOIN #study " + again);
        other.expect(" NOTICE #study :\\*\\*\\* #study: 이 방은 등록된 방이 아니어서 보낸 열쇠는 쓰지 않고 들어왔습니다");
    }

    @Test
    void anIrcOwnerAndAnOcpMemberShareARegisteredRoom() {
        IrcTestClient owner = irc("철수");
        owner.join("#study");
        String key = registerWithChanServ(owner, "#study");
        TestClient ocp = ocp("유저1");
        assertThat(ocp.joinRoom("study").statusCode()).isEqualTo(200);
        owner.expect(" JOIN #study$");

        owner.send("PART #study");
        assertThat(ocp.nextEvent(Methods.LEFT).header(HeaderNames.OWNER)).contains("유저1");
        owner.send("JOIN #study " + key);
        owner.expect("^:openchat MODE #study -o\\+o 유저1 철수$");

        OcpMessage told = ocp.nextMatching(m -> m.method().equals(Methods.OWNER));
        assertThat(told.target()).isEqualTo(Targets.room("study"));
        assertThat(told.header(HeaderNames.NAME)).contains("철수");

        // The OCP member registers a room of its own (the core's call, as its adapter makes it) and takes it back from
        // the IRC member that held it by presence.
        TestClient ocpOwner = ocpIn("dev", "유저2");
        IrcTestClient ircMember = irc("영희");
        ircMember.join("#dev");
        String devKey = core().registerRoom(member("유저2"), "dev").key();
        assertThat(ocpOwner.request(OcpMessage.request(Methods.PART, Targets.room("dev"))
                                .build())
                        .statusCode())
                .isEqualTo(200);
        ircMember.expect("^:openchat MODE #dev \\+o 영희$");
        assertThat(ocpOwner.joinRoom("dev").statusCode()).isEqualTo(200);
        ircMember.expect(" JOIN #dev$");
        assertThat(core().claimRoom(member("유저2"), "dev", devKey)).isEqualTo(RoomRole.OWNER);
        assertThat(ircMember.nextLine()).isEqualTo(":openchat MODE #dev -o+o 영희 유저2");
    }

    @Test
    void chanServAnswersHelpAndAnUnknownCommandWithHelpAndANoticeToItNothing() {
        IrcTestClient client = irc("철수");

        client.send("PRIVMSG ChanServ :HELP");
        assertThat(client.linesUntil("HELP - "))
                .containsExactly(
                        CHANSERV + "철수 :ChanServ: 방을 등록하면 열쇠를 받고, 그 열쇠를 입력하는 사람이 방장(@)이 됩니다."
                                + " 방장은 대화 기록에서 메세지를 지울 수도 있습니다. 명령:",
                        CHANSERV + "철수 :REGISTER #방 - 방장이 방을 등록하고 열쇠를 받습니다 (등록된 방에서 다시 하면 새 열쇠)",
                        CHANSERV + "철수 :OP #방 열쇠 - 방에서 열쇠를 입력해 방장이 됩니다 (같은 명령: IDENTIFY, CLAIM). 들어올 때는 /join #방 열쇠",
                        CHANSERV + "철수 :DROP #방 - 방의 등록을 지웁니다 (같은 명령: UNREGISTER): 열쇠를 입력한 방장이나 관리자만 할 수 있습니다",
                        CHANSERV + "철수 :INFO #방 - 방이 등록되었는지 봅니다 (관리자에게는 누가 언제 등록했는지도)",
                        CHANSERV + "철수 :LIST - 등록된 방을 봅니다 (관리자는 모든 방을, 다른 사람은 이 주소와 같은 네트워크에서 등록한 방을)",
                        CHANSERV + "철수 :DELETE #방 닉 [기간] [이유] - 방장이나 관리자가 그 닉이 최근에 보낸 메세지를 대화 기록에서"
                                + " 지웁니다 (기간은 기본 1시간, 예: 30m, 2h, 1d; 한 번에 최대 200개)",
                        CHANSERV + "철수 :HELP - 이 도움말");
        client.send("PRIVMSG chanserv :FLAGS #study");
        assertThat(client.nextLine()).isEqualTo(CHANSERV + "철수 :모르는 명령입니다: FLAGS");
        assertThat(client.linesUntil("HELP - ")).hasSize(8);
        client.send("NOTICE ChanServ :REGISTER #lobby");
        client.send("PRIVMSG ChanServ :\u0001VERSION\u0001");
        assertThat(client.sync()).isEmpty();
        // NickServ is still no one.
        client.send("PRIVMSG NickServ :IDENTIFY secret");
        assertThat(client.nextLine())
                .isEqualTo(":openchat 401 철수 NickServ :이 서버에는 NickServ 같은 서비스가 없습니다: 닉네임은 등록하지 않으며 (방은 /msg"
                        + " ChanServ HELP), 보낸 글은 아무에게도 가지 않았습니다");
    }

    @Test
    void aLineToChanServIsEchoedToAnEchoMessageClientAndItsAnswerFollows() {
        IrcTestClient owner = ircWithCaps("철수", "echo-message");
        owner.join("#study");

        owner.send("PRIVMSG ChanServ :REGISTER #study");

        assertThat(owner.nextLine()).isEqualTo(":철수!철수@openchat PRIVMSG ChanServ :REGISTER #study");
        assertThat(owner.nextLine()).startsWith(CHANSERV + "철수 :#study 방을 등록했습니다. 방 열쇠: ");
    }

    @Test
    void chanServsNoticesComeFromTheServersNameInTheServersLanguage() {
        server(c -> c.serverName("irc.example.org").locale(Locale.ENGLISH));
        IrcTestClient owner = irc("alice");
        owner.join("#study");

        owner.send("PRIVMSG ChanServ :REGISTER #study");

        assertThat(owner.nextLine())
                .matches(
                        ":ChanServ!ChanServ@irc\\.example\\.org NOTICE alice :Registered #study\\. Its key: [a-z2-7]{26}");
        owner.expect("/autojoin addraw ");
        assertThat(owner.nextLine())
                .isEqualTo(
                        ":ChanServ!ChanServ@irc.example.org NOTICE alice :A registration lapses after 90 days with no one in"
                                + " the room and its key unused");
        assertThat(owner.nextLine()).isEqualTo(":irc.example.org MODE #study +r");
        owner.send("JOIN #study wrongwrongwrongwrongwrong1");
        assertThat(owner.nextLine())
                .isEqualTo(
                        ":irc.example.org 475 alice #study :That is not the key of #study, so you did not join it (it may"
                                + " be another room's key, or the room may have a new key, or its registration may have"
                                + " been dropped); without a key you join it as a member, not its owner (as its owner if no one is in it)");
    }

    @Test
    void modePlusKIsAnswered472PointingToChanServ() {
        IrcTestClient owner = irc("철수");
        owner.join("#study");

        owner.send("MODE #study +k secret");

        assertThat(owner.nextLine())
                .isEqualTo(":openchat 472 철수 k :방 모드 k: 이 서버에는 없습니다. 방은 누구에게나 열려 있고, 방장을 정하는 방 열쇠는 ChanServ 가 줍니다"
                        + " (/msg ChanServ REGISTER #방)");
    }

    @Test
    void aMemberJoiningARegisteredRoomWithoutItsKeyIsToldHowToShowItSoThatAnOwnerRejoinedByItsClientKnows() {
        IrcTestClient owner = irc("은지");
        owner.join("#writing");
        registerWithChanServ(owner, "#writing");
        IrcTestClient member = irc("철수");
        member.join("#writing");
        owner.expect("^:철수!철수@openchat JOIN #writing$");

        owner.send("QUIT :wifi");
        member.expect(" MODE #writing \\+o 철수$");
        IrcTestClient back = irc("은지2");
        back.send("JOIN #writing");

        back.expect("^:은지2!은지2@openchat JOIN #writing$");
        assertThat(back.expect(" NOTICE #writing "))
                .isEqualTo(":openchat NOTICE #writing :*** #writing 방은 등록된 방입니다. 방 열쇠가 있으면 이렇게 입력해 방장이"
                        + " 되십시오: /msg ChanServ OP #writing 방열쇠");
    }

    @Test
    void aKeyHolderRefusedAsFullIsToldTheKeyDoesNotPassTheServersCapacity() {
        IrcTestClient owner = irc("철수");
        owner.join("#full");
        String key = registerWithChanServ(owner, "#full");
        owner.send("PART #full");
        owner.expect("^:철수!철수@openchat PART #full");
        for (int i = 1; i <= CoreConfig.DEFAULT_ROOM_CAPACITY; i++) {
            irc("m" + i).join("#full");
        }

        owner.send("JOIN #full " + key);

        owner.expect(" 471 철수 #full ");
        assertThat(owner.expect(" NOTICE 철수 "))
                .as("not in the channel: to the nick")
                .isEqualTo(":openchat NOTICE 철수 :*** #full: 방 열쇠가 있어도 서버가 정한 방 인원(5명)이 다 차면 들어갈 수"
                        + " 없습니다. 누군가 나갈 때까지 기다리거나 관리자에게 문의하십시오");
    }

    @Test
    void listMarksARegisteredRoomAsUnrealIrcdShowsAChannelsModes() {
        IrcTestClient owner = irc("철수");
        owner.join("#study");
        registerWithChanServ(owner, "#study");
        owner.join("#plain");

        owner.send("LIST");

        assertThat(owner.expect(" 322 철수 #plain ")).as("by name").isEqualTo(":openchat 322 철수 #plain 1 :");
        assertThat(owner.expect(" 322 철수 #study ")).isEqualTo(":openchat 322 철수 #study 1 :[+r]");
    }
}
