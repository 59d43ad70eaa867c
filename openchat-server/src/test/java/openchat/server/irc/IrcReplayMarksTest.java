package openchat.server.irc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import openchat.core.AddressKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IrcReplayMarksTest {
    @TempDir
    Path dir;

    private static AddressKey address(String literal) throws Exception {
        return AddressKey.of(InetAddress.getByName(literal));
    }

    @Test
    void theMarksOfAQuitAreTakenOnceByTheSameNameFromTheSameAddressInAnySpelling() throws Exception {
        IrcReplayMarks marks = new IrcReplayMarks();
        marks.quit("Kim", address("192.0.2.7"), Map.of("study", 12L));

        assertThat(marks.take("KIM", address("192.0.2.7"))).containsExactly(Map.entry("study", 12L));
        assertThat(marks.take("Kim", address("192.0.2.7"))).isEmpty();
    }

    @Test
    void anotherAddressTakingTheNameGetsNoMarksSoNobodyCanShortenAnothersReplay() throws Exception {
        IrcReplayMarks marks = new IrcReplayMarks();
        marks.quit("Kim", address("2001:db8:0:1::5"), Map.of("study", 12L));

        assertThat(marks.take("Kim", address("192.0.2.8"))).isEmpty();
        marks.quit("Kim", address("2001:db8:0:1::5"), Map.of("study", 12L));
        assertThat(marks.take("Kim", address("2001:db8:0:1::99")))
                .as("the same IPv6 /64")
                .containsExactly(Map.entry("study", 12L));
    }

    @Test
    void onlyTheLastQuitsAreRememberedTheOldestForgottenFirst() throws Exception {
        IrcReplayMarks marks = new IrcReplayMarks();
        AddressKey from = address("192.0.2.7");
        for (int i = 0; i <= IrcReplayMarks.REMEMBERED; i++) {
            marks.quit("user" + i, from, Map.of("study", (long) i));
        }

        assertThat(marks.take("user0", from)).isEmpty();
        assertThat(marks.take("user1", from)).containsExactly(Map.entry("study", 1L));
        assertThat(marks.take("user" + IrcReplayMarks.REMEMBERED, from))
                .containsExactly(Map.entry("study", (long) IrcReplayMarks.REMEMBERED));
    }

    @Test
    void theMarksKeptAtAStopAreTakenAfterTheStartFromTheSameAddressOnlyOnceAndTheFileIsGone() throws Exception {
        Path file = dir.resolve(IrcReplayMarks.FILE_NAME);
        AddressKey v4 = AddressKey.of(InetAddress.getByName("192.0.2.7"));
        AddressKey v6 = AddressKey.of(InetAddress.getByName("2001:db8:0:1::5"));
        IrcReplayMarks stopping = new IrcReplayMarks();
        stopping.quit("철수", v4, Map.of("dev", 12L, "잡담", 3L));
        stopping.quit("Kim Min", v6, Map.of("lobby", 40L));
        stopping.keep(file);
        assertThat(Files.getPosixFilePermissions(file))
                .extracting(Object::toString)
                .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");

        IrcReplayMarks started = IrcReplayMarks.kept(file);
        assertThat(file).as("taken once: a server that dies next leaves none").doesNotExist();
        assertThat(started.take("철수", AddressKey.of(InetAddress.getByName("192.0.2.8"))))
                .as("another address")
                .isEmpty();
        assertThat(started.take("Kim Min", AddressKey.of(InetAddress.getByName("2001:db8:0:1::99"))))
                .as("the same /64")
                .containsExactlyInAnyOrderEntriesOf(Map.of("lobby", 40L));
        IrcReplayMarks again = IrcReplayMarks.kept(file);
        assertThat(again.take("Kim Min", v6)).isEmpty();
    }

    @Test
    void aDamagedFileIsDroppedAndEveryClientGetsTheFullReplay() throws Exception {
        Path file = dir.resolve(IrcReplayMarks.FILE_NAME);
        Files.writeString(file, "철수\t192.0.2.7\tdev\t12\n영희\texample.org\tdev\t3\n", StandardCharsets.UTF_8);

        IrcReplayMarks started = IrcReplayMarks.kept(file);

        assertThat(file).doesNotExist();
        assertThat(started.take("철수", AddressKey.of(InetAddress.getByName("192.0.2.7"))))
                .isEmpty();
    }

    @Test
    void noMarksWriteNoFile() throws Exception {
        Path file = dir.resolve(IrcReplayMarks.FILE_NAME);
        new IrcReplayMarks().keep(file);
        assertThat(file).doesNotExist();
    }
}
