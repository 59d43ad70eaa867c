package openchat.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.server.testing.TestClient;
import openchat.server.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code openchat history export}: a data directory's stored messages, read beside the running server and after it
 * stopped, as text for a person or TSV for a program, by room and since a time; a directory without history is said.
 */
class HistoryCommandTest {
    @TempDir
    Path dir;

    private CommandRun export(String... more) {
        String[] args = Stream.concat(
                        Stream.of(
                                "--lang",
                                "en",
                                "history",
                                "export",
                                "--data-dir",
                                dir.resolve("data").toString()),
                        Stream.of(more))
                .toArray(String[]::new);
        return CommandRun.of(args);
    }

    private List<String> files() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("data"))) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void theStoredMessagesArePrintedBesideTheRunningServerAndAfterItByRoomAndSinceATime() throws Exception {
        try (TestServer server = TestServer.start(c -> c.dataDir(dir.resolve("data")));
                TestClient kim = server.joined("김영희");
                TestClient bob = server.joined("bob")) {
            kim.say("안녕하세요");
            bob.nextMatching(m -> m.bodyText().equals("안녕하세요")); // in the room's order before bob's own line
            bob.say("two\tcolumns\nand a line \\ break");
            assertThat(bob.joinRoom("study").statusCode()).isEqualTo(200);
            bob.sayIn("study", "공부 시작");
            bob.sayIn("study", "\u001b]0;pwned\u0007\u202egnp.exe");

            // The writer commits within 50 ms; the export, a reader of its own, sees each commit.
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> export().out().lines().count() == 4);
            CommandRun running = export();
            assertThat(running.exitCode()).isZero();
            assertThat(running.out().lines())
                    .as("each room's messages oldest first, one line each, the line break shown as a space")
                    .hasSize(4)
                    .anyMatch(line -> line.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\[lobby] 김영희: 안녕하세요"))
                    .anyMatch(line -> line.endsWith(" [lobby] bob: two columns and a line \\ break"))
                    .anyMatch(line -> line.endsWith(" [study] bob: 공부 시작"));

            List<String> tsv =
                    export("--format", "tsv", "--room", "LOBBY").out().lines().toList();
            assertThat(tsv).hasSize(3);
            assertThat(tsv.get(0)).isEqualTo("at\troom\tseq\tfrom\ttext");
            assertThat(tsv.get(2))
                    .as("a tab, a line break and a backslash escaped: one row, five fields")
                    .endsWith("\tlobby\t" + tsv.get(2).split("\t")[2] + "\tbob\ttwo\\tcolumns\\nand a line \\\\ break");
            assertThat(tsv.get(2).split("\t")).hasSize(5);
            String study = export("--format", "tsv", "--room", "study").out();
            assertThat(study)
                    .as("a member's escape sequence and bidi override cannot reach the operator's terminal")
                    .doesNotContain("\u001b", "\u0007", "\u202e")
                    .contains("\tbob\t\\u001B]0;pwned\\u0007\\u202Egnp.exe");
            assertThat(running.out()).doesNotContain("\u001b", "\u0007", "\u202e");
        }
        List<String> filesAfterStop = files();

        CommandRun stopped = export("--since", "1h");
        assertThat(stopped.out().lines()).hasSize(4);
        assertThat(export("--since", LocalDate.now().plusDays(1).toString()).out())
                .isEmpty();
        CommandRun nowhere = export("--room", "nowhere");
        assertThat(nowhere.out()).isEmpty();
        assertThat(nowhere.exitCode()).isZero();
        assertThat(nowhere.err())
                .as("a mistyped room is said, not an empty success")
                .isEqualTo("openchat: the room nowhere has no stored messages" + System.lineSeparator());
        assertThat(export("--room", "lobby", "--since", "2099-01-01").err())
                .isEqualTo("openchat: the room lobby has no stored messages since 2099-01-01" + System.lineSeparator());
        assertThat(CommandRun.of(
                                "history",
                                "export",
                                "--data-dir",
                                dir.resolve("data").toString(),
                                "--room",
                                "nowhere")
                        .err())
                .isEqualTo("openchat: 방 nowhere 에는 저장된 메세지가 없습니다" + System.lineSeparator());
        assertThat(files())
                .as("read-only: no file made, none changed in number")
                .isEqualTo(filesAfterStop);
    }

    /** An action ({@code /me}) is printed as the console prints it, not as the CTCP it is stored as (trial 12). */
    @Test
    void anActionIsExportedAsTheConsoleShowsItStarNameAction() throws Exception {
        try (TestServer server = TestServer.start(c -> c.dataDir(dir.resolve("data")));
                TestClient kim = server.joined("김영희")) {
            kim.say("\u0001ACTION 손을 흔듭니다\u0001");
            kim.say("\u0001ACTION 커피 가지러 감 ☕"); // without its closing \u0001, as some clients send it
            // Answered after the lines are taken: the server, stopped next, writes them out.
            kim.request(OcpMessage.request(Methods.PING, "/").build());
        }
        List<String> lines = export().out().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\[lobby] \\* 김영희 손을 흔듭니다");
        assertThat(lines.get(1)).endsWith(" [lobby] * 김영희 커피 가지러 감 ☕");
        assertThat(export("--format", "tsv").out())
                .as("the TSV keeps the text as stored, its control characters escaped")
                .contains("\t김영희\t\\u0001ACTION 손을 흔듭니다\\u0001");
    }

    @Test
    void aDirectoryWithoutHistoryAndASinceThatIsNoTimeAreRefusedSayingWhy() {
        CommandRun none = export();
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.err())
                .isEqualTo("openchat: there is no history database at "
                        + dir.resolve("data").resolve("history.db") + System.lineSeparator());

        CommandRun since = export("--since", "yesterday");
        assertThat(since.exitCode()).isEqualTo(2);
        assertThat(since.err())
                .startsWith("openchat: cannot read --since 'yesterday': write an age as 24h, 7d or 90min");
    }

    @Test
    void theServersConfigFileGivesTheExportItsDataDirAndLanguageAndTheCommandLineWinsOverIt() throws Exception {
        Path data = dir.resolve("club-data");
        try (TestServer server = TestServer.start(c -> c.dataDir(data));
                TestClient kim = server.joined("김영희")) {
            kim.say("안녕하세요");
            // Answered after the line is taken: the server, stopped next, writes it out (it could close unread).
            kim.request(OcpMessage.request(Methods.PING, "/").build());
        }
        // As the README's config file: data-dir relative to the file's directory, with the server's other keys.
        Path config = dir.resolve("club.yaml");
        Files.writeString(
                config, "port: 48951\nirc-port: off\ndata-dir: club-data\nlang: en\n", StandardCharsets.UTF_8);

        CommandRun fromFile = CommandRun.of("history", "export", "--config", config.toString());
        assertThat(fromFile.exitCode()).isZero();
        assertThat(fromFile.out()).endsWith(" [lobby] 김영희: 안녕하세요" + System.lineSeparator());
        assertThat(CommandRun.of("history", "export", "--config", config.toString(), "--room", "nowhere")
                        .err())
                .as("in the file's language")
                .isEqualTo("openchat: the room nowhere has no stored messages" + System.lineSeparator());

        Path elsewhere = dir.resolve("elsewhere");
        CommandRun overridden = CommandRun.of(
                "history", "export", "--data-dir", elsewhere.toString(), "--config", config.toString(), "--lang", "ko");
        assertThat(overridden.exitCode()).isEqualTo(1);
        assertThat(overridden.err())
                .as("--data-dir and --lang on the command line win over the file, wherever --config stands")
                .isEqualTo("openchat: " + elsewhere.resolve("history.db") + " 에 대화 기록 데이터베이스가 없습니다"
                        + System.lineSeparator());
    }

    /**
     * A database not found at the config file's data-dir is said to be looked for there, and a {@code ~} in it to be
     * the home of whoever runs the export (trial 11: run as root, {@code ~/club-data} was root's).
     */
    @Test
    void noDatabaseAtTheConfigFilesDataDirSaysTheFileAndWhoseHomeATildeIs() throws Exception {
        Path config = dir.resolve("club.yaml");
        Files.writeString(config, "port: 48951\ndata-dir: club-data\n", StandardCharsets.UTF_8);
        CommandRun relative = CommandRun.of("history", "export", "--config", config.toString());
        assertThat(relative.exitCode()).isEqualTo(1);
        assertThat(relative.err())
                .isEqualTo("openchat: " + dir.resolve("club-data").resolve("history.db")
                        + " 에 대화 기록 데이터베이스가 없습니다 (설정 파일 " + config + " 의 data-dir: club-data)"
                        + System.lineSeparator());

        String nowhere = "~/openchat-test-" + java.util.UUID.randomUUID();
        Files.writeString(config, "port: 48951\ndata-dir: " + nowhere + "\nlang: en\n", StandardCharsets.UTF_8);
        Path home = openchat.core.OpenchatHome.home();
        CommandRun tilde = CommandRun.of("history", "export", "--config", config.toString());
        assertThat(tilde.exitCode()).isEqualTo(1);
        assertThat(tilde.err())
                .isEqualTo("openchat: there is no history database at "
                        + home.resolve(nowhere.substring(2)).resolve("history.db") + " (data-dir in the config file "
                        + config + ": " + nowhere + ", where ~ is the home of the user running this command, " + home
                        + "; export as the user that runs the server)" + System.lineSeparator());
    }

    /**
     * With neither {@code --data-dir} nor {@code --config}, a database not found is said to be this user's default
     * place, and how to point the export at a server that keeps its history elsewhere (trial 10: run as another user).
     */
    @Test
    void noDatabaseInTheDefaultPlaceSaysItIsThisUsersAndHowToGiveTheServers() throws Exception {
        Path home = Files.createDirectories(dir.resolve("operator-home"));
        CommandRun run = ended(OpenchatProcess.start(home, "history", "export"));
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .isEqualTo("openchat: " + home.resolve(".openchat").resolve("history.db")
                        + " 에 대화 기록 데이터베이스가 없습니다 (이 사용자의 기본 위치입니다. 서버가 다른 사용자로 실행되거나 data-dir 을 따로 쓴다면"
                        + " --config 에 서버의 설정 파일을 주거나 --data-dir 옵션을 쓰십시오)" + System.lineSeparator());
    }

    @Test
    void aConfigFileTheServerRefusesIsRefusedByTheExportInTheServersWords() throws Exception {
        Path config = dir.resolve("bad.yaml");
        Files.writeString(config, "port: 48951\nmax-user: 5\n", StandardCharsets.UTF_8);
        CommandRun unknownKey = CommandRun.of("history", "export", "--config", config.toString());
        assertThat(unknownKey.exitCode()).isEqualTo(2);
        assertThat(unknownKey.err())
                .isEqualTo("openchat: " + config + " 2번째 줄: 알 수 없는 키 'max-user' (혹시 이것을 쓰려고 하셨습니까? 'max-users')"
                        + System.lineSeparator());
        assertThat(unknownKey.err())
                .as("the server's own refusal of the file")
                .isEqualTo(
                        CommandRun.of("server", "--config", config.toString()).err());

        Files.writeString(config, "lang: en\nlang: fr\n", StandardCharsets.UTF_8);
        assertThat(CommandRun.of("history", "export", "--config", config.toString())
                        .err())
                .as("in the language of its lang line, as the server's")
                .isEqualTo("openchat: " + config + " line 2: 'lang' is set twice (first on line 1)"
                        + System.lineSeparator());
        Files.writeString(config, "data-dir: /tmp\nlang: fr\n", StandardCharsets.UTF_8);
        assertThat(CommandRun.of("history", "export", "--config", config.toString())
                        .err())
                .isEqualTo("openchat: " + config + " 2번째 줄: lang: 'fr' 값은 ko, en 중 하나가 아닙니다" + System.lineSeparator());

        Path missing = dir.resolve("missing.yaml");
        CommandRun none = CommandRun.of("history", "export", "--config", missing.toString());
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err())
                .isEqualTo("openchat: 설정 파일을 읽을 수 없습니다 (" + missing + "): 파일이 없습니다" + System.lineSeparator());
    }

    /** {@code openchat ARGS} as a process that file permissions hold back: its exit code and what it wrote. */
    private CommandRun heldBackByPermissions(String... args) throws Exception {
        return ended(OpenchatProcess.startHeldBackByPermissions(dir, args));
    }

    /** {@code process} once it ended: its exit code, and what it wrote (stdout and stderr together) as its err. */
    private static CommandRun ended(Process process) throws Exception {
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new CommandRun(process.exitValue(), "", output);
    }

    @Test
    void aDatabaseTheOperatorMayNotReadIsSaidToBeSoWithTheServicesUserNotToBeMissing() throws Exception {
        Path data = dir.resolve("data");
        try (TestServer server = TestServer.start(c -> c.dataDir(data));
                TestClient kim = server.joined("김영희")) {
            kim.say("안녕하세요");
        }
        Path database = data.resolve("history.db");
        assertThat(database).isRegularFile();
        try {
            // The service's data directory, mode 700 and the user openchat's: the operator's account cannot enter it.
            Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("---------"));
            CommandRun closedDirectory = heldBackByPermissions("history", "export", "--data-dir", data.toString());
            assertThat(closedDirectory.exitCode()).isEqualTo(1);
            assertThat(closedDirectory.err())
                    .isEqualTo("openchat: 대화 기록 데이터베이스 " + database + " 을(를) 읽을 수 없습니다: 권한이 없습니다. 서버를 실행하는"
                            + " 사용자로 내보내십시오 (서비스라면: sudo -u openchat /opt/openchat/openchat history export …)"
                            + System.lineSeparator());

            Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
            Files.setPosixFilePermissions(database, PosixFilePermissions.fromString("---------"));
            CommandRun closedFile =
                    heldBackByPermissions("history", "export", "--lang", "en", "--data-dir", data.toString());
            assertThat(closedFile.exitCode()).isEqualTo(1);
            assertThat(closedFile.err())
                    .isEqualTo("openchat: cannot read the history database " + database + ": permission denied. Export"
                            + " as the user the server runs as (for the service: sudo -u openchat /opt/openchat/openchat history"
                            + " export …)" + System.lineSeparator());
        } finally {
            Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
            Files.setPosixFilePermissions(database, PosixFilePermissions.fromString("rw-------"));
        }
        assertThat(Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8)
                        .replaceAll("\\s+", " "))
                .as("the README quotes it as printed")
                .contains("`openchat: "
                        + CliText.KOREAN.said(openchat.server.config.Sentence.of(
                                "history.export.denied", Path.of("/var/lib/openchat/history.db")))
                        + "`");
    }

    @Test
    void everyRefusalOfHistoryIsKoreanByDefaultAndEnglishWithLangEn() {
        String data = dir.resolve("data").toString();
        String database = dir.resolve("data").resolve("history.db").toString();

        CommandRun none = CommandRun.of("history", "export", "--lang", "ko", "--data-dir", data);
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.err()).isEqualTo("openchat: " + database + " 에 대화 기록 데이터베이스가 없습니다" + System.lineSeparator());

        CommandRun since = CommandRun.of("history", "export", "--data-dir", data, "--since", "5m");
        assertThat(since.exitCode()).isEqualTo(2);
        assertThat(since.err().lines())
                .containsExactly(
                        "openchat: --since 값을 읽을 수 없습니다: '5m'. 24h, 7d, 90min 같은 지난 시간이나 2026-12-05,"
                                + " 2026-12-05T21:30 같은 날짜를 쓰십시오",
                        "옵션 설명은 이렇게 볼 수 있습니다: 'openchat history export --help'");

        CommandRun format = CommandRun.of("history", "export", "--format", "csv");
        assertThat(format.exitCode()).isEqualTo(2);
        assertThat(format.err()).startsWith("openchat: '--format' 옵션의 값이 잘못되었습니다: 'csv' 값은 text, tsv 중 하나가 아닙니다");
        assertThat(CommandRun.of("history", "export", "--lang", "en", "--format", "csv")
                        .err())
                .startsWith("openchat: Invalid value for option '--format': expected one of [text, tsv]");
        assertThat(CommandRun.of("history", "export", "--dat-dir", data).err())
                .contains("알 수 없는 옵션입니다: '--dat-dir'", "혹시 이것을 입력하려고 하셨습니까? '--data-dir'");

        assertThat(CommandRun.of("history").err().lines().findFirst()).contains("openchat: 하위 명령이 없습니다: export");
        assertThat(CommandRun.of("--lang", "en", "history").err().lines().findFirst())
                .contains("openchat: Missing subcommand: export");
    }
}
