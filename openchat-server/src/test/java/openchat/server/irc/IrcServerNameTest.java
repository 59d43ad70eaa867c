package openchat.server.irc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import openchat.core.Names;
import org.junit.jupiter.api.Test;

/**
 * The server's and the network's names ({@code --server-name}, {@code --network-name}) in what the IRC listener sends:
 * the source of every numeric and server line, the host of every member's address, the welcome, ISUPPORT's
 * {@code NETWORK}, WHOIS, WHO, USERHOST, the MOTD, VERSION, LINKS, ADMIN, TIME and PONG; and without them, the bytes
 * the server always sent.
 */
class IrcServerNameTest extends IrcTestBase {
    private static final String SERVER = "irc.example.org";
    private static final String NETWORK = "ExampleNet";

    private void named() {
        server(c -> c.serverName(SERVER).networkName(NETWORK).locale(Locale.ENGLISH));
    }

    /** Every line from the server itself (no {@code !} in its source), its tags left out. */
    private static List<String> serverLines(List<String> lines) {
        return lines.stream()
                .map(line -> line.startsWith("@") ? line.substring(line.indexOf(' ') + 1) : line)
                .filter(line -> !line.substring(0, line.indexOf(' ')).contains("!"))
                .toList();
    }

    @Test
    void theWelcomeIsupportAndEveryNumericCarryTheConfiguredNames() {
        named();
        IrcTestClient client = irc();

        List<String> lines = client.register("alice");
        String version = lines.get(3).split(" ")[4];

        assertThat(lines.get(0))
                .isEqualTo(":" + SERVER + " 001 alice :Welcome to " + NETWORK + ", alice (alice!alice@" + SERVER + ")");
        assertThat(lines.get(1))
                .isEqualTo(":" + SERVER + " 002 alice :Your host is " + SERVER + ", running version " + version);
        assertThat(lines.get(3)).startsWith(":" + SERVER + " 004 alice " + SERVER + " openchat-");
        assertThat(lines.stream().filter(l -> IrcTestClient.numeric(l, "005")))
                .anyMatch(l -> l.contains(" NETWORK=" + NETWORK + " "))
                .noneMatch(l -> l.contains("NETWORK=openchat"));
        assertThat(lines.stream().filter(l -> IrcTestClient.numeric(l, "375")))
                .containsExactly(":" + SERVER + " 375 alice :- " + SERVER + " message of the day -");
        assertThat(serverLines(lines)).hasSameSizeAs(lines).allMatch(l -> l.startsWith(":" + SERVER + " "));
    }

    @Test
    void irssisBanMasksWithTheConfiguredHostOrItsDomainBanTheNickAndAnotherHostIsRefused() {
        named();
        IrcTestClient owner = irc("alice");
        owner.join("#study");

        owner.send("MODE #study +b *!*troll@" + SERVER); // irssi's /ban troll, the host as the server shows it
        assertThat(owner.expect(" MODE #study ")).isEqualTo(":alice!alice@" + SERVER + " MODE #study +b troll!*@*");
        owner.send("MODE #study +b *!*spam@*.example.org"); // irssi's /kickban: its ban_type masks the host's domain
        assertThat(owner.expect(" MODE #study ")).isEqualTo(":alice!alice@" + SERVER + " MODE #study +b spam!*@*");
        owner.send("MODE #study +b *!*troll@openchat");
        assertThat(owner.expect(" NOTICE #study "))
                .startsWith(":" + SERVER + " NOTICE #study :*** *!*troll@openchat cannot be a channel ban: ")
                .endsWith("every member is nick!nick@" + SERVER);
    }

    @Test
    void whoisWhoAndUserhostNameTheConfiguredServer() {
        named();
        IrcTestClient alice = irc("alice");
        irc("bob");

        alice.send("WHOIS bob");
        List<String> whois = alice.linesUntil(" 318 alice ");
        alice.send("WHO bob");
        List<String> who = alice.linesUntil(" 315 alice ");
        alice.send("USERHOST bob");
        String userhost = alice.expectNumeric("302");

        assertThat(whois)
                .contains(
                        ":" + SERVER + " 311 alice bob bob " + SERVER + " * :Real Name",
                        ":" + SERVER + " 312 alice bob " + SERVER + " :openchat chat server");
        assertThat(who)
                .anyMatch(l -> l.startsWith(":" + SERVER + " 352 alice * bob " + SERVER + " " + SERVER + " bob "));
        assertThat(userhost).isEqualTo(":" + SERVER + " 302 alice :bob=+bob@" + SERVER);
    }

    @Test
    void theServersOwnCommandsAnswerUnderTheConfiguredName() {
        named();
        IrcTestClient alice = irc("alice");

        alice.send("PING :token1");
        String pong = alice.expect(" PONG ");
        alice.send("VERSION");
        String version = alice.expectNumeric("351");
        alice.send("LINKS");
        String links = alice.expectNumeric("364");
        alice.send("ADMIN");
        String admin = alice.expectNumeric("256");
        alice.send("TIME");
        String time = alice.expectNumeric("391");

        assertThat(pong).isEqualTo(":" + SERVER + " PONG " + SERVER + " :token1");
        assertThat(version)
                .matches(":" + java.util.regex.Pattern.quote(SERVER) + " 351 alice openchat-\\S+ "
                        + java.util.regex.Pattern.quote(SERVER) + " :.*");
        assertThat(links).startsWith(":" + SERVER + " 364 alice * " + SERVER + " :0 ");
        assertThat(admin).startsWith(":" + SERVER + " 256 alice " + SERVER + " :");
        assertThat(time).startsWith(":" + SERVER + " 391 alice " + SERVER + " :");
    }

    @Test
    void membersAddressesInChatLinesHaveTheConfiguredServerAsTheirHost() {
        named();
        IrcTestClient alice = ircWithCaps("alice", "server-time message-tags");
        IrcTestClient bob = irc("bob");
        alice.join("#lobby");
        bob.join("#lobby");
        alice.expect("^(@\\S+ )?:bob!bob@" + java.util.regex.Pattern.quote(SERVER) + " JOIN #lobby$");

        bob.send("PRIVMSG #lobby :hello");
        String heard = alice.expect(" PRIVMSG #lobby :hello$");
        ocp("carol");
        String joined = bob.expect(" JOIN #lobby$");

        assertThat(heard).startsWith("@").endsWith(" :bob!bob@" + SERVER + " PRIVMSG #lobby :hello");
        assertThat(joined).isEqualTo(":carol!carol@" + SERVER + " JOIN #lobby");
    }

    @Test
    void anOperatorsKlineNamesTheNickWhenItsHostIsTheConfiguredServer() {
        named();
        IrcTestClient admin = irc();
        admin.send("PASS " + server().adminKeyText());
        admin.register(Names.ADMINISTRATOR);
        admin.expectNumeric("381");
        IrcTestClient troll = irc("troll");

        admin.send("KLINE troll@" + SERVER + " :spam");

        troll.awaitClosed();
        assertThat(server().server().core().member("troll")).isEmpty();
    }

    @Test
    void withoutTheOptionsTheServerSpeaksAsOpenchatByteForByte() {
        IrcTestClient client = irc();

        List<String> lines = client.register("유저1");
        String version = lines.get(3).split(" ")[4];
        irc("유저2");
        client.send("WHOIS 유저2");
        String whois = client.expectNumeric("312");

        assertThat(lines.get(0)).isEqualTo(":openchat 001 유저1 :openchat에 오신 것을 환영합니다, 유저1 (유저1!유저1@openchat)");
        assertThat(lines.get(1)).isEqualTo(":openchat 002 유저1 :이 서버는 openchat, 버전 " + version + " 입니다");
        assertThat(lines.get(3)).isEqualTo(":openchat 004 유저1 openchat " + version + " Biosw blnrt bl");
        assertThat(lines.stream().filter(l -> IrcTestClient.numeric(l, "005")))
                .anyMatch(l -> l.contains(" NETWORK=openchat "));
        assertThat(lines.stream().filter(l -> IrcTestClient.numeric(l, "375")))
                .containsExactly(":openchat 375 유저1 :- openchat 오늘의 메세지 -");
        assertThat(whois).isEqualTo(":openchat 312 유저1 유저2 openchat :openchat 채팅 서버");
    }
}
