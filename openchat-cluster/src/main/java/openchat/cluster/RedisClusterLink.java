package openchat.cluster;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyValue;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import openchat.core.AddressKey;
import openchat.core.Ban;
import openchat.core.ChatEvent;
import openchat.core.ClusterLink;
import openchat.core.CoreConfig;
import openchat.core.HistoryAge;
import openchat.core.LeaveReason;
import openchat.core.Member;
import openchat.core.MemberInfo;
import openchat.core.MemberView;
import openchat.core.Names;
import openchat.core.Presence;
import openchat.core.Refusal;
import openchat.core.RegisteredRoom;
import openchat.core.RoomBan;
import openchat.core.RoomNames;
import openchat.core.RoomRole;
import openchat.core.RoomView;
import openchat.core.StoredMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's shared state on Redis: the core's {@link ClusterLink}. Each room's order is decided in Redis: one
 * Lua script per operation checks and changes the room and appends the event, numbered by the room's sequence, to
 * the room's stream (entry id {@code SEQ-0}); chat lines also go to the room's history stream, trimmed to the
 * retention. {@link StreamReader} hands every node the events of the rooms it follows; {@link NodeLiveness}
 * keeps the node alive and declares silent ones dead; {@link Seats} gives back what members hold.
 * docs/CLUSTER.md describes the keys and the guarantees.
 *
 * <p>Every write made for a member goes through the {@link Fence}, so that what the node answers is what Redis did
 * (a refused write is never carried out later; one whose link dropped is settled), and what turns out to have been
 * done after the node answered otherwise is undone or told.
 *
 * <p>Threads: operations run on the caller's thread and wait for their one round trip (Lettuce's threads do the
 * I/O), at most the command timeout; a room line ({@link #postLater}) does not wait; the reader thread hands events to
 * {@link ClusterLink.Events}; a scheduler thread runs the liveness and what the node owes Redis.
 */
public final class RedisClusterLink implements ClusterLink {
    private static final Logger log = LoggerFactory.getLogger(RedisClusterLink.class);

    private static final Script JOIN = Script.fenced("join");
    private static final Script KICK = Script.fenced("kick");
    private static final Script POST = Script.fenced("post");
    private static final Script TOPIC = Script.fenced("topic");
    private static final Script LIMIT = Script.fenced("limit");
    private static final Script DELETE_MESSAGES = Script.fenced("delete-messages");
    private static final Script ROOM_BAN = Script.fenced("room-ban");
    private static final Script ROOM_UNBAN = Script.fenced("room-unban");
    private static final Script ROOM_REGISTER = Script.fenced("room-register");
    private static final Script ROOM_UNREGISTER = Script.fenced("room-unregister");
    private static final Script ROOM_CLAIM = Script.fenced("room-claim");
    private static final Script WHISPER = Script.fenced("whisper");
    private static final Script INVITE = Script.fenced("invite");
    private static final Script KILL = Script.fenced("kill");
    private static final Script AWAY = Script.fenced("away");
    private static final Script RENAME = Script.fenced("rename");
    private static final Script CLAIM = Script.fenced("claim");
    private static final Script NEWS = Script.fenced("news");
    private static final Script NUMBERING = Script.load("numbering");
    private static final Script ROOMS = Script.load("rooms");
    private static final Script ROOM = Script.load("room");
    private static final Script ROOM_LAPSE = Script.load("room-lapse");
    private static final Script LOOKALIKE = Script.load("lookalike");
    private static final Script ROOM_BAN_LOOKS = Script.load("room-ban-looks");

    private static final String LOBBY_KEY = RoomNames.key(RoomNames.LOBBY);

    private final ClusterSettings settings;
    /** The history's maximum age on the link's clock: reads leave older lines out. */
    private final HistoryAge age;
    /** Trims what is older than the maximum age, when there is one; from {@link #start}. */
    private volatile HistoryExpiry expiry;

    private final Clock clock;
    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final StatefulRedisConnection<String, String> readerConnection;
    private final RedisCommands<String, String> redis;
    /** The same connection, for the posts a node does not wait for: commands keep the order they are issued in. */
    private final RedisAsyncCommands<String, String> later;

    private final RedisTime time = new RedisTime();
    private final Fence fence;
    private final Seats seats;
    private final NodeLiveness liveness;
    private final StreamReader reader;

    private volatile boolean started;
    /** Where what the store says of this node's members goes; from {@link #start}. */
    private volatile Events events;

    /**
     * Why a node's members left, for the others (the detail of their LEFT), as sentences in this node's language:
     * {@code nodeGone} for a node that stopped answering (or whose previous run did), {@code nodeStopped} for this
     * node stopped by its operator.
     */
    public record LeaveTexts(String nodeGone, String nodeStopped) {}

    /** Connects to Redis; fails (a {@link RedisException}) when it cannot be reached now. */
    public RedisClusterLink(ClusterSettings settings, Clock clock) {
        this(settings, clock, new LeaveTexts("", ""));
    }

    /**
     * Connects to Redis; fails (a {@link RedisException}) when it cannot be reached now. {@code leaveTexts}: what the
     * members of a node that left the cluster leave with.
     */
    public RedisClusterLink(ClusterSettings settings, Clock clock, LeaveTexts leaveTexts) {
        this.settings = settings;
        this.clock = clock;
        this.age = HistoryAge.of(settings.historyMaxAge(), clock);
        this.resources = ClientResources.builder()
                .reconnectDelay(
                        Delay.exponential(Duration.ofMillis(50), settings.reconnectMax(), 2, TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                // A write is not abandoned at a timeout, which Redis would not know of: the fence waits for it (or
                // decides, by its deadline, that it can no longer run). Waiting callers still stop at the timeout.
                .timeoutOptions(TimeoutOptions.builder().timeoutCommands(false).build())
                .build());
        RedisURI uri = settings.uri();
        uri.setTimeout(settings.commandTimeout());
        try {
            this.connection = client.connect(uri);
            RedisURI readerUri = settings.uri();
            readerUri.setTimeout(settings.commandTimeout().plus(settings.readBlock()));
            this.readerConnection = client.connect(readerUri);
        } catch (RuntimeException e) {
            shutdownClient();
            throw e;
        }
        this.redis = connection.sync();
        this.later = connection.async();
        this.fence = new Fence(later, redis, time, RedisKeys.ops(settings.node()), settings.commandTimeout());
        this.seats = new Seats(
                redis, fence, settings.eventsKept(), settings.deadAfter().multipliedBy(2));
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "openchat-cluster");
            thread.setDaemon(true);
            return thread;
        });
        this.reader = new StreamReader(readerConnection.sync(), redis, settings, clock.getZone());
        this.liveness = new NodeLiveness(
                redis, settings, seats, time, fence, clock, scheduler, leaveTexts, reader::inboxPosition);
        fence.owingTo(liveness);
    }

    /**
     * Redis no longer knows this node (it lost its data, or declared the node dead): nothing is followed any more, and
     * each room it followed goes on numbering from the last seq handed on here, so that a client catching up after
     * it with {@code History-After} is not left below the room's new numbers.
     */
    private void forgotten() {
        reader.reset().forEach((roomKey, seq) -> {
            try {
                NUMBERING.run(
                        redis, ScriptOutputType.INTEGER, new String[] {RedisKeys.room(roomKey)}, String.valueOf(seq));
            } catch (RedisException e) {
                log.warn("cannot keep the numbering of room {} going: {}", roomKey, e.getMessage());
            }
        });
    }

    /** Whether the cluster's Redis answered the last heartbeat. */
    public boolean reachable() {
        return liveness.reachable();
    }

    @Override
    public Counts counts() {
        return liveness.counts();
    }

    /** This node's id in the cluster. */
    public String node() {
        return settings.node();
    }

    @Override
    public void start(Events events) {
        this.events = events;
        liveness.start(events, this::forgotten);
        reader.start(events);
        fillRoomBanLooks();
        if (settings.historyMaxAge() != null) {
            expiry = new HistoryExpiry(redis, settings.historyMaxAge(), clock);
        }
        started = true;
    }

    /**
     * Gives their looks ({@link Ban#looks}) as this version sees them to the rooms' bans kept without them, by a
     * node of a version before looks, or with fewer (before the looks of a name in capitals), so that Redis checks
     * them by their looks too (room-banned.lua). A ban changed meanwhile is left as it now is. Run as the node starts:
     * once one node of this version has, the others find nothing to do. Redis out of reach leaves them as they are
     * until the next start: they still hold by key, address and the looks they had.
     */
    private void fillRoomBanLooks() {
        try {
            Set<String> rooms = new LinkedHashSet<>();
            for (String made : redis.zrange(RedisKeys.ROOM_BANS, 0, -1)) {
                rooms.add(made.substring(0, made.indexOf('\n')));
            }
            int filled = 0;
            for (String roomKey : rooms) {
                for (Map.Entry<String, String> kept :
                        redis.hgetall(RedisKeys.roomBans(roomKey)).entrySet()) {
                    filled += fillLooks(roomKey, kept.getKey(), kept.getValue()) ? 1 : 0;
                }
            }
            if (filled > 0) {
                log.info("{} rooms' bans kept by an older version now keep out every look-alike of theirs", filled);
            }
        } catch (RuntimeException unreachable) {
            log.warn(
                    "the rooms' bans kept by an older version could not be given their looks: {}",
                    unreachable.toString());
        }
    }

    /** {@link #fillRoomBanLooks} for one ban: true when it was given its looks. */
    private boolean fillLooks(String roomKey, String slot, String kept) {
        String withLooks;
        try {
            withLooks = StreamEntries.withLooksOfNow(roomKey, kept);
        } catch (RuntimeException unreadable) {
            return false; // roomBans() says so when it is read
        }
        if (withLooks == null) {
            return false;
        }
        Long done = ROOM_BAN_LOOKS.run(
                redis, ScriptOutputType.INTEGER, keys(RedisKeys.roomBans(roomKey)), slot, kept, withLooks);
        return done != null && done == 1;
    }

    @Override
    public boolean claimName(String nameKey, String name, String skeleton) {
        String op = fence.newId();
        String giveBack = fence.newId();
        Long claimed = write(
                () -> fence.send(
                        CLAIM,
                        ScriptOutputType.INTEGER,
                        keys(
                                RedisKeys.name(nameKey),
                                RedisKeys.names(settings.node()),
                                RedisKeys.LOOKS,
                                RedisKeys.LOOKS_BY_NAME,
                                RedisKeys.PRESENCE),
                        args(settings.node(), nameKey, name, skeleton, RedisKeys.NAME_PREFIX),
                        op,
                        false,
                        (Long done) -> {
                            if (done == 1) { // claimed after the connect was refused: the name is free again
                                seats.releaseOwn(giveBack, settings.node(), nameKey);
                            }
                        }),
                "",
                "",
                true);
        return claimed == 1;
    }

    @Override
    public void releaseName(String nameKey) {
        String op = fence.newId();
        liveness.owe(() -> seats.releaseOwn(op, settings.node(), nameKey));
    }

    @Override
    public Optional<String> lookalikeOf(String skeleton, String nameKey) {
        String holder = call(() -> LOOKALIKE.run(
                redis,
                ScriptOutputType.VALUE,
                keys(RedisKeys.LOOKS, RedisKeys.LOOKS_BY_NAME),
                skeleton,
                nameKey,
                RedisKeys.NAME_PREFIX));
        return Optional.ofNullable(holder);
    }

    @Override
    public Joined join(
            String roomKey,
            String roomName,
            boolean permanent,
            Member<?> member,
            String keyHash,
            CoreConfig config,
            OffsetDateTime at) {
        String op = fence.newId();
        String undo = fence.newId();
        List<Object> out = write(
                () -> fence.send(
                        JOIN,
                        ScriptOutputType.MULTI,
                        keys(
                                RedisKeys.room(roomKey),
                                RedisKeys.members(roomKey),
                                RedisKeys.ROOMS,
                                RedisKeys.events(roomKey),
                                RedisKeys.seats(settings.node()),
                                RedisKeys.roomBans(roomKey),
                                RedisKeys.ROOM_BANS,
                                RedisKeys.addresses(roomKey),
                                RedisKeys.ROOM_KEYS),
                        args(
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
                                String.valueOf(settings.eventsKept()),
                                member.away(),
                                madeFrom(member, AddressKey::of),
                                madeFrom(member, AddressKey::network),
                                String.valueOf(config.maxRoomsPerAddress()),
                                String.valueOf(config.maxRoomsPerNetwork()),
                                RedisKeys.ROOM_PREFIX,
                                RedisKeys.EMPTIED_TOPICS,
                                addressOf(member),
                                looksOf(member),
                                keyHash == null ? "" : keyHash,
                                Names.ADMINISTRATOR),
                        op,
                        false,
                        // Seated after the join was refused: the seat is given back (the others see it go).
                        (List<Object> done) -> seats.leaveOwn(
                                undo,
                                settings.node(),
                                roomKey,
                                member.key(),
                                LeaveReason.PARTED,
                                "",
                                false,
                                clock.millis())),
                roomName,
                "",
                true);
        long seq = (Long) out.get(0);
        RoomView room = new RoomView(
                (String) out.get(1),
                ((Long) out.get(2)).intValue(),
                limitOf((String) out.get(8)),
                emptyToNull((String) out.get(3)),
                (String) out.get(4),
                emptyToNull((String) out.get(6)),
                at((String) out.get(7)),
                seq,
                instant((String) out.get(5)),
                flag(out.get(11)));
        long owned = (Long) out.get(9);
        ChatEvent.NewOwner owner = owned == 0
                ? null
                : new ChatEvent.NewOwner(room.name(), member.name(), at, owned, emptyToNull((String) out.get(10)));
        return new Joined(seq, room, owner);
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
        long atMillis = at.toInstant().toEpochMilli();
        String op = fence.newId();
        liveness.owe(() -> seats.leaveOwn(op, settings.node(), roomKey, member.key(), reason, detail, quiet, atMillis));
    }

    @Override
    public long post(String roomKey, String roomName, Member<?> from, String text, boolean notice, OffsetDateTime at) {
        String op = fence.newId();
        return write(
                () -> fence.send(
                        POST,
                        ScriptOutputType.INTEGER,
                        postKeys(roomKey),
                        postArgs(roomKey, from, text, notice, at),
                        op,
                        false,
                        toldAfterAll(from.key())),
                roomName,
                "",
                false);
    }

    /**
     * The keys the post script touches: the room, its members, its events stream, its history stream, and the bans it
     * checks the sender against.
     */
    private static String[] postKeys(String roomKey) {
        return keys(
                RedisKeys.room(roomKey),
                RedisKeys.members(roomKey),
                RedisKeys.events(roomKey),
                RedisKeys.history(roomKey),
                RedisKeys.roomBans(roomKey),
                RedisKeys.ROOM_BANS);
    }

    private String[] postArgs(String roomKey, Member<?> from, String text, boolean notice, OffsetDateTime at) {
        return new String[] {
            from.key(),
            from.name(),
            text,
            flag(notice),
            millis(at),
            String.valueOf(settings.eventsKept()),
            String.valueOf(StoredMessage.isKept(text) ? settings.historyKept() : 0), // 0: not stored
            from.away(),
            "", // a line is tried against the room's bans by name alone: Ban.Who.speaking
            roomKey,
            speakingLooksOf(from),
            Names.ADMINISTRATOR
        };
    }

    /** The looks a member's lines are tried by against a room's bans: its name's and its earlier names' this connection. */
    private static String speakingLooksOf(Member<?> member) {
        return member.isAdmin() ? "" : String.join(" ", member.looksThisConnection());
    }

    /**
     * The line waits for Redis's answer as long as the link lives (a stalling Redis runs it when it resumes, and the
     * sender is told so then); the caller's thread does not wait.
     */
    @Override
    public CompletionStage<Long> postLater(
            String roomKey, String roomName, Member<?> from, String text, boolean notice, OffsetDateTime at) {
        if (!liveness.reachable()) {
            return CompletableFuture.failedFuture(unavailable());
        }
        Fence.Write<Long> posted = fence.sendLater(
                POST, ScriptOutputType.INTEGER, postKeys(roomKey), postArgs(roomKey, from, text, notice, at));
        return posted.outcome.handle((seq, failure) -> {
            if (failure == null) {
                return seq;
            }
            Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
            if (cause instanceof Fence.NotDone notDone && notDone.scriptMissing()) {
                liveness.scriptsMissing(); // Redis restarted under us: refused, not resent out of order
            }
            throw refusalOf(cause, roomName, "", false);
        });
    }

    @Override
    public String kick(
            String roomKey, String roomName, Member<?> by, String targetName, String detail, OffsetDateTime at) {
        String op = fence.newId();
        return write(
                () -> fence.send(
                        KICK,
                        ScriptOutputType.VALUE,
                        keys(
                                RedisKeys.room(roomKey),
                                RedisKeys.members(roomKey),
                                RedisKeys.ROOMS,
                                RedisKeys.events(roomKey)),
                        args(
                                roomKey,
                                by.key(),
                                by.name(),
                                flag(by.isAdmin()),
                                Names.key(targetName),
                                detail,
                                millis(at),
                                String.valueOf(settings.eventsKept()),
                                flag(roomKey.equals(LOBBY_KEY)),
                                RedisKeys.NODE_PREFIX,
                                RedisKeys.ROOM_PREFIX,
                                RedisKeys.EMPTIED_TOPICS,
                                String.valueOf(CoreConfig.EMPTIED_ROOM_TOPICS)),
                        op,
                        false,
                        toldAfterAll(by.key())),
                roomName,
                targetName,
                false);
    }

    @Override
    public long topic(String roomKey, String roomName, Member<?> by, String topic, OffsetDateTime at) {
        String op = fence.newId();
        return write(
                () -> fence.send(
                        TOPIC,
                        ScriptOutputType.INTEGER,
                        keys(
                                RedisKeys.room(roomKey),
                                RedisKeys.members(roomKey),
                                RedisKeys.events(roomKey),
                                RedisKeys.ROOMS),
                        args(
                                by.key(),
                                by.name(),
                                flag(by.isAdmin()),
                                topic,
                                millis(at),
                                String.valueOf(settings.eventsKept()),
                                roomKey),
                        op,
                        false,
                        toldAfterAll(by.key())),
                roomName,
                "",
                false);
    }

    @Override
    public int limit(String roomKey, String roomName, Member<?> by, int limit, int capacity, OffsetDateTime at) {
        String op = fence.newId();
        Long inForce = write(
                () -> fence.send(
                        LIMIT,
                        ScriptOutputType.INTEGER,
                        keys(
                                RedisKeys.room(roomKey),
                                RedisKeys.members(roomKey),
                                RedisKeys.events(roomKey),
                                RedisKeys.ROOMS),
                        args(
                                by.key(),
                                by.name(),
                                flag(by.isAdmin()),
                                String.valueOf(limit),
                                String.valueOf(capacity),
                                millis(at),
                                String.valueOf(settings.eventsKept()),
                                roomKey),
                        op,
                        false,
                        toldAfterAll(by.key())),
                roomName,
                "",
                false);
        return inForce.intValue();
    }

    /**
     * One script ({@code delete-messages.lua}) checks {@code by}'s right in the store, takes the messages out of the
     * room's history stream, which every node's reads ({@link #before}, {@link #after}) and joiners' replays come
     * from, and streams the deletion ({@code t=D}) for every node to tell its members present.
     */
    @Override
    public void delete(String roomKey, Member<?> by, ChatEvent.Deleted deleted) {
        String op = fence.newId();
        write(
                () -> fence.send(
                        DELETE_MESSAGES,
                        ScriptOutputType.INTEGER,
                        keys(
                                RedisKeys.room(roomKey),
                                RedisKeys.members(roomKey),
                                RedisKeys.events(roomKey),
                                RedisKeys.ROOMS,
                                RedisKeys.history(roomKey)),
                        args(
                                by.key(),
                                by.name(),
                                flag(by.isAdmin()),
                                roomKey,
                                millis(deleted.at()),
                                String.valueOf(settings.eventsKept()),
                                deleted.from(),
                                deleted.reason(),
                                StreamEntries.seqsText(deleted.seqs()),
                                deleted.firstSent() == null ? "" : millis(deleted.firstSent()),
                                deleted.lastSent() == null ? "" : millis(deleted.lastSent())),
                        op,
                        false,
                        toldAfterAll(by.key())),
                deleted.room(),
                "",
                false);
    }

    /** The last word of a script's {@code WRONG_ROOM_KEY} for a room that has no key at all. */
    private static final String UNREGISTERED = "unregistered";

    /**
     * A script's {@code WRONG_ROOM_KEY}, whose {@code rest} is the room as the store writes it (when the script names
     * it, else {@code room}) and {@code unregistered} when the room has no key at all.
     */
    private static Refusal wrongRoomKey(String rest, String room) {
        String[] words = rest.isEmpty() ? new String[0] : rest.split(" ");
        boolean unregistered = words.length > 0 && words[words.length - 1].equals(UNREGISTERED);
        String named = words.length > 0 && !words[0].equals(UNREGISTERED) ? words[0] : room;
        return Refusal.wrongRoomKey(named, !unregistered);
    }

    /** What the registration script answers when the new key replaced one. */
    private static final long REPLACED = 2;

    @Override
    public boolean register(
            String roomKey,
            String roomName,
            Member<?> by,
            String hash,
            int most,
            String network,
            int mostFromNetwork,
            OffsetDateTime at) {
        String op = fence.newId();
        Long done = write(
                () -> fence.send(
                        ROOM_REGISTER,
                        ScriptOutputType.INTEGER,
                        roomKeyKeys(roomKey),
                        args(
                                roomKey,
                                by.key(),
                                by.name(),
                                flag(by.isAdmin()),
                                flag(roomKey.equals(LOBBY_KEY)),
                                hash,
                                String.valueOf(most),
                                millis(at),
                                roomName,
                                String.valueOf(settings.eventsKept()),
                                network == null ? "" : network,
                                String.valueOf(mostFromNetwork)),
                        op,
                        false,
                        toldAfterAll(by.key())),
                roomName,
                "",
                false);
        return done != null && done == REPLACED;
    }

    @Override
    public void unregister(String roomKey, String roomName, Member<?> by, OffsetDateTime at) {
        String op = fence.newId();
        write(
                () -> fence.send(
                        ROOM_UNREGISTER,
                        ScriptOutputType.INTEGER,
                        roomKeyKeys(roomKey),
                        args(
                                roomKey,
                                by.key(),
                                flag(by.isAdmin()),
                                flag(roomKey.equals(LOBBY_KEY)),
                                by.name(),
                                millis(at),
                                String.valueOf(settings.eventsKept())),
                        op,
                        false,
                        toldAfterAll(by.key())),
                roomName,
                "",
                false);
    }

    /**
     * The keys the room registration scripts touch: the room, its members, the rooms, the registered rooms' keys, and
     * the room's events, where the change is told.
     */
    private static String[] roomKeyKeys(String roomKey) {
        return keys(
                RedisKeys.room(roomKey),
                RedisKeys.members(roomKey),
                RedisKeys.ROOMS,
                RedisKeys.ROOM_KEYS,
                RedisKeys.events(roomKey));
    }

    @Override
    public RoomRole claim(String roomKey, String roomName, Member<?> member, String hash, OffsetDateTime at) {
        String op = fence.newId();
        String role = write(
                () -> fence.send(
                        ROOM_CLAIM,
                        ScriptOutputType.VALUE,
                        keys(
                                RedisKeys.room(roomKey),
                                RedisKeys.members(roomKey),
                                RedisKeys.events(roomKey),
                                RedisKeys.ROOM_KEYS),
                        args(
                                roomKey,
                                member.key(),
                                hash,
                                millis(at),
                                String.valueOf(settings.eventsKept()),
                                flag(roomKey.equals(LOBBY_KEY)),
                                member.away()),
                        op,
                        false,
                        toldAfterAll(member.key())),
                roomName,
                "",
                false);
        return switch (role) {
            case "owner" -> RoomRole.OWNER;
            case "admin" -> RoomRole.ADMIN;
            default -> RoomRole.MEMBER;
        };
    }

    @Override
    public RoomBan roomBan(String roomKey, String roomName, Member<?> by, Ban ban, String namedKey, OffsetDateTime at) {
        String op = fence.newId();
        String address = write(
                () -> fence.send(
                        ROOM_BAN,
                        ScriptOutputType.VALUE,
                        roomBanKeys(roomKey, RedisKeys.addresses(roomKey)),
                        args(
                                by.key(),
                                by.name(),
                                flag(by.isAdmin()),
                                roomKey,
                                ban.slot(),
                                ban.isPermanent() ? "" : millis(ban.expires()),
                                StreamEntries.banText(ban),
                                namedKey == null ? "" : namedKey,
                                addressOf(by),
                                millis(at),
                                String.valueOf(settings.eventsKept()),
                                String.valueOf(CoreConfig.MAX_ROOM_BANS),
                                String.valueOf(CoreConfig.MAX_ROOM_BANS_IN_ALL),
                                RedisKeys.ROOM_PREFIX,
                                ban.target(),
                                StreamEntries.looksText(ban),
                                ban.reason()),
                        op,
                        false,
                        toldAfterAll(by.key())),
                roomName,
                ban.target(),
                false);
        return new RoomBan(roomKey, ban, address == null || address.isEmpty() ? null : StreamEntries.address(address));
    }

    @Override
    public RoomBan roomUnban(
            String roomKey, String roomName, Member<?> by, String slot, String target, OffsetDateTime at) {
        String op = fence.newId();
        String kept = write(
                () -> fence.send(
                        ROOM_UNBAN,
                        ScriptOutputType.VALUE,
                        roomBanKeys(roomKey),
                        args(
                                by.key(),
                                by.name(),
                                flag(by.isAdmin()),
                                roomKey,
                                slot,
                                millis(at),
                                String.valueOf(settings.eventsKept())),
                        op,
                        false,
                        toldAfterAll(by.key())),
                roomName,
                target,
                false);
        return StreamEntries.roomBan(roomKey, kept);
    }

    /** The keys the room ban scripts touch, then {@code more}. */
    private static String[] roomBanKeys(String roomKey, String... more) {
        List<String> keys = new ArrayList<>(List.of(
                RedisKeys.room(roomKey),
                RedisKeys.members(roomKey),
                RedisKeys.events(roomKey),
                RedisKeys.ROOMS,
                RedisKeys.roomBans(roomKey),
                RedisKeys.ROOM_BANS));
        keys.addAll(List.of(more));
        return keys.toArray(String[]::new);
    }

    @Override
    public List<RoomBan> roomBans(String roomKey) {
        Map<String, String> kept = call(() -> redis.hgetall(RedisKeys.roomBans(roomKey)));
        Instant now = clock.instant();
        List<RoomBan> bans = new ArrayList<>();
        for (String text : kept.values()) {
            try {
                RoomBan ban = StreamEntries.roomBan(roomKey, text);
                if (!ban.ban().lapsedAt(now)) { // a lapsed one is dropped by the next join, line or ban there
                    bans.add(ban);
                }
            } catch (RuntimeException damaged) {
                log.error("a ban in {} cannot be read and is ignored: {}", RedisKeys.roomBans(roomKey), text);
            }
        }
        bans.sort(Comparator.comparing((RoomBan ban) -> ban.ban().at().toInstant())
                .thenComparing(ban -> ban.ban().target()));
        return bans;
    }

    @Override
    public Optional<String> whisper(String toKey, ChatEvent.Private event) {
        String op = fence.newId();
        Consumer<String> told = toldAfterAll(Names.key(event.from()));
        String name = write(
                () -> fence.send(
                        WHISPER,
                        ScriptOutputType.VALUE,
                        keys(RedisKeys.name(toKey)),
                        args(
                                RedisKeys.NODE_PREFIX,
                                event.from(),
                                toKey,
                                event.text(),
                                flag(event.notice()),
                                millis(event.at()),
                                answeringLife()),
                        op,
                        false,
                        (String sentTo) -> {
                            if (sentTo != null) {
                                told.accept(sentTo);
                            }
                        }),
                "",
                "",
                false);
        return Optional.ofNullable(name);
    }

    @Override
    public String kill(String target, ChatEvent.Killed event) {
        String targetKey = Names.key(target);
        String op = fence.newId();
        return write(
                () -> fence.send(
                        KILL,
                        ScriptOutputType.VALUE,
                        keys(RedisKeys.name(targetKey)),
                        args(
                                RedisKeys.NODE_PREFIX,
                                settings.node(),
                                event.by(),
                                targetKey,
                                event.reason(),
                                millis(event.at()),
                                answeringLife(),
                                flag(Names.isAdministrator(target))),
                        op,
                        false,
                        toldAfterAll(Names.key(event.by()))),
                "",
                target,
                false);
    }

    @Override
    public String invite(String roomKey, String toKey, ChatEvent.Invited event) {
        String op = fence.newId();
        return write(
                () -> fence.send(
                        INVITE,
                        ScriptOutputType.VALUE,
                        keys(RedisKeys.name(toKey), RedisKeys.members(roomKey)),
                        args(
                                RedisKeys.NODE_PREFIX,
                                event.from(),
                                toKey,
                                event.room(),
                                millis(event.at()),
                                answeringLife()),
                        op,
                        false,
                        toldAfterAll(Names.key(event.from()))),
                event.room(),
                event.to(),
                false);
    }

    @Override
    public void away(Member<?> member, String message, OffsetDateTime at, List<String> roomKeys) {
        String op = fence.newId();
        String undo = fence.newId();
        String before = member.away();
        write(
                () -> fence.send(
                        AWAY,
                        ScriptOutputType.INTEGER,
                        keys(RedisKeys.name(member.key())),
                        awayArgs(member, message, at, roomKeys),
                        op,
                        false,
                        // Set after the change was refused: set back (the other nodes hear it come and go).
                        (Long done) -> fence.owed(fence.send(
                                AWAY,
                                ScriptOutputType.INTEGER,
                                keys(RedisKeys.name(member.key())),
                                awayArgs(member, before, OffsetDateTime.now(clock), roomKeys),
                                undo,
                                true,
                                null))),
                "",
                "",
                true);
    }

    private String[] awayArgs(Member<?> member, String message, OffsetDateTime at, List<String> roomKeys) {
        List<String> args = new ArrayList<>(List.of(
                RedisKeys.ROOM_PREFIX,
                RedisKeys.NODE_PREFIX,
                settings.node(),
                member.key(),
                member.name(),
                message,
                millis(at)));
        args.addAll(roomKeys);
        return args.toArray(String[]::new);
    }

    @Override
    public void rename(
            Member<?> member,
            String oldKey,
            String oldName,
            String newKey,
            String newName,
            String newSkeleton,
            OffsetDateTime at,
            List<String> roomKeys) {
        List<String> args = new ArrayList<>(List.of(
                RedisKeys.ROOM_PREFIX,
                RedisKeys.NODE_PREFIX,
                settings.node(),
                oldKey,
                newKey,
                newName,
                oldName,
                millis(at),
                newSkeleton,
                RedisKeys.NAME_PREFIX));
        args.addAll(roomKeys);
        String op = fence.newId();
        String undo = fence.newId();
        write(
                () -> fence.send(
                        RENAME,
                        ScriptOutputType.INTEGER,
                        keys(
                                RedisKeys.name(oldKey),
                                RedisKeys.name(newKey),
                                RedisKeys.names(settings.node()),
                                RedisKeys.seats(settings.node()),
                                RedisKeys.LOOKS,
                                RedisKeys.LOOKS_BY_NAME,
                                RedisKeys.PRESENCE),
                        args.toArray(String[]::new),
                        op,
                        false,
                        // Renamed after the rename was refused: this node knows the member by its old name, the
                        // others by its new one. The member goes under the new one, and must connect again.
                        (Long done) -> {
                            seats.takeMember(undo, settings.node(), newKey, "", clock.millis());
                            events.lostTrack(member);
                        }),
                "",
                newName,
                true);
    }

    @Override
    public Optional<MemberInfo> whois(String nameKey) {
        String holder = call(() -> redis.get(RedisKeys.name(nameKey)));
        if (holder == null) {
            return Optional.empty();
        }
        String node = holder.split("\t", 2)[0];
        List<String> roomKeys = new ArrayList<>();
        for (String seat : call(() -> redis.smembers(RedisKeys.seats(node)))) {
            int split = seat.indexOf('\n');
            if (split > 0 && seat.substring(split + 1).equals(nameKey)) {
                roomKeys.add(seat.substring(0, split));
            }
        }
        roomKeys.sort(null); // a set has no order: by name, the same on every node
        Map<String, RoomRole> rooms = new LinkedHashMap<>();
        for (String roomKey : roomKeys) {
            String seat = call(() -> redis.hget(RedisKeys.members(roomKey), nameKey));
            Map<String, String> room = call(() -> redis.hgetall(RedisKeys.room(roomKey)));
            if (seat == null || room.isEmpty()) {
                continue; // left a moment ago
            }
            String[] seatFields = seat.split("\t", 5);
            RoomRole role = seatFields.length > 2 && seatFields[2].equals("admin")
                    ? RoomRole.ADMIN
                    : nameKey.equals(room.get("owner")) ? RoomRole.OWNER : RoomRole.MEMBER;
            rooms.put(room.getOrDefault("name", roomKey), role);
        }
        Presence holding = presenceIn(nameKey, holder);
        return Optional.of(new MemberInfo(holding.name(), rooms, holding.away()));
    }

    /** One {@code MGET} of the names' keys: their holders' names and away messages, with no read per name. */
    @Override
    public Map<String, Presence> presenceOf(Set<String> nameKeys) {
        List<String> asked = List.copyOf(nameKeys);
        List<KeyValue<String, String>> holders =
                call(() -> redis.mget(asked.stream().map(RedisKeys::name).toArray(String[]::new)));
        Map<String, Presence> found = new HashMap<>();
        for (int i = 0; i < asked.size(); i++) {
            String holder = holders.get(i).getValueOrElse(null);
            if (holder != null) {
                found.put(asked.get(i), presenceIn(asked.get(i), holder));
            }
        }
        return found;
    }

    /** The holder of {@code nameKey} in its key's value ({@code NODE\tNAME[\tAWAY]}): its name as written, its away. */
    private static Presence presenceIn(String nameKey, String holder) {
        String[] fields = holder.split("\t", 3);
        return new Presence(fields.length > 1 ? fields[1] : nameKey, awayIn(holder));
    }

    @Override
    public String awayOf(String nameKey) {
        return awayIn(call(() -> redis.get(RedisKeys.name(nameKey))));
    }

    /** The away message in a name key's value ({@code NODE\tNAME[\tAWAY]}), or empty. */
    private static String awayIn(String holder) {
        if (holder == null) {
            return "";
        }
        String[] fields = holder.split("\t", 3);
        return fields.length == 3 ? fields[2] : "";
    }

    @Override
    public List<RoomView> rooms() {
        List<Object> rows = call(() -> ROOMS.run(
                redis, ScriptOutputType.MULTI, keys(RedisKeys.ROOMS, RedisKeys.ROOM_KEYS), RedisKeys.ROOM_PREFIX));
        List<RoomView> out = new ArrayList<>(rows.size());
        for (Object row : rows) {
            List<?> r = (List<?>) row;
            out.add(new RoomView(
                    (String) r.get(1),
                    ((Long) r.get(2)).intValue(),
                    limitOf((String) r.get(9)),
                    emptyToNull((String) r.get(3)),
                    (String) r.get(4),
                    emptyToNull((String) r.get(7)),
                    at((String) r.get(8)),
                    Long.parseLong((String) r.get(5)),
                    instant((String) r.get(6)),
                    flag(r.get(10))));
        }
        return out;
    }

    @Override
    public List<RegisteredRoom> registrations() {
        Map<String, String> kept = call(() -> redis.hgetall(RedisKeys.ROOM_KEYS));
        Map<String, String> used = call(() -> redis.hgetall(RedisKeys.ROOM_KEYS_USED));
        List<RegisteredRoom> out = new ArrayList<>(kept.size());
        kept.forEach((roomKey, value) -> out.add(StreamEntries.registration(
                roomKey, value, used.get(roomKey), () -> call(() -> redis.hget(RedisKeys.room(roomKey), "name")))));
        return RegisteredRoom.byName(out);
    }

    @Override
    public void keyUsed(String roomKey, Instant at) {
        try {
            call(() -> redis.hset(RedisKeys.ROOM_KEYS_USED, roomKey, String.valueOf(at.toEpochMilli())));
        } catch (Refusal unavailable) {
            log.warn("could not note that the key of room {} was used: {}", roomKey, unavailable.getMessage());
        }
    }

    @Override
    public List<RegisteredRoom> lapseRegistrations(Instant before, Instant now) {
        List<Object> dropped = call(() -> ROOM_LAPSE.run(
                redis,
                ScriptOutputType.MULTI,
                keys(RedisKeys.ROOM_KEYS, RedisKeys.ROOM_KEYS_USED, RedisKeys.ROOMS),
                String.valueOf(before.toEpochMilli()),
                String.valueOf(now.toEpochMilli())));
        List<RegisteredRoom> out = new ArrayList<>(dropped.size() / 3);
        for (int i = 0; i + 2 < dropped.size(); i += 3) {
            String roomKey = (String) dropped.get(i);
            out.add(StreamEntries.registration(
                    roomKey, (String) dropped.get(i + 1), (String) dropped.get(i + 2), () -> null));
        }
        return RegisteredRoom.byName(out);
    }

    @Override
    public Optional<RoomView> room(String roomKey) {
        List<Object> row = call(() -> ROOM.run(
                redis,
                ScriptOutputType.MULTI,
                keys(RedisKeys.ROOMS, RedisKeys.room(roomKey), RedisKeys.members(roomKey), RedisKeys.ROOM_KEYS),
                roomKey));
        if (row == null || row.isEmpty() || row.get(0) == null) {
            return Optional.empty(); // the script's false arrives as one null: no such room
        }
        return Optional.of(new RoomView(
                (String) row.get(0),
                ((Long) row.get(1)).intValue(),
                limitOf((String) row.get(8)),
                emptyToNull((String) row.get(2)),
                (String) row.get(3),
                emptyToNull((String) row.get(6)),
                at((String) row.get(7)),
                Long.parseLong((String) row.get(4)),
                instant((String) row.get(5)),
                flag(row.get(9))));
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
        List<String> holders = seats.isEmpty()
                ? List.of()
                : call(() -> redis.mget(seats.stream()
                                .map(seat -> RedisKeys.name(seat[0]))
                                .toArray(String[]::new)))
                        .stream()
                        .map(value -> value.getValueOrElse(null))
                        .toList();
        List<MemberView> out = new ArrayList<>(seats.size());
        for (int i = 0; i < seats.size(); i++) {
            String[] seat = seats.get(i);
            RoomRole role =
                    seat[2].equals("admin") ? RoomRole.ADMIN : seat[0].equals(owner) ? RoomRole.OWNER : RoomRole.MEMBER;
            out.add(new MemberView(seat[4], role, seat[3].equals("1"), awayIn(holders.get(i))));
        }
        return out;
    }

    @Override
    public List<StoredMessage> before(String roomKey, long before, int limit) {
        if (before <= 1 || limit <= 0) {
            return List.of();
        }
        String upper = before == Long.MAX_VALUE ? "+" : (before - 1) + "-0";
        Instant oldestKept = age.oldestKept();
        List<StreamMessage<String, String>> page = call(
                () -> redis.xrevrange(RedisKeys.history(roomKey), Range.create("-", upper), Limit.create(0, limit)));
        List<StoredMessage> out = stored(roomKey, page);
        // Newest first: the expired ones, if any, are at the end, and nothing older than them is kept.
        out.removeIf(message -> !HistoryAge.keeps(message, oldestKept));
        Collections.reverse(out);
        return out;
    }

    @Override
    public List<StoredMessage> after(String roomKey, long after, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        Instant oldestKept = age.oldestKept();
        List<StoredMessage> out = new ArrayList<>();
        long from = Math.max(0, after);
        while (true) {
            String lower = (from + 1) + "-0";
            List<StreamMessage<String, String>> page = call(
                    () -> redis.xrange(RedisKeys.history(roomKey), Range.create(lower, "+"), Limit.create(0, limit)));
            List<StoredMessage> read = stored(roomKey, page);
            for (StoredMessage message : read) {
                if (HistoryAge.keeps(message, oldestKept) && out.size() < limit) {
                    out.add(message);
                }
            }
            // Oldest first: a page of expired lines the sweep has not deleted yet is passed over to the next.
            if (out.size() >= limit || read.size() < limit) {
                return out;
            }
            from = read.get(read.size() - 1).seq();
        }
    }

    @Override
    public void follow(String roomKey, long afterSeq) {
        reader.follow(roomKey, afterSeq);
    }

    @Override
    public void unfollow(String roomKey) {
        reader.unfollow(roomKey);
    }

    @Override
    public List<Ban> bans() {
        Map<String, String> kept = call(() -> redis.hgetall(RedisKeys.BANS));
        List<Ban> bans = new ArrayList<>();
        for (String text : kept.values()) {
            try {
                bans.add(StreamEntries.ban(text));
            } catch (RuntimeException damaged) {
                log.error("a ban in {} cannot be read and is ignored: {}", RedisKeys.BANS, text);
            }
        }
        bans.sort(Comparator.comparing((Ban ban) -> ban.at().toInstant()).thenComparing(Ban::target));
        return bans;
    }

    @Override
    public void ban(Ban ban) {
        tellEveryNode("ban", ban.slot(), StreamEntries.banText(ban));
    }

    @Override
    public void unban(Ban ban) {
        tellEveryNode("unban", ban.slot(), StreamEntries.banText(ban));
    }

    /**
     * News for every node on the cluster stream ({@code news.lua}): a ban kept or forgotten and told, the
     * administrator's announcement, or the stop. Whoever it concerns hears it from the stream, this node too, so a
     * refusal that turns out wrong needs no undoing. {@code args}: the script's, after {@code what}.
     */
    private void tellEveryNode(String what, String... args) {
        String op = fence.newId();
        String[] scriptArgs = new String[args.length + 1];
        scriptArgs[0] = what;
        System.arraycopy(args, 0, scriptArgs, 1, args.length);
        write(
                () -> fence.send(
                        NEWS,
                        ScriptOutputType.INTEGER,
                        keys(RedisKeys.BANS, RedisKeys.CLUSTER),
                        scriptArgs,
                        op,
                        false,
                        null),
                "",
                "",
                false);
    }

    @Override
    public void announce(ChatEvent.Notice announcement) {
        tellEveryNode("announce", announcement.from(), announcement.text(), millis(announcement.at()));
    }

    @Override
    public void stopCluster(String reason) {
        tellEveryNode("stop", "", reason);
    }

    @Override
    public void close() {
        if (expiry != null) {
            expiry.close();
        }
        if (started) {
            started = false;
            liveness.leave();
            reader.stop();
        }
        shutdownClient();
    }

    // ---- helpers ----

    /** Runs one round trip that reads; a store that cannot be reached becomes a refusal. */
    private <T> T call(Supplier<T> command) {
        if (!liveness.reachable()) {
            // Known to be away: refuse at once rather than hold the caller's event loop for the command timeout.
            throw unavailable();
        }
        try {
            return command.get();
        } catch (RedisCommandExecutionException e) {
            throw refusal(e.getMessage(), "", "");
        } catch (RedisException e) {
            throw unavailable();
        }
    }

    /**
     * Makes one write through the fence and waits for its outcome, at most the command timeout: its value, or the
     * core's refusal about {@code room} (or the member {@code target}). {@code undone}: a write that is undone should
     * it turn out done after it was refused, so that "unavailable" is true of it even when its link dropped; any other
     * write whose outcome is not known in time is refused as in doubt. A write Redis did not run because it no longer
     * knew the script (it restarted) is sent again, under the same id, once the scripts are loaded.
     */
    private <T> T write(Supplier<Fence.Write<T>> send, String room, String target, boolean undone) {
        if (!liveness.reachable()) {
            // Known to be away: refuse at once rather than hold the caller's event loop for the command timeout.
            throw unavailable();
        }
        try {
            try {
                return fence.await(send.get());
            } catch (Fence.NotDone notDone) {
                if (!notDone.scriptMissing()) {
                    throw notDone;
                }
                Script.loadAll(redis);
                return fence.await(send.get());
            }
        } catch (RuntimeException failed) {
            throw refusalOf(failed, room, target, undone);
        }
    }

    /** What the core is told of a write that failed: see {@link #write}. */
    private RuntimeException refusalOf(Throwable failure, String room, String target, boolean undone) {
        if (failure instanceof RedisCommandExecutionException refused) {
            return refusal(refused.getMessage(), room, target);
        }
        if (failure instanceof Fence.InDoubt && !undone) {
            return Refusal.of(Refusal.Reason.IN_DOUBT);
        }
        if (failure instanceof Fence.NotDone || failure instanceof Fence.InDoubt || failure instanceof RedisException) {
            return unavailable();
        }
        return failure instanceof RuntimeException runtime ? runtime : new CompletionException(failure);
    }

    /**
     * The least time, in milliseconds as text, that a node still answering has left on its alive key: one that
     * missed three heartbeats in a row (or half the time to its death, with settings where that is sooner) is taken
     * for one that stopped answering, and private messages and invitations to its members are refused
     * ({@code UNREACHABLE}) instead of being handed to an inbox that may never be read again.
     */
    private String answeringLife() {
        long deadAfter = settings.deadAfter().toMillis();
        return String.valueOf(deadAfter - Math.min(3 * settings.heartbeat().toMillis(), deadAfter / 2));
    }

    /** What tells the member {@code memberKey} that a write refused as not done was done after all. */
    private <T> Consumer<T> toldAfterAll(String memberKey) {
        return done -> events.doneAfterAll(memberKey);
    }

    /**
     * The set of the rooms made from {@code member}'s address, or its network, that a room it makes counts in; empty
     * for the administrator's, which count nowhere, as on a single server.
     */
    private static String madeFrom(Member<?> member, Function<InetAddress, AddressKey> key) {
        return member.isAdmin() || member.origin() == null ? "" : RedisKeys.made(key.apply(member.origin()));
    }

    /**
     * The address key a member's joins and lines are checked against a room's bans by, and kept by while it is in a
     * room; empty for the administrator's, whom no room's ban keeps out, and a member with no address.
     */
    private static String addressOf(Member<?> member) {
        return member.isAdmin() || member.origin() == null
                ? ""
                : AddressKey.of(member.origin()).toString();
    }

    /**
     * The looks a member's joins and lines are checked against a room's bans by ({@link Member#looks}, split by
     * spaces); empty for the administrator's, whom no room's ban keeps out.
     */
    private static String looksOf(Member<?> member) {
        return member.isAdmin() ? "" : String.join(" ", member.looks());
    }

    /** A room's member limit as its hash keeps it: '' is the server's capacity. */
    private int limitOf(String kept) {
        return kept == null || kept.isEmpty()
                ? settings.roomCapacity()
                : Math.min(Integer.parseInt(kept), settings.roomCapacity());
    }

    private Refusal unavailable() {
        return Refusal.retryAfter(
                Refusal.Reason.UNAVAILABLE, settings.retryAfter().toSeconds());
    }

    /** A script's error reply as the core's refusal. */
    private Refusal refusal(String error, String room, String target) {
        // Not stripped at its end: a room's ban ends with its end's field, empty for one that lasts until lifted.
        String text = error == null ? "" : error.stripLeading();
        if (text.startsWith("ERR ")) { // Redis puts it before a script's error without a code of its own
            text = text.substring(4);
        }
        String[] words = text.split(" ", 2);
        return switch (words[0]) {
            case "ROOM_FULL" -> {
                String[] counts = words[1].split(" ");
                yield Refusal.full(
                        room,
                        Integer.parseInt(counts[0]),
                        counts.length > 1 ? Integer.parseInt(counts[1]) : limitOf(""));
            }
            case "ROOM_BANNED" -> Refusal.roomBanned(
                    room, StreamEntries.roomBan(RoomNames.key(room), words[1]).ban(), clock.instant());
            case "TOO_MANY_ROOM_BANS" -> Refusal.limit(Refusal.Reason.TOO_MANY_ROOM_BANS, Integer.parseInt(words[1]));
            case "NOT_BANNED" -> Refusal.of(Refusal.Reason.NOT_BANNED, target);
            case "INVALID_LIMIT" -> Refusal.invalidLimit(Integer.parseInt(words[1]), settings.roomCapacity());
            case "TOO_MANY_ROOMS" -> Refusal.limit(Refusal.Reason.TOO_MANY_ROOMS, settings.maxRooms());
            case "TOO_MANY_ROOMS_FROM_ADDRESS" -> Refusal.limit(
                    Refusal.Reason.TOO_MANY_ROOMS_FROM_ADDRESS, Integer.parseInt(words[1]));
            case "ALREADY_IN_ROOM" -> Refusal.of(Refusal.Reason.ALREADY_IN_ROOM, room);
            case "NOT_IN_ROOM" -> Refusal.of(Refusal.Reason.NOT_IN_ROOM, room);
                // The join script names the room as the store writes it, when it exists.
            case "WRONG_ROOM_KEY" -> wrongRoomKey(words.length > 1 ? words[1] : "", room);
            case "NOT_KEY_HOLDER" -> Refusal.of(Refusal.Reason.NOT_KEY_HOLDER, room);
            case "NOT_REGISTERED" -> Refusal.of(Refusal.Reason.NOT_REGISTERED, room);
            case "LOBBY_UNOWNED" -> Refusal.of(Refusal.Reason.LOBBY_UNOWNED, room);
            case "TOO_MANY_REGISTERED_ROOMS" -> Refusal.limit(
                    Refusal.Reason.TOO_MANY_REGISTERED_ROOMS, Integer.parseInt(words[1]));
            case "TOO_MANY_REGISTERED_ROOMS_FROM_ADDRESS" -> Refusal.limit(
                    Refusal.Reason.TOO_MANY_REGISTERED_ROOMS_FROM_ADDRESS, Integer.parseInt(words[1]));
            case "NO_SUCH_ROOM" -> Refusal.of(Refusal.Reason.NO_SUCH_ROOM, room);
            case "NO_SUCH_MEMBER" -> Refusal.of(Refusal.Reason.NO_SUCH_MEMBER, target);
            case "UNREACHABLE" -> Refusal.of(Refusal.Reason.UNREACHABLE, words[1]);
            case "INVITEE_IN_ROOM" -> Refusal.of(Refusal.Reason.INVITEE_IN_ROOM, words[1]);
            case "NOT_MODERATOR" -> Refusal.of(Refusal.Reason.NOT_MODERATOR);
            case "ADMIN_NOT_KICKABLE" -> Refusal.of(Refusal.Reason.ADMIN_NOT_KICKABLE);
            case "NAME_TAKEN" -> Refusal.of(Refusal.Reason.NAME_TAKEN, target);
            case "NAME_LOOKALIKE" -> Refusal.of(Refusal.Reason.NAME_LOOKALIKE, words[1]);
            case "GONE" -> Refusal.of(Refusal.Reason.GONE);
            default -> throw new IllegalStateException("unexpected answer from the cluster's store: " + error);
        };
    }

    private List<StoredMessage> stored(String roomKey, List<StreamMessage<String, String>> page) {
        List<StoredMessage> out = new ArrayList<>(page.size());
        String room = page.isEmpty() ? roomKey : reader.roomName(roomKey);
        for (StreamMessage<String, String> entry : page) {
            out.add(StreamEntries.stored(roomKey, room, entry, clock.getZone()));
        }
        return out;
    }

    /** An instant kept as epoch milliseconds, or null for '' (a room made before rooms kept their creation). */
    private static Instant instant(String millis) {
        return millis.isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(millis));
    }

    /** A time kept as epoch milliseconds, in this node's zone; null for ''. */
    private OffsetDateTime at(String millis) {
        return millis.isEmpty()
                ? null
                : OffsetDateTime.ofInstant(Instant.ofEpochMilli(Long.parseLong(millis)), clock.getZone());
    }

    private static String millis(OffsetDateTime at) {
        return String.valueOf(at.toInstant().toEpochMilli());
    }

    private static String flag(boolean on) {
        return on ? "1" : "0";
    }

    /** A script's integer flag (Redis's answer to HEXISTS) as a boolean. */
    private static boolean flag(Object answered) {
        return Long.valueOf(1).equals(answered);
    }

    private static String emptyToNull(String text) {
        return StreamEntries.emptyToNull(text);
    }

    private static String[] keys(String... keys) {
        return keys;
    }

    private static String[] args(String... args) {
        return args;
    }

    private void shutdownClient() {
        if (readerConnection != null) {
            readerConnection.close();
        }
        if (connection != null) {
            connection.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
