package openchat.server.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import openchat.core.AddressKey;
import openchat.core.Ban;
import openchat.core.RoomBan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bans' table in a real SQLite file: a timed ban's end kept, and a table from before timed bans read. */
class SqliteBanStoreTest {
    private static final OffsetDateTime AT = OffsetDateTime.of(2026, 12, 3, 18, 0, 0, 0, ZoneOffset.ofHours(9));

    @TempDir
    Path dir;

    @Test
    void aTimedBansEndIsKeptAndAPermanentBanHasNone() throws Exception {
        Path file = dir.resolve(HistoryDatabase.FILE_NAME);
        try (SqliteBanStore store = SqliteBanStore.open(file, Duration.ofSeconds(1))) {
            store.put(new Ban("troll", Ban.Kind.NAME, "troll", "채팅관리자", AT, "도배", AT.plusMinutes(30)));
            store.put(new Ban("10.0.0.0/8", Ban.Kind.ADDRESS, "10.0.0.0/8", "채팅관리자", AT, "", null));
        }
        try (SqliteBanStore store = SqliteBanStore.open(file, Duration.ofSeconds(1))) {
            assertThat(store.load())
                    .extracting(Ban::target, Ban::expires)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("troll", AT.plusMinutes(30)),
                            org.assertj.core.groups.Tuple.tuple("10.0.0.0/8", null));
        }
    }

    @Test
    void aBansTableFromBeforeTimedBansIsReadAsPermanentBansAndTakesTimedOnes() throws Exception {
        Path file = dir.resolve(HistoryDatabase.FILE_NAME);
        try (Connection old = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = old.createStatement()) {
            statement.execute("CREATE TABLE bans (kind TEXT NOT NULL, key TEXT NOT NULL, target TEXT NOT NULL,"
                    + " by_name TEXT NOT NULL, at TEXT NOT NULL, reason TEXT NOT NULL, PRIMARY KEY (kind, key))");
            statement.execute("INSERT INTO bans VALUES ('name', 'troll', 'Troll', '채팅관리자', '" + AT + "', '도배')");
        }

        try (SqliteBanStore store = SqliteBanStore.open(file, Duration.ofSeconds(1))) {
            assertThat(store.load()).singleElement().satisfies(ban -> {
                assertThat(ban.target()).isEqualTo("Troll");
                assertThat(ban.isPermanent()).isTrue();
            });
            store.put(new Ban("spammer", Ban.Kind.NAME, "spammer", "채팅관리자", AT, "", AT.plusDays(1)));
            assertThat(store.load()).extracting(Ban::expires).containsExactly(null, AT.plusDays(1));
        }
    }

    @Test
    void aRoomsBansAreKeptWithTheirAddressAndEndAndLiftedOneByOne() throws Exception {
        Path file = dir.resolve(HistoryDatabase.FILE_NAME);
        AddressKey v6 = AddressKey.of(InetAddress.getByName("2001:db8:1:2:3:4:5:6"));
        RoomBan named = new RoomBan(
                "study",
                new Ban("Troll", Ban.Kind.NAME, "troll", "owner", AT, "도배", AT.plusHours(1)),
                AddressKey.of(InetAddress.getByName("192.0.2.7")));
        RoomBan mask = new RoomBan("study", new Ban("bot*", Ban.Kind.MASK, "bot*", "owner", AT, "", null), null);
        RoomBan elsewhere = new RoomBan("other", new Ban("troll", Ban.Kind.NAME, "troll", "채팅관리자", AT, "", null), v6);
        try (SqliteBanStore store = SqliteBanStore.open(file, Duration.ofSeconds(1))) {
            store.putRoomBan(named);
            store.putRoomBan(mask);
            store.putRoomBan(elsewhere);
            store.removeRoomBan(mask);
        }
        try (SqliteBanStore store = SqliteBanStore.open(file, Duration.ofSeconds(1))) {
            assertThat(store.loadRoomBans()).containsExactly(named, elsewhere);
            assertThat(store.load()).as("the server's bans are apart").isEmpty();
        }
    }
}
