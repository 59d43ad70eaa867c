package openchat.server.history;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import openchat.core.AddressKey;
import openchat.core.Ban;
import openchat.core.BanStore;
import openchat.core.RoomBan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bans, and each room's ({@link RoomBan}), in tables of the history database ({@value HistoryDatabase#FILE_NAME}) on a connection of their own:
 * a ban is rare and written at once, on the administrator's thread. A ban that cannot be written (a full disk)
 * still holds until the server stops, and the log says so.
 */
final class SqliteBanStore implements BanStore, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SqliteBanStore.class);

    /**
     * Kept beside the chunks; older servers, which do not know it, leave it alone. {@code expires} is null for a
     * permanent ban; a table made before timed bans gets the column when opened ({@link #open}).
     */
    private static final String CREATE = "CREATE TABLE IF NOT EXISTS bans ("
            + "kind TEXT NOT NULL, key TEXT NOT NULL, target TEXT NOT NULL, by_name TEXT NOT NULL,"
            + " at TEXT NOT NULL, reason TEXT NOT NULL, expires TEXT, PRIMARY KEY (kind, key))";

    /**
     * Each room's bans ({@link RoomBan}), beside the server's: by the room's key; {@code address} is the address a
     * banned member present connected from ({@link AddressKey}, an IPv6 one its /64), null when none was kept.
     */
    private static final String CREATE_ROOM_BANS = "CREATE TABLE IF NOT EXISTS room_bans ("
            + "room TEXT NOT NULL, kind TEXT NOT NULL, key TEXT NOT NULL, target TEXT NOT NULL,"
            + " by_name TEXT NOT NULL, at TEXT NOT NULL, reason TEXT NOT NULL, expires TEXT, address TEXT,"
            + " PRIMARY KEY (room, kind, key))";

    private final Path file;
    /** Guarded by this: a JDBC connection serves one thread at a time. */
    private final Connection connection;

    private SqliteBanStore(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /** Opens the table in the database {@code file}, creating it when missing. */
    static SqliteBanStore open(Path file, java.time.Duration busyTimeout) throws SQLException {
        Connection connection = SqliteFiles.connect(file, busyTimeout);
        try (Statement statement = connection.createStatement()) {
            statement.execute(CREATE);
            statement.execute(CREATE_ROOM_BANS);
            if (!SqliteFiles.hasColumn(statement, "bans", "expires")) {
                statement.execute("ALTER TABLE bans ADD COLUMN expires TEXT");
            }
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return new SqliteBanStore(file, connection);
    }

    @Override
    public synchronized List<Ban> load() {
        List<Ban> bans = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT target, kind, key, by_name, at, reason, expires FROM bans ORDER BY rowid")) {
            while (rows.next()) {
                bans.add(ban(rows, 1));
            }
        } catch (SQLException | RuntimeException e) {
            log.error("could not read the bans from {}: {}; none hold until they are made again", file, e.getMessage());
        }
        return bans;
    }

    @Override
    public synchronized void put(Ban ban) {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT OR REPLACE INTO bans (kind, key, target, by_name, at, reason, expires)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            bind(insert, 1, ban);
            insert.executeUpdate();
        } catch (SQLException e) {
            log.error(
                    "could not write the ban of {} to {}: {}; it holds until the server stops",
                    ban.target(),
                    file,
                    e.getMessage());
        }
    }

    /**
     * The ban in the row's columns from {@code first} on: {@code target, kind, key, by_name, at, reason, expires}, as
     * both tables hold them.
     */
    private static Ban ban(ResultSet rows, int first) throws SQLException {
        String expires = rows.getString(first + 6);
        return new Ban(
                rows.getString(first),
                Ban.Kind.fromWire(rows.getString(first + 1)),
                rows.getString(first + 2),
                rows.getString(first + 3),
                OffsetDateTime.parse(rows.getString(first + 4)),
                rows.getString(first + 5),
                expires == null ? null : OffsetDateTime.parse(expires));
    }

    /**
     * Sets the parameters from {@code first} on to the ban's {@code kind, key, target, by_name, at, reason, expires},
     * as both tables' inserts name them.
     */
    private static void bind(PreparedStatement insert, int first, Ban ban) throws SQLException {
        insert.setString(first, ban.kind().wireName());
        insert.setString(first + 1, ban.key());
        insert.setString(first + 2, ban.target());
        insert.setString(first + 3, ban.by());
        insert.setString(first + 4, ban.at().toString());
        insert.setString(first + 5, ban.reason());
        insert.setString(first + 6, ban.isPermanent() ? null : ban.expires().toString());
    }

    @Override
    public synchronized void remove(Ban ban) {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM bans WHERE kind = ? AND key = ?")) {
            delete.setString(1, ban.kind().wireName());
            delete.setString(2, ban.key());
            delete.executeUpdate();
        } catch (SQLException e) {
            log.error(
                    "could not remove the ban of {} from {}: {}; it is lifted until the server restarts",
                    ban.target(),
                    file,
                    e.getMessage());
        }
    }

    @Override
    public synchronized List<RoomBan> loadRoomBans() {
        List<RoomBan> bans = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT room, target, kind, key, by_name, at, reason, expires,"
                        + " address FROM room_bans ORDER BY rowid")) {
            while (rows.next()) {
                Ban ban = ban(rows, 2);
                String address = rows.getString(9);
                // A literal address: InetAddress reads it without asking DNS.
                bans.add(new RoomBan(
                        rows.getString(1),
                        ban,
                        address == null ? null : AddressKey.of(InetAddress.getByName(address))));
            }
        } catch (SQLException | IOException | RuntimeException e) {
            log.error(
                    "could not read the rooms' bans from {}: {}; none hold until they are made again",
                    file,
                    e.getMessage());
        }
        return bans;
    }

    @Override
    public synchronized void putRoomBan(RoomBan roomBan) {
        Ban ban = roomBan.ban();
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT OR REPLACE INTO room_bans (room, kind, key, target, by_name, at, reason, expires, address)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, roomBan.room());
            bind(insert, 2, ban);
            insert.setString(
                    9,
                    roomBan.address() == null
                            ? null
                            : roomBan.address().network().getHostAddress());
            insert.executeUpdate();
        } catch (SQLException e) {
            log.error(
                    "could not write the ban of {} from {} to {}: {}; it holds until the server stops",
                    ban.target(),
                    roomBan.room(),
                    file,
                    e.getMessage());
        }
    }

    @Override
    public synchronized void removeRoomBan(RoomBan roomBan) {
        Ban ban = roomBan.ban();
        try (PreparedStatement delete =
                connection.prepareStatement("DELETE FROM room_bans WHERE room = ? AND kind = ? AND key = ?")) {
            delete.setString(1, roomBan.room());
            delete.setString(2, ban.kind().wireName());
            delete.setString(3, ban.key());
            delete.executeUpdate();
        } catch (SQLException e) {
            log.error(
                    "could not remove the ban of {} from {} in {}: {}; it is lifted until the server restarts",
                    ban.target(),
                    roomBan.room(),
                    file,
                    e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            log.warn("closing the bans' connection to {}: {}", file, e.getMessage());
        }
    }
}
