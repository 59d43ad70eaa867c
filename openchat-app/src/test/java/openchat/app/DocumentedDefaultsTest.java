package openchat.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import openchat.core.CoreConfig;
import openchat.core.FloodControl;
import openchat.core.Names;
import openchat.protocol.OcpDecoderConfig;
import openchat.server.config.ServerConfig;
import openchat.server.irc.IrcListener;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The documents' tables of defaults say what the code does: each option row of the README's server and client
 * tables against the command's default (which comes from {@code CoreConfig} / {@code ServerConfig}), every option
 * of the commands documented, and the limits in docs/PROTOCOL.md against the constants.
 */
class DocumentedDefaultsTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** A table row: | `--a`, `--b` | default(s) | meaning |. */
    private static final Pattern OPTION_ROW =
            Pattern.compile("^\\| ((?:`--[a-z-]+[^`]*`[^|`]*)+)\\|\\s*([^|]*?)\\s*\\|");

    private static String read(String file) throws IOException {
        return Files.readString(ROOT.resolve(file), StandardCharsets.UTF_8);
    }

    /** Option name → documented default, from the option table that follows {@code heading}. */
    private static Map<String, String> documentedDefaults(String markdown, String heading) {
        String section = markdown.substring(markdown.indexOf(heading));
        Map<String, String> defaults = new LinkedHashMap<>();
        boolean inTable = false;
        for (String line : section.split("\n")) {
            if (line.startsWith("| option | default |")) {
                inTable = true;
            } else if (inTable && !line.startsWith("|")) {
                break;
            } else if (inTable) {
                Matcher row = OPTION_ROW.matcher(line);
                if (row.find()) {
                    List<String> names = new ArrayList<>();
                    Matcher name = Pattern.compile("(--[a-z][a-z-]*)").matcher(row.group(1));
                    while (name.find()) {
                        names.add(name.group(1));
                    }
                    String[] values = row.group(2).strip().split(",\\s*");
                    for (int i = 0; i < names.size(); i++) {
                        defaults.put(
                                names.get(i),
                                values.length == names.size()
                                        ? values[i].strip()
                                        : row.group(2).strip());
                    }
                }
            }
        }
        return defaults;
    }

    private static void assertTableMatches(String command, Map<String, String> documented) {
        CommandLine.Model.CommandSpec spec =
                OpenchatCommand.commandLine().getSubcommands().get(command).getCommandSpec();
        for (OptionSpec option : spec.options()) {
            String name = option.longestName();
            if (option.usageHelp() || option.versionHelp()) {
                continue;
            }
            assertThat(documented).as("README documents %s %s", command, name).containsKey(name);
            if (option.defaultValue() != null) {
                String inDocs = documented.get(name).replace("`", "").replace(",", "");
                assertThat(inDocs)
                        .as("README's default of %s %s", command, name)
                        .isEqualTo(option.defaultValue().replace(",", ""));
            }
        }
        assertThat(documented.keySet())
                .as("README documents only real %s options", command)
                .allMatch(name -> spec.findOption(name) != null);
    }

    @Test
    void readmeServerTableMatchesTheServerCommand() throws IOException {
        Map<String, String> documented = documentedDefaults(read("README.md"), "### Server");
        assertTableMatches("server", documented);
        assertThat(read("README.md"))
                .as("README's range of --flood-rate")
                .contains("then per second (" + FloodControl.MIN_PER_SECOND + "–" + FloodControl.MAX_PER_SECOND + ";");
        assertThat(documented.get("--irc-tls-port"))
                .as("README's default of --irc-tls-port, which picocli does not hold (given, it needs TLS)")
                .isEqualTo(String.valueOf(ServerConfig.DEFAULT_IRC_TLS_PORT));
    }

    @Test
    void readmeClientTableMatchesTheClientCommand() throws IOException {
        assertTableMatches("client", documentedDefaults(read("README.md"), "### Client"));
    }

    @Test
    void readmesUsageSynopsesNameEveryOptionOfTheirCommand() throws IOException {
        String readme = read("README.md");
        for (String[] command : new String[][] {{"server", "### Server"}, {"client", "### Client"}}) {
            String section = readme.substring(readme.indexOf(command[1]));
            String synopsis = section.substring(
                    section.indexOf("./openchat " + command[0]), section.indexOf("```", section.indexOf("```") + 3));
            java.util.Set<String> named = new java.util.HashSet<>();
            Matcher name = Pattern.compile("(--[a-z][a-z-]*)").matcher(synopsis);
            while (name.find()) {
                named.add(name.group(1));
            }
            CommandLine.Model.CommandSpec spec = OpenchatCommand.commandLine()
                    .getSubcommands()
                    .get(command[0])
                    .getCommandSpec();
            for (OptionSpec option : spec.options()) {
                if (!option.usageHelp() && !option.versionHelp()) {
                    assertThat(named)
                            .as("README's synopsis of %s names %s", command[0], option.longestName())
                            .contains(option.longestName());
                }
            }
            assertThat(named)
                    .as("README's synopsis of %s names only its options", command[0])
                    .allMatch(option -> spec.findOption(option) != null);
        }
    }

    @Test
    void protocolLimitsTableMatchesTheConstants() throws IOException {
        String protocol = read("docs/PROTOCOL.md");
        assertThat(protocol)
                .contains(
                        "| header section: start line, fields and the empty line, in bytes | "
                                + OcpDecoderConfig.DEFAULT.maxHeaderSize() + " |",
                        "| body (`Content-Length`) | " + OcpDecoderConfig.DEFAULT.maxBodySize() + " bytes |",
                        "| member name | 1–" + Names.DEFAULT_MAX_LENGTH + " code points |",
                        "| time from connecting to a successful CONNECT | "
                                + ServerConfig.DEFAULT_JOIN_DEADLINE.toSeconds() + " s |",
                        "| time from a header section's first byte to its empty line | "
                                + ServerConfig.DEFAULT_HEADER_DEADLINE.toSeconds() + " s |",
                        "| over a WebSocket, time from a message's first byte to the end of its final frame | "
                                + ServerConfig.DEFAULT_HEADER_DEADLINE.toSeconds() + " s |",
                        "| a name's holder's answer to a PING, when a CONNECT asks for the name and the holder has read"
                                + " nothing for as long | " + ServerConfig.DEFAULT_GHOST_PROBE.toSeconds() + " s |",
                        "| chat rate per member (not the administrator) | "
                                + CoreConfig.DEFAULT.floodControl().burst() + " at once, then "
                                + (int) CoreConfig.DEFAULT.floodControl().perSecond() + " per second |",
                        "| joins and parts per member (not the administrator) | "
                                + CoreConfig.DEFAULT_MAX_ROOMS_PER_MEMBER + " at once, then "
                                + (int) CoreConfig.DEFAULT.floodControl().perSecond() + " per second |",
                        "| open connections | " + String.format("%,d", ServerConfig.DEFAULT_MAX_CONNECTIONS)
                                + " in all, " + ServerConfig.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS + " per IP address |",
                        "| reads per member (not the administrator) | " + FloodControl.READ_BURST
                                + " units at once, then " + FloodControl.READ_PER_SECOND
                                + " per second; a read costs 1, and 1 more per " + FloodControl.READ_ROWS_PER_UNIT
                                + " rows it returns, and a HISTORY page 1 more per " + FloodControl.READ_BYTES_PER_UNIT
                                + " bytes of its messages' text |",
                        "| wrong `Admin-Key` | " + CoreConfig.DEFAULT_ADMIN_MAX_FAILURES
                                + " per minute per IP address |",
                        "| rooms | " + String.format("%,d", CoreConfig.DEFAULT_MAX_ROOMS) + " on the server, "
                                + CoreConfig.DEFAULT_MAX_ROOMS_PER_MEMBER + " per member, "
                                + CoreConfig.DEFAULT_MAX_ROOMS_PER_ADDRESS + " made from one IP address that exist at"
                                + " once, and " + CoreConfig.DEFAULT_MAX_ROOMS_PER_NETWORK
                                + " from one IPv4 /24 or IPv6 /48",
                        "| members per room | " + CoreConfig.DEFAULT_ROOM_CAPACITY + " |",
                        "| history page | " + CoreConfig.MAX_HISTORY_PAGE + " messages |",
                        "| bans per room (a room's BAN) | " + CoreConfig.MAX_ROOM_BANS + " | 403 `too-many-room-bans`,"
                                + " with `Capacity`; " + String.format("%,d", CoreConfig.MAX_ROOM_BANS_IN_ALL)
                                + " in all on the server");
        assertThat(protocol)
                .contains("closes when the client closes its side, or " + ServerConfig.CLOSE_LINGER.toSeconds()
                        + " s later");
    }

    @Test
    void theRequestPaceIsDocumentedAsTheConstantsSayEverywhere() throws IOException {
        String pace = FloodControl.REQUEST_BURST + " at once, then " + FloodControl.REQUEST_PER_SECOND + " per second";
        int held = ServerConfig.DEFAULT_MAX_HELD_REQUESTS;
        assertThat(read("docs/PROTOCOL.md"))
                .contains("| requests per connection, of any kind (not the administrator's) | " + pace + " |")
                .contains(
                        "Past " + held + " waiting, the one that went over (the " + (held + 1) + "st) is answered 429")
                .contains("the " + held + " waiting before it are dropped unanswered")
                .contains("more than " + held + " requests waiting their turn");
        assertThat(read("README.md"))
                .contains("takes a turn of " + pace + ": past them requests wait their turn, unread, and more than "
                        + held + " waiting close the connection");
        assertThat(read("docs/IRC.md")).contains("pace, as on OCP: " + pace + " (the administrator is exempt)");
        assertThat(read("docs/SECURITY.md"))
                .contains("| " + FloodControl.REQUEST_BURST + ", then " + FloodControl.REQUEST_PER_SECOND
                        + " per second per connection | not refused: held in order (fakelag), the connection not read"
                        + " meanwhile; past " + held + " held,");
    }

    /** {@code file}'s text with every run of white space, line breaks and indents included, as one space. */
    private static String flat(String file) throws IOException {
        return read(file).replaceAll("\\s+", " ");
    }

    @Test
    void theThrottleOnNewConnectionsIsDocumentedAsTheConstantsSayEverywhere() throws IOException {
        int burst = ServerConfig.DEFAULT_CONNECT_BURST;
        int perMinute = ServerConfig.DEFAULT_CONNECT_PER_MINUTE;
        long wait = 60 / perMinute;
        String refusal = "이 주소에서 새 연결이 너무 잦습니다. " + wait + "초 후에 다시 접속하십시오";
        String rate = burst + " at once, then " + perMinute + " per minute";
        assertThat(ServerConfig.DEFAULT_CONNECT_EXEMPT_TEXT).isEqualTo("127.0.0.0/8,::1/128");
        assertThat(flat("README.md"))
                .contains("per minute (" + ServerConfig.MIN_CONNECT_PER_MINUTE + "–"
                        + ServerConfig.MAX_CONNECT_PER_MINUTE + ", or `off`)")
                .contains("(`" + refusal + "`)")
                .contains("then one every " + wait + " s, so a script");
        assertThat(flat("docs/PROTOCOL.md"))
                .contains("| new connections per IP address (OCP, IRC and WebSocket together; not the server's own"
                        + " machine) | " + rate + " |")
                .contains("throttled too: " + rate)
                .contains("Retry-After: " + wait + " ")
                .contains(refusal);
        assertThat(flat("docs/SECURITY.md"))
                .contains("| " + rate + " (a token bucket;")
                .contains("address now gets " + burst + " at once")
                .contains("then one every " + wait + " s;");
        assertThat(flat("docs/IRC.md")).contains(rate).contains("`ERROR :" + refusal + "`");
        assertThat(flat("CHANGELOG.md"))
                .contains("may open " + burst + " chat connections at once")
                .contains("then " + perMinute + " per minute")
                .contains("more often than every " + wait + " s past its first " + burst);
    }

    @Test
    void theIrcReplayMarksAreDocumentedAsTheConstantSays() throws IOException {
        String marks = String.format(Locale.ROOT, "%,d", ServerConfig.IRC_REPLAY_MARKS);
        assertThat(read("docs/SECURITY.md"))
                .contains("| the last " + marks + " quits, up to 20 rooms each |")
                .contains("(`ServerConfig.IRC_REPLAY_MARKS`)");
        assertThat(read("docs/IRC.md")).contains("The server remembers the last " + marks + " quits");
    }

    @Test
    void theWebSocketFramesAllowanceIsDocumentedAsTheConstantsSayEverywhere() throws IOException {
        String allowance =
                FloodControl.FRAME_BURST + " at once, then " + FloodControl.FRAMES_PER_SECOND + " per second";
        int fragments = ServerConfig.MAX_WEB_SOCKET_FRAGMENTS;
        assertThat(read("README.md"))
                .contains("on a WebSocket, " + FloodControl.FRAME_BURST + " frames at once, then "
                        + FloodControl.FRAMES_PER_SECOND + " per second, of every kind")
                .contains("and " + fragments + " frames per message (`ServerConfig.MAX_WEB_SOCKET_FRAGMENTS`");
        assertThat(read("docs/PROTOCOL.md"))
                .contains("| WebSocket frames per connection, of every kind (data, continuation, PING, PONG) | "
                        + allowance + "; " + fragments + " per message |")
                .contains("or one in more than " + fragments + " frames")
                .contains("(" + allowance + ", of every kind: data, continuation, PING, PONG) with 1008");
        assertThat(read("docs/SECURITY.md"))
                .contains("| " + FloodControl.FRAME_BURST + ", then " + FloodControl.FRAMES_PER_SECOND
                        + " per second per connection; " + fragments + " frames per message |")
                .contains("unit of " + allowance + " (over it: Close 1008")
                .contains("a\n  message may come in at most " + fragments + " frames");
        assertThat(read("docs/IRC.md"))
                .contains(allowance
                        + ", of every kind\n  (data, continuation, PING, PONG), and a line may come in at most "
                        + fragments + " frames");
    }

    @Test
    void theReadAllowanceIsDocumentedAsTheConstantsSayEverywhere() throws IOException {
        String allowance =
                FloodControl.READ_BURST + " units at once, then " + FloodControl.READ_PER_SECOND + " per second";
        assertThat(read("README.md"))
                .contains(FloodControl.READ_BURST + " units at once, then " + FloodControl.READ_PER_SECOND
                        + " per second, a unit per read and one per " + FloodControl.READ_ROWS_PER_UNIT + " rows");
        assertThat(read("docs/IRC.md"))
                .contains("(" + allowance + "; a unit per\n  read and one more per " + FloodControl.READ_ROWS_PER_UNIT
                        + " rows");
        assertThat(read("docs/SECURITY.md"))
                .contains("| " + FloodControl.READ_BURST + " units, then " + FloodControl.READ_PER_SECOND
                        + " per second per member; a unit per read and one per " + FloodControl.READ_ROWS_PER_UNIT
                        + " rows, and for history one per " + FloodControl.READ_BYTES_PER_UNIT / 1024
                        + " KiB of text |");
    }

    @Test
    void theRoomsAndTopicsKeptAreDocumentedAsTheConstantsSayEverywhere() throws IOException {
        String topics = String.format("%,d", CoreConfig.EMPTIED_ROOM_TOPICS);
        assertThat(read("docs/SECURITY.md"))
                .contains("| rooms | " + String.format("%,d", CoreConfig.DEFAULT_MAX_ROOMS)
                        + " on the server, " + CoreConfig.DEFAULT_MAX_ROOMS_PER_MEMBER
                        + " per member; made from one IP address (an IPv6 /64) "
                        + CoreConfig.DEFAULT_MAX_ROOMS_PER_ADDRESS
                        + " that exist at once, from one IPv4 /24 or IPv6 /48 "
                        + CoreConfig.DEFAULT_MAX_ROOMS_PER_NETWORK + " (not the administrator's) |")
                .contains("| topics of rooms that emptied | the last " + topics + " rooms that emptied keep theirs")
                .contains("its address made fewer than " + CoreConfig.DEFAULT_MAX_ROOMS_PER_ADDRESS
                        + " of them and its IPv4 /24 or IPv6 /48 fewer than "
                        + CoreConfig.DEFAULT_MAX_ROOMS_PER_NETWORK)
                .contains("only the topics of the last " + topics + " rooms that\nemptied are kept");
        assertThat(read("README.md"))
                .contains(CoreConfig.DEFAULT_MAX_ROOMS_PER_ADDRESS
                        + " rooms made from one IP address\nthat exist at once and "
                        + CoreConfig.DEFAULT_MAX_ROOMS_PER_NETWORK + " from one IPv4 /24 or IPv6 /48")
                .contains("the topics of the last " + topics + " rooms that emptied\nkept");
        assertThat(read("docs/PROTOCOL.md")).contains("Only the topics of\nthe last " + topics + " rooms that emptied");
    }

    @Test
    void theRegisteredRoomsPerNetworkAreDocumentedAsTheConstantSaysEverywhere() throws IOException {
        int perNetwork = CoreConfig.MAX_REGISTERED_ROOMS_PER_NETWORK;
        assertThat(read("docs/SECURITY.md"))
                .contains("| registered rooms | " + String.format("%,d", CoreConfig.MAX_REGISTERED_ROOMS)
                        + " in all (a 64-character hash each, with the room's name, who and when), " + perNetwork
                        + " registered from one IPv4 /24 or IPv6 /48")
                .contains("and at most " + perNetwork + " registered from one network")
                .contains("now that takes " + CoreConfig.MAX_REGISTERED_ROOMS / perNetwork + " networks");
        assertThat(read("docs/PROTOCOL.md")).contains("/24 or IPv6 /48) register at most " + perNetwork + " rooms");
        assertThat(read("CHANGELOG.md")).contains("One network registers at most " + perNetwork + " rooms");
    }

    @Test
    void theRegistrationLapseIsDocumentedAsTheConstantsSayEverywhere() throws IOException {
        long days = CoreConfig.REGISTRATION_LAPSE.toDays();
        assertThat(CoreConfig.REGISTRATION_LAPSE_SWEEP).isEqualTo(java.time.Duration.ofHours(1));
        assertThat(read("docs/SECURITY.md"))
                .contains("one whose key no one showed for " + days + " days (`CoreConfig.REGISTRATION_LAPSE`")
                .contains("server's next hourly sweep (`CoreConfig.REGISTRATION_LAPSE_SWEEP`")
                .contains("[REGISTER] study: " + days + "일 동안");
        assertThat(read("docs/PROTOCOL.md"))
                .contains(days + " days ago or more (`CoreConfig.REGISTRATION_LAPSE`)")
                .contains("next hourly sweep");
        assertThat(read("README.md")).contains("showed for " + days + " days").contains("unused for " + days + " days");
        assertThat(read("CHANGELOG.md")).contains("A registration lapses after " + days + " days unused");
        assertThat(read("docs/CLUSTER.md"))
                .contains("90 days old (`CoreConfig.REGISTRATION_LAPSE`)".replace("90", "" + days));
        // The web page's words are its own (no bundle of the server's): the number written there is this one.
        assertThat(read("openchat-server/src/main/resources/openchat/web/i18n.js"))
                .contains("열쇠도 쓰이지 않은 채 " + days + "일이 지나면")
                .contains("after " + days + " days with no one in the room")
                .contains(days + "일 동안 쓰이지 않은 등록은 만료됩니다")
                .contains("unused for " + days + " days lapses");
    }

    @Test
    void theMessageDeadlineIsDocumentedAsTheConstantSaysEverywhere() throws IOException {
        long seconds = ServerConfig.DEFAULT_HEADER_DEADLINE.toSeconds();
        assertThat(read("docs/SECURITY.md"))
                .contains("| " + seconds + " s from the read that brought its first byte;")
                .contains("줄을 " + seconds + "초 안에 다 보내지 않음");
        assertThat(read("docs/IRC.md")).contains("A line must arrive whole within " + seconds + " s of the read");
        assertThat(read("docs/PROTOCOL.md"))
                .contains("a message not whole within " + seconds + " s of the read that brought its first byte");
    }

    @Test
    void ircLimitsTableMatchesTheConstants() throws IOException {
        String irc = read("docs/IRC.md");
        assertThat(irc)
                .contains(
                        "| line without its tags, with CR LF | " + IrcListener.MAX_LINE_BYTES + " bytes |",
                        "| tags section | " + IrcListener.MAX_TAG_BYTES + " bytes |",
                        "| nickname | 1–" + Names.DEFAULT_MAX_LENGTH + " code points |",
                        "| channels per member | " + CoreConfig.DEFAULT_MAX_ROOMS_PER_MEMBER + " |",
                        "| targets of one PRIVMSG or NOTICE | " + IrcListener.MAX_TARGETS + " |",
                        "| names one connection's MONITOR list holds | " + IrcListener.MAX_MONITOR + " |",
                        "| lines held back from a client (fakelag) | " + ServerConfig.DEFAULT_MAX_HELD_REQUESTS + " |",
                        "| time to register after connecting | " + ServerConfig.DEFAULT_JOIN_DEADLINE.toSeconds()
                                + " s |",
                        "| time from a line's first byte to its LF | "
                                + ServerConfig.DEFAULT_HEADER_DEADLINE.toSeconds() + " s |",
                        "| `--irc-port` | " + ServerConfig.DEFAULT_IRC_PORT + " |",
                        "| `--irc-tls-port` | " + ServerConfig.DEFAULT_IRC_TLS_PORT + " |");
        assertThat(irc)
                .contains(" MONITOR=" + IrcListener.MAX_MONITOR + " ")
                .contains("At most " + IrcListener.MAX_MONITOR + " names (ISUPPORT `MONITOR=" + IrcListener.MAX_MONITOR)
                .contains("- **The limit**: " + IrcListener.MAX_MONITOR + " names per connection");
    }
}
