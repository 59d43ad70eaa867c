package openchat.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The command line speaks the product's language: its help, usage errors, config file refusals and the server's
 * start-up refusals are Korean by default and English with {@code --lang en} (or {@code lang: en} in the server's
 * config file, for what is found after reading it).
 */
class CommandLineLanguageTest {
    private static CommandRun run(String... args) {
        return CommandRun.of(args);
    }

    @TempDir
    Path dir;

    private static Properties bundle(String file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = CommandLineLanguageTest.class.getResourceAsStream("/openchat/app/" + file)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    @Test
    void rootHelpIsKoreanByDefault() {
        CommandRun run = run("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains("사용법: openchat", "명령:", "오픈 채팅방 서버", "이 도움말을 보여 주고 끝냅니다.")
                .doesNotContain("Usage:", "Commands:", "Show this help", "Display help");
    }

    @Test
    void rootHelpIsEnglishWithLangEn() {
        for (String[] args : new String[][] {{"--lang", "en", "--help"}, {"--lang=en", "--help"}}) {
            CommandRun run = run(args);

            assertThat(run.exitCode()).isZero();
            assertThat(run.out())
                    .as(String.join(" ", args))
                    .contains("Usage: openchat", "Commands:", "An open chat-room server", "Show this help")
                    .doesNotContain("사용법", "명령:");
        }
    }

    @Test
    void serverHelpIsKoreanByDefaultWithNoStrayEnglish() {
        String help = run("server", "--help").out();

        assertThat(help).contains("사용법: openchat server", "채팅 서버를 실행합니다.", "(기본값: 3000.", "0.001-1000");
        assertThat(help)
                .as("English words left once option names, placeholders and values are taken out")
                .doesNotContain("Usage", "(default", "Show this", "Print version", "Runs the chat server");
    }

    @Test
    void serverHelpIsEnglishWithLangEn() {
        for (String[] args :
                new String[][] {{"server", "--lang", "en", "--help"}, {"--lang", "en", "server", "--help"}}) {
            assertThat(run(args).out())
                    .as(String.join(" ", args))
                    .contains("Usage: openchat server", "Runs the chat server.", "TCP port (default: 3000")
                    .doesNotContain("사용법", "기본값");
        }
    }

    @Test
    void clientHelpIsKoreanByDefaultAndEnglishWithLangEn() {
        assertThat(run("client", "--help").out())
                .contains("사용법: openchat client", "NAME", "방에서 쓸 이름", "(기본값: 127.0.0.1)")
                .doesNotContain("Usage", "(default", "Your name");
        assertThat(run("client", "--lang=en", "--help").out())
                .contains("Usage: openchat client", "Your name in the room", "(default: 127.0.0.1)");
    }

    @Test
    void helpCommandShowsTheHelpInTheLanguageAsked() {
        assertThat(run("help", "server").out()).contains("사용법: openchat server");
        assertThat(run("--lang", "en", "help", "server").out()).contains("Usage: openchat server");
    }

    @Test
    void benchStaysEnglishAndSaysSo() {
        assertThat(run("bench", "--help").out())
                .contains("Usage: openchat bench", "in English only")
                .doesNotContain("사용법");
        assertThat(run("bench", "--windw", "4").err()).contains("Unknown option", "Did you mean '--window'?");
    }

    @Test
    void aMissingParameterIsKoreanByDefault() {
        CommandRun run = run("client");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines())
                .containsExactly("openchat: 필요한 인자가 없습니다: 'NAME'", "옵션 설명은 이렇게 볼 수 있습니다: 'openchat client --help'");
    }

    @Test
    void aMissingParameterIsEnglishWithLangEn() {
        CommandRun run = run("client", "--lang", "en");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines())
                .containsExactly(
                        "openchat: Missing required parameter: 'NAME'",
                        "Run 'openchat client --help' for its options.");
    }

    @Test
    void anUnknownOptionIsKoreanByDefaultWithItsSuggestion() {
        CommandRun run = run("server", "--prot", "4000");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines())
                .containsExactly(
                        "openchat: 알 수 없는 옵션입니다: '--prot'",
                        "혹시 이것을 입력하려고 하셨습니까? '--port'",
                        "옵션 설명은 이렇게 볼 수 있습니다: 'openchat server --help'");
        assertThat(run("sever").err()).contains("알 수 없는 인자입니다: 'sever'", "혹시 이것을 입력하려고 하셨습니까? 'server'");
    }

    @Test
    void helpForAnUnknownCommandNamesItInTheLanguageWithItsSuggestion() {
        CommandRun korean = run("help", "sevrer");
        CommandRun english = run("--lang", "en", "help", "sevrer");

        assertThat(korean.exitCode()).isEqualTo(2);
        assertThat(korean.err().lines())
                .containsExactly(
                        "openchat: 알 수 없는 명령입니다: 'sevrer'",
                        "혹시 이것을 입력하려고 하셨습니까? 'server'",
                        "옵션 설명은 이렇게 볼 수 있습니다: 'openchat --help'");
        assertThat(english.exitCode()).isEqualTo(2);
        assertThat(english.err().lines())
                .containsExactly(
                        "openchat: Unknown command: 'sevrer'",
                        "Did you mean 'server'?",
                        "Run 'openchat --help' for its options.");
    }

    @Test
    void anOptionWithoutItsValueSaysTheValueIsMissingNotTheOption() {
        assertThat(run("server", "--port").err().lines().findFirst()).contains("openchat: '--port' 옵션의 값(PORT)이 없습니다");
        assertThat(run("server", "--port", "--max-users", "3").err().lines().findFirst())
                .contains("openchat: '--port' 옵션의 값(PORT)이 없습니다 (그 자리에 있는 것: '--max-users')");
        assertThat(run("--lang", "en", "server", "--host").err().lines().findFirst())
                .contains("openchat: Missing the value of option '--host' (ADDRESS)");
        assertThat(run("--lang", "en", "client", "유저", "--port", "--lang", "en")
                        .err()
                        .lines()
                        .findFirst())
                .contains("openchat: Missing the value of option '--port' (PORT): found '--lang' in its place");
    }

    @Test
    void anUnknownOptionIsEnglishWithLangEnWithItsSuggestion() {
        CommandRun run = run("server", "--lang=en", "--prot", "4000");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines())
                .containsExactly(
                        "openchat: Unknown option: '--prot'",
                        "Did you mean '--port'?",
                        "Run 'openchat server --help' for its options.");
    }

    @Test
    void anInvalidValueIsKoreanByDefault() {
        CommandRun port = run("server", "--port", "99999");
        assertThat(port.exitCode()).isEqualTo(2);
        assertThat(port.err()).startsWith("openchat: --port 는 0-65535 사이여야 합니다: 99999" + System.lineSeparator());
        assertThat(run("server", "--max-users", "abc").err())
                .startsWith("openchat: '--max-users' 옵션의 값이 잘못되었습니다: 'abc' 값은 정수가 아닙니다");
        assertThat(run("server", "--irc-port", "sometimes").err())
                .startsWith(
                        "openchat: '--irc-port' 옵션의 값이 잘못되었습니다: 'sometimes' 값은 포트(0-65535)가 아니고, 리스너를 끄는 값(off)도 아닙니다");
        assertThat(run("client", "유저1", "--port", "0").err()).startsWith("openchat: 포트(--port)는 1-65535 사이여야 합니다: 0");
    }

    @Test
    void theCoresLimitsAreKoreanByDefaultAndEnglishWithLangEn() {
        assertThat(run("server", "--max-users", "0").err()).startsWith("openchat: 방 인원(--max-users)은 1 이상이어야 합니다: 0");
        assertThat(run("server", "--flood-rate", "0").err())
                .startsWith("openchat: 도배 제한의 초당 메세지 수(--flood-rate)는 0.001-1000 사이여야 합니다: 0");
        assertThat(run("server", "--metrics-allow", "nowhere").err())
                .startsWith("openchat: 'nowhere' 은(는) 10.0.0.0/8 이나 ::1/128 같은 주소 범위가 아닙니다");
        assertThat(run("server", "--connect-rate", "0").err())
                .startsWith("openchat: 한 주소에서 1분에 열 수 있는 새 연결 수(--connect-rate)는 0.1-6000 사이이거나 off 여야 합니다: 0");
        assertThat(run("server", "--connect-exempt", "nowhere").err())
                .startsWith("openchat: 'nowhere' 은(는) 10.0.0.0/8 이나 ::1/128 같은 주소 범위가 아닙니다");
        assertThat(run("server", "--lang", "en", "--max-users", "0").err())
                .startsWith("openchat: room capacity (--max-users) must be at least 1: 0");
    }

    @Test
    void anInvalidValueIsEnglishWithLangEn() {
        CommandRun port = run("server", "--port", "99999", "--lang", "en");
        assertThat(port.exitCode()).isEqualTo(2);
        assertThat(port.err()).startsWith("openchat: --port must be 0-65535: 99999" + System.lineSeparator());
    }

    @Test
    void anInvalidLanguageIsRefusedInKoreanListingTheLanguages() {
        CommandRun run = run("server", "--lang", "fr");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("openchat: '--lang' 옵션의 값이 잘못되었습니다: 'fr' 값은 ko, en 중 하나가 아닙니다");
    }

    @Test
    void aConfigFileErrorIsKoreanByDefault() throws IOException {
        Path file = dir.resolve("openchat.yaml");
        Files.writeString(file, "port: 4000\nmax-user: 5\n", StandardCharsets.UTF_8);

        CommandRun run = run("server", "--config", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines())
                .containsExactly("openchat: " + file + " 2번째 줄: 알 수 없는 키 'max-user' (혹시 이것을 쓰려고 하셨습니까? 'max-users')");
        assertThat(run("server", "--config", dir.resolve("none.yaml").toString())
                        .err())
                .startsWith("openchat: 설정 파일을 읽을 수 없습니다 (" + dir.resolve("none.yaml") + "): 파일이 없습니다");
    }

    @Test
    void aConfigFileErrorIsEnglishWithLangEn() throws IOException {
        Path file = dir.resolve("openchat.yaml");
        Files.writeString(file, "port: 4000\nmax-user: 5\n", StandardCharsets.UTF_8);

        assertThat(run("server", "--lang", "en", "--config", file.toString()).err())
                .isEqualTo("openchat: " + file + " line 2: unknown key 'max-user' (did you mean 'max-users'?)"
                        + System.lineSeparator());
    }

    @Test
    void aConfigFileThatSaysLangEnHasItsLaterErrorsInEnglish() throws IOException {
        Path file = dir.resolve("openchat.yaml");
        Files.writeString(file, "lang: en\nport: 22011\nhttp-port: 22011\n", StandardCharsets.UTF_8);

        assertThat(run("server", "--config", file.toString()).err())
                .startsWith("openchat: " + file + " line 3: http-port: port and http-port are both 22011");
        assertThat(run("server", "--config", file.toString(), "--lang", "ko").err())
                .as("the command line wins")
                .startsWith("openchat: " + file + " 3번째 줄: http-port: port 와(과) http-port 이(가) 모두 22011 입니다");
    }

    @Test
    void aConfigFileThatSaysLangEnHasEvenItsUnreadableLinesSaidInEnglish() throws IOException {
        Path unknown =
                Files.writeString(dir.resolve("unknown.yaml"), "lang: en\nmax-user: 5\n", StandardCharsets.UTF_8);
        Path broken = Files.writeString(dir.resolve("broken.yaml"), "lang: \"en\"\nport: [3\n", StandardCharsets.UTF_8);
        Path twice = Files.writeString(dir.resolve("twice.yaml"), "port: 1\nport: 2\nlang: en  # English\n");

        assertThat(run("server", "--config", unknown.toString()).err())
                .startsWith("openchat: " + unknown + " line 2: unknown key 'max-user' (did you mean 'max-users'?)");
        assertThat(run("server", "--config", broken.toString()).err()).startsWith("openchat: " + broken + " line ");
        assertThat(run("server", "--config", twice.toString()).err()).startsWith("openchat: " + twice + " line 2: ");
    }

    @Test
    void aStartUpRefusalIsKoreanByDefault() throws IOException {
        CommandRun clash = run("server", "--port", "22011", "--http-port", "22011");
        assertThat(clash.exitCode()).isEqualTo(2);
        assertThat(clash.err())
                .startsWith("openchat: --port 와(과) --http-port 이(가) 모두 22011 입니다: 대기하는 포트마다 서로 다른 포트가 필요합니다");

        CommandRun tls = serverWithAMissingTlsKey();
        assertThat(tls.exitCode()).isEqualTo(1);
        assertThat(tls.err())
                .isEqualTo("openchat: TLS 키 " + dir.resolve("missing.key") + " 을(를) 읽을 수 없습니다: 파일이 없습니다"
                        + System.lineSeparator());
    }

    @Test
    void aStartUpRefusalIsEnglishWithLangEn() throws IOException {
        assertThat(run("server", "--lang", "en", "--port", "22011", "--http-port", "22011")
                        .err())
                .startsWith("openchat: --port and --http-port are both 22011: each listener needs a port of its own");

        CommandRun tls = serverWithAMissingTlsKey("--lang", "en");
        assertThat(tls.exitCode()).isEqualTo(1);
        assertThat(tls.err())
                .isEqualTo("openchat: cannot read the TLS key " + dir.resolve("missing.key") + ": no such file"
                        + System.lineSeparator());
    }

    @Test
    void aMessageOfTheDayFileThatCannotBeUsedStopsTheStartSayingWhy() throws IOException {
        Path motd = Files.write(dir.resolve("motd.txt"), new byte[] {'c', 'a', 'f', (byte) 0xe9});
        CommandRun run = run(
                "server",
                "--lang",
                "en",
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--irc-port",
                "0",
                "--http-port",
                "0",
                "--data-dir",
                dir.resolve("data").toString(),
                "--admin-key-file",
                dir.resolve("admin.key").toString(),
                "--motd",
                motd.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .isEqualTo("openchat: the message of the day file " + motd + " is not UTF-8 text"
                        + System.lineSeparator());
        assertThat(dir.resolve("data"))
                .as("refused before the history was opened")
                .doesNotExist();
    }

    /** A server whose TLS key file is missing: refused when it sets up TLS, before it listens or stores anything. */
    private CommandRun serverWithAMissingTlsKey(String... more) throws IOException {
        Path cert = Files.writeString(dir.resolve("cert.pem"), "", StandardCharsets.UTF_8);
        List<String> args = new java.util.ArrayList<>(List.of(
                "server",
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--irc-port",
                "0",
                "--http-port",
                "0",
                "--no-history",
                "--data-dir",
                dir.resolve("data").toString(),
                "--admin-key-file",
                dir.resolve("admin.key").toString(),
                "--tls-cert",
                cert.toString(),
                "--tls-key",
                dir.resolve("missing.key").toString()));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    @Test
    void defaultconfigDescribesTheOptionsInTheLanguageAsked() {
        assertThat(run("defaultconfig").out()).contains("# TCP 포트 (기본값: 3000.", "\nport: 3000\n");
        assertThat(run("defaultconfig", "--lang", "en").out()).contains("# TCP port (default: 3000;", "\nport: 3000\n");
        String before = run("--lang", "en", "defaultconfig").out();
        assertThat(before)
                .as("--lang before the command: the header too")
                .startsWith("# openchat server --config FILE: ");
        assertThat(before.lines().filter(line -> line.chars().anyMatch(c -> c >= 0xAC00 && c <= 0xD7A3)))
                .as("no Korean line, but for the administrator's name where it is quoted")
                .allMatch(line -> line.contains("채팅관리자") || line.contains("/서버종료") || line.contains("/종료"));
    }

    @Test
    void everyHelpTextExistsInBothLanguages() throws IOException {
        assertThat(bundle("help_en.properties").keySet())
                .containsExactlyInAnyOrderElementsOf(
                        bundle("help_ko.properties").keySet());
    }

    @Test
    void theHelpsNumbersAreTheCodesConstantsInBothLanguages() {
        for (String lang : new String[] {"ko", "en"}) {
            assertThat(run("server", "--lang", lang, "--help").out())
                    .as(lang)
                    .contains(
                            String.valueOf(openchat.server.config.ServerConfig.DEFAULT_IRC_TLS_PORT),
                            "0-" + openchat.core.CoreConfig.MAX_HISTORY_PAGE,
                            "0.001-1000");
        }
    }

    @Test
    void everySentenceOfTheCommandLineExistsInBothLanguages() throws IOException {
        assertThat(bundle("messages_en.properties").keySet())
                .containsExactlyInAnyOrderElementsOf(
                        bundle("messages.properties").keySet());
    }

    /**
     * The command line speaks as the chat does (the terminal client's bundle is held to the same): in 하십시오체 (쓰십시오,
     * never 쓰세요), never calling the reader 당신, and with no particle guessed after what fills a sentence ({@code '{0}'
     * 은(는)}: the value's own noun takes it, {@code '{0}' 값은}) or glued to an option or a command to type ({@code
     * --port 는}, {@code /join 으로}).
     */
    @Test
    void koreanSentencesAndHelpAskInTheFormalStyleAndPutNoParticleAfterWhatIsTyped() throws IOException {
        String particle = "(은|는|이|가|을|를|과|와|로|으로|처럼)(?=[\\s.,):]|$)";
        for (String file : new String[] {"messages.properties", "help_ko.properties"}) {
            Properties korean = bundle(file);
            for (String key : korean.stringPropertyNames()) {
                assertThat(korean.getProperty(key))
                        .as("%s %s", file, key)
                        .doesNotContain("세요", "당신", "(으)로", "을(를)", "은(는)", "이(가)", "와(과)")
                        .doesNotContainPattern("\\{\\d+}'*\\s?" + particle)
                        .doesNotContainPattern("(^|[\\s(])(/[^\\s/]+|--[a-z-]+)( [^\\s.,:]+){0,2} (을|를|은|는|과|와|로|으로|처럼)"
                                + "(?=[\\s.,):]|$)");
            }
        }
    }

    /**
     * Someone in a room is 참여자 in the command line's Korean too, as in the chat's (ClientTextTest, ServerTextTest,
     * PageTextTest); never 멤버 or another word. In English, a member; never a participant.
     */
    @Test
    void someoneInARoomIsOneWordInEachLanguage() throws IOException {
        for (String file : new String[] {"messages.properties", "help_ko.properties"}) {
            bundle(file).forEach((key, sentence) -> assertThat((String) sentence)
                    .as("%s %s", file, key)
                    .doesNotContain("멤버", "회원", "구성원", "일반 참여자"));
        }
        for (String file : new String[] {"messages_en.properties", "help_en.properties"}) {
            bundle(file).forEach((key, sentence) -> assertThat((String) sentence)
                    .as("%s %s", file, key)
                    .doesNotContainIgnoringCase("participant")
                    .doesNotContainIgnoringCase("occupant"));
        }
    }

    @Test
    void everyOptionOfTheTranslatedCommandsHasAKoreanDescription() throws IOException {
        Properties korean = bundle("help_ko.properties");
        CommandLine commandLine = OpenchatCommand.commandLine();
        List<CommandSpec> commands = new java.util.ArrayList<>(List.of(commandLine.getCommandSpec()));
        for (String name : OpenchatCommand.TRANSLATED) {
            commands.add(commandLine.getSubcommands().get(name).getCommandSpec());
        }
        for (CommandSpec command : commands) {
            String prefix = command.qualifiedName(".") + ".";
            assertThat(korean)
                    .as("%s's description", command.name())
                    .containsAnyOf(
                            java.util.Map.entry(
                                    prefix + "usage.description", korean.getProperty(prefix + "usage.description", "")),
                            java.util.Map.entry(
                                    prefix + "usage.description.0",
                                    korean.getProperty(prefix + "usage.description.0", "")));
            for (OptionSpec option : command.options()) {
                if (!option.usageHelp() && !option.versionHelp()) {
                    String key = option.descriptionKey().isEmpty()
                            ? option.longestName().replaceFirst("^-+", "")
                            : option.descriptionKey();
                    assertThat(korean.stringPropertyNames())
                            .as("a Korean description of %s %s", command.qualifiedName(), option.longestName())
                            .contains(prefix + key);
                }
            }
        }
    }
}
