package openchat.server.history;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import openchat.core.RegisteredRoom;
import openchat.core.RoomKeyStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registered rooms' keys, hashed ({@code RoomKey.hash}), in a table of the history database ({@value
 * HistoryDatabase#FILE_NAME}) on a connection of its own, as the topics and bans are: a registration is rare (an owner's
 * order, flood-controlled) and written at once, on the registrant's thread, before it is answered; a key is read when
 * someone shows one. The table never holds a key, only its hash, with who registered the room and when (for the
 * operator reading the file). A registration that cannot be written (a full disk) is refused no one: it holds until the
 * server stops, and the log says so; one that cannot be read opens nothing, and the log says so.
 */
final class SqliteRoomKeys implements RoomKeyStore, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SqliteRoomKeys.class);

    /**
     * Kept beside the chunks; older servers, which do not know it, leave it alone. {@code network}: what the
     * registration counts against ({@code RoomKey.networkOf}), null for none; added to a table an older server made,
     * whose registrations then count against none. {@code used}: when the key last opened the room ({@code
     * RoomKeyStore.used}), null for not since {@code at}; added likewise.
     */
    private static final String CREATE = "CREATE TABLE IF NOT EXISTS room_keys (room_key TEXT PRIMARY KEY,"
            + " room TEXT NOT NULL, hash TEXT NOT NULL, by_name TEXT NOT NULL, at TEXT NOT NULL, network TEXT,"
            + " used TEXT)";

    private final Path file;
    /** Guarded by this: a JDBC connection serves one thread at a time. */
    private final Connection connection;

    /** What could not be written, by room key (a hash, or null for a drop): read before the table. */
    private final Map<String, String> unwritten = new HashMap<>();

    private SqliteRoomKeys(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /** Opens the table in the database {@code file}, creating it when missing. */
    static SqliteRoomKeys open(Path file, Duration busyTimeout) throws SQLException {
        Connection connection = SqliteFiles.connect(file, busyTimeout);
        try (Statement statement = connection.createStatement()) {
            statement.execute(CREATE);
            if (!SqliteFiles.hasColumn(statement, "room_keys", "network")) {
                statement.execute("ALTER TABLE room_keys ADD COLUMN network TEXT");
            }
            if (!SqliteFiles.hasColumn(statement, "room_keys", "used")) {
                statement.execute("ALTER TABLE room_keys ADD COLUMN used TEXT");
            }
            return new SqliteRoomKeys(file, connection);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    @Override
    public synchronized String hashOf(String roomKey) {
        if (unwritten.containsKey(roomKey)) {
            return unwritten.get(roomKey);
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT hash FROM room_keys WHERE room_key = ?")) {
            select.setString(1, roomKey);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        } catch (SQLException e) {
            log.error("could not read the key of {} from {}: {}; no key opens it now", roomKey, file, e.getMessage());
            return null;
        }
    }

    @Override
    public synchronized void keep(String roomKey, String roomName, String hash, String by, String network, Instant at) {
        try (PreparedStatement insert = connection.prepareStatement("INSERT OR REPLACE INTO room_keys"
                + " (room_key, room, hash, by_name, at, network, used) VALUES (?, ?, ?, ?, ?, ?, NULL)")) {
            insert.setString(1, roomKey);
            insert.setString(2, roomName);
            insert.setString(3, hash);
            insert.setString(4, by);
            insert.setString(5, at.toString());
            insert.setString(6, network);
            insert.executeUpdate();
            unwritten.remove(roomKey);
        } catch (SQLException e) {
            unwritten.put(roomKey, hash);
            log.error(
                    "could not write the registration of {} to {}: {}; it holds until the server stops",
                    roomKey,
                    file,
                    e.getMessage());
        }
    }

    @Override
    public synchronized boolean drop(String roomKey) {
        boolean held = hashOf(roomKey) != null;
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM room_keys WHERE room_key = ?")) {
            delete.setString(1, roomKey);
            delete.executeUpdate();
            unwritten.remove(roomKey);
        } catch (SQLException e) {
            unwritten.put(roomKey, null);
            log.error(
                    "could not drop the registration of {} from {}: {}; it is dropped until the server stops",
                    roomKey,
                    file,
                    e.getMessage());
        }
        return held;
    }

    @Override
    public synchronized void used(String roomKey, Instant at) {
        try (PreparedStatement update =
                connection.prepareStatement("UPDATE room_keys SET used = ? WHERE room_key = ?")) {
            update.setString(1, at.toString());
            update.setString(2, roomKey);
            update.executeUpdate();
        } catch (SQLException e) {
            log.error("could not note the use of {}'s key in {}: {}", roomKey, file, e.getMessage());
        }
    }

    /**
     * Reads the registrations as {@link #registrations} does, then deletes those that lapsed, one by one. Instants are
     * compared as read, not as SQLite's text: {@code Instant.toString} drops trailing zeros, so its texts do not sort
     * as their instants. A registration held in memory only ({@link #unwritten}) never lapses: it has no row to read.
     */
    @Override
    public synchronized List<RegisteredRoom> lapse(Instant before, Predicate<String> inUse) {
        Map<String, RegisteredRoom> kept = rows();
        List<RegisteredRoom> lapsed = new ArrayList<>();
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM room_keys WHERE room_key = ?")) {
            for (Map.Entry<String, RegisteredRoom> row : kept.entrySet()) {
                RegisteredRoom room = row.getValue();
                if (room.used() == null || !room.used().isBefore(before) || inUse.test(row.getKey())) {
                    continue;
                }
                delete.setString(1, row.getKey());
                if (delete.executeUpdate() == 1) {
                    lapsed.add(room);
                }
            }
        } catch (SQLException e) {
            log.error("could not drop the lapsed registrations from {}: {}", file, e.getMessage());
        }
        return RegisteredRoom.byName(lapsed);
    }

    @Override
    public synchronized int count() {
        try (Statement count = connection.createStatement();
                ResultSet row = count.executeQuery("SELECT COUNT(*) FROM room_keys")) {
            return (row.next() ? row.getInt(1) : 0) + unwrittenKeeps();
        } catch (SQLException e) {
            log.error("could not count the registered rooms in {}: {}", file, e.getMessage());
            return Integer.MAX_VALUE; // refuse a new registration rather than pass the limit unseen
        }
    }

    @Override
    public synchronized int countFrom(String network, String roomKey) {
        try (PreparedStatement count =
                connection.prepareStatement("SELECT COUNT(*) FROM room_keys WHERE network = ? AND room_key <> ?")) {
            count.setString(1, network);
            count.setString(2, roomKey);
            try (ResultSet row = count.executeQuery()) {
                return row.next() ? row.getInt(1) : 0;
            }
        } catch (SQLException e) {
            log.error("could not count the rooms registered from {} in {}: {}", network, file, e.getMessage());
            return Integer.MAX_VALUE; // refuse a new registration rather than pass the limit unseen
        }
    }

    @Override
    public synchronized List<RegisteredRoom> registrations() {
        Map<String, RegisteredRoom> out = rows();
        // What could not be written holds all the same: a registration without its row (listed by its room key, its
        // registrant unknown), a drop whose row stays.
        unwritten.forEach((roomKey, hash) -> {
            if (hash == null) {
                out.remove(roomKey);
            } else {
                out.putIfAbsent(roomKey, new RegisteredRoom(roomKey, "", null, null));
            }
        });
        return RegisteredRoom.byName(out.values());
    }

    /** The table's registrations by room key; none when it cannot be read (the log says so). */
    private Map<String, RegisteredRoom> rows() {
        Map<String, RegisteredRoom> out = new HashMap<>();
        try (Statement select = connection.createStatement();
                ResultSet row =
                        select.executeQuery("SELECT room_key, room, by_name, at, network, used FROM room_keys")) {
            while (row.next()) {
                Instant at = instant(row.getString(4));
                String used = row.getString(6);
                out.put(
                        row.getString(1),
                        new RegisteredRoom(
                                row.getString(2),
                                row.getString(3),
                                at,
                                row.getString(5),
                                used == null ? at : instant(used)));
            }
        } catch (SQLException e) {
            log.error("could not list the registered rooms in {}: {}", file, e.getMessage());
        }
        return out;
    }

    /** An instant as the table keeps it, or null for one it cannot read. */
    private static Instant instant(String at) {
        try {
            return Instant.parse(at);
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    /** Registrations held in memory only, not in the table: an over-count at worst, never under. */
    private int unwrittenKeeps() {
        return (int) unwritten.values().stream().filter(Objects::nonNull).count();
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            log.warn("closing the room keys' connection to {}: {}", file, e.getMessage());
        }
    }
}
