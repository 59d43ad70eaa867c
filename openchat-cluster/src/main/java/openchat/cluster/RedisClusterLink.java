package openchat.cluster;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
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
import openchat.core.Refusal;
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
 * <p>Threads: operations run on the caller's thread and wait for their one round trip (Lettuce's threads do the
 * I/O); the reader thread hands events to {@link ClusterLink.Events}; a scheduler thread runs the liveness.
 */
public final class RedisClusterLink implements ClusterLink {
    private static final Logger log = LoggerFactory.getLogger(RedisClusterLink.class);

    private static final Script JOIN = Script.load("join");
    private static final Script KICK = Script.load("kick");
    private static final Script POST = Script.load("post");
    private static final Script TOPIC = Script.load("topic");
    private static final Script WHISPER = Script.load("whisper");
    private static final Script INVITE = Script.load("invite");
    private static final Script AWAY = Script.load("away");
    private static final Script RENAME = Script.load("rename");
    private static final Script CLAIM = Script.load("claim");
    private static final Script NUMBERING = Script.load("numbering");
    private static final Script ROOMS = Script.load("rooms");
    private static final Script ROOM = Script.load("room");

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

    private final Seats seats;
    private final NodeLiveness liveness;
    private final StreamReader reader;

    private volatile boolean started;

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
        this.seats = new Seats(redis, settings.eventsKept());
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "openchat-cluster");
            thread.setDaemon(true);
            return thread;
        });
        this.liveness = new NodeLiveness(redis, settings, seats, clock, scheduler, leaveTexts);
        this.reader = new StreamReader(readerConnection.sync(), redis, settings, clock.getZone());
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

    /** This node's id in the cluster. */
    public String node() {
        return settings.node();
    }

    @Override
    public void start(Events events) {
        liveness.start(events, this::forgotten);
        reader.start(events);
        if (settings.historyMaxAge() != null) {
            expiry = new HistoryExpiry(redis, settings.historyMaxAge(), clock);
        }
        started = true;
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
        liveness.owe(() -> seats.release(settings.node(), nameKey));
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
                        String.valueOf(settings.eventsKept()),
                        member.away()),
                roomName,
                "");
        long seq = (Long) out.get(0);
        RoomView room = new RoomView(
                (String) out.get(1),
                ((Long) out.get(2)).intValue(),
                config.roomCapacity(),
                emptyToNull((String) out.get(3)),
                (String) out.get(4),
                emptyToNull((String) out.get(6)),
                at((String) out.get(7)),
                seq,
                instant((String) out.get(5)));
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
        long atMillis = at.toInstant().toEpochMilli();
        liveness.owe(() -> seats.leave(settings.node(), roomKey, member.key(), reason, detail, quiet, atMillis));
    }

    @Override
    public long post(String roomKey, String roomName, Member<?> from, String text, boolean notice, OffsetDateTime at) {
        return call(
                () -> POST.run(redis, ScriptOutputType.INTEGER, postKeys(roomKey), postArgs(from, text, notice, at)),
                roomName,
                "");
    }

    /** The keys the post script touches: the room, its members, its events stream and its history stream. */
    private static String[] postKeys(String roomKey) {
        return keys(
                RedisKeys.room(roomKey),
                RedisKeys.members(roomKey),
                RedisKeys.events(roomKey),
                RedisKeys.history(roomKey));
    }

    private String[] postArgs(Member<?> from, String text, boolean notice, OffsetDateTime at) {
        return new String[] {
            from.key(),
            from.name(),
            text,
            flag(notice),
            millis(at),
            String.valueOf(settings.eventsKept()),
            String.valueOf(settings.historyKept()),
            from.away()
        };
    }

    @Override
    public CompletionStage<Long> postLater(
            String roomKey, String roomName, Member<?> from, String text, boolean notice, OffsetDateTime at) {
        if (!liveness.reachable()) {
            return CompletableFuture.failedFuture(unavailable());
        }
        CompletionStage<Long> posted =
                POST.runLater(later, ScriptOutputType.INTEGER, postKeys(roomKey), postArgs(from, text, notice, at));
        return posted.handle((seq, failure) -> {
            if (failure == null) {
                return seq;
            }
            Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
            if (cause instanceof RedisNoScriptException) {
                liveness.scriptsMissing(); // Redis restarted under us: refused, not resent out of order
                throw unavailable();
            }
            throw cause instanceof RedisCommandExecutionException
                    ? refusal(cause.getMessage(), roomName, "")
                    : unavailable();
        });
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
    public String invite(String roomKey, String toKey, ChatEvent.Invited event) {
        return call(
                () -> INVITE.run(
                        redis,
                        ScriptOutputType.VALUE,
                        keys(RedisKeys.name(toKey), RedisKeys.members(roomKey)),
                        RedisKeys.NODE_PREFIX,
                        event.from(),
                        toKey,
                        event.room(),
                        millis(event.at())),
                event.room(),
                event.to());
    }

    @Override
    public void away(Member<?> member, String message, OffsetDateTime at, List<String> roomKeys) {
        List<String> args = new ArrayList<>(List.of(
                RedisKeys.ROOM_PREFIX,
                RedisKeys.NODE_PREFIX,
                settings.node(),
                member.key(),
                member.name(),
                message,
                millis(at)));
        args.addAll(roomKeys);
        call(() -> AWAY.run(
                redis, ScriptOutputType.INTEGER, keys(RedisKeys.name(member.key())), args.toArray(String[]::new)));
    }

    @Override
    public void rename(
            String oldKey, String oldName, String newKey, String newName, OffsetDateTime at, List<String> roomKeys) {
        List<String> args = new ArrayList<>(List.of(
                RedisKeys.ROOM_PREFIX,
                RedisKeys.NODE_PREFIX,
                settings.node(),
                oldKey,
                newKey,
                newName,
                oldName,
                millis(at)));
        args.addAll(roomKeys);
        call(
                () -> RENAME.run(
                        redis,
                        ScriptOutputType.INTEGER,
                        keys(
                                RedisKeys.name(oldKey),
                                RedisKeys.name(newKey),
                                RedisKeys.names(settings.node()),
                                RedisKeys.seats(settings.node())),
                        args.toArray(String[]::new)),
                "",
                newName);
    }

    @Override
    public Optional<MemberInfo> whois(String nameKey) {
        String holder = call(() -> redis.get(RedisKeys.name(nameKey)));
        if (holder == null) {
            return Optional.empty();
        }
        String[] fields = holder.split("\t", 3);
        String node = fields[0];
        String name = fields.length > 1 ? fields[1] : nameKey;
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
        return Optional.of(new MemberInfo(name, rooms, awayIn(holder), null));
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
                    emptyToNull((String) r.get(7)),
                    at((String) r.get(8)),
                    Long.parseLong((String) r.get(5)),
                    instant((String) r.get(6))));
        }
        return out;
    }

    @Override
    public Optional<RoomView> room(String roomKey) {
        List<Object> row = call(() -> ROOM.run(
                redis,
                ScriptOutputType.MULTI,
                keys(RedisKeys.ROOMS, RedisKeys.room(roomKey), RedisKeys.members(roomKey)),
                roomKey));
        if (row == null || row.isEmpty() || row.get(0) == null) {
            return Optional.empty(); // the script's false arrives as one null: no such room
        }
        return Optional.of(new RoomView(
                (String) row.get(0),
                ((Long) row.get(1)).intValue(),
                settings.roomCapacity(),
                emptyToNull((String) row.get(2)),
                (String) row.get(3),
                emptyToNull((String) row.get(6)),
                at((String) row.get(7)),
                Long.parseLong((String) row.get(4)),
                instant((String) row.get(5))));
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
        String text = StreamEntries.banText(ban);
        call(() -> redis.hset(RedisKeys.BANS, ban.slot(), text));
        tellEveryNode(Map.of("t", "ban", "b", text));
    }

    @Override
    public void unban(Ban ban) {
        call(() -> redis.hdel(RedisKeys.BANS, ban.slot()));
        tellEveryNode(Map.of("t", "unban", "b", StreamEntries.banText(ban)));
    }

    /** News for every node on the cluster stream: {@code t} what it is (stop, ban, unban), then its fields. */
    private void tellEveryNode(Map<String, String> news) {
        call(() -> redis.xadd(RedisKeys.CLUSTER, XAddArgs.Builder.maxlen(100).approximateTrimming(), news));
    }

    @Override
    public void stopCluster(String reason) {
        tellEveryNode(Map.of("t", "stop", "r", reason));
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

    /** Runs one round trip; a store that cannot be reached becomes a refusal. */
    private <T> T call(Supplier<T> command) {
        return call(command, "", "");
    }

    /**
     * Runs one round trip; a store that cannot be reached, or a script's refusal, becomes the core's refusal about
     * {@code room} (or the member {@code target}).
     */
    private <T> T call(Supplier<T> command, String room, String target) {
        if (!liveness.reachable()) {
            // Known to be away: refuse at once rather than hold the caller's event loop for the command timeout.
            throw unavailable();
        }
        try {
            return command.get();
        } catch (RedisCommandExecutionException e) {
            throw refusal(e.getMessage(), room, target);
        } catch (RedisException e) {
            throw unavailable();
        }
    }

    private Refusal unavailable() {
        return Refusal.retryAfter(
                Refusal.Reason.UNAVAILABLE, settings.retryAfter().toSeconds());
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
            case "INVITEE_IN_ROOM" -> Refusal.of(Refusal.Reason.INVITEE_IN_ROOM, words[1]);
            case "NOT_MODERATOR" -> Refusal.of(Refusal.Reason.NOT_MODERATOR);
            case "ADMIN_NOT_KICKABLE" -> Refusal.of(Refusal.Reason.ADMIN_NOT_KICKABLE);
            case "NAME_TAKEN" -> Refusal.of(Refusal.Reason.NAME_TAKEN, target);
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

    private static String emptyToNull(String text) {
        return StreamEntries.emptyToNull(text);
    }

    private static String[] keys(String... keys) {
        return keys;
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
