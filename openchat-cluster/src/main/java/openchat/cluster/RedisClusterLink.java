package openchat.cluster;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import openchat.core.ChatEvent;
import openchat.core.ClusterLink;
import openchat.core.CoreConfig;
import openchat.core.LeaveReason;
import openchat.core.Member;
import openchat.core.MemberView;
import openchat.core.Names;
import openchat.core.Refusal;
import openchat.core.RoomNames;
import openchat.core.RoomRole;
import openchat.core.RoomView;
import openchat.core.StoredMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's shared state on Redis. Each room's order is decided in Redis: one Lua script checks, changes the
 * room and appends the event, numbered by the room's sequence, to the room's stream (entry id {@code seq-0}).
 * Every node reads the streams of the rooms its members are in with one blocking {@code XREAD}, from the last
 * id it handed on, so a dropped link resumes where it stopped: no gap, no duplicate. Chat lines also go to the
 * room's history stream, trimmed to the retention. docs/CLUSTER.md describes the keys and the guarantees.
 *
 * <p>Threads: operations run on the caller's thread and wait for their one round trip; the reader thread hands
 * events to {@link ClusterLink.Events}; a scheduler thread keeps the node alive, declares silent nodes dead and
 * retries the leaves and name releases that met an unreachable store.
 */
public final class RedisClusterLink implements ClusterLink {
    private static final Logger log = LoggerFactory.getLogger(RedisClusterLink.class);

    private static final Script JOIN = Script.load("join");
    private static final Script LEAVE = Script.load("leave");
    private static final Script KICK = Script.load("kick");
    private static final Script POST = Script.load("post");
    private static final Script TOPIC = Script.load("topic");
    private static final Script WHISPER = Script.load("whisper");
    private static final Script CLAIM = Script.load("claim");
    private static final Script RELEASE = Script.load("release");
    private static final Script HEARTBEAT = Script.load("heartbeat");
    private static final Script REGISTER = Script.load("register");
    private static final Script ROOMS = Script.load("rooms");

    private static final String LOBBY_KEY = RoomNames.key(RoomNames.LOBBY);
    private static final String START = "0-0";

    private final ClusterSettings settings;
    private final Clock clock;
    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisCommands<String, String> redis;
    private final ScheduledExecutorService scheduler;
    /** The followed rooms' events streams, each with the id of the last entry handed on. */
    private final Map<String, String> positions = new ConcurrentHashMap<>();
    /** Leaves and name releases that met an unreachable store, retried in order when it is back. */
    private final Queue<Runnable> owed = new ConcurrentLinkedQueue<>();

    private volatile Events events;
    private volatile String epoch;
    private volatile boolean reachable = true;
    /** When the store last became reachable (System.nanoTime): dead nodes are looked for only after a while. */
    private volatile long reachableSince = System.nanoTime();

    private volatile boolean running;
    private Thread reader;
    private StatefulRedisConnection<String, String> readerConnection;
    private String clusterPosition = START;
    private String inboxPosition = START;

    /** Connects to Redis; fails (a {@link RedisException}) when it cannot be reached now. */
    public RedisClusterLink(ClusterSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.resources = ClientResources.builder()
                .reconnectDelay(
                        Delay.exponential(Duration.ofMillis(50), settings.reconnectMax(), 2, TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        RedisURI uri = settings.uri();
        uri.setTimeout(settings.commandTimeout());
        this.connection = client.connect(uri);
        this.redis = connection.sync();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "openchat-cluster");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Whether the cluster's store answered the last heartbeat. */
    public boolean reachable() {
        return reachable;
    }

    /** This node's id in the cluster. */
    public String node() {
        return settings.node();
    }

    @Override
    public void start(Events events) {
        this.events = events;
        reap(settings.node(), "restarted"); // what this node's previous run left behind
        register();
        List<StreamMessage<String, String>> last =
                redis.xrevrange(RedisKeys.CLUSTER, Range.create("-", "+"), Limit.create(0, 1));
        clusterPosition = last.isEmpty() ? START : last.get(0).getId();
        running = true;
        RedisURI readerUri = settings.uri();
        readerUri.setTimeout(settings.commandTimeout().plus(settings.readBlock()));
        readerConnection = client.connect(readerUri);
        reader = new Thread(this::read, "openchat-cluster-reader");
        reader.setDaemon(true);
        reader.start();
        long beat = settings.heartbeat().toMillis();
        scheduler.scheduleWithFixedDelay(this::beat, beat, beat, TimeUnit.MILLISECONDS);
        long sweep = settings.deadAfter().toMillis() / 3;
        scheduler.scheduleWithFixedDelay(this::reapDead, sweep, sweep, TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean claimName(String nameKey, String name) {
        Long claimed = call(() -> CLAIM.run(
                redis,
                ScriptOutputType.INTEGER,
                keys(RedisKeys.name(nameKey), RedisKeys.names(settings.node())),
                settings.node(),
                nameKey,
                name));
        return claimed == 1;
    }

    @Override
    public void releaseName(String nameKey) {
        owe(() -> release(settings.node(), nameKey));
    }

    @Override
    public Joined join(
            String roomKey,
            String roomName,
            boolean permanent,
            Member<?> member,
            CoreConfig config,
            OffsetDateTime at) {
        List<Object> out = call(
                () -> JOIN.run(
                        redis,
                        ScriptOutputType.MULTI,
                        keys(
                                RedisKeys.room(roomKey),
                                RedisKeys.members(roomKey),
                                RedisKeys.ROOMS,
                                RedisKeys.events(roomKey),
                                RedisKeys.seats(settings.node())),
                        roomKey,
                        roomName,
                        flag(permanent),
                        member.key(),
                        member.name(),
                        settings.node(),
                        member.isAdmin() ? "admin" : "member",
                        String.valueOf(config.roomCapacity()),
                        String.valueOf(config.maxRooms()),
                        String.valueOf(config.presenceLimit()),
                        millis(at),
                        String.valueOf(settings.eventsKept())),
                roomName,
                "");
        long seq = (Long) out.get(0);
        RoomView room = new RoomView(
                (String) out.get(1),
                ((Long) out.get(2)).intValue(),
                config.roomCapacity(),
                emptyToNull((String) out.get(3)),
                (String) out.get(4),
                seq);
        return new Joined(seq, room);
    }

    @Override
    public void leave(
            String roomKey,
            String roomName,
            Member<?> member,
            LeaveReason reason,
            String detail,
            boolean quiet,
            OffsetDateTime at) {
        owe(() -> leave(settings.node(), roomKey, member.key(), reason, detail, quiet, millis(at)));
    }

    @Override
    public long post(String roomKey, String roomName, Member<?> from, String text, boolean notice, OffsetDateTime at) {
        return call(
                () -> POST.run(
                        redis,
                        ScriptOutputType.INTEGER,
                        keys(
                                RedisKeys.room(roomKey),
                                RedisKeys.members(roomKey),
                                RedisKeys.events(roomKey),
                                RedisKeys.history(roomKey)),
                        from.key(),
                        from.name(),
                        text,
                        flag(notice),
                        millis(at),
                        String.valueOf(settings.eventsKept()),
                        String.valueOf(settings.historyKept())),
                roomName,
                "");
    }

    @Override
    public String kick(
            String roomKey, String roomName, Member<?> by, String targetName, String detail, OffsetDateTime at) {
        return call(
                () -> KICK.run(
                        redis,
                        ScriptOutputType.VALUE,
                        keys(
                                RedisKeys.room(roomKey),
                                RedisKeys.members(roomKey),
                                RedisKeys.ROOMS,
                                RedisKeys.events(roomKey)),
                        roomKey,
                        by.key(),
                        by.name(),
                        flag(by.isAdmin()),
                        Names.key(targetName),
                        detail,
                        millis(at),
                        String.valueOf(settings.eventsKept()),
                        flag(roomKey.equals(LOBBY_KEY)),
                        RedisKeys.NODE_PREFIX),
                roomName,
                targetName);
    }

    @Override
    public long topic(String roomKey, String roomName, Member<?> by, String topic, OffsetDateTime at) {
        return call(
                () -> TOPIC.run(
                        redis,
                        ScriptOutputType.INTEGER,
                        keys(RedisKeys.room(roomKey), RedisKeys.members(roomKey), RedisKeys.events(roomKey)),
                        by.key(),
                        by.name(),
                        flag(by.isAdmin()),
                        topic,
                        millis(at),
                        String.valueOf(settings.eventsKept())),
                roomName,
                "");
    }

    @Override
    public Optional<String> whisper(String toKey, ChatEvent.Private event) {
        String name = call(() -> WHISPER.run(
                redis,
                ScriptOutputType.VALUE,
                keys(RedisKeys.name(toKey)),
                RedisKeys.NODE_PREFIX,
                event.from(),
                toKey,
                event.text(),
                flag(event.notice()),
                millis(event.at())));
        return Optional.ofNullable(name);
    }

    @Override
    public List<RoomView> rooms() {
        List<Object> rows =
                call(() -> ROOMS.run(redis, ScriptOutputType.MULTI, keys(RedisKeys.ROOMS), RedisKeys.ROOM_PREFIX));
        List<RoomView> out = new ArrayList<>(rows.size());
        for (Object row : rows) {
            List<?> r = (List<?>) row;
            out.add(new RoomView(
                    (String) r.get(1),
                    ((Long) r.get(2)).intValue(),
                    settings.roomCapacity(),
                    emptyToNull((String) r.get(3)),
                    (String) r.get(4),
                    Long.parseLong((String) r.get(5))));
        }
        return out;
    }

    @Override
    public Optional<RoomView> room(String roomKey) {
        return rooms().stream()
                .filter(room -> RoomNames.key(room.name()).equals(roomKey))
                .findFirst();
    }

    @Override
    public List<MemberView> who(String roomKey) {
        Map<String, String> members = call(() -> redis.hgetall(RedisKeys.members(roomKey)));
        String owner = call(() -> redis.hget(RedisKeys.room(roomKey), "owner"));
        List<String[]> seats = new ArrayList<>();
        for (Map.Entry<String, String> member : members.entrySet()) {
            String[] fields = member.getValue().split("\t", 5);
            seats.add(new String[] {member.getKey(), fields[1], fields[2], fields[3], fields[4]});
        }
        seats.sort(Comparator.comparingLong(seat -> Long.parseLong(seat[1])));
        List<MemberView> out = new ArrayList<>(seats.size());
        for (String[] seat : seats) {
            RoomRole role =
                    seat[2].equals("admin") ? RoomRole.ADMIN : seat[0].equals(owner) ? RoomRole.OWNER : RoomRole.MEMBER;
            out.add(new MemberView(seat[4], role, seat[3].equals("1")));
        }
        return out;
    }

    @Override
    public List<StoredMessage> before(String roomKey, long before, int limit) {
        if (before <= 1 || limit <= 0) {
            return List.of();
        }
        String upper = before == Long.MAX_VALUE ? "+" : (before - 1) + "-0";
        List<StreamMessage<String, String>> page = call(
                () -> redis.xrevrange(RedisKeys.history(roomKey), Range.create("-", upper), Limit.create(0, limit)));
        List<StoredMessage> out = stored(roomKey, page);
        Collections.reverse(out);
        return out;
    }

    @Override
    public List<StoredMessage> after(String roomKey, long after, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        String lower = (Math.max(0, after) + 1) + "-0";
        List<StreamMessage<String, String>> page =
                call(() -> redis.xrange(RedisKeys.history(roomKey), Range.create(lower, "+"), Limit.create(0, limit)));
        return stored(roomKey, page);
    }

    @Override
    public void follow(String roomKey, long afterSeq) {
        positions.put(RedisKeys.events(roomKey), afterSeq + "-0");
        wake();
    }

    @Override
    public void unfollow(String roomKey) {
        positions.remove(RedisKeys.events(roomKey));
    }

    @Override
    public void stopCluster(String reason) {
        call(() -> redis.xadd(
                RedisKeys.CLUSTER,
                XAddArgs.Builder.maxlen(100).approximateTrimming(),
                Map.of("t", "stop", "r", reason)));
    }

    @Override
    public void close() {
        if (!running) {
            shutdownClient();
            return;
        }
        running = false;
        scheduler.shutdownNow();
        try {
            retryOwed();
            reap(settings.node(), "");
            redis.srem(RedisKeys.NODES, settings.node());
            redis.del(RedisKeys.alive(settings.node()));
        } catch (RedisException e) {
            log.warn(
                    "could not leave the cluster cleanly ({}); the other nodes will declare this one dead",
                    e.getMessage());
        }
        if (reader != null) {
            reader.interrupt();
            try {
                reader.join(settings.readBlock().toMillis() + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        shutdownClient();
    }

    // ---- the reader thread ----

    private void read() {
        RedisCommands<String, String> blocking = readerConnection.sync();
        long backoff = 50;
        while (running) {
            try {
                List<XReadArgs.StreamOffset<String>> offsets = new ArrayList<>();
                offsets.add(XReadArgs.StreamOffset.from(RedisKeys.CLUSTER, clusterPosition));
                offsets.add(XReadArgs.StreamOffset.from(RedisKeys.inbox(settings.node()), inboxPosition));
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
                    Thread.sleep(backoff);
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
            if ("stop".equals(body.get("t"))) {
                events.stopping(body.getOrDefault("r", ""));
            }
            return;
        }
        if (stream.equals(RedisKeys.inbox(settings.node()))) {
            inboxPosition = entry.getId();
            if ("P".equals(body.get("t"))) {
                events.privateMessage(
                        body.get("k"),
                        new ChatEvent.Private(
                                body.get("f"), body.get("to"), at(body), body.get("x"), "1".equals(body.get("n"))));
            }
            return;
        }
        String roomKey = RedisKeys.roomOfEvents(stream);
        String id = entry.getId();
        String[] before = new String[1];
        if (positions.computeIfPresent(stream, (key, last) -> {
                    before[0] = last;
                    return seqOf(id) > seqOf(last) ? id : last;
                })
                == null) {
            return; // no longer followed
        }
        long missed = seqOf(id) - seqOf(before[0]) - 1;
        if (missed > 0) {
            log.warn(
                    "room {}: {} events were trimmed from its stream before this node read them (it was away longer"
                            + " than {} events); its members can fetch the chat lines from history",
                    roomKey,
                    missed,
                    settings.eventsKept());
        }
        ChatEvent.Numbered event = roomEvent(roomKey, entry);
        events.roomEvent(roomKey, event, !"0".equals(body.get("a")));
    }

    private ChatEvent.Numbered roomEvent(String roomKey, StreamMessage<String, String> entry) {
        Map<String, String> body = entry.getBody();
        long seq = seqOf(entry.getId());
        String room = roomName(roomKey);
        String from = body.get("f");
        return switch (body.get("t")) {
            case "M" -> new ChatEvent.Message(
                    room, from, at(body), seq, body.get("x"), false, "1".equals(body.get("n")));
            case "J" -> new ChatEvent.Joined(room, from, at(body), seq, Integer.parseInt(body.get("m")));
            case "T" -> new ChatEvent.Topic(room, from, at(body), seq, body.get("x"));
            case "L" -> new ChatEvent.Left(
                    room,
                    from,
                    LeaveReason.fromWire(body.get("r")),
                    emptyToNull(body.get("b")),
                    body.getOrDefault("d", ""),
                    at(body),
                    seq,
                    Integer.parseInt(body.get("m")));
            default -> throw new IllegalStateException("unknown room event " + body);
        };
    }

    /** The room's name as written, remembered per room: room events carry only its key. */
    private final Map<String, String> roomNames = new ConcurrentHashMap<>();

    private String roomName(String roomKey) {
        return roomNames.computeIfAbsent(roomKey, key -> {
            String name = redis.hget(RedisKeys.room(key), "name");
            return name == null ? key : name;
        });
    }

    // ---- liveness ----

    private void register() {
        String made = UUID.randomUUID().toString();
        epoch = REGISTER.run(
                redis,
                ScriptOutputType.VALUE,
                keys(
                        RedisKeys.EPOCH,
                        RedisKeys.NODES,
                        RedisKeys.alive(settings.node()),
                        RedisKeys.ROOMS,
                        RedisKeys.room(LOBBY_KEY),
                        RedisKeys.inbox(settings.node())),
                made,
                settings.node(),
                String.valueOf(settings.deadAfter().toMillis()),
                LOBBY_KEY,
                RoomNames.LOBBY);
        inboxPosition = START;
    }

    private void beat() {
        try {
            Long alive = HEARTBEAT.run(
                    redis,
                    ScriptOutputType.INTEGER,
                    keys(RedisKeys.EPOCH, RedisKeys.NODES, RedisKeys.alive(settings.node())),
                    epoch,
                    settings.node(),
                    String.valueOf(settings.deadAfter().toMillis()));
            if (!reachable) {
                reachable = true;
                reachableSince = System.nanoTime();
                log.info("the cluster's store is reachable again");
                if (alive == 1) {
                    retryOwed();
                }
                events.reachable(true);
            }
            if (alive == 0) {
                log.warn("the cluster's store no longer knows this node; its members must connect again");
                owed.clear();
                positions.clear();
                roomNames.clear();
                events.lost();
                reap(settings.node(), "");
                register();
            }
        } catch (RedisException e) {
            if (reachable) {
                reachable = false;
                log.warn("the cluster's store cannot be reached: {}", e.getMessage());
                events.reachable(false);
            }
        } catch (RuntimeException e) {
            log.error("cluster heartbeat failed", e);
        }
    }

    /** Declares dead the nodes whose heartbeat stopped: their members leave their rooms, their names are free. */
    private void reapDead() {
        // After an outage every node's alive key may have run out: give each a full period to renew it first.
        if (!reachable
                || System.nanoTime() - reachableSince < settings.deadAfter().toNanos()) {
            return;
        }
        try {
            for (String node : redis.smembers(RedisKeys.NODES)) {
                if (!node.equals(settings.node()) && redis.exists(RedisKeys.alive(node)) == 0) {
                    log.info("node {} stopped answering; its members leave", node);
                    reap(node, "");
                    redis.srem(RedisKeys.NODES, node);
                }
            }
        } catch (RedisException e) {
            log.debug("could not look for dead nodes: {}", e.getMessage());
        }
    }

    /** Takes every seat and name {@code node} holds; its members' leaves are announced as disconnects. */
    private void reap(String node, String detail) {
        long now = clock.millis();
        for (String seat : redis.smembers(RedisKeys.seats(node))) {
            int split = seat.indexOf('\n');
            leave(
                    node,
                    seat.substring(0, split),
                    seat.substring(split + 1),
                    LeaveReason.DISCONNECTED,
                    detail,
                    false,
                    String.valueOf(now));
        }
        for (String nameKey : redis.smembers(RedisKeys.names(node))) {
            release(node, nameKey);
        }
        redis.del(RedisKeys.seats(node), RedisKeys.names(node), RedisKeys.inbox(node));
    }

    private void leave(
            String node, String roomKey, String nameKey, LeaveReason reason, String detail, boolean quiet, String at) {
        LEAVE.run(
                redis,
                ScriptOutputType.INTEGER,
                keys(
                        RedisKeys.room(roomKey),
                        RedisKeys.members(roomKey),
                        RedisKeys.ROOMS,
                        RedisKeys.events(roomKey),
                        RedisKeys.seats(node)),
                roomKey,
                nameKey,
                reason.wireName(),
                detail,
                flag(quiet),
                at,
                String.valueOf(settings.eventsKept()),
                flag(roomKey.equals(LOBBY_KEY)),
                node);
    }

    private void release(String node, String nameKey) {
        RELEASE.run(
                redis, ScriptOutputType.INTEGER, keys(RedisKeys.name(nameKey), RedisKeys.names(node)), node, nameKey);
    }

    /** Runs a change that must happen: now if the store answers, else when it is back. */
    private void owe(Runnable change) {
        if (reachable && owed.isEmpty()) {
            try {
                change.run();
                return;
            } catch (RedisException e) {
                log.debug("deferred until the store is back: {}", e.getMessage());
            }
        }
        owed.add(change);
    }

    private void retryOwed() {
        Runnable next;
        while ((next = owed.peek()) != null) {
            next.run(); // a failure leaves it first in line for the next heartbeat
            owed.poll();
        }
    }

    private void wake() {
        try {
            redis.xadd(
                    RedisKeys.inbox(settings.node()),
                    XAddArgs.Builder.maxlen(10_000).approximateTrimming(),
                    Map.of("t", "wake"));
        } catch (RedisException e) {
            log.debug("could not wake the reader: {}", e.getMessage());
        }
    }

    // ---- helpers ----

    /** Runs one round trip; a store that cannot be reached becomes a refusal. */
    private <T> T call(Supplier<T> command) {
        return call(command, "", "");
    }

    /**
     * Runs one round trip; a store that cannot be reached, or a script's refusal, becomes the core's refusal about
     * {@code room} (or the member {@code target}).
     */
    private <T> T call(Supplier<T> command, String room, String target) {
        try {
            return command.get();
        } catch (RedisCommandExecutionException e) {
            throw refusal(e.getMessage(), room, target);
        } catch (RedisException e) {
            throw Refusal.retryAfter(
                    Refusal.Reason.UNAVAILABLE, settings.retryAfter().toSeconds());
        }
    }

    /** A script's error reply as the core's refusal. */
    private Refusal refusal(String error, String room, String target) {
        String text = error == null ? "" : error.strip();
        if (text.startsWith("ERR ")) { // Redis puts it before a script's error without a code of its own
            text = text.substring(4);
        }
        String[] words = text.split(" ", 2);
        return switch (words[0]) {
            case "ROOM_FULL" -> Refusal.full(room, Integer.parseInt(words[1]), settings.roomCapacity());
            case "TOO_MANY_ROOMS" -> Refusal.limit(Refusal.Reason.TOO_MANY_ROOMS, settings.maxRooms());
            case "ALREADY_IN_ROOM" -> Refusal.of(Refusal.Reason.ALREADY_IN_ROOM, room);
            case "NOT_IN_ROOM" -> Refusal.of(Refusal.Reason.NOT_IN_ROOM, room);
            case "NO_SUCH_ROOM" -> Refusal.of(Refusal.Reason.NO_SUCH_ROOM, room);
            case "NO_SUCH_MEMBER" -> Refusal.of(Refusal.Reason.NO_SUCH_MEMBER, target);
            case "NOT_MODERATOR" -> Refusal.of(Refusal.Reason.NOT_MODERATOR);
            default -> throw new IllegalStateException("unexpected answer from the cluster's store: " + error);
        };
    }

    private List<StoredMessage> stored(String roomKey, List<StreamMessage<String, String>> page) {
        List<StoredMessage> out = new ArrayList<>(page.size());
        String room = page.isEmpty() ? roomKey : roomName(roomKey);
        for (StreamMessage<String, String> entry : page) {
            Map<String, String> body = entry.getBody();
            out.add(new StoredMessage(roomKey, room, seqOf(entry.getId()), body.get("f"), at(body), body.get("x")));
        }
        return out;
    }

    private OffsetDateTime at(Map<String, String> body) {
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(Long.parseLong(body.get("at"))), clock.getZone());
    }

    private static long seqOf(String id) {
        return Long.parseLong(id.substring(0, id.indexOf('-')));
    }

    private static String millis(OffsetDateTime at) {
        return String.valueOf(at.toInstant().toEpochMilli());
    }

    private static String flag(boolean on) {
        return on ? "1" : "0";
    }

    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    private static String[] keys(String... keys) {
        return keys;
    }

    private void shutdownClient() {
        if (readerConnection != null) {
            readerConnection.close();
        }
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
