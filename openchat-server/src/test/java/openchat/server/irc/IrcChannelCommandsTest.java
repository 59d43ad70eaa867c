package openchat.server.irc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import openchat.core.FloodControl;
import openchat.core.Names;
import openchat.core.RoomView;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.server.testing.SteppedClock;
import openchat.server.testing.TestClient;
import org.junit.jupiter.api.Test;

/** JOIN, PART, NAMES, INVITE, WHO, WHOIS, LIST, MODE, AWAY, ISON, USERHOST, DIE and QUIT, and their error numerics. */
class IrcChannelCommandsTest extends IrcTestBase {

    @Test
    void joinOfSeveralChannelsCreatesRoomsWithTheCreatorAsOperator() {
        IrcTestClient client = irc("철수");

        client.send("JOIN #alpha,#Beta");

        assertThat(client.linesUntil(" 366 철수 #alpha "))
                .containsExactly(
                        ":철수!철수@openchat JOIN #alpha",
                        ":openchat 353 철수 = #alpha :@철수",
                        ":openchat 366 철수 #alpha :이름 목록 끝");
        assertThat(client.linesUntil(" 366 철수 #Beta "))
                .containsExactly(
                        ":철수!철수@openchat JOIN #Beta",
                        ":openchat 353 철수 = #Beta :@철수",
                        ":openchat 366 철수 #Beta :이름 목록 끝");
        assertThat(server().server().core().list().stream().map(RoomView::name)).contains("alpha", "Beta");
        server().console().awaitLine("[JOIN] 철수 → alpha");
    }

    /** The command of each line: its second word ({@code JOIN}, {@code 353}...). */
    private static List<String> commands(List<String> lines) {
        return lines.stream().map(line -> line.split(" ")[1]).toList();
    }

    @Test
    void pipelinedCommandsAreAnsweredInTheOrderTheyWereSent() {
        IrcTestClient client = irc("철수");

        // One write, as a bot or a paste sends it: the PART's echo used to come after the second JOIN's answer.
        client.sendRaw("JOIN #m1\r\nPART #m1\r\nJOIN #m1\r\nLIST #m1\r\nPING :after\r\nJOIN #m2\r\n"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));

        List<String> lines = client.linesUntil(" 366 철수 #m2 ");
        assertThat(commands(lines))
                .as("%s", lines)
                .containsExactly(
                        "JOIN", "353", "366", "PART", "JOIN", "353", "366", "321", "322", "323", "PONG", "JOIN", "353",
                        "366");
        assertThat(lines.get(3)).startsWith(":철수!철수@openchat PART #m1");
    }

    @Test
    void registrationAndAJoinInOneWriteAreAnsweredWelcomeFirst() {
        IrcTestClient client = IrcTestClient.connect(server().ircPort());

        client.sendRaw("NICK 영희\r\nUSER u 0 * :u\r\nJOIN #lobby\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        List<String> commands = commands(client.linesUntil(" 366 영희 #lobby "));
        assertThat(commands.get(0)).isEqualTo("001");
        assertThat(commands.indexOf("376")).as("%s", commands).isLessThan(commands.indexOf("JOIN"));
    }

    @Test
    void inviteTellsTheInvitedWhoAndWhereAndAnswers341() {
        IrcTestClient inviter = irc("철수");
        inviter.join("#study");
        IrcTestClient invited = irc("영희");
        TestClient terminal = ocp("유저1");

        inviter.send("INVITE 영희 #study");
        inviter.send("INVITE 유저1 #study");

        assertThat(inviter.nextLine()).isEqualTo(":openchat 341 철수 영희 :#study");
        assertThat(inviter.nextLine()).isEqualTo(":openchat 341 철수 유저1 :#study");
        assertThat(invited.nextLine()).isEqualTo(":철수!철수@openchat INVITE 영희 :#study");
        OcpMessage told = terminal.nextEvent(Methods.INVITE);
        assertThat(told.target()).isEqualTo("/rooms/study");
        assertThat(told.header(HeaderNames.FROM)).contains("철수");
    }

    @Test
    void inviteToSomeoneOnTheChannelOrNobodyOrIntoAChannelNotJoinedIsItsNumeric() {
        IrcTestClient inviter = irc("철수");
        inviter.join("#study");
        IrcTestClient there = irc("영희");
        there.join("#study");
        IrcTestClient elsewhere = irc("민수");
        elsewhere.join("#games");

        inviter.send("INVITE 영희 #study");
        assertThat(inviter.expectNumeric("443")).isEqualTo(":openchat 443 철수 영희 #study :그 사용자는 이미 이 방에 있습니다");
        inviter.send("INVITE nobody #study");
        assertThat(inviter.expectNumeric("401")).startsWith(":openchat 401 철수 nobody :");
        inviter.send("INVITE 영희 #games");
        assertThat(inviter.expectNumeric("442")).startsWith(":openchat 442 철수 #games :");
        inviter.send("INVITE 영희");
        assertThat(inviter.expectNumeric("461")).startsWith(":openchat 461 철수 INVITE :");
    }

    @Test
    void aChannelIsShownAsItsCreatorWroteItWhateverCaseAJoinerUses() {
        IrcTestClient creator = irc("철수");
        creator.join("#Study");
        IrcTestClient joiner = irc("영희");

        joiner.send("JOIN #STUDY");

        assertThat(joiner.nextLine()).isEqualTo(":영희!영희@openchat JOIN #Study");
        assertThat(creator.expect(" JOIN ")).isEqualTo(":영희!영희@openchat JOIN #Study");
    }

    @Test
    void partKickTopicAndModeEchoTheChannelAsItsCreatorWroteIt() {
        IrcTestClient creator = irc("철수");
        creator.join("#Straße");
        IrcTestClient joiner = irc("영희");
        joiner.send("JOIN #STRASSE");
        assertThat(joiner.nextLine()).isEqualTo(":영희!영희@openchat JOIN #Straße");
        joiner.sync();
        creator.expect(" JOIN ");

        creator.send("TOPIC #STRASSE :주제");
        assertThat(creator.expect(" TOPIC ")).isEqualTo(":철수!철수@openchat TOPIC #Straße :주제");
        creator.send("MODE #strasse");
        assertThat(creator.nextLine()).startsWith(":openchat 324 철수 #Straße ");
        joiner.send("PART #STRASSE :bye");
        assertThat(joiner.expect(" PART "))
                .as("the channel its JOIN named, not as typed: a client could not match #STRASSE to #Straße")
                .isEqualTo(":영희!영희@openchat PART #Straße :bye");
        assertThat(creator.expect(" PART ")).isEqualTo(":영희!영희@openchat PART #Straße :bye");
        joiner.send("JOIN #straße");
        joiner.sync();
        creator.expect(" JOIN ");
        creator.send("KICK #STRASSE 영희");
        assertThat(creator.expect(" KICK ")).startsWith(":철수!철수@openchat KICK #Straße 영희");
    }

    @Test
    void joiningAChannelAlreadyJoinedIsIgnored() {
        IrcTestClient client = irc("철수");
        client.join("#study");

        client.send("JOIN #study");

        assertThat(client.sync()).isEmpty();
    }

    @Test
    void joiningABadChannelNameGets479SayingTheRule() {
        IrcTestClient client = irc("철수");

        client.send("JOIN #a*b,study,#" + "x".repeat(33) + ",##offtopic,#ok");

        // 479 (ERR_BADCHANNAME), not 403: irssi prints a 403 as "No such channel" whatever its text, a 479 with it.
        String rule = " :방 이름은 # 뒤에 1-32자로 씁니다 (쓸 수 있는 것: 글자, 숫자, - _ . +)";
        assertThat(client.nextLine()).isEqualTo(":openchat 479 철수 #a*b" + rule);
        assertThat(client.nextLine()).isEqualTo(":openchat 479 철수 study" + rule);
        assertThat(client.nextLine()).isEqualTo(":openchat 479 철수 #" + "x".repeat(33) + rule);
        assertThat(client.nextLine()).isEqualTo(":openchat 479 철수 ##offtopic" + rule);
        assertThat(client.nextLine()).isEqualTo(":철수!철수@openchat JOIN #ok");
    }

    @Test
    void aChannelWithPlusSignsIsARoomOfThatNameForEveryProtocol() {
        IrcTestClient client = irc("철수");
        TestClient ocp = ocpIn("c++", "영희");

        client.send("JOIN #C++");

        assertThat(client.expect(" JOIN ")).isEqualTo(":철수!철수@openchat JOIN #c++");
        assertThat(ocp.nextEvent(Methods.JOINED).header(HeaderNames.NAME)).contains("철수");
        ocp.sayIn("c++", "템플릿 질문 있습니다");
        client.expect(":영희!영희@openchat PRIVMSG #c\\+\\+ :템플릿 질문 있습니다");
    }

    @Test
    void joiningANewChannelNamedInFullWidthLettersGets479SayingWhy() {
        IrcTestClient client = irc("철수");

        client.send("JOIN #ＦＵＬＬ");

        assertThat(client.nextLine())
                .isEqualTo(":openchat 479 철수 #ＦＵＬＬ :사용할 수 없는 방 이름입니다: 전각·반각 문자나 합자 같은 호환 문자는 쓸 수 없습니다. 보통 글자로 쓰십시오");
    }

    @Test
    void errorNumericsEchoTheTargetAsTheClientSentIt() {
        IrcTestClient client = irc("철수");
        client.join("#study");

        client.send("KICK #x,#y 영희");
        assertThat(client.nextLine()).startsWith(":openchat 403 철수 #x,#y :");
        client.send("KICK nochan 영희");
        assertThat(client.nextLine()).startsWith(":openchat 403 철수 nochan :");
        client.send("TOPIC #a*b");
        assertThat(client.nextLine()).startsWith(":openchat 403 철수 #a*b :");
        client.send("MODE #a,#b");
        assertThat(client.nextLine()).startsWith(":openchat 403 철수 #a,#b :");
        client.send("INVITE 영희 #a*b");
        assertThat(client.nextLine()).startsWith(":openchat 403 철수 #a*b :");
        client.send("PRIVMSG * :x");
        assertThat(client.nextLine()).startsWith(":openchat 401 철수 * :");
        client.send("PRIVMSG @#study :x");
        assertThat(client.nextLine()).startsWith(":openchat 404 철수 @#study :");
        client.send("PRIVMSG #study,nobody,#a*b :x");
        assertThat(client.nextLine()).startsWith(":openchat 401 철수 nobody :");
        assertThat(client.nextLine()).startsWith(":openchat 403 철수 #a*b :");
    }

    @Test
    void joiningAFullRoomGets471() {
        server(b -> b.maxUsers(2));
        irc("철수").join("#study");
        irc("영희").join("#study");
        IrcTestClient third = irc("민수");

        third.send("JOIN #study");

        assertThat(third.nextLine()).isEqualTo(":openchat 471 민수 #study :방이 가득 찼습니다 (최대 2명)");
    }

    @Test
    void joiningMoreChannelsThanAllowedGets405() {
        server(b -> b.maxRoomsPerMember(2));
        IrcTestClient client = irc("철수");

        client.send("JOIN #a,#b,#c");

        client.linesUntil(" 366 철수 #b ");
        assertThat(client.nextLine()).startsWith(":openchat 405 철수 #c :");
    }

    @Test
    void joinZeroPartsEveryChannel() {
        IrcTestClient client = irc("철수");
        client.join("#a");
        client.join("#b");

        client.send("JOIN 0");

        assertThat(List.of(client.nextLine(), client.nextLine()))
                .containsExactlyInAnyOrder(":철수!철수@openchat PART #a", ":철수!철수@openchat PART #b");
        assertThat(server().server().core().member("철수").orElseThrow().roomNames())
                .isEmpty();
    }

    /**
     * A client whose joins and parts have taken all but one of their allowance: a burst as large as the rooms a
     * member may be in (here 3), refilled at the flood rate (here 1 a second).
     */
    private IrcTestClient withOneMoveLeftAfter(String... commands) {
        server(b -> b.maxRoomsPerMember(3).floodControl(new FloodControl(true, 10, 1.0)));
        IrcTestClient client = irc("철수");
        for (String command : commands) {
            client.send(command);
        }
        client.sync();
        return client;
    }

    @Test
    void joinZeroOverTheAllowanceTellsTheClientOfEveryChannelItLeaves() {
        IrcTestClient client = withOneMoveLeftAfter("JOIN #a", "JOIN #b");

        client.send("JOIN 0"); // one part now, the other when the allowance has refilled

        List<String> parts =
                client.sync().stream().filter(line -> line.contains(" PART ")).toList();
        assertThat(parts).containsExactlyInAnyOrder(":철수!철수@openchat PART #a", ":철수!철수@openchat PART #b");
        assertThat(server().server().core().member("철수").orElseThrow().roomNames())
                .isEmpty();
    }

    @Test
    void aPartOverTheAllowanceWaitsInsteadOfBeingRefused() {
        IrcTestClient client = withOneMoveLeftAfter("JOIN #a", "JOIN #b");

        client.send("PART #a,#b :bye"); // #a now, #b when the allowance has refilled

        assertThat(client.sync()).containsExactly(":철수!철수@openchat PART #a :bye", ":철수!철수@openchat PART #b :bye");
        assertThat(server().server().core().member("철수").orElseThrow().roomNames())
                .isEmpty();
    }

    @Test
    void aJoinOfSeveralChannelsOverTheAllowanceAnswersEachChannelOnce() {
        IrcTestClient client = withOneMoveLeftAfter("JOIN #w", "PART #w");

        client.send("JOIN #b,#c"); // #b now, #c when the allowance has refilled

        List<String> joins = client.sync().stream()
                .filter(line -> line.contains(" JOIN ") || line.contains(" 366 "))
                .toList();
        assertThat(joins)
                .containsExactly(
                        ":철수!철수@openchat JOIN #b",
                        ":openchat 366 철수 #b :이름 목록 끝",
                        ":철수!철수@openchat JOIN #c",
                        ":openchat 366 철수 #c :이름 목록 끝");
        assertThat(server().server().core().member("철수").orElseThrow().roomNames())
                .containsExactlyInAnyOrder("b", "c");
    }

    @Test
    void partOfAChannelNotJoinedGets442AndOfABadNameGets403() {
        IrcTestClient client = irc("철수");
        irc("영희").join("#study");

        client.send("PART #study");
        assertThat(client.nextLine()).isEqualTo(":openchat 442 철수 #study :그 방에 들어가 있지 않습니다");
        client.send("PART #a*b");
        assertThat(client.nextLine()).startsWith(":openchat 403 철수 #a*b :");
        client.send("PART #never");
        assertThat(client.nextLine())
                .as("a channel that does not exist is 403, not 442")
                .isEqualTo(":openchat 403 철수 #never :그런 방이 없습니다");
    }

    @Test
    void privmsgToAChannelNotJoinedGets404AndToOneThatDoesNotExist403() {
        IrcTestClient client = irc("철수");
        irc("영희").join("#study");

        client.send("PRIVMSG #study :안녕");
        assertThat(client.nextLine()).isEqualTo(":openchat 404 철수 #study :그 방에 들어가 있지 않아 보낼 수 없습니다");
        client.send("PRIVMSG #nowhere :안녕");
        assertThat(client.nextLine()).startsWith(":openchat 403 철수 #nowhere :");
    }

    @Test
    void theAdministratorJoiningAChannelIsShownAsItsOperatorAtOnce() {
        IrcTestClient member = irc("영희");
        member.join("#study");
        TestClient admin = ocp(Names.ADMINISTRATOR);

        assertThat(admin.joinRoom("study").statusCode()).isEqualTo(200);

        assertThat(member.expect(" JOIN #study$")).startsWith(":" + Names.ADMINISTRATOR + "!");
        assertThat(member.nextLine()).isEqualTo(":openchat MODE #study +o " + Names.ADMINISTRATOR);
        irc("민수").join("#study");
        assertThat(member.expect(" JOIN #study$")).startsWith(":민수!");
        assertThat(member.sync())
                .as("an ordinary member's join changes no mode")
                .isEmpty();
    }

    @Test
    void namesListsTheMembersWithTheOwnerAndAdministratorAsOperators() {
        TestClient admin = ocp(Names.ADMINISTRATOR);
        IrcTestClient owner = irc("철수");
        owner.join("#lobby");
        owner.join("#study");
        IrcTestClient member = irc("영희");
        member.join("#study");
        assertThat(admin.joinRoom("study").statusCode()).isEqualTo(200);
        owner.expect(" JOIN #study$");
        owner.expect(" JOIN #study$");
        member.expect("^:" + Names.ADMINISTRATOR + "!\\S+ JOIN #study$");
        member.expect(" MODE #study \\+o ");

        member.send("NAMES #study");
        assertThat(member.nextLine()).isEqualTo(":openchat 353 영희 = #study :@철수 영희 @" + Names.ADMINISTRATOR);
        assertThat(member.nextLine()).isEqualTo(":openchat 366 영희 #study :이름 목록 끝");
        member.send("NAMES #nowhere");
        assertThat(member.nextLine()).isEqualTo(":openchat 366 영희 #nowhere :이름 목록 끝");
        member.send("NAMES");
        assertThat(member.nextLine()).isEqualTo(":openchat 366 영희 * :이름 목록 끝");
        member.send("NAMES #lobby");
        assertThat(member.nextLine()).startsWith(":openchat 353 영희 = #lobby :").contains("@" + Names.ADMINISTRATOR);
    }

    @Test
    void namesOfAFullRoomIsSplitIntoLinesThatFit() {
        server(b -> b.maxUsers(40).maxConnectionsPerAddress(50));
        IrcTestClient owner = irc("철수");
        owner.join("#big");
        for (int i = 0; i < 30; i++) {
            irc("사람" + "가".repeat(25) + i).join("#big");
        }

        owner.send("NAMES #big");

        List<String> lines = owner.linesUntil(" 366 ");
        assertThat(lines.size()).isGreaterThan(2);
        assertThat(lines).allMatch(l -> l.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 510);
        long names = lines.stream()
                .filter(l -> l.contains(" 353 "))
                .mapToLong(l -> l.substring(l.indexOf(" :") + 2).split(" ").length)
                .sum();
        assertThat(names).isEqualTo(31);
    }

    @Test
    void aMemberListedInNamesIsSeenLeavingEvenPastThePresenceLimit() {
        server(b -> b.presenceLimit(2));
        IrcTestClient first = irc("철수");
        first.join("#study");
        irc("영희").join("#study");
        IrcTestClient third = irc("민수");
        third.join("#study");
        first.expect(" JOIN #study$");

        first.send("NAMES #study");
        boolean listed = first.linesUntil(" 366 ").stream().anyMatch(l -> l.contains(" 353 ") && l.contains("민수"));
        third.send("QUIT");
        third.awaitClosed();

        if (listed) {
            // An IRC client keeps whoever NAMES listed in its nick list until it sees them go.
            first.expect("^:민수!민수@openchat QUIT");
        }
    }

    @Test
    void pastThePresenceLimitAJoinersNamesListHoldsItselfAndItsRenameIsNotToldToOthers() {
        server(b -> b.presenceLimit(2));
        IrcTestClient first = irc("p1");
        first.join("#lobbyx");
        irc("p2").join("#lobbyx");
        first.expect(" JOIN #lobbyx$");
        IrcTestClient third = irc("p3");

        List<String> joined = third.join("#lobbyx");

        assertThat(joined).anyMatch(line -> line.contains(" 353 p3 = #lobbyx :") && line.endsWith(" p3"));
        third.send("NICK p3new");
        assertThat(third.nextLine()).isEqualTo(":p3!p3@openchat NICK p3new");
        assertThat(first.sync()).isEmpty();
    }

    @Test
    void whoListsTheChannelWithHereGoneAndOperatorFlags() {
        IrcTestClient owner = irc("철수");
        owner.join("#study");
        IrcTestClient member = irc("영희");
        member.join("#study");
        member.send("AWAY :점심");
        member.expectNumeric("306");

        owner.send("WHO #study");

        assertThat(owner.linesUntil(" 315 "))
                .containsSubsequence(
                        ":openchat 352 철수 #study 철수 openchat openchat 철수 H@ :0 Real Name",
                        ":openchat 352 철수 #study 영희 openchat openchat 영희 G :0 Real Name",
                        ":openchat 315 철수 #study :WHO 목록 끝");
        owner.send("WHO 영희");
        assertThat(owner.nextLine())
                .as("a nick with a channel the asker shares with it")
                .isEqualTo(":openchat 352 철수 #study 영희 openchat openchat 영희 G :0 Real Name");
        assertThat(owner.nextLine()).isEqualTo(":openchat 315 철수 영희 :WHO 목록 끝");
        owner.send("WHO #nowhere");
        assertThat(owner.nextLine()).isEqualTo(":openchat 315 철수 #nowhere :WHO 목록 끝");
    }

    @Test
    void whoOfAMaskListsTheMembersItFitsAmongThoseSharingARoomOnce() {
        IrcTestClient asker = irc("철수");
        asker.join("#study");
        asker.join("#dev");
        IrcTestClient kim = irc("kimchi");
        kim.join("#study");
        kim.join("#dev");
        irc("kimbap").join("#elsewhere"); // shares no room with the asker
        ocpIn("study", "Kim Min");
        asker.sync();

        asker.send("WHO kim*");
        assertThat(asker.linesUntil(" 315 "))
                .as("each once, with a channel they share; Kim Min as its nick; no one the asker shares no room with")
                .containsExactlyInAnyOrder(
                        ":openchat 352 철수 #study kimchi openchat openchat kimchi H :0 Real Name",
                        ":openchat 352 철수 #study Kim_Min openchat openchat Kim_Min H :0 Kim Min",
                        ":openchat 315 철수 kim* :WHO 목록 끝");
        asker.send("WHO *");
        assertThat(asker.linesUntil(" 315 ")).hasSize(4).anyMatch(line -> line.contains(" 철수 H@ :0 Real Name"));
        asker.send("WHO 0");
        assertThat(asker.linesUntil(" 315 ")).hasSize(4);
        asker.send("WHO KIMC?I!*@*");
        assertThat(asker.linesUntil(" 315 "))
                .containsExactly(
                        ":openchat 352 철수 #study kimchi openchat openchat kimchi H :0 Real Name",
                        ":openchat 315 철수 KIMC?I!*@* :WHO 목록 끝");
    }

    @Test
    void whoNamesTheFirstSharedChannelTheAskerJoinedAndWhoisListsChannelsInTheOrderJoined() {
        IrcTestClient asker = irc("철수");
        for (String channel : List.of("#zeta", "#ops", "#alpha", "#dev")) {
            asker.join(channel);
        }
        IrcTestClient kim = irc("kimchi");
        for (String channel : List.of("#dev", "#alpha", "#ops", "#zeta")) {
            kim.join(channel);
        }
        asker.sync();

        asker.send("WHO kimchi");
        assertThat(asker.linesUntil(" 315 "))
                .containsExactly(
                        ":openchat 352 철수 #zeta kimchi openchat openchat kimchi H :0 Real Name",
                        ":openchat 315 철수 kimchi :WHO 목록 끝");
        asker.send("PART #zeta");
        asker.send("WHO kimchi");
        assertThat(asker.linesUntil(" 315 "))
                .containsExactly(
                        ":철수!철수@openchat PART #zeta",
                        ":openchat 352 철수 #ops kimchi openchat openchat kimchi H :0 Real Name",
                        ":openchat 315 철수 kimchi :WHO 목록 끝");
        asker.send("WHOIS kimchi");
        assertThat(asker.linesUntil(" 318 "))
                .contains(":openchat 319 철수 kimchi :#dev #alpha #ops @#zeta"); // #zeta its own now, 철수 gone
    }

    @Test
    void whoWithTheOFlagListsOnlyTheOperatorThatIsTheAdministrator() {
        IrcTestClient asker = irc("철수");
        asker.join("#study");
        irc("영희").join("#study");
        TestClient admin = ocp(Names.ADMINISTRATOR);
        admin.joinRoom("study");
        asker.expect(" MODE #study \\+o ");

        asker.send("WHO #study o");
        assertThat(asker.linesUntil(" 315 "))
                .as("the owner is a channel operator, not an IRC operator")
                .containsExactly(
                        ":openchat 352 철수 #study 채팅관리자 openchat openchat 채팅관리자 H*@ :0 채팅관리자",
                        ":openchat 315 철수 #study :WHO 목록 끝");
        asker.send("WHO 0 o");
        assertThat(asker.linesUntil(" 315 ")).hasSize(2).first().asString().contains(" 채팅관리자 H*@ ");
        asker.send("WHO 영희 o");
        assertThat(asker.linesUntil(" 315 ")).containsExactly(":openchat 315 철수 영희 :WHO 목록 끝");
        asker.send("WHO #study");
        assertThat(asker.linesUntil(" 315 ")).hasSize(4);
    }

    @Test
    void theRealNameFromUserIsShownInWhoisAndWho() {
        IrcTestClient named = irc();
        named.send("NICK wee");
        named.send("USER ident 0 * :My Real Name");
        named.expectNumeric("376");
        named.join("#study");
        IrcTestClient asker = irc("철수");

        asker.send("WHOIS wee");
        assertThat(asker.nextLine()).isEqualTo(":openchat 311 철수 wee wee openchat * :My Real Name");
        asker.linesUntil(" 318 ");
        asker.send("WHO #study");
        assertThat(asker.nextLine()).isEqualTo(":openchat 352 철수 #study wee openchat openchat wee H@ :0 My Real Name");
    }

    // irssi shows the sign-on time only when the text holds "signon time" (fe-whois.c), in any language.
    private static final String IDLE_TEXT = " :초 동안 입력 없음, 접속한 시각 (seconds idle, signon time)";

    /** WHOIS's lines with 317's idle seconds and sign-on time, which depend on the clock, as IDLE and SIGNON. */
    private static List<String> idleMasked(List<String> lines) {
        return lines.stream()
                .map(line -> line.replaceFirst("^(:openchat 317 \\S+ \\S+) \\d+ \\d+ ", "$1 IDLE SIGNON "))
                .toList();
    }

    @Test
    void whoisSaysHowLongTheMemberHasBeenIdleAndWhenItSignedOn() {
        SteppedClock clock = new SteppedClock();
        server(b -> b, clock);
        IrcTestClient talker = irc("영희");
        talker.join("#study");
        long signedOn = clock.instant().getEpochSecond();
        IrcTestClient asker = irc("철수");

        clock.advance(Duration.ofSeconds(90));
        asker.send("WHOIS 영희");
        assertThat(asker.expectNumeric("317")).isEqualTo(":openchat 317 철수 영희 90 " + signedOn + IDLE_TEXT);

        talker.send("PRIVMSG #study :돌아왔어요");
        talker.sync();
        clock.advance(Duration.ofSeconds(5));
        asker.send("WHOIS 영희");
        assertThat(asker.expectNumeric("317"))
                .as("a line resets the idle time, not the sign-on")
                .isEqualTo(":openchat 317 철수 영희 5 " + signedOn + IDLE_TEXT);
    }

    @Test
    void whoisOfSeveralNicksAnswersEachInFull() {
        irc("영희");
        IrcTestClient asker = irc("철수");

        asker.send("WHOIS 영희,없는사람");

        assertThat(idleMasked(asker.linesUntil(" 318 철수 없는사람 ")))
                .containsExactly(
                        ":openchat 311 철수 영희 영희 openchat * :Real Name",
                        ":openchat 312 철수 영희 openchat :openchat 채팅 서버",
                        ":openchat 317 철수 영희 IDLE SIGNON" + IDLE_TEXT,
                        ":openchat 318 철수 영희 :WHOIS 끝",
                        ":openchat 401 철수 없는사람 :그런 사용자가 없습니다",
                        ":openchat 318 철수 없는사람 :WHOIS 끝");
    }

    @Test
    void whoisOfAnotherSpellingOfANickEndsWithTheSpellingAsked() {
        irc("유저1");
        IrcTestClient asker = irc("철수");

        // A full-width digit: the same name to the server, another string to the client, which waits for its end.
        asker.send("WHOIS 유저１");

        assertThat(idleMasked(asker.linesUntil(" 318 ")))
                .containsExactly(
                        ":openchat 311 철수 유저1 유저1 openchat * :Real Name",
                        ":openchat 312 철수 유저1 openchat :openchat 채팅 서버",
                        ":openchat 317 철수 유저1 IDLE SIGNON" + IDLE_TEXT,
                        ":openchat 318 철수 유저１ :WHOIS 끝");
        asker.send("WHOWAS 유저１");
        assertThat(asker.linesUntil(" 369 ")).last().isEqualTo(":openchat 369 철수 유저１ :WHOWAS 끝");
    }

    @Test
    void whowasShowsWhoLeftOrRenamedAndSays406ForANickNoOneGaveUp() {
        IrcTestClient asker = irc("철수");
        IrcTestClient gone = irc("영희");
        gone.send("NICK 영희2");
        gone.expect(" NICK 영희2$");
        gone.send("QUIT :bye");
        gone.awaitClosed();

        asker.send("WHOWAS 영희");
        assertThat(asker.nextLine()).isEqualTo(":openchat 314 철수 영희 영희 openchat * :영희");
        assertThat(asker.nextLine())
                .matches(
                        ":openchat 312 철수 영희 openchat :\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} (UTC|[A-Z][A-Za-z]{1,5}|[+-]\\d{2}:\\d{2})에 이름을 바꿨습니다: 영희2");
        assertThat(asker.nextLine()).isEqualTo(":openchat 369 철수 영희 :WHOWAS 끝");
        asker.send("WHOWAS 영희2");
        assertThat(asker.nextLine()).isEqualTo(":openchat 314 철수 영희2 영희2 openchat * :영희2");
        assertThat(asker.nextLine())
                .matches(
                        ":openchat 312 철수 영희2 openchat :\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} (UTC|[A-Z][A-Za-z]{1,5}|[+-]\\d{2}:\\d{2})에 나갔습니다");
        assertThat(asker.nextLine()).isEqualTo(":openchat 369 철수 영희2 :WHOWAS 끝");
        asker.send("WHOWAS 아무도");
        assertThat(asker.nextLine()).isEqualTo(":openchat 406 철수 아무도 :최근에 그 이름을 쓴 사용자가 없습니다");
        assertThat(asker.nextLine()).isEqualTo(":openchat 369 철수 아무도 :WHOWAS 끝");
    }

    @Test
    void whoisShowsTheUserChannelsServerOperatorAndAway() {
        IrcTestClient admin = irc();
        admin.send("PASS " + server().adminKeyText());
        admin.register(Names.ADMINISTRATOR);
        admin.join("#study");
        admin.send("AWAY :회의 중");
        admin.expectNumeric("306");
        IrcTestClient asker = irc("철수");

        asker.send("WHOIS " + Names.ADMINISTRATOR);

        String a = Names.ADMINISTRATOR;
        assertThat(idleMasked(asker.linesUntil(" 318 ")))
                .containsExactly(
                        ":openchat 311 철수 " + a + " " + a + " openchat * :Real Name",
                        ":openchat 319 철수 " + a + " :@#study",
                        ":openchat 312 철수 " + a + " openchat :openchat 채팅 서버",
                        ":openchat 313 철수 " + a + " :채팅관리자입니다",
                        ":openchat 301 철수 " + a + " :회의 중",
                        ":openchat 317 철수 " + a + " IDLE SIGNON" + IDLE_TEXT,
                        ":openchat 318 철수 " + a + " :WHOIS 끝");
        asker.send("WHOIS openchat 철수");
        assertThat(idleMasked(asker.linesUntil(" 318 ")))
                .containsExactly(
                        ":openchat 311 철수 철수 철수 openchat * :Real Name",
                        ":openchat 312 철수 철수 openchat :openchat 채팅 서버",
                        ":openchat 317 철수 철수 IDLE SIGNON" + IDLE_TEXT,
                        ":openchat 318 철수 철수 :WHOIS 끝");
        asker.send("WHOIS 없는사람");
        assertThat(asker.nextLine()).isEqualTo(":openchat 401 철수 없는사람 :그런 사용자가 없습니다");
        assertThat(asker.nextLine()).isEqualTo(":openchat 318 철수 없는사람 :WHOIS 끝");
    }

    @Test
    void listShowsEveryRoomWithMemberCountsAndTopics() {
        IrcTestClient owner = irc("철수");
        owner.join("#study");
        owner.send("TOPIC #study :시험 공부 중");
        owner.expect(" TOPIC ");
        ocp("유저1");

        owner.send("LIST");

        assertThat(owner.linesUntil(" 323 "))
                .containsExactly(
                        ":openchat 321 철수 Channel :Users  Name",
                        ":openchat 322 철수 #lobby 1 :",
                        ":openchat 322 철수 #study 1 :시험 공부 중",
                        ":openchat 323 철수 :방 목록 끝");
        owner.send("LIST #STUDY");
        List<String> only = owner.linesUntil(" 323 ");
        assertThat(only).hasSize(3);
        assertThat(only.get(1)).startsWith(":openchat 322 철수 #study ");
    }

    @Test
    void listTakesMasksNotMasksAndMemberCountsAsElistMnuSays() {
        IrcTestClient owner = irc("철수");
        owner.join("#dev");
        owner.join("#Design");
        owner.join("#study");
        IrcTestClient second = irc("영희");
        second.join("#dev");

        assertThat(listed(owner, "LIST #d*")).containsExactlyInAnyOrder("#dev", "#Design");
        assertThat(listed(owner, "LIST #D?V,#STUDY")).containsExactlyInAnyOrder("#dev", "#study");
        assertThat(listed(owner, "LIST >1")).containsExactlyInAnyOrder("#dev");
        assertThat(listed(owner, "LIST <2")).containsExactlyInAnyOrder("#lobby", "#Design", "#study");
        assertThat(listed(owner, "LIST #*,!#de*,<5")).containsExactlyInAnyOrder("#lobby", "#study");
        assertThat(listed(owner, "LIST #d*,>1,C>10"))
                .as("a term not advertised is ignored")
                .containsExactlyInAnyOrder("#dev");
    }

    /** The channels a LIST lists, in its order. */
    private static List<String> listed(IrcTestClient client, String list) {
        client.send(list);
        return client.linesUntil(" 323 ").stream()
                .filter(line -> line.contains(" 322 "))
                .map(line -> line.split(" ")[3])
                .toList();
    }

    @Test
    void modeOfAChannelShowsItsLimitAndFixedModes() {
        server(b -> b.maxUsers(7));
        IrcTestClient owner = irc("철수");
        long before = java.time.Instant.now().getEpochSecond();
        owner.join("#study");
        long after = java.time.Instant.now().getEpochSecond();
        IrcTestClient member = irc("영희");
        member.join("#study");
        owner.expect(" JOIN #study$");

        member.send("MODE #study");
        assertThat(member.nextLine()).isEqualTo(":openchat 324 영희 #study +lnt 7");
        String created = member.nextLine();
        assertThat(created).as("when the room was made: irssi waits for it").startsWith(":openchat 329 영희 #study ");
        assertThat(Long.parseLong(
                        created.substring(created.lastIndexOf(' ') + 1).replace(":", "")))
                .isBetween(before, after);
        member.send("MODE #study b");
        assertThat(member.nextLine()).isEqualTo(":openchat 368 영희 #study :차단 목록 끝");
        member.send("MODE #study +e");
        assertThat(member.nextLine()).startsWith(":openchat 349 영희 #study :");
        member.send("MODE #study I");
        assertThat(member.nextLine()).startsWith(":openchat 347 영희 #study :");
        member.send("MODE #study +x");
        assertThat(member.nextLine()).isEqualTo(":openchat 482 영희 #study :방장이나 채팅관리자만 할 수 있습니다");
        owner.send("MODE #study +m");
        assertThat(owner.nextLine())
                .as("the letter asked for, and the modes there are")
                .isEqualTo(":openchat 472 철수 m :방 모드 m: 이 서버에는 없습니다. 방은 누구에게나 열려 있고, b (차단)와 l (인원 제한)만 정할 수 있습니다");
        owner.send("MODE #study +mim");
        assertThat(owner.nextLine()).as("one 472 per letter, as irssi reads it").startsWith(":openchat 472 철수 m :");
        assertThat(owner.nextLine()).startsWith(":openchat 472 철수 i :");
        owner.send("MODE #study -t");
        assertThat(owner.nextLine())
                .as("t is a mode the room has: not unknown, but fixed; said in the channel's window")
                .isEqualTo(
                        ":openchat NOTICE #study :*** 방 모드 +nt: openchat 에서는 고정되어 있습니다 (인원 제한은 따로: MODE #방 +l 인원, -l)");
        owner.send("MODE #nowhere");
        assertThat(owner.nextLine()).startsWith(":openchat 403 철수 #nowhere :");
    }

    @Test
    void anOwnersOpOrVoiceIsAnsweredWithANoticeThatTheRoomHasOneOwnerNotAnUnknownMode() {
        IrcTestClient owner = irc("철수");
        owner.join("#study");
        IrcTestClient member = irc("영희");
        member.join("#study");
        owner.expect(" JOIN #study$");

        owner.send("MODE #study +o 영희");
        assertThat(owner.nextLine())
                .as("o is in PREFIX: no 472, which irssi shows as an unknown mode character")
                .isEqualTo(
                        ":openchat NOTICE #study :*** #study 의 운영자(@)는 방장과 채팅관리자뿐이라 운영자(+o)나 발언권(+v)을 줄 수 없습니다: 방장이 방을"
                                + " 나가면 가장 오래 있던 사람이 방장이 되고, 등록된 방은 열쇠를 입력하는 사람이 방장이 됩니다 (/msg ChanServ HELP)");
        owner.send("MODE #study +v 영희");
        assertThat(owner.nextLine()).startsWith(":openchat NOTICE #study :*** #study 의 운영자(@)는");
        member.send("MODE #study +o 영희");
        assertThat(member.nextLine()).startsWith(":openchat 482 영희 #study :");
    }

    @Test
    void userModeQueryGets221AndAnotherUsersModeGets502() {
        IrcTestClient client = irc("철수");
        irc("영희");

        client.send("MODE 철수");
        assertThat(client.nextLine()).isEqualTo(":openchat 221 철수 +");
        client.send("MODE 철수 +iw");
        assertThat(client.nextLine()).isEqualTo(":철수!철수@openchat MODE 철수 +iw");
        client.send("MODE 철수 -w");
        assertThat(client.nextLine()).isEqualTo(":철수!철수@openchat MODE 철수 -w");
        client.send("MODE 철수");
        assertThat(client.nextLine()).isEqualTo(":openchat 221 철수 +i");
        client.send("MODE 철수 +i");
        assertThat(client.sync()).as("no change, no line").isEmpty();
        client.send("MODE 철수 +x");
        assertThat(client.nextLine()).startsWith(":openchat 501 철수 :");
        client.send("MODE 영희");
        assertThat(client.nextLine()).startsWith(":openchat 502 철수 :");
    }

    @Test
    void awayIsShownToThoseWhoMessageAndBackClearsIt() {
        IrcTestClient away = irc("철수");
        IrcTestClient sender = irc("영희");

        away.send("AWAY :점심 먹는 중");
        assertThat(away.nextLine()).isEqualTo(":openchat 306 철수 :자리 비움으로 표시했습니다");
        sender.send("PRIVMSG 철수 :있어요?");
        assertThat(sender.nextLine()).isEqualTo(":openchat 301 영희 철수 :점심 먹는 중");
        assertThat(away.nextLine()).isEqualTo(":영희!영희@openchat PRIVMSG 철수 :있어요?");
        sender.send("NOTICE 철수 :notice");
        assertThat(sender.sync()).as("no 301 for a NOTICE").isEmpty();

        away.send("AWAY");
        assertThat(away.expectNumeric("305")).isEqualTo(":openchat 305 철수 :자리 비움을 해제했습니다");
        sender.send("PRIVMSG 철수 :이제요?");
        assertThat(sender.sync()).isEmpty();
    }

    @Test
    void awayNotifyTellsChannelMembersWithTheCapOnly() {
        IrcTestClient away = irc("철수");
        away.join("#study");
        IrcTestClient notified = ircWithCaps("영희", "away-notify");
        notified.join("#study");
        IrcTestClient plain = irc("민수");
        plain.join("#study");
        IrcTestClient elsewhere = ircWithCaps("수지", "away-notify");
        notified.expect(" JOIN #study$");

        away.send("AWAY :잠시 자리 비움");
        assertThat(notified.nextLine()).isEqualTo(":철수!철수@openchat AWAY :잠시 자리 비움");
        away.send("AWAY");
        assertThat(notified.nextLine()).isEqualTo(":철수!철수@openchat AWAY");

        assertThat(plain.sync()).isEmpty();
        assertThat(elsewhere.sync()).isEmpty();
    }

    @Test
    void isonAndUserhostTellWhoIsOnline() {
        IrcTestClient client = irc("철수");
        ocp("유저1");
        IrcTestClient admin = irc();
        admin.send("PASS " + server().adminKeyText());
        admin.register(Names.ADMINISTRATOR);
        admin.send("AWAY :바쁨");
        admin.expectNumeric("306");

        client.send("ISON 유저1 없는사람 철수");
        assertThat(client.nextLine()).isEqualTo(":openchat 303 철수 :유저1 철수");
        client.send("ISON :없는사람 유저1");
        assertThat(client.nextLine()).isEqualTo(":openchat 303 철수 :유저1");
        client.send("USERHOST 철수 " + Names.ADMINISTRATOR + " 없는사람");
        String a = Names.ADMINISTRATOR;
        assertThat(client.nextLine()).isEqualTo(":openchat 302 철수 :철수=+철수@openchat " + a + "*=-" + a + "@openchat");
    }

    @Test
    void isonAndUserhostWithoutANickGet461() {
        IrcTestClient client = irc("철수");

        client.send("ISON");
        assertThat(client.nextLine()).startsWith(":openchat 461 철수 ISON :");
        client.send("ISON :");
        assertThat(client.nextLine()).startsWith(":openchat 461 철수 ISON :");
        client.send("USERHOST");
        assertThat(client.nextLine()).startsWith(":openchat 461 철수 USERHOST :");
    }

    @Test
    void dieByAMemberGets481() {
        IrcTestClient client = irc("철수");

        client.send("DIE");

        assertThat(client.nextLine()).isEqualTo(":openchat 481 철수 :채팅관리자만 할 수 있습니다");
        assertThat(server().server().terminated()).isNotDone();
    }

    @Test
    void dieByTheAdministratorStopsTheServerTellingEveryoneItsReason() throws Exception {
        TestClient ocp = ocp("유저1");
        IrcTestClient member = irc("철수");
        member.join("#lobby");
        IrcTestClient admin = irc();
        admin.send("PASS " + server().adminKeyText());
        admin.register(Names.ADMINISTRATOR);

        admin.send("DIE :점검");

        assertThat(member.expect("^ERROR "))
                .isEqualTo("ERROR :연결을 닫습니다: 서버가 종료되었습니다. (" + Names.ADMINISTRATOR + ": 점검)");
        member.awaitClosed();
        admin.expect("^ERROR ");
        admin.awaitClosed();
        OcpMessage notice = ocp.nextMatching(m -> m.method().equals(Methods.SHUTDOWN));
        assertThat(notice.bodyText()).isEqualTo("서버가 종료되었습니다.");
        assertThat(notice.header(HeaderNames.REASON)).contains(Names.ADMINISTRATOR + ": 점검");
        ocp.awaitClosed();
        server().awaitTerminated(Duration.ofSeconds(10));
        server().console().awaitLineContaining("[SHUTDOWN] 서버를 종료합니다 (" + Names.ADMINISTRATOR + ": 점검)");
    }

    @Test
    void linesSentWithQuitInOneReadAreAnsweredBeforeTheErrorAndLinesAfterItAreNotRead() {
        IrcTestClient client = irc("민수");
        client.join("#lobby");
        IrcTestClient watcher = irc("영희");
        watcher.join("#lobby");
        client.await(line -> line.contains(" JOIN ") && line.contains("영희"));

        client.sendRaw("PRIVMSG #없는방 :x\r\nPRIVMSG #lobby :잘 있어요\r\nQUIT :bye\r\nPRIVMSG #lobby :after\r\n"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(client.nextLine()).startsWith(":openchat 403 민수 #없는방 ");
        assertThat(client.nextLine()).isEqualTo("ERROR :연결을 닫습니다: Quit: bye");
        client.awaitClosed();
        assertThat(watcher.nextLine()).isEqualTo(":민수!민수@openchat PRIVMSG #lobby :잘 있어요");
        assertThat(watcher.nextLine()).startsWith(":민수!민수@openchat QUIT ");
    }

    @Test
    void quitBeforeRegistrationClosesWithError() {
        IrcTestClient client = irc();

        client.send("QUIT");

        assertThat(client.nextLine()).isEqualTo("ERROR :연결을 닫습니다: Quit");
        client.awaitClosed();
    }
}
