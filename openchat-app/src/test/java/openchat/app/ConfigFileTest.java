package openchat.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import openchat.server.config.Listener;
import openchat.server.config.ProxyHeader;
import openchat.server.config.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code openchat server --config FILE}: keys from the options, the command line over the file, refusals by line. */
class ConfigFileTest {
    private static CommandRun run(String... args) {
        return CommandRun.english(args);
    }

    @TempDir
    Path dir;

    /** The configuration {@code openchat server ARGS} would start with, without starting it. */
    static ServerConfig serverConfig(String... args) {
        CommandLine commandLine = OpenchatCommand.commandLine();
        CommandLine server = commandLine.getSubcommands().get("server");
        commandLine.parseArgs(args);
        return server.<ServerCommand>getCommand().config();
    }

    private Path file(String... lines) throws IOException {
        Path file = Files.createTempFile(dir, "openchat", ".yaml");
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void theThrottleOnNewConnectionsIsSetOrTurnedOffOnTheCommandLineOrInTheFile() throws IOException {
        ServerConfig defaults = serverConfig("server");
        assertThat(defaults.connectBurst()).isEqualTo(ServerConfig.DEFAULT_CONNECT_BURST);
        assertThat(defaults.connectPerMinute()).isEqualTo(ServerConfig.DEFAULT_CONNECT_PER_MINUTE);
        assertThat(defaults.connectExempt()).containsExactly("127.0.0.0/8", "::1/128");
        assertThat(defaults.connectThrottled()).isTrue();

        ServerConfig raised = serverConfig("server", "--connect-burst", "50", "--connect-rate", "30");
        assertThat(raised.connectBurst()).isEqualTo(50);
        assertThat(raised.connectPerMinute()).isEqualTo(30);
        assertThat(serverConfig("server", "--connect-rate", "OFF").connectThrottled())
                .isFalse();
        assertThat(serverConfig("server", "--connect-exempt", "").connectExempt())
                .as("'' exempts nothing, loopback included")
                .isEmpty();

        ServerConfig fromFile = serverConfig(
                "server",
                "--config",
                file("connect-rate: off", "connect-burst: 40", "connect-exempt: [192.0.2.0/24, '2001:db8::/48']")
                        .toString());
        assertThat(fromFile.connectThrottled()).isFalse();
        assertThat(fromFile.connectBurst()).isEqualTo(40);
        assertThat(fromFile.connectExempt()).containsExactly("192.0.2.0/24", "2001:db8::/48");
        assertThat(serverConfig("server", "--config", file("connect-exempt: ''").toString())
                        .connectExempt())
                .isEmpty();
    }

    @Test
    void theProxyHeaderIsXForwardedForUnlessTheFileOrTheCommandLineSaysForwarded() throws IOException {
        assertThat(serverConfig("server").proxyHeader()).isEqualTo(ProxyHeader.X_FORWARDED_FOR);
        assertThat(serverConfig(
                                "server",
                                "--config",
                                file("proxy-header: Forwarded").toString())
                        .proxyHeader())
                .isEqualTo(ProxyHeader.FORWARDED);
        assertThat(serverConfig("server", "--proxy-header", "forwarded").proxyHeader())
                .isEqualTo(ProxyHeader.FORWARDED);
    }

    @Test
    void valuesInTheFileApply() throws IOException {
        Path file = file(
                "# a comment",
                "port: 4000",
                "irc-port: off",
                "max-users: 7",
                "lang: en",
                "flood-rate: 2.5",
                "ping-interval: 20",
                "data-dir: " + dir,
                "no-history: true");

        ServerConfig config = serverConfig("server", "--config", file.toString());

        assertThat(config.port()).isEqualTo(4000);
        assertThat(config.ircPort()).isEqualTo(ServerConfig.OFF);
        assertThat(config.maxUsers()).isEqualTo(7);
        assertThat(config.locale()).isEqualTo(Locale.ENGLISH);
        assertThat(config.core().floodControl().perSecond()).isEqualTo(2.5);
        assertThat(config.pingInterval()).isEqualTo(Duration.ofSeconds(20));
        assertThat(config.dataDir()).isEqualTo(dir);
        assertThat(config.history()).isFalse();
        assertThat(config)
                .as("the file means what the same options on the command line mean")
                .isEqualTo(serverConfig(
                        "server",
                        "--port=4000",
                        "--irc-port=off",
                        "--max-users=7",
                        "--lang=en",
                        "--flood-rate=2.5",
                        "--ping-interval=20",
                        "--data-dir=" + dir,
                        "--no-history"));
    }

    @Test
    void aClusterNodeIsConfiguredByTheFileAsByTheCommandLine() throws IOException {
        Path file = file("cluster: redis://10.0.0.5:6379/2", "node-id: chat-1");

        ServerConfig config = serverConfig("server", "--config", file.toString());

        assertThat(config.cluster()).isEqualTo("redis://10.0.0.5:6379/2");
        assertThat(config.nodeId()).isEqualTo("chat-1");
        assertThat(config).isEqualTo(serverConfig("server", "--cluster=redis://10.0.0.5:6379/2", "--node-id=chat-1"));
    }

    @Test
    void theServersAndTheNetworksNamesAreConfiguredByTheFileAsByTheCommandLine() throws IOException {
        Path file = file("server-name: irc.example.org", "network-name: ExampleNet");

        ServerConfig config = serverConfig("server", "--config", file.toString());

        assertThat(config.serverName()).isEqualTo("irc.example.org");
        assertThat(config.networkName()).isEqualTo("ExampleNet");
        assertThat(config)
                .isEqualTo(serverConfig("server", "--server-name=irc.example.org", "--network-name=ExampleNet"));
    }

    @Test
    void theCommandLineWinsOverTheFileWhereverItStands() throws IOException {
        Path file = file("port: 4000", "max-users: 7", "lang: en");

        ServerConfig after = serverConfig("server", "--config", file.toString(), "--port", "5000");
        ServerConfig before = serverConfig("server", "--port", "5000", "--config", file.toString());

        assertThat(after.port()).isEqualTo(5000);
        assertThat(after.maxUsers()).as("a key the command line leaves alone").isEqualTo(7);
        assertThat(before).isEqualTo(after);
    }

    @Test
    void theFileWinsOverTheBuiltInDefaultAndAMissingKeyKeepsIt() throws IOException {
        ServerConfig defaults = serverConfig("server");
        Path file = file("max-rooms: 20", "host:", "history-on-join: ~");

        ServerConfig config = serverConfig("server", "--config", file.toString());

        assertThat(config.core().maxRooms()).isEqualTo(20);
        assertThat(config.hosts()).as("an empty value leaves the default").isEqualTo(defaults.hosts());
        assertThat(config.core().historyOnJoin()).isEqualTo(defaults.core().historyOnJoin());
        assertThat(serverConfig(
                        "server", "--config", file("# nothing but a comment").toString()))
                .isEqualTo(defaults);
    }

    @Test
    void aFlagSetTrueInTheFileIsSwitchedOffOnTheCommandLineWithEqualsFalse() throws IOException {
        assertThat(serverConfig("server", "--config", file("no-history: true").toString(), "--no-history=false")
                        .history())
                .isTrue();
    }

    @Test
    void flagsAreTrueOrFalse() throws IOException {
        assertThat(serverConfig("server", "--config", file("no-history: true").toString())
                        .history())
                .isFalse();
        assertThat(serverConfig("server", "--config", file("no-history: false").toString())
                        .history())
                .isTrue();
        assertThat(serverConfig(
                                "server",
                                "--config",
                                file("no-console-chat: true", "no-flood-control: true")
                                        .toString())
                        .consoleChat())
                .isFalse();
    }

    @Test
    void aListIsAYamlSequenceAndMeansTheSameAsTheCommandLine() throws IOException {
        Path block = file("allowed-origins:", "  - https://chat.example.org", "  - https://web.example.org");
        Path flow = file("allowed-origins: [https://chat.example.org, https://web.example.org]");

        ServerConfig fromCommandLine =
                serverConfig("server", "--allowed-origins", "https://chat.example.org,https://web.example.org");

        assertThat(serverConfig("server", "--config", block.toString())).isEqualTo(fromCommandLine);
        assertThat(serverConfig("server", "--config", flow.toString())).isEqualTo(fromCommandLine);
        assertThat(serverConfig(
                        "server",
                        "--config",
                        file("allowed-origins: https://chat.example.org, https://web.example.org")
                                .toString()))
                .as("one value with a space after its comma")
                .isEqualTo(fromCommandLine);
        assertThat(serverConfig("server", "--config", flow.toString(), "--allowed-origins", "https://only.example.org"))
                .as("the command line's list replaces the file's")
                .isEqualTo(serverConfig("server", "--allowed-origins", "https://only.example.org"));
    }

    @Test
    void eachListenersAddressesAreKeysOfTheFileAsOnTheCommandLine() throws IOException {
        Path file = file("host: [127.0.0.1, '::1']", "http-host: 127.0.0.1", "irc-tls-host: '::1'");

        ServerConfig config = serverConfig("server", "--config", file.toString());

        assertThat(config.hosts(Listener.OCP)).as("--host's list").containsExactly("127.0.0.1", "::1");
        assertThat(config.hosts(Listener.IRC)).containsExactly("127.0.0.1", "::1");
        assertThat(config.hosts(Listener.HTTP)).containsExactly("127.0.0.1");
        assertThat(config.hosts(Listener.IRC_TLS)).containsExactly("::1");
        assertThat(config)
                .isEqualTo(serverConfig(
                        "server", "--host", "127.0.0.1,::1", "--http-host", "127.0.0.1", "--irc-tls-host", "::1"));
        assertThat(serverConfig("server", "--config", file.toString(), "--ocp-host", "::1")
                        .hosts(Listener.OCP))
                .containsExactly("::1");
    }

    @Test
    void anUnknownKeyIsRefusedWithTheFileTheLineAndTheKey() throws IOException {
        Path file = file("port: 4000", "", "max-user: 3");

        CommandRun run = run("server", "--config", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .startsWith("openchat: " + file + " line 3: unknown key 'max-user' (did you mean 'max-users'?)")
                .doesNotContain("Usage:");
        assertThat(run("server", "--config", file("colour: blue").toString()).err())
                .contains("line 1: unknown key 'colour'", "openchat defaultconfig");
        assertThat(run("server", "--config", file("--port: 1").toString()).err())
                .contains("unknown key '--port' (did you mean 'port'?)");
        assertThat(run("server", "--config", file("config: other.yaml").toString())
                        .exitCode())
                .as("a file names no other file")
                .isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "port: abc                  | port: 'abc' is not a whole number",
                "irc-port: sometimes        | irc-port: 'sometimes' is not a port (0-65535) or off",
                "max-users: 0               | max-users: room capacity (max-users) must be at least 1: 0",
                "history-max: 0             | history-max must be at least 1: 0",
                "history-on-join: 501       | history-on-join must be 0-500: 501",
                "history-max-age: 1 month   | history-max-age: '1 month' is not an age (30d, 12h, 90min, 2w, 6mo, 1y, 1d12h, seconds) or off",
                "history-max-age: 6m        | history-max-age: '6m': m could be minutes or months: write min for minutes (90min) or mo for months of 30 days (6mo)",
                "no-history: maybe          | no-history: 'maybe' is not true or false",
                "no-history: yes            | no-history: 'yes' is not true or false",
                "lang: fr                   | lang: expected one of [ko, en]",
                "port: [1, 2]               | port: takes one value, not a list",
                "port: {a: 1}               | port: expected a value or a list, found a mapping",
                "tls-cert: cert.pem         | tls-cert: a TLS certificate needs its key",
                "irc-tls-port: 47343        | irc-tls-port needs TLS: add tls-cert and tls-key, or tls-self-signed",
                "ping-interval: 100         | ping-interval: idle-timeout (90 s) must be longer than ping-interval (100 s)",
                "max-connections: 0         | max-connections must be at least 1: 0",
                "cluster: http://h:6379     | cluster: 'http://h:6379' is not a redis:// address",
                "proxy-header: via          | proxy-header: 'via' is not x-forwarded-for or forwarded",
                "irc-host: [127.0.0.1, 999.1.1.1] | irc-host: '999.1.1.1' is neither an IP address nor a host name"
                        + " this machine resolves",
                "server-name: chatserver    | server-name needs a dot, like irc.example.org: no nickname holds one",
                "network-name: Example Net  | network-name may hold only letters, digits, '-', '_' and '.' (no spaces, no invisible letters):"
                        + " 'Example Net'",
            })
    void aBadValueIsRefusedWithTheLineAndTheKey(String line, String message) throws IOException {
        Path file = file("# first line", line);

        CommandRun run = run("server", "--config", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("openchat: " + file + " line 2: " + message);
    }

    @Test
    void valuesThatBelongTogetherAreCheckedTogether() throws IOException {
        Path file = file("ping-interval: 100", "idle-timeout: 200");

        ServerConfig config = serverConfig("server", "--config", file.toString());

        assertThat(config.pingInterval()).isEqualTo(Duration.ofSeconds(100));
        assertThat(config.idleTimeout()).isEqualTo(Duration.ofSeconds(200));
    }

    @Test
    void valuesRefusedTogetherAreToldAsTheCommandLineTellsThemAtTheLineThatCompletesTheProblem() throws IOException {
        Path file = file(
                "port: 22070",
                "irc-port: off",
                "http-port: off",
                "irc-tls-port: off",
                "tls-cert: /tmp/x/cert.pem",
                "tls-key: /tmp/x/key.pem",
                "tls-self-signed: true");
        String problem = "choose either a certificate and key or a self-signed certificate";

        CommandRun run = run("server", "--config", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("openchat: " + file + " line 7: tls-self-signed: " + problem);
        assertThat(run("server", "--tls-cert", "/tmp/x/cert.pem", "--tls-key", "/tmp/x/key.pem", "--tls-self-signed")
                        .err())
                .as("the same options on the command line")
                .startsWith("openchat: " + problem);
        Path heartbeat = file("ping-interval: 100", "idle-timeout: 50");
        assertThat(run("server", "--config", heartbeat.toString()).err())
                .as("the values the file holds, not a default, in the problem")
                .startsWith("openchat: " + heartbeat
                        + " line 2: idle-timeout (50 s) must be longer than ping-interval (100 s)");
    }

    @Test
    void anIdleTimeoutLineBelowThePingIntervalIsBlamedThoughItsValueIsTheDefault() throws IOException {
        Path file = file("ping-interval: 100", "max-users: 7", "idle-timeout: 90");

        CommandRun run = run("server", "--config", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .startsWith(
                        "openchat: " + file + " line 3: idle-timeout (90 s) must be longer than ping-interval (100 s)");
        Path pingLast = file("idle-timeout: 90", "ping-interval: 100");
        assertThat(run("server", "--config", pingLast.toString()).err())
                .as("the ping-interval line, where it is the one below")
                .startsWith("openchat: " + pingLast
                        + " line 2: ping-interval: idle-timeout (90 s) must be longer than ping-interval (100 s)");
    }

    @Test
    void aPathInTheFileStartingWithATildeIsInTheHomeAndARelativeOneInTheFilesDirectory() throws IOException {
        Path conf = Files.createDirectories(dir.resolve("etc"));
        Path file = conf.resolve("openchat.yaml");
        Files.writeString(
                file,
                "data-dir: ~/chatdata\nadmin-key-file: keys/admin.key\ntls-cert: ../tls/cert.pem\n" + "tls-key: '~'\n",
                StandardCharsets.UTF_8);
        Path home = openchat.core.OpenchatHome.home();

        ServerConfig config = serverConfig("server", "--config", file.toString());

        assertThat(config.dataDir()).isEqualTo(home.resolve("chatdata"));
        assertThat(config.adminKeyFile()).isEqualTo(conf.resolve("keys/admin.key"));
        assertThat(config.tls().certificate()).isEqualTo(dir.resolve("tls/cert.pem"));
        assertThat(config.tls().key())
                .as("~ alone, quoted, as YAML reads a bare ~ as no value")
                .isEqualTo(home);
    }

    @Test
    void aRelativePathOnTheCommandLineIsInTheWorkingDirectoryAndKeptAbsolute() {
        ServerConfig config =
                serverConfig("server", "--data-dir", "chatdata", "--admin-key-file", "./keys/../admin.key");

        Path here = Path.of("").toAbsolutePath();
        assertThat(config.dataDir()).isEqualTo(here.resolve("chatdata"));
        assertThat(config.adminKeyFile()).isEqualTo(here.resolve("admin.key"));
    }

    @Test
    void aTlsPortInTheFileIsTakenWithTlsInTheFile() throws IOException {
        Path file = file("tls-self-signed: true", "irc-tls-port: 47343");

        assertThat(serverConfig("server", "--config", file.toString()).ircTlsPort())
                .isEqualTo(47343);
        assertThat(serverConfig("server", "--config", file("irc-tls-port: off").toString())
                        .ircTlsPort())
                .isEqualTo(ServerConfig.OFF);
    }

    @Test
    void aFileThatIsNotAConfigIsRefusedSayingWhy() throws IOException {
        CommandRun missing =
                run("server", "--config", dir.resolve("missing.yaml").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("missing.yaml", "no such file");

        CommandRun twice = run("server", "--config", file("port: 1", "port: 2").toString());
        assertThat(twice.exitCode()).isEqualTo(2);
        assertThat(twice.err()).contains("line 2: 'port' is set twice (first on line 1)");

        CommandRun broken =
                run("server", "--config", file("port: 1", "  max-users: : 2").toString());
        assertThat(broken.exitCode()).isEqualTo(2);
        assertThat(broken.err()).contains("line 2: not valid YAML");

        CommandRun list = run("server", "--config", file("- port: 1").toString());
        assertThat(list.exitCode()).isEqualTo(2);
        assertThat(list.err()).contains("line 1: expected lines of key: value, found a list");

        CommandRun directory = run("server", "--config", dir.toString());
        assertThat(directory.exitCode()).isEqualTo(2);
        assertThat(directory.err()).contains("cannot read the config file " + dir);
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> yamlMistakes() {
        return java.util.stream.Stream.of(
                yamlMistake(
                        "max-users:5 followed by a comment",
                        "port: 1\nmax-users:5\n\n# the rooms\nmax-rooms: 3",
                        2,
                        "키 뒤에 쌍점과 공백(': ')이 없습니다 (could not find expected ':')"),
                yamlMistake(
                        "a key with a space for its colon",
                        "port: 1\nmax-users 5\nmax-rooms: 3",
                        2,
                        "키 뒤에 쌍점과 공백(': ')이 없습니다 (could not find expected ':')"),
                yamlMistake(
                        "a quote left open",
                        "port: 1\nmotd: 'motd.txt\n\nmax-rooms: 3",
                        2,
                        "따옴표가 닫히지 않았습니다 (found unexpected end of stream)"),
                yamlMistake(
                        "a quote left open that a later quote closes",
                        "port: '49111\nmax-users: 5\n\nmetrics-allow: [127.0.0.0/8, '::1/128']\nmax-rooms: 3",
                        1,
                        "따옴표가 닫히지 않았습니다 (expected <block end>, but found '<scalar>')"),
                yamlMistake(
                        "a double quote left open that a later one closes",
                        "port: 1\nserver-name: \"home\nmotd: \"motd.txt\"\nmax-rooms: 3",
                        2,
                        "따옴표가 닫히지 않았습니다 (expected <block end>, but found '<scalar>')"),
                yamlMistake(
                        "a list left open",
                        "host: [127.0.0.1, '::1'\nmax-rooms: 3",
                        1,
                        "목록을 연 대괄호([)가 닫히지 않았습니다 (expected ',' or ']', but got <scalar>)"),
                yamlMistake(
                        "an indented key",
                        "port: 1\n  max-users: 5",
                        2,
                        "이 자리에는 쌍점과 공백(': ')을 쓸 수 없습니다. 위의 줄들과 들여쓰기가 다르거나, 따옴표 없는 값에 쌍점과 공백이 들어 있습니다"
                                + " (mapping values are not allowed here)"),
                yamlMistake(
                        "a tab",
                        "port: 1\n\tmax-users: 5",
                        2,
                        "탭 문자로 들여쓸 수 없습니다. 공백으로 들여쓰십시오 (found character '\\t(TAB)' that cannot start any"
                                + " token. (Do not use \\t(TAB) for indentation))"),
                yamlMistake(
                        "a value starting with @",
                        "port: 1\nserver-name: @home",
                        2,
                        "@ 문자로 시작하는 값은 따옴표로 감싸야 합니다 (found character '@' that cannot start any token. (Do not"
                                + " use @ for indentation))"),
                yamlMistake(
                        "a list item among keys",
                        "port: 1\n- max-users: 5",
                        2,
                        "이 줄은 위의 '키: 값' 줄들과 맞지 않습니다. 줄의 시작과 들여쓰기를 확인하십시오 (expected <block end>, but" + " found '-')"));
    }

    private static org.junit.jupiter.params.provider.Arguments yamlMistake(
            String name, String text, int line, String problem) {
        return org.junit.jupiter.params.provider.Arguments.of(name, text, line, problem);
    }

    /**
     * SnakeYAML marks where it noticed a problem, below the line at fault for something left open: a key without its
     * {@code ': '} was noticed at the next key, past the blank and comment lines between (trial 10: line 49 told as 51).
     */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("yamlMistakes")
    void aFileThatIsNotYamlIsToldAtTheLineAtFaultInKoreanWithTheParsersWordsAfter(
            String name, String text, int line, String problem) throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, text + "\n", StandardCharsets.UTF_8);
        CommandRun run = CommandRun.of("server", "--config", file.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .isEqualTo("openchat: " + file + " " + line + "번째 줄: 올바른 YAML 이 아닙니다: " + problem
                        + System.lineSeparator());
    }

    @Test
    void aYamlProblemIsToldInEnglishWithLangEnAndOneWithoutAGlossInTheParsersWordsAlone() throws IOException {
        Path file = file("port: 1", "max-users:5", "", "# the rooms", "max-rooms: 3");
        assertThat(run("server", "--config", file.toString()).err())
                .isEqualTo(
                        "openchat: " + file + " line 2: not valid YAML: a key without ': ' (a colon and a space) after"
                                + " it (could not find expected ':')" + System.lineSeparator());

        Path escape = file("port: 1", "motd: \"a\\qb\"");
        assertThat(CommandRun.of("server", "--config", escape.toString()).err())
                .as("a problem without a gloss: the parser's words, in parentheses in Korean")
                .isEqualTo("openchat: " + escape + " 2번째 줄: 올바른 YAML 이 아닙니다 (found unknown escape character q(113))"
                        + System.lineSeparator());
    }

    @Test
    void enumValuesAreCaseInsensitiveAsOnTheCommandLine() throws IOException {
        assertThat(serverConfig("server", "--config", file("lang: EN").toString())
                        .locale())
                .isEqualTo(Locale.ENGLISH);
    }

    @Test
    void theReadmeExampleIsAValidConfig() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        String section = readme.substring(readme.indexOf("### Config file"));
        String example = section.substring(section.indexOf("```yaml\n") + 8, section.indexOf("```\n", 8));
        Path file = dir.resolve("openchat.yaml");
        Files.writeString(file, example, StandardCharsets.UTF_8);

        ServerConfig config = serverConfig("server", "--config", file.toString());

        assertThat(config.ircPort()).isEqualTo(ServerConfig.OFF);
        assertThat(config.historyMaxAge()).isEqualTo(java.time.Duration.ofDays(30));
        assertThat(config.consoleChat()).isFalse();
    }

    @Test
    void theReadmeQuotesTheRefusalsOfAFileAsTheyArePrinted() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8)
                .replaceAll("\\s+", " ");
        String denied = "`openchat: " + CliText.KOREAN.get("config.denied", "/etc/openchat/openchat.yaml") + "`";
        assertThat(readme.contains(denied))
                .as("Running as a service quotes a file only root may read as %s", denied)
                .isTrue();
        Path file = dir.resolve("openchat.yaml");
        Files.writeString(
                file,
                "port: 3000\n" + "# a comment\n".repeat(47) + "max-users:5\n\n# more\nmax-rooms: 9\n",
                StandardCharsets.UTF_8);
        String noColon = CommandRun.of("server", "--config", file.toString())
                .err()
                .strip()
                .replace(file.toString(), "openchat.yaml");
        assertThat(readme.contains(noColon))
                .as("Config file quotes a key without its colon and space as %s", noColon)
                .isTrue();
    }

    @Test
    void serverHelpShowsTheConfigOption() {
        assertThat(run("server", "--help").out()).contains("--config=FILE", "openchat defaultconfig");
    }

    /** A command of its own, for list options of both kinds whatever the server has. */
    @Command(name = "toy")
    static final class Toy {
        @Option(names = "--allow", split = ",")
        List<String> allow;

        @Option(names = "--ports", split = ",")
        int[] ports;

        @Option(names = "--name", arity = "1..*")
        List<String> names;

        @Option(names = "--quiet")
        boolean quiet;
    }

    private Toy toy(String... lines) throws IOException {
        Toy toy = new Toy();
        CommandLine commandLine = new CommandLine(toy);
        ConfigFile config = ConfigFile.read(file(lines), commandLine.getCommandSpec());
        commandLine.setDefaultValueProvider(config).parseArgs();
        return toy;
    }

    @Test
    void listsReachPicocliAsItsOwnSplitValues() throws IOException {
        Toy toy = toy("allow: [10.0.0.0/8, '::1/128']", "ports:", "  - 1", "  - 2", "name: [one]", "quiet: true");

        assertThat(toy.allow).containsExactly("10.0.0.0/8", "::1/128");
        assertThat(toy.ports).containsExactly(1, 2);
        assertThat(toy.names).containsExactly("one");
        assertThat(toy.quiet).isTrue();
        assertThat(toy("allow: 10.0.0.0/8,192.168.0.0/16").allow)
                .as("one value is split as on the command line")
                .containsExactly("10.0.0.0/8", "192.168.0.0/16");
    }

    @Test
    void aListThePicocliOptionCannotTakeIsRefused() {
        assertThatThrownBy(() -> toy("name: [one, two]"))
                .isInstanceOf(ConfigFile.ConfigFileException.class)
                .hasMessageContaining("line 1: name: takes one value in this file, not a list");
        assertThatThrownBy(() -> toy("allow: ['a,b', c]"))
                .hasMessageContaining("allow: 'a,b' holds the list separator ','");
        assertThatThrownBy(() -> toy("allow: []")).hasMessageContaining("allow: an empty list");
        assertThatThrownBy(() -> toy("allow: [a, [b]]")).hasMessageContaining("each item of the list must be a value");
    }

    @Test
    void onSighupTheFilesChangedKeysAreNamedAsTakingEffectAtTheNextStartAndABrokenFileIsWarnedOf() throws IOException {
        Path file = dir.resolve("openchat.yaml");
        Files.writeString(file, "max-users: 20\nflood-rate: 5\n", StandardCharsets.UTF_8);
        CommandLine commandLine = OpenchatCommand.commandLine();
        commandLine.parseArgs("--lang", "en", "server", "--config", file.toString(), "--port", "4000");
        ServerCommand server = commandLine.getSubcommands().get("server").getCommand();
        server.language = OpenchatCommand.language(server.spec, server.language);
        server.config();

        assertThat(server.configFileChanges(CliText.ENGLISH))
                .isEqualTo("[RELOAD] config file " + file + ": nothing changed since the start");

        Files.writeString(file, "max-users: 50\nflood-rate: 5\nport: 5000\nno-history: true\n", StandardCharsets.UTF_8);
        assertThat(server.configFileChanges(CliText.ENGLISH))
                .as("port is given on the command line, which wins over the file: not a change")
                .isEqualTo("[RELOAD] config file " + file + ": max-users, no-history changed; the change takes effect"
                        + " at the next start (SIGHUP reads again only the administrator key, the TLS certificate and"
                        + " the message of the day)");

        Files.writeString(file, "max-user: 50\n", StandardCharsets.UTF_8);
        assertThat(server.configFileChanges(CliText.ENGLISH))
                .startsWith("[RELOAD] warning: the config file " + file
                        + " is no longer valid; a restart with it would fail: ")
                .contains("max-user");
        assertThat(server.configFileChanges(CliText.KOREAN))
                .as("not 쓸 수 없습니다, which reads as 'cannot be written'")
                .startsWith("[RELOAD] 경고: 설정 파일이 이제 올바르지 않습니다 (" + file + "). 이대로 다시 시작하면 시작하지 못합니다: ")
                .contains("max-user");

        Files.delete(file);
        assertThat(server.configFileChanges(CliText.KOREAN))
                .as("a file that cannot be read is said so, once")
                .isEqualTo("[RELOAD] 경고: 이대로 다시 시작하면 시작하지 못합니다: 설정 파일을 읽을 수 없습니다 (" + file + "): 파일이 없습니다");
        assertThat(server.configFileChanges(CliText.ENGLISH))
                .isEqualTo("[RELOAD] warning: a restart would fail: cannot read the config file " + file
                        + ": no such file");

        Files.writeString(
                file, "max-users: 50\nflood-rate: 5\nno-history: true\nhttp-host: 127.0.0.1\n", StandardCharsets.UTF_8);
        assertThat(server.configFileChanges(CliText.ENGLISH))
                .as("a listener's addresses, which take effect at the next start as its port does")
                .startsWith("[RELOAD] config file " + file + ": http-host, max-users, no-history changed; the change"
                        + " takes effect at the next start");
    }
}
