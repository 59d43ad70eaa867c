package openchat.server.irc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import openchat.core.Names;
import org.junit.jupiter.api.Test;

/**
 * The administrator's server notices (user mode {@code +s}), end to end: the console's status lines as InspIRCd words
 * a server notice, never a chat line or a private message, until {@code -s}; refused to anyone else; a connect flood
 * capped at ten notices a second and the rest told as a count.
 */
class IrcServerNoticesTest extends IrcTestBase {
    private static final String ADMIN = Names.ADMINISTRATOR;
    private static final String NOTICE = ":openchat NOTICE " + ADMIN + " :*** ";
    private static final Pattern SKIPPED =
            Pattern.compile("^" + Pattern.quote(NOTICE) + "\\(서버 알림 (\\d+)줄 생략: 1초에 10줄까지만 보냅니다\\)$");

    /** The administrator over IRC, with {@code +s} set. */
    private IrcTestClient watchingOperator() {
        IrcTestClient admin = operator();
        admin.send("MODE " + ADMIN + " +s");
        assertThat(admin.nextLine()).isEqualTo(":" + ADMIN + "!" + ADMIN + "@openchat MODE " + ADMIN + " +s");
        return admin;
    }

    @Test
    void theAdministratorsPlusSGetsTheConsolesConnectKickAndBanLinesButNoChatLineOrPrivateMessage() {
        IrcTestClient admin = watchingOperator();
        admin.send("MODE " + ADMIN);
        assertThat(admin.nextLine()).as("221 shows it").isEqualTo(":openchat 221 " + ADMIN + " +os");

        var member = ocp("유저1");
        assertThat(admin.nextLine()).isEqualTo(NOTICE + "[CONNECT] 유저1");
        IrcTestClient other = irc("영희");
        other.join("#lobby");
        member.say("안녕하십니까");
        other.send("PRIVMSG 유저1 :비밀");
        other.send("PRIVMSG #lobby :반갑습니다");
        server().console().awaitLineContaining("영희 : 반갑습니다");

        admin.send("KICK #lobby 유저1 :도배");
        List<String> untilKick =
                admin.linesUntil("^" + Pattern.quote(NOTICE + "[KICK] 유저1 (관리자: " + ADMIN + ") 도배") + "$");
        assertThat(untilKick)
                .as("the console's status lines; its chat lines, and private messages, are no server notice")
                .contains(NOTICE + "[CONNECT] 영희")
                .noneMatch(line -> line.contains("안녕하십니까") || line.contains("비밀") || line.contains("반갑습니다"));

        admin.send("KLINE 영희 :도배");
        admin.expect("^" + Pattern.quote(NOTICE + "[BAN] 영희 (관리자: " + ADMIN + ") 도배") + "$");
    }

    @Test
    void aRehashByAWatchingAdministratorTellsWhatTheReloadSaidOnce() {
        IrcTestClient admin = watchingOperator();

        admin.send("REHASH");
        admin.send("PING :after"); // answered once the reload is done and told

        List<String> lines = admin.linesUntil("PONG .*:after$");
        assertThat(lines).anyMatch(line -> line.contains(" 382 "));
        assertThat(lines.stream().filter(line -> line.startsWith(NOTICE + "[RELOAD] ")))
                .as("the console's line comes as a server notice, and REHASH does not write it again")
                .hasSize(1);
    }

    @Test
    void minusSStopsTheServerNotices() {
        IrcTestClient admin = watchingOperator();
        ocp("유저1");
        assertThat(admin.nextLine()).isEqualTo(NOTICE + "[CONNECT] 유저1");

        admin.send("MODE " + ADMIN + " -s");
        assertThat(admin.nextLine()).isEqualTo(":" + ADMIN + "!" + ADMIN + "@openchat MODE " + ADMIN + " -s");
        ocp("유저2");
        server().console().awaitLineContaining("[CONNECT] 유저2");

        assertThat(admin.sync()).isEmpty();
        admin.send("MODE " + ADMIN);
        assertThat(admin.nextLine()).isEqualTo(":openchat 221 " + ADMIN + " +o");
    }

    @Test
    void aMembersPlusSIsRefusedWith481AndItGetsNoServerNotice() {
        IrcTestClient member = irc("철수");

        member.send("MODE 철수 +s");

        assertThat(member.nextLine())
                .as("InspIRCd's answer to an operator's mode asked by a user")
                .isEqualTo(":openchat 481 철수 :사용자 모드 s(서버 알림)는 채팅관리자만 쓸 수 있습니다");
        member.send("MODE 철수");
        assertThat(member.nextLine()).isEqualTo(":openchat 221 철수 +");
        ocp("유저1");
        server().console().awaitLineContaining("[CONNECT] 유저1");
        assertThat(member.sync()).isEmpty();
    }

    @Test
    void aConnectFloodIsCappedAtTenNoticesASecondAndTheRestToldAsACount() {
        int flood = 25;
        server(config -> config.maxConnectionsPerAddress(flood + 5));
        IrcTestClient admin = watchingOperator();
        List<IrcTestClient> bots = new ArrayList<>();
        for (int i = 0; i < flood; i++) {
            bots.add(irc());
        }

        for (int i = 0; i < flood; i++) { // every registration at once, as a flood of connects comes
            bots.get(i).send("NICK bot" + i);
            bots.get(i).send("USER u 0 * :Bot");
        }

        List<String> connects = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            connects.add(admin.nextLine());
        }
        assertThat(connects).allMatch(line -> line.startsWith(NOTICE + "[CONNECT] bot"));
        Matcher skipped = SKIPPED.matcher(admin.nextLine());
        assertThat(skipped.matches())
                .as("one notice for the rest of the second")
                .isTrue();
        int told = 10;
        int left = Integer.parseInt(skipped.group(1));
        while (told + left < flood) { // a machine slow enough to spread the flood over two seconds
            String line = admin.nextLine();
            Matcher more = SKIPPED.matcher(line);
            if (more.matches()) {
                left += Integer.parseInt(more.group(1));
            } else {
                assertThat(line).startsWith(NOTICE + "[CONNECT] bot");
                told++;
            }
        }
        assertThat(told + left).as("every connect told or counted").isEqualTo(flood);
    }
}
