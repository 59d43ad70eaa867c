package openchat.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminKeyTest {
    @TempDir
    Path dir;

    @Test
    void firstStartCreatesA256BitKeyReadableOnlyByItsOwner() throws IOException {
        Path file = dir.resolve("sub/admin.key");

        AdminKey key = AdminKey.loadOrCreate(file);

        String text = Files.readString(file).strip();
        assertThat(text).matches("[0-9a-f]{64}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
        assertThat(key.matches(text)).isTrue();
    }

    @Test
    void aKeyIsSaidToBeCreatedOnlyByTheLoadThatMadeItsFile() throws IOException {
        Path mistyped = dir.resolve("etc/opnechat/admin.key");

        assertThat(AdminKey.loadOrCreate(mistyped).created()).isTrue();
        assertThat(AdminKey.loadOrCreate(mistyped).created())
                .as("the file is there now")
                .isFalse();
        assertThat(AdminKey.load(mistyped).created()).as("SIGHUP's read").isFalse();
    }

    @Test
    void aKeyFileThatCannotBeMadeIsNamedWithWhyNotItsTemporaryFile() {
        Path proc = Path.of("/proc"); // Linux: a directory where no file can be made, even by root
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(proc.resolve("self")));
        Path file = proc.resolve("admin.key");

        assertThatThrownBy(() -> AdminKey.loadOrCreate(file))
                .isInstanceOf(StartRefusal.class)
                .hasMessage("cannot create /proc/admin.key: no file can be made in the directory /proc");
    }

    @Test
    void aKeyFileThatIsADirectoryIsRefusedNamingIt() {
        assertThatThrownBy(() -> AdminKey.loadOrCreate(dir))
                .isInstanceOf(StartRefusal.class)
                .hasMessage("the administrator key file " + dir + " is a directory, not a file");
    }

    @Test
    void aKeyFileOthersCanReadIsTakenAndItsPermissionsReported() throws IOException {
        Path file = dir.resolve("admin.key");
        AdminKey.loadOrCreate(file);
        org.junit.jupiter.api.Assumptions.assumeTrue(
                Files.getFileStore(file).supportsFileAttributeView("posix"), "POSIX permissions");
        assertThat(AdminKey.load(file).openPermissions())
                .as("made the owner's alone")
                .isEmpty();

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

        AdminKey loaded = AdminKey.load(file);
        assertThat(loaded.matches(Files.readString(file))).isTrue();
        assertThat(loaded.openPermissions()).contains("rw-r-----");
    }

    @Test
    void existingKeyIsKeptAcrossStarts() throws IOException {
        Path file = dir.resolve("admin.key");
        AdminKey.loadOrCreate(file);
        String first = Files.readString(file);

        AdminKey again = AdminKey.loadOrCreate(file);

        assertThat(Files.readString(file)).isEqualTo(first);
        assertThat(again.matches(first.strip())).isTrue();
    }

    @Test
    void onlyTheExactKeyMatches() throws IOException {
        Path file = dir.resolve("admin.key");
        AdminKey key = AdminKey.loadOrCreate(file);
        String text = Files.readString(file).strip();

        assertThat(key.matches(null)).isFalse();
        assertThat(key.matches("")).isFalse();
        assertThat(key.matches(text.substring(1))).isFalse();
        assertThat(key.matches(text + "0")).isFalse();
        assertThat(key.matches(text.toUpperCase(java.util.Locale.ROOT))).isFalse();
    }

    @Test
    void keyNeverAppearsInToString() throws IOException {
        Path file = dir.resolve("admin.key");
        AdminKey key = AdminKey.loadOrCreate(file);

        assertThat(key.toString())
                .doesNotContain(Files.readString(file).strip())
                .contains(file.toString());
    }

    @Test
    void tooShortKeyFileIsAClearError() throws IOException {
        Path file = dir.resolve("admin.key");
        Files.writeString(file, "short\n");

        assertThatThrownBy(() -> AdminKey.loadOrCreate(file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString());
    }

    /**
     * Two servers started at once with the same home both find no key file: each must end up with the one key the
     * file holds, never read it half written (a second server had refused to start: "must hold one key").
     */
    @Test
    void serversStartingAtOnceShareOneWholeKey() throws Exception {
        int starters = 4;
        ExecutorService pool = Executors.newFixedThreadPool(starters);
        try {
            for (int attempt = 0; attempt < 200; attempt++) {
                Path file = dir.resolve("home-" + attempt + "/.openchat/admin.key");
                CyclicBarrier together = new CyclicBarrier(starters);
                List<Future<AdminKey>> keys = new ArrayList<>();
                for (int i = 0; i < starters; i++) {
                    keys.add(pool.submit(() -> {
                        together.await(10, TimeUnit.SECONDS);
                        return AdminKey.loadOrCreate(file);
                    }));
                }
                String text = null;
                for (Future<AdminKey> key : keys) {
                    AdminKey loaded = key.get(10, TimeUnit.SECONDS);
                    text = text == null ? Files.readString(file).strip() : text;
                    assertThat(loaded.matches(text)).as("attempt %d", attempt).isTrue();
                }
                assertThat(text).matches("[0-9a-f]{64}");
                try (var left = Files.list(file.getParent())) {
                    assertThat(left).as("no temporary file left").containsExactly(file);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
