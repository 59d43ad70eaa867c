package openchat.cluster;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import openchat.core.ClusterLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's one reader (thread {@code openchat-cluster-reader}): a blocking {@code XREAD} on the cluster's orders,
 * the names taken and freed (presence), the node's inbox and the events stream of every room the node follows, each from the id handed on last, so
 * that a dropped link resumes with no gap and no duplicate. Following a room wakes the read (an entry in the
 * node's own inbox) so that it reads the new stream at once.
 */
final class StreamReader {
    private static final Logger log = LoggerFactory.getLogger(StreamReader.class);
    private static final String START = "0-0";

    /** The blocking connection, this thread's alone. */
    private final RedisCommands<String, String> blocking;
    /** The shared connection, for wake-ups from other threads. */
    private final RedisCommands<String, String> shared;

    private final ClusterSettings settings;
    private final ZoneId zone;
    private final String inbox;
    /** The followed rooms' events streams, each with the id of the last entry handed on. */
    private final Map<String, String> positions = new ConcurrentHashMap<>();
    /** Each room's name as written, by key: room events carry only the key. */
    private final Map<String, String> roomNames = new ConcurrentHashMap<>();

    /** The kinds of room events passed over ({@link StreamEntries#isKnown}), each said once. */
    private final Set<String> unknownKinds = ConcurrentHashMap.newKeySet();

    private volatile boolean running;
    private volatile String inboxPosition = START;
    private String clusterPosition = START;
    private String presencePosition = START;
    private ClusterLink.Events events;
    private Thread thread;

    StreamReader(
            RedisCommands<String, String> blocking,
            RedisCommands<String, String> shared,
            ClusterSettings settings,
            ZoneId zone) {
        this.blocking = blocking;
        this.shared = shared;
        this.settings = settings;
        this.zone = zone;
        this.inbox = RedisKeys.inbox(settings.node());
    }

    /** The id of the last inbox entry handed on (a stream id; {@code 0-0} before the first). */
    String inboxPosition() {
        return inboxPosition;
    }

    /** Starts reading: the cluster's orders from now on, the inbox from its start (it was just emptied). */
    void start(ClusterLink.Events events) {
        this.events = events;
        List<StreamMessage<String, String>> last =
                shared.xrevrange(RedisKeys.CLUSTER, Range.create("-", "+"), Limit.create(0, 1));
        clusterPosition = last.isEmpty() ? START : last.get(0).getId();
        List<StreamMessage<String, String>> lastPresence =
                shared.xrevrange(RedisKeys.PRESENCE, Range.create("-", "+"), Limit.create(0, 1));
        presencePosition = lastPresence.isEmpty() ? START : lastPresence.get(0).getId();
        running = true;
        thread = new Thread(this::read, "openchat-cluster-reader");
        thread.setDaemon(true);
        thread.start();
    }

    /** Reads the room's events numbered after {@code afterSeq} from now on. */
    void follow(String roomKey, long afterSeq) {
        positions.put(RedisKeys.events(roomKey), StreamEntries.idOf(afterSeq));
        try {
            shared.xadd(
                    inbox, XAddArgs.Builder.maxlen(RedisKeys.INBOX_KEPT).approximateTrimming(), Map.of("t", "wake"));
        } catch (RedisException e) {
            log.debug("could not wake the cluster reader: {}", e.getMessage());
        }
    }

    void unfollow(String roomKey) {
        positions.remove(RedisKeys.events(roomKey));
    }

    /**
     * Redis forgot this node: nothing is followed any more, and its inbox starts anew. Returns the last seq handed on
     * for each room it followed, by room key.
     */
    Map<String, Long> reset() {
        Map<String, Long> handedOn = new HashMap<>();
        positions.forEach((stream, id) -> handedOn.put(
                stream.substring(RedisKeys.ROOM_PREFIX.length(), stream.length() - RedisKeys.EVENTS_SUFFIX.length()),
                StreamEntries.seqOf(id)));
        positions.clear();
        roomNames.clear();
        inboxPosition = START;
        presencePosition = START;
        return handedOn;
    }

    /** The room's name as written (its key when the room has none). */
    String roomName(String roomKey) {
        return roomNames.computeIfAbsent(roomKey, key -> {
            String name = shared.hget(RedisKeys.room(key), "name");
            return name == null ? key : name;
        });
    }

    void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(settings.readBlock().toMillis() + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void read() {
        long backoff = 50;
        while (running) {
            try {
                List<XReadArgs.StreamOffset<String>> offsets = new ArrayList<>();
                offsets.add(XReadArgs.StreamOffset.from(RedisKeys.CLUSTER, clusterPosition));
                offsets.add(XReadArgs.StreamOffset.from(inbox, inboxPosition));
                offsets.add(XReadArgs.StreamOffset.from(RedisKeys.PRESENCE, presencePosition));
                positions.forEach((stream, id) -> offsets.add(XReadArgs.StreamOffset.from(stream, id)));
                @SuppressWarnings("unchecked")
                XReadArgs.StreamOffset<String>[] streams = offsets.toArray(new XReadArgs.StreamOffset[0]);
                List<StreamMessage<String, String>> read = blocking.xread(
                        XReadArgs.Builder.block(settings.readBlock().toMillis()).count(settings.readBatch()), streams);
                for (StreamMessage<String, String> entry : read) {
                    dispatch(entry);
                }
                backoff = 50;
            } catch (RedisException e) {
                if (!running) {
                    return;
                }
                log.debug("cluster read failed: {}", e.getMessage());
                try {
                    Thread.sleep(backoff); // Lettuce reconnects meanwhile
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoff = Math.min(backoff * 2, settings.reconnectMax().toMillis());
            } catch (RuntimeException e) {
                log.error("a cluster event could not be handled", e);
            }
        }
    }

    private void dispatch(StreamMessage<String, String> entry) {
        String stream = entry.getStream();
        Map<String, String> body = entry.getBody();
        if (stream.equals(RedisKeys.CLUSTER)) {
            clusterPosition = entry.getId();
            switch (body.getOrDefault("t", "")) {
                case "stop" -> events.stopping(body.getOrDefault("r", ""));
                case "announce" -> events.announced(StreamEntries.announcement(body, zone));
                case "ban" -> events.banned(StreamEntries.ban(body.get("b")));
                case "unban" -> events.unbanned(StreamEntries.ban(body.get("b")));
                default -> {} // news from a newer node
            }
        } else if (stream.equals(RedisKeys.PRESENCE)) {
            presencePosition = entry.getId();
            String name = body.get("n");
            if (name != null) {
                events.presence(name, "on".equals(body.get("t")));
            }
        } else if (stream.equals(inbox)) {
            inboxPosition = entry.getId();
            if ("P".equals(body.get("t"))) {
                events.privateMessage(body.get("k"), StreamEntries.privateMessage(body, zone));
            } else if ("I".equals(body.get("t"))) {
                events.invited(body.get("k"), StreamEntries.invited(body, zone));
            } else if ("K".equals(body.get("t"))) {
                events.killed(body.get("k"), StreamEntries.killed(body, zone));
            } else if ("A".equals(body.get("t"))) {
                events.away(List.of(body.getOrDefault("r", "").split("\n")), StreamEntries.away(body, zone));
            } else if ("R".equals(body.get("t"))) {
                events.renamed(List.of(body.getOrDefault("r", "").split("\n")), StreamEntries.renamed(body, zone));
            } else if ("U".equals(body.get("t"))) {
                events.undelivered(body.get("k"), StreamEntries.undelivered(body, zone));
            }
        } else {
            roomEntry(stream, entry);
        }
    }

    private void roomEntry(String stream, StreamMessage<String, String> entry) {
        String roomKey = RedisKeys.roomOfEvents(stream);
        long seq = StreamEntries.seqOf(entry.getId());
        long[] before = {-1};
        if (positions.computeIfPresent(stream, (key, last) -> {
                    before[0] = StreamEntries.seqOf(last);
                    return seq > before[0] ? entry.getId() : last;
                })
                == null) {
            return; // no longer followed
        }
        if (seq > before[0] + 1) {
            log.warn(
                    "room {}: {} events were trimmed from its stream before this node read them (it was away longer"
                            + " than {} events); its members can fetch the chat lines from history",
                    roomKey,
                    seq - before[0] - 1,
                    settings.eventsKept());
        }
        if (!StreamEntries.isKnown(entry.getBody())) {
            String kind = entry.getBody().getOrDefault("t", "");
            if (unknownKinds.add(kind)) {
                log.warn(
                        "room {}: an event of a kind this node does not know ({}), streamed by a node of a newer"
                                + " version, is passed over (said once per kind)",
                        roomKey,
                        kind);
            }
            return;
        }
        if (StreamEntries.isChange(entry.getBody())) {
            events.roomChange(roomKey, seq, StreamEntries.roomChange(roomName(roomKey), entry, zone));
            return;
        }
        events.roomEvent(
                roomKey,
                StreamEntries.roomEvent(roomName(roomKey), entry, zone),
                StreamEntries.announced(entry.getBody()));
    }
}
