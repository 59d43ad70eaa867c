package openchat.cluster;

import io.lettuce.core.RedisURI;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * How a node reaches the cluster and how patient it is. {@code url}: {@code redis://HOST:PORT[/DB]};
 * {@code node}: this node's id, unique in the cluster; {@code roomCapacity} and {@code maxRooms}: the core's, for
 * refusals; {@code historyKept}: chat lines kept per room, 0 for none; {@code historyMaxAge}: how old a kept line may
 * grow (null: any age); {@code eventsKept}: room events kept for a node that must catch up after losing the store for
 * a while.
 */
public record ClusterSettings(
        String url,
        String node,
        int roomCapacity,
        int maxRooms,
        int historyKept,
        Duration historyMaxAge,
        int eventsKept,
        Duration heartbeat,
        Duration deadAfter,
        Duration readBlock,
        int readBatch,
        Duration commandTimeout,
        Duration retryAfter,
        Duration reconnectMax) {

    /** Room events kept per room beyond the history: enough for a node away for a few seconds at full speed. */
    public static final int EVENTS_KEPT = 10_000;
    /** How often a node says it is alive. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(1);
    /** A node silent this long is declared dead: its members leave, their names are freed. */
    public static final Duration DEAD_AFTER = Duration.ofSeconds(10);

    public ClusterSettings {
        problem(url).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        if (node == null || node.isBlank() || node.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw new IllegalArgumentException("a node id must be non-empty text without spaces: '" + node + "'");
        }
    }

    /** The defaults for a node of this id at this address, keeping history of any age. */
    public static ClusterSettings of(String url, String node, int roomCapacity, int maxRooms, int historyKept) {
        return of(url, node, roomCapacity, maxRooms, historyKept, null);
    }

    /** The defaults for a node of this id at this address. */
    public static ClusterSettings of(
            String url, String node, int roomCapacity, int maxRooms, int historyKept, Duration historyMaxAge) {
        return new ClusterSettings(
                url,
                node,
                roomCapacity,
                maxRooms,
                historyKept,
                historyMaxAge,
                EVENTS_KEPT,
                HEARTBEAT,
                DEAD_AFTER,
                Duration.ofSeconds(2),
                1000,
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                Duration.ofSeconds(2));
    }

    /** The same settings with another node id. */
    public ClusterSettings withNode(String other) {
        return new ClusterSettings(
                url,
                other,
                roomCapacity,
                maxRooms,
                historyKept,
                historyMaxAge,
                eventsKept,
                heartbeat,
                deadAfter,
                readBlock,
                readBatch,
                commandTimeout,
                retryAfter,
                reconnectMax);
    }

    /** What is wrong with a cluster address, for a person; empty when it is a usable one. */
    public static java.util.Optional<String> problem(String url) {
        String shape = "expected redis://HOST:PORT[/DB], e.g. redis://127.0.0.1:6379";
        if (url == null || url.isBlank()) {
            return java.util.Optional.of("no cluster address: " + shape);
        }
        URI parsed;
        try {
            parsed = new URI(url);
        } catch (java.net.URISyntaxException e) {
            return java.util.Optional.of("'" + url + "' is not an address: " + shape);
        }
        if (!"redis"
                .equals(parsed.getScheme() == null ? null : parsed.getScheme().toLowerCase(Locale.ROOT))) {
            return java.util.Optional.of("'" + url + "' is not a redis:// address: " + shape);
        }
        if (parsed.getHost() == null) {
            return java.util.Optional.of("'" + url + "' names no host: " + shape);
        }
        String path = parsed.getPath() == null ? "" : parsed.getPath();
        if (!path.isEmpty() && !path.equals("/") && !path.substring(1).matches("\\d{1,2}")) {
            return java.util.Optional.of("'" + url + "': the database must be a number (0-15): " + shape);
        }
        return java.util.Optional.empty();
    }

    /** The database number a cluster address names ({@code /DB}), 0 when it names none. */
    public static int database(String url) {
        return RedisURI.create(url).getDatabase();
    }

    /** The address as it may be shown: a password in it is replaced by {@code ***}. */
    public static String redacted(String url) {
        int at = url.indexOf('@');
        int scheme = url.indexOf("://");
        return at > scheme && scheme >= 0 ? url.substring(0, scheme + 3) + "***" + url.substring(at) : url;
    }

    /** A new Redis address for a connection. */
    RedisURI uri() {
        return RedisURI.create(url);
    }
}
