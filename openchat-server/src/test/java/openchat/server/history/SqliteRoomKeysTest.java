package openchat.server.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import openchat.core.RoomKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registered rooms' keys in a real SQLite file: kept across a reopen, hashed only, dropped one by one. */
class SqliteRoomKeysTest {
    private static final Instant AT = Instant.parse("2026-12-06T05:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aRegistrationOutlivesTheStoreAndTheFileHoldsNoKey() throws Exception {
        Path file = dir.resolve(HistoryDatabase.FILE_NAME);
        String key = RoomKey.generate();
        try (SqliteRoomKeys keys = SqliteRoomKeys.open(file, Duration.ofSeconds(1))) {
            keys.keep("study", "Study", RoomKey.hash(key), "유저1", AT);
            keys.keep("dev", "dev", RoomKey.hash(RoomKey.generate()), "유저2", AT);
        }

        try (SqliteRoomKeys keys = SqliteRoomKeys.open(file, Duration.ofSeconds(1))) {
            assertThat(RoomKey.opens(key, keys.hashOf("study"))).isTrue();
            assertThat(keys.hashOf("nowhere")).isNull();
            assertThat(keys.count()).isEqualTo(2);
        }
        assertThat(new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain(key);
    }

    @Test
    void aNewKeyReplacesTheOldAndADropForgetsIt() throws Exception {
        Path file = dir.resolve(HistoryDatabase.FILE_NAME);
        try (SqliteRoomKeys keys = SqliteRoomKeys.open(file, Duration.ofSeconds(1))) {
            keys.keep("study", "Study", "old", "유저1", AT);
            keys.keep("study", "Study", "new", "채팅관리자", AT);
            assertThat(keys.hashOf("study")).isEqualTo("new");
            assertThat(keys.count()).isEqualTo(1);

            assertThat(keys.drop("study")).isTrue();
            assertThat(keys.drop("study")).isFalse();
            assertThat(keys.hashOf("study")).isNull();
            assertThat(keys.count()).isZero();
        }
    }
}
