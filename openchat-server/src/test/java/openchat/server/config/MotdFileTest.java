package openchat.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the message of the day's file: what it keeps, and what it refuses, naming the file and the fault. */
class MotdFileTest {
    @TempDir
    Path dir;

    private Path file(String content) throws Exception {
        Path file = dir.resolve("motd.txt");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private static String refusal(Path file) {
        try {
            Motd.load(file, java.util.List.of());
        } catch (StartRefusal refused) {
            return refused.sentence().in(new ServerText(java.util.Locale.ENGLISH));
        } catch (Exception other) {
            throw new AssertionError(other);
        }
        throw new AssertionError("not refused: " + file);
    }

    @Test
    void theLinesAreKeptAsWrittenWithoutLineEndsTrailingBlanksOrBlankLinesAtTheEnd() throws Exception {
        Motd motd = Motd.load(file("  들여쓴 줄\r\n\u0003" + "4빨강\u000f 보통 \n\n끝\n\n"), java.util.List.of());

        assertThat(motd.lines()).containsExactly("  들여쓴 줄", "\u00034빨강\u000f 보통", "", "끝");
        assertThat(motd.text()).isEqualTo("  들여쓴 줄\n\u00034빨강\u000f 보통\n\n끝");
        assertThat(motd.configured()).isTrue();
    }

    @Test
    void aFileOfTheBodyLimitIsTakenAndOneByteMoreIsRefused() throws Exception {
        String limit = "a".repeat(ServerConfig.MAX_MOTD_BYTES);
        assertThat(Motd.load(file(limit), java.util.List.of()).text()).hasSize(ServerConfig.MAX_MOTD_BYTES);

        Path tooLong = file(limit + "b");
        assertThat(refusal(tooLong))
                .isEqualTo("the message of the day file " + tooLong + " is too long: 4097 bytes (at most 4096)");
    }

    @Test
    void aMissingFileADirectoryAndBytesThatAreNotUtf8AreRefusedNamingTheFile() throws Exception {
        Path missing = dir.resolve("none.txt");
        assertThat(refusal(missing)).isEqualTo("the message of the day file " + missing + " does not exist");
        assertThat(refusal(dir)).isEqualTo("the message of the day file " + dir + " is a directory, not a file");
        Path latin1 = dir.resolve("latin1.txt");
        Files.write(latin1, new byte[] {'c', 'a', 'f', (byte) 0xe9});
        assertThat(refusal(latin1)).isEqualTo("the message of the day file " + latin1 + " is not UTF-8 text");
    }

    @Test
    void anEscapeOrABidirectionalOverrideIsRefusedNamingItsLine() throws Exception {
        Path escape = file("첫 줄\n\u001b[31m빨강\u001b[0m");
        assertThat(refusal(escape))
                .isEqualTo(
                        "the message of the day file " + escape
                                + " has the control character U+001B on line 2 (only IRC formatting codes and tabs may be used)");
        Path override = file("\u202egnp.exe");
        assertThat(refusal(override)).contains("U+202E on line 1");
    }

    /** A pipe would hold the start (or a reload) for ever waiting for a writer; a device could be endless. */
    @Test
    void aPipeAndAnEndlessDeviceAreRefusedWithoutReadingThemAndAHugeFileIsNotReadWhole() throws Exception {
        Path fifo = dir.resolve("motd.fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        assertThat(refusal(fifo))
                .isEqualTo("the message of the day file " + fifo + " is not a regular file (a pipe or a device cannot"
                        + " be used)");
        assertThat(refusal(Path.of("/dev/zero"))).contains("is not a regular file");
        Path huge = dir.resolve("huge.txt");
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(
                huge, java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(new byte[] {'a'}), 3L * 1024 * 1024 * 1024); // 3 GiB, sparse
        }
        assertThat(refusal(huge)).contains("is too long: " + Files.size(huge) + " bytes");
    }

    @Test
    void aLinkToTheAdministratorKeyIsRefusedRatherThanShownToEveryone() throws Exception {
        Path key = Files.writeString(dir.resolve("admin.key"), "0123456789abcdef0123456789abcdef\n");
        Path link = Files.createSymbolicLink(dir.resolve("motd.txt"), key);
        try {
            Motd.load(link, java.util.List.of(key));
            throw new AssertionError("not refused");
        } catch (StartRefusal refused) {
            assertThat(refused.sentence().in(new ServerText(java.util.Locale.ENGLISH)))
                    .isEqualTo("the message of the day file " + link + " is the secret file " + key
                            + ": it would be shown to everyone");
        }
    }
}
