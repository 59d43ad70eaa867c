package openchat.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import openchat.server.irc.IrcTestClient;
import org.junit.jupiter.api.Test;

/** CTCP queries from an IRC user to the terminal client: those the server answers for it are not shown. */
class CtcpClientTest {

    @Test
    void aCtcpQueryTheServerAnsweredIsNotShownAndAnyOtherIs() throws Exception {
        try (ClientsOnServer chat = new ClientsOnServer()) {
            ClientRun client = chat.joinAs("유저1");
            try (IrcTestClient irc = IrcTestClient.registered(chat.server().ircPort(), "trollirc")) {
                for (String query : List.of("VERSION", "PING 1733220005 123", "TIME", "CLIENTINFO", "version")) {
                    irc.send("PRIVMSG 유저1 :\u0001" + query + "\u0001");
                    String command = query.split(" ")[0];
                    irc.await(line -> line.contains(" NOTICE trollirc :\u0001" + command.toUpperCase(Locale.ROOT)));
                }
                irc.send("PRIVMSG 유저1 :\u0001FINGER\u0001");
                irc.send("PRIVMSG 유저1 :\u0001ACTION 손을 흔듭니다\u0001");
                irc.send("PRIVMSG 유저1 :그냥 하는 말");

                client.awaitLineContaining("(귓속말) trollirc → 나 : 그냥 하는 말");
            }

            // Each private message is printed as it arrives, in order: the queries came before the last line.
            assertThat(client.lines())
                    .filteredOn(line -> line.contains("trollirc"))
                    .map(line -> line.substring(line.indexOf("] ") + 2))
                    .containsExactly(
                            "(귓속말) trollirc → 나 : CTCP FINGER",
                            "(귓속말) * trollirc 손을 흔듭니다",
                            "(귓속말) trollirc → 나 : 그냥 하는 말");
        }
    }

    /** The queries hidden are exactly those the server answers: what its CLIENTINFO answer lists, but ACTION. */
    @Test
    void theQueriesHiddenAreThoseTheServerSaysItAnswers() throws Exception {
        try (ClientsOnServer chat = new ClientsOnServer()) {
            chat.joinAs("유저1");
            try (IrcTestClient irc = IrcTestClient.registered(chat.server().ircPort(), "asker")) {
                irc.send("PRIVMSG 유저1 :\u0001CLIENTINFO\u0001");
                String answer = irc.await(line -> line.contains(" NOTICE asker :\u0001CLIENTINFO "));

                String listed = answer.substring(answer.indexOf("CLIENTINFO ") + "CLIENTINFO ".length())
                        .replace("\u0001", "");
                Set<String> answered = Arrays.stream(listed.split(" "))
                        .filter(query -> !query.equals("ACTION"))
                        .collect(Collectors.toSet());
                assertThat(CtcpQueries.ANSWERED_BY_THE_SERVER).isEqualTo(answered);
            }
        }
    }
}
