package openchat.server.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import openchat.core.RegisteredRoom;
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
            keys.keep("study", "Study", RoomKey.hash(key), "유저1", "192.0.2.0/24", AT);
            keys.keep("dev", "dev", RoomKey.hash(RoomKey.generate()), "유저2", null, AT);
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
            keys.keep("study", "Study", "old", "유저1", "192.0.2.0/24", AT);
            keys.keep("study", "Study", "new", "채팅관리자", null, AT);
            assertThat(keys.hashOf("study")).isEqualTo("new");
            assertThat(keys.count()).isEqualTo(1);

            assertThat(keys.drop("study")).isTrue();
            assertThat(keys.drop("study")).isFalse();
            assertThat(keys.hashOf("study")).isNull();
            assertThat(keys.count()).isZero();
        }
    }

    @Test
    void theRoomsRegisteredFromANetworkAreCountedAcrossAReopenAndANewKeyMovesTheRoomToItsGiversNetwork()
            throws Exception {
        Path file = dir.resolve(HistoryDatabase.FILE_NAME);
        try (SqliteRoomKeys keys = SqliteRoomKeys.open(file, Duration.ofSeconds(1))) {
            keys.keep("study", "Study", "a", "유저1", "192.0.2.0/24", AT);
            keys.keep("dev", "dev", "b", "유저2", "192.0.2.0/24", AT);
            keys.keep("ops", "ops", "c", "유저3", "2001:db8:0:0:0:0:0:0/48", AT);
            keys.keep("dev", "dev", "d", "채팅관리자", null, AT);
        }

        try (SqliteRoomKeys keys = SqliteRoomKeys.open(file, Duration.ofSeconds(1))) {
            assertThat(keys.countFrom("192.0.2.0/24", "")).isEqualTo(1);
            assertThat(keys.countFrom("192.0.2.0/24", "study")).isZero(); // a new key for study takes no second place
            assertThat(keys.countFrom("2001:db8:0:0:0:0:0:0/48", "")).isEqualTo(1);
            assertThat(keys.count()).isEqualTo(3);
        }
    }

    @Test
    void aTableAnOlderServerMadeGainsTheNetworkAndItsRegistrationsCountAgainstNone() throws Exception {
        Path file = dir.resolve(HistoryDatabase.FILE_NAME);
        try (java.sql.Connection old = SqliteFiles.connect(file, Duration.ofSeconds(1));
                java.sql.Statement statement = old.createStatement()) {
            statement.execute("CREATE TABLE room_keys (room_key TEXT PRIMARY KEY, room TEXT NOT NULL,"
                    + " hash TEXT NOT NULL, by_name TEXT NOT NULL, at TEXT NOT NULL)");
            statement.execute("INSERT INTO room_keys VALUES ('study', 'Study', 'a', '유저1', '" + AT + "')");
        }

        try (SqliteRoomKeys keys = SqliteRoomKeys.open(file, Duration.ofSeconds(1))) {
            assertThat(keys.hashOf("study")).isEqualTo("a");
            keys.keep("dev", "dev", "b", "유저2", "192.0.2.0/24", AT);
            assertThat(keys.countFrom("192.0.2.0/24", "")).isEqualTo(1);
            assertThat(keys.registrations())
                    .extracting(openchat.core.RegisteredRoom::name)
                    .containsExactly("dev", "Study");
        }
    }

    @Test
    void aKeysUseIsKeptAcrossAReopenAndANewKeyStartsTheCountAgain() throws Exception {
        Path file = dir.resolve(HistoryDatabase.FILE_NAME);
        Instant shown = AT.plus(Duration.ofDays(3));
        try (SqliteRoomKeys keys = SqliteRoomKeys.open(file, Duration.ofSeconds(1))) {
            keys.keep("study", "Study", "a", "유저1", "192.0.2.0/24", AT);
            keys.keep("dev", "dev", "b", "유저2", null, AT);
            keys.used("study", shown);
            keys.used("nowhere", shown); // not registered: nothing
        }

        try (SqliteRoomKeys keys = SqliteRoomKeys.open(file, Duration.ofSeconds(1))) {
            assertThat(keys.registrations())
                    .extracting(RegisteredRoom::name, RegisteredRoom::at, RegisteredRoom::used)
                    .containsExactly(tuple("dev", AT, AT), tuple("Study", AT, shown));
            keys.keep("study", "Study", "c", "유저1", "192.0.2.0/24", AT.plus(Duration.ofDays(5)));
            assertThat(keys.registrations().get(1).used()).isEqualTo(AT.plus(Duration.ofDays(5)));
            assertThat(keys.count()).isEqualTo(2);
        }
    }

    @Test
    void theRegistrationsUnusedSinceBeforeTheLapseAndNotInUseLapseAndAreGone() throws Exception {
        Path file = dir.resolve(HistoryDatabase.FILE_NAME);
        try (SqliteRoomKeys keys = SqliteRoomKeys.open(file, Duration.ofSeconds(1))) {
            keys.keep("old", "Old", "a", "유저1", "192.0.2.0/24", AT);
            keys.keep("busy", "busy", "b", "유저2", "192.0.2.0/24", AT);
            keys.keep("shown", "shown", "c", "유저3", null, AT);
            keys.keep("fresh", "fresh", "d", "유저4", null, AT.plus(Duration.ofDays(2)));
            keys.used("shown", AT.plus(Duration.ofDays(2)));

            List<RegisteredRoom> lapsed = keys.lapse(AT.plus(Duration.ofDays(1)), "busy"::equals);

            assertThat(lapsed)
                    .extracting(RegisteredRoom::name, RegisteredRoom::by)
                    .containsExactly(tuple("Old", "유저1"));
            assertThat(keys.hashOf("old")).isNull();
            assertThat(keys.count()).isEqualTo(3);
            assertThat(keys.countFrom("192.0.2.0/24", "")).isEqualTo(1);
        }
        try (SqliteRoomKeys keys = SqliteRoomKeys.open(file, Duration.ofSeconds(1))) {
            assertThat(keys.registrations()).extracting(RegisteredRoom::name).containsExactly("busy", "fresh", "shown");
        }
    }

    @Test
    void aTableWithoutTheUsesColumnGainsItAndItsKeysCountAsLastUsedWhenGiven() throws Exception {
        Path file = dir.resolve(HistoryDatabase.FILE_NAME);
        try (java.sql.Connection old = SqliteFiles.connect(file, Duration.ofSeconds(1));
                java.sql.Statement statement = old.createStatement()) {
            statement.execute("CREATE TABLE room_keys (room_key TEXT PRIMARY KEY, room TEXT NOT NULL,"
                    + " hash TEXT NOT NULL, by_name TEXT NOT NULL, at TEXT NOT NULL, network TEXT)");
            statement.execute("INSERT INTO room_keys VALUES ('study', 'Study', 'a', '유저1', '" + AT + "', NULL)");
        }

        try (SqliteRoomKeys keys = SqliteRoomKeys.open(file, Duration.ofSeconds(1))) {
            assertThat(keys.registrations().get(0).used()).isEqualTo(AT);
            keys.used("study", AT.plus(Duration.ofDays(1)));
            assertThat(keys.registrations().get(0).used()).isEqualTo(AT.plus(Duration.ofDays(1)));
        }
    }
}
