package openchat.server.irc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.server.testing.TestClient;
import org.junit.jupiter.api.Test;

/** The IRCv3 capabilities: what each changes in the lines a client gets. */
class IrcCapabilitiesTest extends IrcTestBase {
    private static final String RFC3339_UTC = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";

    @Test
    void withServerTimeTheClientsOwnJoinTopicNickAndPartCarryTheTimeAsOthersCopiesDo() {
        IrcTestClient client = ircWithCaps("철수", "server-time");

        List<String> joined = client.join("#study");
        assertThat(joined.get(0)).matches("@time=\\S+Z :철수!철수@openchat JOIN #study");
        client.send("TOPIC #study :주제");
        assertThat(client.nextLine()).matches("@time=\\S+Z :철수!철수@openchat TOPIC #study :주제");
        client.send("NICK 철수2");
        assertThat(client.nextLine()).matches("@time=\\S+Z :철수!철수@openchat NICK 철수2");
        client.send("PART #study");
        assertThat(client.nextLine()).matches("@time=\\S+Z :철수2!철수2@openchat PART #study");
    }

    @Test
    void serverTimeTagsChatLinesWithTheCoresTimeInUtc() {
        TestClient ocp = ocpIn("study", "유저1");
        IrcTestClient client = ircWithCaps("철수", "server-time");
        client.join("#study");
        Instant before = Instant.now().minusSeconds(1);

        ocp.sayIn("study", "시간 확인");

        IrcMessage line = IrcMessage.parse(client.nextLine());
        assertThat(line.tags()).containsOnlyKeys("time");
        assertThat(line.tags().get("time")).matches(RFC3339_UTC);
        Instant at = Instant.parse(line.tags().get("time"));
        assertThat(at).isBetween(before, Instant.now().plusSeconds(1));
        assertThat(line.source()).isEqualTo("유저1!유저1@openchat");
        assertThat(line.params()).containsExactly("#study", "시간 확인");
        TestClient other = ocp("유저2");
        other.joinRoom("study");
        assertThat(IrcMessage.parse(client.nextLine()).tags()).containsKey("time");
    }

    @Test
    void messageTagsGiveEachRoomMessageAnIdOfTheRoomAndItsSeq() {
        TestClient ocp = ocpIn("Study", "유저1");
        IrcTestClient client = ircWithCaps("철수", "message-tags");
        client.join("#Study");
        IrcTestClient plain = irc("영희");
        plain.join("#Study");
        client.expect(" JOIN #Study$");

        ocp.sayIn("Study", "첫째");
        ocp.sayIn("Study", "둘째");

        IrcMessage first = IrcMessage.parse(client.nextLine());
        IrcMessage second = IrcMessage.parse(client.nextLine());
        assertThat(first.tags()).containsOnlyKeys("msgid");
        assertThat(first.tags().get("msgid")).matches("study:\\d+");
        long firstSeq = Long.parseLong(first.tags().get("msgid").substring(6));
        assertThat(second.tags().get("msgid")).isEqualTo("study:" + (firstSeq + 1));
        assertThat(server().server().core().room("study").lastSeq()).isEqualTo(firstSeq + 1);
        assertThat(plain.nextLine()).as("no tags without message-tags").startsWith(":유저1!");
    }

    @Test
    void echoMessageSendsTheSendersOwnLineBackWithItsId() {
        TestClient ocp = ocpIn("study", "유저1");
        IrcTestClient client = ircWithCaps("철수", "echo-message message-tags server-time");
        client.join("#study");

        client.send("PRIVMSG #study :내 메시지");

        IrcMessage echo = IrcMessage.parse(client.nextLine());
        assertThat(echo.source()).isEqualTo("철수!철수@openchat");
        assertThat(echo.command()).isEqualTo("PRIVMSG");
        assertThat(echo.params()).containsExactly("#study", "내 메시지");
        assertThat(echo.tags()).containsKeys("msgid", "time");
        OcpMessage received = ocp.nextMatching(m -> m.method().equals(Methods.MESSAGE));
        assertThat(echo.tags().get("msgid"))
                .isEqualTo("study:" + received.header(HeaderNames.SEQ).orElseThrow());

        client.send("PRIVMSG 유저1 :귓속말");
        IrcMessage privateEcho = IrcMessage.parse(client.nextLine());
        assertThat(privateEcho.params()).containsExactly("유저1", "귓속말");
        assertThat(privateEcho.tags()).as("private messages have no room Seq").doesNotContainKey("msgid");
        assertThat(ocp.nextEvent(Methods.PRIVATE).bodyText()).isEqualTo("귓속말");
    }

    @Test
    void labeledResponseLabelsTheEchoAcknowledgesASilentCommandAndBatchesSeveralLines() {
        ocpIn("study", "유저1");
        IrcTestClient client = ircWithCaps("철수", "labeled-response echo-message batch");
        client.join("#study");

        client.send("@label=a1 PRIVMSG #study :안녕 하세요");
        assertThat(client.nextLine()).isEqualTo("@label=a1 :철수!철수@openchat PRIVMSG #study :안녕 하세요");

        client.send("@label=a2 PONG :nothing");
        assertThat(client.nextLine()).isEqualTo("@label=a2 :openchat ACK");

        client.send("@label=a3 PING :x");
        assertThat(client.nextLine()).isEqualTo("@label=a3 :openchat PONG openchat :x");

        client.send("@label=a4 WHOIS 유저1");
        List<String> lines = client.linesUntil("^:openchat BATCH -");
        IrcMessage start = IrcMessage.parse(lines.get(0));
        assertThat(start.command()).isEqualTo("BATCH");
        assertThat(start.tags()).containsEntry("label", "a4");
        String id = start.params().get(0).substring(1);
        assertThat(start.params()).containsExactly("+" + id, "labeled-response");
        List<IrcMessage> inside = lines.subList(1, lines.size() - 1).stream()
                .map(IrcMessage::parse)
                .toList();
        assertThat(inside).extracting(IrcMessage::command).containsExactly("311", "319", "312", "317", "318");
        assertThat(inside)
                .allMatch(m -> id.equals(m.tags().get("batch")) && !m.tags().containsKey("label"));
        assertThat(lines.get(lines.size() - 1)).isEqualTo(":openchat BATCH -" + id);
    }

    /** The lines of one labeled-response batch, checked: its start carries the label, every line inside its id. */
    private static List<IrcMessage> labelledBatch(IrcTestClient client, String label) {
        List<String> lines = client.linesUntil("^:openchat BATCH -");
        IrcMessage start = IrcMessage.parse(lines.get(0));
        assertThat(start.command()).as("the answer starts a batch: %s", lines).isEqualTo("BATCH");
        assertThat(start.tags()).containsEntry("label", label);
        String id = start.params().get(0).substring(1);
        assertThat(start.params()).containsExactly("+" + id, "labeled-response");
        assertThat(lines.get(lines.size() - 1)).isEqualTo(":openchat BATCH -" + id);
        List<IrcMessage> inside = lines.subList(1, lines.size() - 1).stream()
                .map(IrcMessage::parse)
                .toList();
        assertThat(inside)
                .as("every line of the answer in the batch, none labelled: %s", lines)
                .allMatch(m -> id.equals(m.tags().get("batch")) && !m.tags().containsKey("label"));
        return inside;
    }

    @Test
    void aLabelledWhoxIsAnsweredInOneBatch() {
        ocpIn("study", "유저1");
        IrcTestClient client = ircWithCaps("철수", "labeled-response batch");
        client.join("#study");

        client.send("@label=w1 WHO #study %tnf,12");

        List<IrcMessage> inside = labelledBatch(client, "w1");
        assertThat(inside).extracting(IrcMessage::command).containsExactly("354", "354", "315");
        assertThat(inside.subList(0, 2))
                .extracting(IrcMessage::params)
                .containsExactlyInAnyOrder(List.of("철수", "12", "유저1", "H@"), List.of("철수", "12", "철수", "H"));
    }

    @Test
    void aLabelledLineToSeveralTargetsIsAnsweredInOneBatchEchoesAndErrorsAlike() {
        IrcTestClient client = ircWithCaps("철수", "labeled-response echo-message batch");
        client.join("#lm");
        client.join("#ln");

        client.send("@label=m2 PRIVMSG #lm,nobody :multi");
        assertThat(labelledBatch(client, "m2"))
                .extracting(m -> m.command() + " " + m.params().get(0))
                .containsExactly("PRIVMSG #lm", "401 철수");

        client.send("@label=m3 PRIVMSG #lm,#ln :two");
        assertThat(labelledBatch(client, "m3"))
                .extracting(m -> m.command() + " " + m.params().get(0))
                .containsExactly("PRIVMSG #lm", "PRIVMSG #ln");
    }

    @Test
    void aLabelledLineWhoseEchoIsCutInTwoIsAnsweredInOneBatch() {
        IrcTestClient client = ircWithCaps("철수", "labeled-response echo-message batch");
        client.join("#study");
        String text = "x".repeat(490); // a legal line, which the source prefix pushes past 512 bytes

        client.send("@label=s1 PRIVMSG #study :" + text);

        List<IrcMessage> echo = labelledBatch(client, "s1");
        assertThat(echo).extracting(IrcMessage::command).containsExactly("PRIVMSG", "PRIVMSG");
        assertThat(echo.get(0).params().get(1) + echo.get(1).params().get(1)).isEqualTo(text);
    }

    @Test
    void tagmsgIsAcceptedFromAClientWithMessageTags() {
        IrcTestClient client = ircWithCaps("철수", "message-tags");
        client.join("#study");

        client.send("@+typing=active TAGMSG #study");

        assertThat(client.sync())
                .as("no 421 for the message-tags capability's own command")
                .isEmpty();
    }

    @Test
    void aLabelIsIgnoredWithoutTheCapability() {
        IrcTestClient client = irc("철수");

        client.send("@label=a1 PING :x");

        assertThat(client.nextLine()).isEqualTo(":openchat PONG openchat :x");
    }

    @Test
    void aLabelledErrorCarriesTheLabel() {
        IrcTestClient client = ircWithCaps("철수", "labeled-response");

        client.send("@label=e1 PRIVMSG #nowhere :x");

        assertThat(client.nextLine()).startsWith("@label=e1 :openchat 403 철수 #nowhere :");
    }

    @Test
    void userhostInNamesShowsFullAddressesAndMultiPrefixIsAccepted() {
        ocpIn("study", "유저1");
        IrcTestClient client = ircWithCaps("철수", "userhost-in-names multi-prefix");

        List<String> lines = client.join("#study");

        assertThat(lines).contains(":openchat 353 철수 = #study :@유저1!유저1@openchat 철수!철수@openchat");
    }

    @Test
    void multiPrefixAloneLeavesNamesAsTheyAre() {
        ocpIn("study", "유저1");
        IrcTestClient client = ircWithCaps("철수", "multi-prefix");

        assertThat(client.join("#study")).contains(":openchat 353 철수 = #study :@유저1 철수");
    }

    @Test
    void capLs302ImpliesCapNotifyAndCapsMayBeRequestedAfterRegistration() {
        IrcTestClient client = irc();
        client.send("CAP LS 302");
        client.nextLine();
        client.send("CAP END");
        client.register("철수");

        client.send("CAP LIST");
        assertThat(client.nextLine()).isEqualTo(":openchat CAP 철수 LIST :cap-notify");
        client.send("CAP REQ :server-time");
        assertThat(client.nextLine()).isEqualTo(":openchat CAP 철수 ACK :server-time");
        client.send("PING :x");
        assertThat(client.nextLine())
                .as("a command's own answer carries no time")
                .isEqualTo(":openchat PONG openchat :x");
        client.join("#study");
        TestClient ocp = ocp("유저1");
        ocp.joinRoom("study");
        assertThat(IrcMessage.parse(client.nextLine()).tags()).containsKey("time");
    }

    @Test
    void capNotifyMayBeRequested() {
        IrcTestClient client = irc();
        client.send("CAP LS");
        client.nextLine();
        client.send("CAP REQ cap-notify");
        assertThat(client.nextLine()).isEqualTo(":openchat CAP * ACK :cap-notify");
        client.send("CAP END");
        client.register("철수");
    }

    @Test
    void aLongOcpLineIsCutIntoSeveralPrivmsgsAndOnlyTheFirstCarriesTheId() {
        TestClient ocp = ocpIn("study", "유저1");
        IrcTestClient client = ircWithCaps("철수", "message-tags");
        client.join("#study");
        String text = "가".repeat(400) + "\n둘째 줄";

        ocp.sayIn("study", text);

        List<IrcMessage> lines =
                client.linesUntil("둘째 줄$").stream().map(IrcMessage::parse).toList();
        assertThat(lines).hasSizeGreaterThan(2);
        assertThat(lines.get(0).tags()).containsKey("msgid");
        assertThat(lines.subList(1, lines.size())).allMatch(m -> !m.tags().containsKey("msgid"));
        assertThat(lines)
                .allMatch(
                        m -> m.command().equals("PRIVMSG") && m.params().get(0).equals("#study"));
        StringBuilder joined = new StringBuilder();
        lines.subList(0, lines.size() - 1).forEach(m -> joined.append(m.params().get(1)));
        assertThat(joined.toString()).isEqualTo("가".repeat(400));
        assertThat(lines.get(lines.size() - 1).params().get(1)).isEqualTo("둘째 줄");
        assertThat(client.receivedLines())
                .allMatch(l ->
                        l.replaceFirst("^@\\S+ ", "").getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 510);
        assertThat(client.sync()).isEmpty();
    }

    @Test
    void batchWithoutHistoryChangesNothingForLiveLines() {
        TestClient ocp = ocpIn("study", "유저1");
        IrcTestClient client = ircWithCaps("철수", "batch");
        client.join("#study");

        ocp.sayIn("study", "live line");

        assertThat(client.nextLine()).isEqualTo(":유저1!유저1@openchat PRIVMSG #study :live line");
    }
}
