package openchat.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import openchat.server.config.ServerConfig;
import org.junit.jupiter.api.Test;

/** The command line itself: help, version and usage errors, without starting anything. */
class OpenchatCommandTest {
    private static CommandRun run(String... args) {
        return CommandRun.english(args);
    }

    @Test
    void helpListsTheSubcommands() {
        CommandRun run = run("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("server", "client", "bench", "bench-relay", "defaultconfig", "--version");
    }

    @Test
    void versionNamesTheRelease() {
        CommandRun run = run("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).matches("(?s)openchat \\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void everySubcommandsVersionOptionNamesTheReleaseToo() {
        String version = run("--version").out();
        for (String subcommand : new String[] {"server", "client", "bench", "bench-relay", "defaultconfig"}) {
            CommandRun run = run(subcommand, "--version");
            assertThat(run.exitCode()).as(subcommand).isZero();
            assertThat(run.out()).as(subcommand).isEqualTo(version);
        }
        assertThat(run("client", "-V").out()).isEqualTo(version);
    }

    @Test
    void everySubcommandHasHelpWithItsOptions() {
        assertThat(run("server", "--help").out())
                .contains("--config", "--host", "--port", "--max-users", "--admin-key-file", "--lang", "3000", "5");
        assertThat(run("client", "--help").out())
                .contains("NAME", "--host", "--port", "--room", "--admin-key-file", "--lang", "127.0.0.1", "lobby");
    }

    @Test
    void noSubcommandIsAUsageError() {
        CommandRun run = run();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing subcommand");
    }

    @Test
    void unknownOptionIsAUsageErrorWithExit2() {
        CommandRun run = run("server", "--colour");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--colour");
    }

    @Test
    void badValuesAreUsageErrorsThatSayWhatIsWrong() {
        assertThat(run("server", "--lang", "fr").err()).contains("fr", "ko", "en");
        assertThat(run("server", "--lang", "fr").exitCode()).isEqualTo(2);
        assertThat(run("server", "--port", "http").exitCode()).isEqualTo(2);
        CommandRun badPort = run("server", "--port", "70000");
        assertThat(badPort.exitCode()).isEqualTo(2);
        assertThat(badPort.err()).contains("70000");
        CommandRun badIrcPort = run("server", "--irc-port", "sometimes");
        assertThat(badIrcPort.exitCode()).isEqualTo(2);
        assertThat(badIrcPort.err()).contains("--irc-port", "sometimes", "off");
        CommandRun noUsers = run("server", "--max-users", "0");
        assertThat(noUsers.exitCode()).isEqualTo(2);
        assertThat(noUsers.err()).contains("--max-users");
        for (String[] bad :
                new String[][] {{"--max-rooms", "0"}, {"--history-on-join", "501"}, {"--history-max", "0"}}) {
            CommandRun refused = run("server", bad[0], bad[1]);
            assertThat(refused.exitCode()).as("%s %s", bad[0], bad[1]).isEqualTo(2);
            assertThat(refused.err()).contains(bad[0]);
        }
        assertThat(run("client").exitCode()).isEqualTo(2);
        CommandRun clientPort = run("client", "유저1", "--port", "0");
        assertThat(clientPort.exitCode()).isEqualTo(2);
        assertThat(clientPort.err()).contains("--port");
        CommandRun clientRoom = run("client", "유저1", "--room", "no spaces");
        assertThat(clientRoom.exitCode()).isEqualTo(2);
        assertThat(clientRoom.err()).contains("--room", "no spaces");
    }

    @Test
    void aRefusedValueNamesItsOptionAndSaysItInTheOptionsUnits() {
        String[][] cases = {
            {"--port", "99999", "--port must be 0-65535: 99999"},
            {"--ping-interval", "0", "--ping-interval must be at least 1 second: 0 s"},
            {"--idle-timeout", "10", "--idle-timeout (10 s) must be longer than --ping-interval (30 s)"},
            {"--join-deadline", "0", "--join-deadline must be at least 1 second: 0 s"},
            {"--max-connections", "0", "--max-connections must be at least 1: 0"},
            {"--max-connections-per-ip", "0", "--max-connections-per-ip must be at least 1: 0"},
            {"--flood-rate", "0", "flood rate (--flood-rate) must be 0.001-1000 messages per second: 0"},
            {"--flood-rate", "1e-300", "flood rate (--flood-rate) must be 0.001-1000 messages per second: 1E-300"},
            {"--flood-rate", "1000.5", "flood rate (--flood-rate) must be 0.001-1000 messages per second: 1000.5"},
            {"--flood-rate", "-1", "flood rate (--flood-rate) must be 0.001-1000 messages per second: -1"},
            {"--flood-burst", "0", "flood burst (--flood-burst) must be at least 1: 0"},
            {"--connect-burst", "0", "new connections at once from one address (--connect-burst) must be at least 1: 0"
            },
            {
                "--connect-rate",
                "0",
                "new connections per minute from one address (--connect-rate) must be 0.1-6000 or off: 0"
            },
            {
                "--connect-rate",
                "6001",
                "new connections per minute from one address (--connect-rate) must be 0.1-6000 or off: 6001"
            },
        };
        for (String[] bad : cases) {
            CommandRun refused = run("server", bad[0], bad[1]);
            assertThat(refused.exitCode()).as("%s %s", bad[0], bad[1]).isEqualTo(2);
            assertThat(refused.err())
                    .as("%s %s", bad[0], bad[1])
                    .startsWith("openchat: " + bad[2] + System.lineSeparator());
        }
    }

    @Test
    void aBadServerOrNetworkNameIsAUsageErrorSayingWhy() {
        String host = "must be a host name like irc.example.org: parts of letters, digits and '-' joined by single"
                + " dots, none beginning or ending with '-' (no spaces, nor !, @, :, *): ";
        String network =
                "--network-name may hold only letters, digits, '-', '_' and '.' (no spaces, no invisible letters): ";
        String[][] cases = {
            {"--server-name", "", "--server-name must be 1 to 63 characters: ''"},
            {
                "--server-name",
                "a." + "b".repeat(62),
                "--server-name must be 1 to 63 characters: 'a." + "b".repeat(62) + "'"
            },
            {"--server-name", "irc example.org", "--server-name " + host + "'irc example.org'"},
            {"--server-name", "irc!x.org", "--server-name " + host + "'irc!x.org'"},
            {"--server-name", "nick@x.org", "--server-name " + host + "'nick@x.org'"},
            {"--server-name", "irc:6667.org", "--server-name " + host + "'irc:6667.org'"},
            {"--server-name", "*.example.org", "--server-name " + host + "'*.example.org'"},
            {"--server-name", "irc..example.org", "--server-name " + host + "'irc..example.org'"},
            {"--server-name", ".example.org", "--server-name " + host + "'.example.org'"},
            {"--server-name", "irc.example.org.", "--server-name " + host + "'irc.example.org.'"},
            {"--server-name", "-irc.example.org", "--server-name " + host + "'-irc.example.org'"},
            {"--server-name", "irc-.example.org", "--server-name " + host + "'irc-.example.org'"},
            {"--server-name", "채팅.example.org", "--server-name " + host + "'채팅.example.org'"},
            {
                "--server-name",
                "chatserver",
                "--server-name needs a dot, like irc.example.org: no nickname holds one, so no member can pass for the"
                        + " server (only the default, openchat, goes without): 'chatserver'"
            },
            {"--network-name", "", "--network-name must be 1 to 32 characters: ''"},
            {"--network-name", "n".repeat(33), "--network-name must be 1 to 32 characters: '" + "n".repeat(33) + "'"},
            {"--network-name", "Example Net", network + "'Example Net'"},
            {"--network-name", "Example=Net", network + "'Example=Net'"},
            {"--network-name", "Example\\Net", network + "'Example\\Net'"},
            {"--network-name", "Example:Net", network + "'Example:Net'"},
            {"--network-name", "Example\tNet", network + "'Example\tNet'"},
            {"--network-name", "오픈\u3164챗", network + "'오픈\u3164챗'"
            }, // the Hangul filler, a letter that shows as nothing
        };
        for (String[] bad : cases) {
            CommandRun refused = run("server", bad[0] + "=" + bad[1]);
            assertThat(refused.exitCode()).as("%s '%s'", bad[0], bad[1]).isEqualTo(2);
            assertThat(refused.err())
                    .as("%s '%s'", bad[0], bad[1])
                    .startsWith("openchat: " + bad[2] + System.lineSeparator());
        }
    }

    @Test
    void aServerNameWithADotAndANetworkNameInAnyScriptAreTaken() {
        ServerConfig config = ConfigFileTest.serverConfig(
                "server", "--server-name", "irc.example.org", "--network-name", "오픈챗-Net_1.0");
        String longest = "a.".repeat(31) + "b";

        assertThat(config.serverName()).isEqualTo("irc.example.org");
        assertThat(config.networkName()).isEqualTo("오픈챗-Net_1.0");
        assertThat(ConfigFileTest.serverConfig("server", "--server-name", longest)
                        .serverName())
                .isEqualTo(longest);
        assertThat(ConfigFileTest.serverConfig("server", "--server-name", "openchat")
                        .serverName())
                .as("the default, given")
                .isEqualTo("openchat");
        assertThat(ConfigFileTest.serverConfig("server").serverName()).isEqualTo(ServerConfig.DEFAULT_SERVER_NAME);
        assertThat(ConfigFileTest.serverConfig("server").networkName()).isEqualTo(ServerConfig.DEFAULT_NETWORK_NAME);
    }

    @Test
    void aDecimalOptionTakesOnlyAFiniteNumberWrittenWithoutSpaces() {
        String[][] cases = {
            {"NaN", "'NaN' is not a number"},
            {"nan", "'nan' is not a number"},
            {"Infinity", "'Infinity' is not a number"},
            {"-Infinity", "'-Infinity' is not a number"},
            {"1e400", "'1e400' is too large a number"},
            {"5 ", "'5 ' is not a number"},
            {" 5", "' 5' is not a number"},
            {"5d", "'5d' is not a number"},
            {"0x1p3", "'0x1p3' is not a number"},
        };
        for (String[] bad : cases) {
            for (String[] option : new String[][] {
                {"server", "--flood-rate"}, {"bench", "--rate"}, {"bench", "--seconds"}, {"bench", "--warmup"}
            }) {
                CommandRun refused = run(option[0], option[1], bad[0]);
                assertThat(refused.exitCode())
                        .as("%s %s '%s'", option[0], option[1], bad[0])
                        .isEqualTo(2);
                assertThat(refused.err())
                        .as("%s %s '%s'", option[0], option[1], bad[0])
                        .startsWith("openchat: Invalid value for option '" + option[1] + "': " + bad[1]);
            }
        }
        assertThat(run("server", "--max-users", "5 ").err())
                .as("as a whole number with a space is refused")
                .startsWith("openchat: Invalid value for option '--max-users': '5 ' is not a whole number");
        for (String good : new String[] {"2.5", "0.001", "1000", "1e-3", ".5", "5."}) {
            assertThat(ConfigFileTest.serverConfig("server", "--flood-rate", good)
                            .core()
                            .floodControl()
                            .perSecond())
                    .as(good)
                    .isEqualTo(Double.parseDouble(good));
        }
    }

    @Test
    void serverHelpSaysTheFloodRatesRange() {
        assertThat(run("server", "--help").out()).contains("0.001-1000");
    }

    /** The history's maximum age {@code openchat server --history-max-age VALUE} would start with. */
    private static Duration age(String value) {
        return ConfigFileTest.serverConfig("server", "--history-max-age", value).historyMaxAge();
    }

    @Test
    void aHistoryMaxAgeWithABareMIsRefusedSayingToWriteMinOrMo() {
        for (String ambiguous : java.util.List.of("6m", "1M", "1d6m", "6m30s")) {
            // Refused before anything starts: taken, it would start a server on the default ports.
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> ConfigFileTest.serverConfig("server", "--history-max-age", ambiguous))
                    .as(ambiguous)
                    .hasMessageContaining("m could be minutes or months");
            CommandRun refused = run("server", "--history-max-age", ambiguous);
            assertThat(refused.exitCode()).as(ambiguous).isEqualTo(2);
            assertThat(refused.err())
                    .startsWith("openchat: Invalid value for option '--history-max-age': '" + ambiguous
                            + "': m could be minutes or months: write min for minutes (90min) or mo for months of"
                            + " 30 days (6mo)");
        }
        assertThat(CommandRun.of("server", "--history-max-age", "6m").err())
                .contains("'6m' 값의 m 단위가 분인지 달인지 알 수 없습니다. 이렇게 쓰십시오: 분은 90min, 달(30일)은 6mo");
    }

    @Test
    void aHistoryMaxAgeTakesMinutesMonthsAndYearsByUnitsNoOneReadsTwoWays() {
        assertThat(age("6min")).isEqualTo(Duration.ofMinutes(6));
        assertThat(age("6mo")).isEqualTo(Duration.ofDays(180));
        assertThat(age("1y")).isEqualTo(Duration.ofDays(365));
        assertThat(age("1mo2w3d4h5min6s"))
                .isEqualTo(
                        Duration.ofDays(30 + 14 + 3).plusHours(4).plusMinutes(5).plusSeconds(6));
        assertThat(age("10y")).as("the longest").isEqualTo(Duration.ofDays(3650));
        assertThat(age("30D")).as("in any case, as a ban's duration").isEqualTo(Duration.ofDays(30));
        assertThat(age("6MO")).isEqualTo(Duration.ofDays(180));
        assertThat(age("30일")).as("in Korean words").isEqualTo(Duration.ofDays(30));
        assertThat(age("6개월")).isEqualTo(Duration.ofDays(180));
        assertThat(age("1일 12시간")).as("its parts apart, as Korean writes them").isEqualTo(Duration.ofHours(36));
        assertThat(age("90분")).as("분 is minutes: no Korean word reads two ways").isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    void aHistoryMaxAgeIsADurationOrOff() {
        String[][] cases = {
            {"soon", "'soon' is not an age (30d, 12h, 90min, 2w, 6mo, 1y, 1d12h, seconds) or off"},
            {"", "'' is not an age (30d, 12h, 90min, 2w, 6mo, 1y, 1d12h, seconds) or off"},
            {"30days", "'30days' is not an age (30d, 12h, 90min, 2w, 6mo, 1y, 1d12h, seconds) or off"},
            {"11y", "'11y' is longer than 10y (ten years)"},
            {"122mo", "'122mo' is longer than 10y (ten years)"},
            {"0", "'0' is no age: write off to keep messages of any age"},
        };
        for (String[] bad : cases) {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> ConfigFileTest.serverConfig("server", "--history-max-age", bad[0]))
                    .as("refused before anything starts: %s", bad[0])
                    .isInstanceOf(picocli.CommandLine.ParameterException.class);
            CommandRun refused = run("server", "--history-max-age", bad[0]);
            assertThat(refused.exitCode()).as(bad[0]).isEqualTo(2);
            assertThat(refused.err()).startsWith("openchat: Invalid value for option '--history-max-age': " + bad[1]);
        }
        assertThat(age("1d12h")).isEqualTo(Duration.ofHours(36));
        assertThat(age("3600")).isEqualTo(Duration.ofHours(1));
        assertThat(age("off")).isNull();
        assertThat(ConfigFileTest.serverConfig("server").historyMaxAge())
                .as("by default")
                .isNull();
    }

    @Test
    void aUsageErrorIsTheProblemAndWhereTheOptionsAreNotTheWholeHelp() {
        CommandRun notANumber = run("server", "--max-users", "abc");

        assertThat(notANumber.exitCode()).isEqualTo(2);
        assertThat(notANumber.err().lines())
                .containsExactly(
                        "openchat: Invalid value for option '--max-users': 'abc' is not a whole number",
                        "Run 'openchat server --help' for its options.");
        assertThat(run("server", "--flood-rate", "fast").err())
                .startsWith("openchat: Invalid value for option '--flood-rate': 'fast' is not a number");
        assertThat(run("server", "--connect-rate", "never").err())
                .startsWith("openchat: Invalid value for option '--connect-rate': 'never' is not a number of new"
                        + " connections per minute or off");
        assertThat(run("server", "--max-users", "99999999999").err())
                .startsWith("openchat: Invalid value for option '--max-users': '99999999999' is too large a number");
        CommandRun badHost = run("server", "--host", "999.1.1.1");
        assertThat(badHost.exitCode()).isEqualTo(2);
        assertThat(badHost.err())
                .startsWith(
                        "openchat: --host: '999.1.1.1' is neither an IP address nor a host name this machine resolves");
        CommandRun badEntry = run("server", "--http-host", "127.0.0.1,999.1.1.1");
        assertThat(badEntry.exitCode()).isEqualTo(2);
        assertThat(badEntry.err())
                .as("a list's bad entry, named")
                .startsWith("openchat: --http-host: '999.1.1.1' is neither an IP address nor a host name this"
                        + " machine resolves");
        assertThat(run("server", "--host", "127.0.0.1,,::1").err())
                .startsWith("openchat: --host: an empty address in the list");
        assertThat(run("client").err())
                .startsWith("openchat: Missing required parameter: 'NAME'")
                .contains("Run 'openchat client --help'");
    }

    @Test
    void aMistypedOptionOrSubcommandGetsTheNearestNameAndNoWildGuess() {
        CommandRun run = run("server", "--prot", "4000");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines())
                .containsExactly(
                        "openchat: Unknown option: '--prot'",
                        "Did you mean '--port'?",
                        "Run 'openchat server --help' for its options.");
        assertThat(run("server", "--prot=4000", "--max-user", "3").err().lines().findFirst())
                .as("each unknown option named once, without its value")
                .contains("openchat: Unknown options: '--prot', '--max-user'");
        assertThat(run("sever").err()).contains("Did you mean 'server'?");
        assertThat(run("server", "--colour").err()).doesNotContain("Did you mean");
    }

    @Test
    void twoListenersOnOnePortAreAUsageErrorNamingBothOptions() {
        String[][] cases = {
            {"--port 22011 --http-port 22011", "--port and --http-port are both 22011"},
            {"--port 22011 --irc-port 22011", "--port and --irc-port are both 22011"},
            {"--irc-port 22011 --http-port 22011", "--irc-port and --http-port are both 22011"},
            {"--tls-self-signed --irc-tls-port 22011 --http-port 22011", "--irc-tls-port and --http-port are both 22011"
            },
            {"--tls-self-signed --port 6697", "--port and --irc-tls-port are both 6697"},
        };
        for (String[] clash : cases) {
            CommandRun run = run(("server " + clash[0]).split(" "));
            assertThat(run.exitCode()).as(clash[0]).isEqualTo(2);
            assertThat(run.err())
                    .as(clash[0])
                    .startsWith("openchat: " + clash[1] + ": each listener needs a port of its own");
        }
        assertThat(ConfigFileTest.serverConfig("server", "--port", "0", "--irc-port", "0", "--http-port", "0")
                        .httpPort())
                .as("0 picks a free port for each")
                .isZero();
        assertThat(ConfigFileTest.serverConfig("server", "--port", "6697").port())
                .as("the TLS listener's default port is free without TLS")
                .isEqualTo(6697);
    }

    @Test
    void aTlsPortWithoutTlsIsAUsageErrorNamingTheTlsOptions() {
        CommandRun run = run("server", "--irc-tls-port", "47343");

        assertThat(run.exitCode()).as("nothing would listen on it").isEqualTo(2);
        assertThat(run.err().lines())
                .containsExactly(
                        "openchat: --irc-tls-port needs TLS: add --tls-cert and --tls-key, or --tls-self-signed",
                        "Run 'openchat server --help' for its options.");
        assertThat(ConfigFileTest.serverConfig("server", "--irc-tls-port", "47343", "--tls-self-signed")
                        .ircTlsPort())
                .isEqualTo(47343);
        assertThat(ConfigFileTest.serverConfig("server", "--irc-tls-port", "off")
                        .ircTlsPort())
                .as("off asks for nothing TLS would give")
                .isEqualTo(ServerConfig.OFF);
        assertThat(ConfigFileTest.serverConfig("server").ircTlsPort())
                .as("the default, used only with TLS, is no reason to refuse a server without")
                .isEqualTo(ServerConfig.DEFAULT_IRC_TLS_PORT);
    }

    @Test
    void languageIsCaseInsensitive() {
        assertThat(run("server", "--lang", "EN", "--help").exitCode()).isZero();
    }

    @Test
    void aLogLevelVariableThatIsNoLevelIsRefusedRatherThanReadAsDebug() {
        assertThat(OpenchatCommand.isLogLevel(null)).as("not set: the default").isTrue();
        assertThat(OpenchatCommand.isLogLevel("debug")).isTrue();
        assertThat(OpenchatCommand.isLogLevel("WARN")).isTrue();
        assertThat(OpenchatCommand.isLogLevel("OFF")).isTrue();
        assertThat(OpenchatCommand.isLogLevel("LOUD"))
                .as("logback would take DEBUG")
                .isFalse();
        assertThat(OpenchatCommand.isLogLevel("")).isFalse();
        assertThat(CliText.ENGLISH.get(
                        "env.logLevel",
                        OpenchatCommand.LOG_LEVEL_VARIABLE,
                        "LOUD",
                        String.join(", ", OpenchatCommand.LOG_LEVELS)))
                .isEqualTo(
                        "the environment variable OPENCHAT_LOG_LEVEL=LOUD is not a log level: use one of TRACE, DEBUG,"
                                + " INFO, WARN, ERROR, OFF");
    }
}
