package openchat.cluster;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Clock;
import java.util.List;
import java.util.OptionalInt;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import openchat.core.ClusterLink;
import openchat.core.Names;
import openchat.core.RoomNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's life in the cluster, on the scheduler thread: it registers, renews its alive key every heartbeat,
 * notices when Redis goes away and comes back (and tells the node's members), notices when Redis no longer knows
 * it, looks for nodes whose key ran out and takes their seats, and makes the changes owed while Redis was away or
 * stalling: leaves, name releases, and the settling of writes whose link dropped ({@link Fence}). Each heartbeat
 * also reads Redis's clock, by which the fence dates its writes, and the cluster's counts ({@link #counts}).
 */
final class NodeLiveness implements Fence.Debts {
    private static final Logger log = LoggerFactory.getLogger(NodeLiveness.class);
    private static final Script HEARTBEAT = Script.load("heartbeat");
    private static final Script REGISTER = Script.load("register");
    private static final String LOBBY_KEY = RoomNames.key(RoomNames.LOBBY);
    private static final String ADMINISTRATOR_NAME = RedisKeys.name(Names.key(Names.ADMINISTRATOR));

    private final RedisCommands<String, String> redis;
    private final ClusterSettings settings;
    private final Seats seats;
    private final RedisTime time;
    private final Fence fence;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    /**
     * Changes that must happen but met an unreachable or stalling store (leaves, name releases, settlings, undoings),
     * made in order when it answers.
     */
    private final Queue<Runnable> owed = new ConcurrentLinkedQueue<>();

    /** This run's token in its alive key: another process with the same node id is told apart by it. */
    private final String token = UUID.randomUUID().toString();

    private volatile ClusterLink.Events events;
    private volatile Runnable forgotten;
    private volatile String epoch;
    private volatile boolean reachable = true;
    private volatile boolean scriptsMissing;
    /** When Redis last became reachable (System.nanoTime): dead nodes are looked for only a while after. */
    private volatile long reachableSince = System.nanoTime();
    /** The rest of the cluster as the last heartbeat that reached Redis read it. */
    private volatile ClusterLink.Counts counts = ClusterLink.Counts.NONE;

    /** The detail of the LEFT of a dead or stopped node's members: why they left, for the others. */
    private final RedisClusterLink.LeaveTexts leaveTexts;
    /** The id of the last inbox entry this node's reader handed on, which each heartbeat records. */
    private final Supplier<String> inboxRead;

    NodeLiveness(
            RedisCommands<String, String> redis,
            ClusterSettings settings,
            Seats seats,
            RedisTime time,
            Fence fence,
            Clock clock,
            ScheduledExecutorService scheduler,
            RedisClusterLink.LeaveTexts leaveTexts,
            Supplier<String> inboxRead) {
        this.leaveTexts = leaveTexts;
        this.inboxRead = inboxRead;
        this.redis = redis;
        this.settings = settings;
        this.seats = seats;
        this.time = time;
        this.fence = fence;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    /**
     * Registers this node, clears what its previous run left and starts the heartbeat and the search for dead
     * nodes. {@code forgotten} runs when Redis no longer knows this node, before its members are told. Refuses
     * ({@link NodeIdInUseException}) when a running node has this node's id.
     */
    void start(ClusterLink.Events events, Runnable forgotten) {
        this.events = events;
        this.forgotten = forgotten;
        try {
            register();
        } catch (RedisCommandExecutionException e) {
            if (String.valueOf(e.getMessage()).contains("NODE_ID_IN_USE")) {
                throw new NodeIdInUseException(settings.node(), settings.deadAfter());
            }
            throw e;
        }
        readTime();
        // What this node's previous run left: it stopped answering before the others declared it dead.
        seats.takeAll(settings.node(), leaveTexts.nodeGone(), clock.millis());
        beat(); // the first at once, so that the first member to connect is told the cluster's counts
        long beat = settings.heartbeat().toMillis();
        scheduler.scheduleWithFixedDelay(this::beat, beat, beat, TimeUnit.MILLISECONDS);
        long sweep = settings.deadAfter().toMillis() / 3;
        scheduler.scheduleWithFixedDelay(this::reapDead, sweep, sweep, TimeUnit.MILLISECONDS);
    }

    /** Redis did not know a script a post used: load them all at the next heartbeat. */
    void scriptsMissing() {
        scriptsMissing = true;
    }

    /** Whether Redis answered the last heartbeat. */
    boolean reachable() {
        return reachable;
    }

    /** The rest of the cluster as the last heartbeat that reached Redis read it ({@link ClusterLink#counts}). */
    ClusterLink.Counts counts() {
        return counts;
    }

    /**
     * Runs a change that must happen: now if Redis answers, else when it is back. The change throws a
     * {@link RedisException} while it is not done; it is run again then (a fenced change under the same operation id,
     * so that it is carried out once).
     */
    void owe(Runnable change) {
        if (reachable && owed.isEmpty()) {
            try {
                change.run();
                return;
            } catch (RedisException e) {
                log.debug("deferred until the cluster's Redis is back: {}", e.getMessage());
            }
        }
        owed.add(change);
    }

    /**
     * Queues a change that must happen, behind the others, and has it made on this thread as soon as Redis answers:
     * tried at once, then every {@link #RETRY_SOON} for a command timeout, then at each heartbeat. Never blocks (the
     * fence calls it from Lettuce's threads).
     */
    @Override
    public void oweSoon(Runnable change) {
        owed.add(change);
        paySoon(System.nanoTime() + settings.commandTimeout().toNanos());
    }

    private static final long RETRY_SOON = 100;

    private void paySoon(long until) {
        try {
            scheduler.execute(() -> {
                if (!reachable) {
                    return; // the heartbeat pays once Redis is back
                }
                try {
                    payOwed();
                } catch (RedisException notYet) {
                    if (System.nanoTime() - until < 0) {
                        scheduler.schedule(() -> paySoon(until), RETRY_SOON, TimeUnit.MILLISECONDS);
                    }
                } catch (RuntimeException e) {
                    log.error("a change owed to the cluster's Redis failed", e);
                }
            });
        } catch (RejectedExecutionException stopping) {
            // leaving the cluster: leave() pays what is owed
        }
    }

    /** Leaves the cluster: what is owed, then every seat and name of this node, then the node itself. */
    void leave() {
        scheduler.shutdownNow();
        try {
            payOwed();
            // Where the reader is now, not at the last heartbeat: what follows is handed back to its senders.
            redis.set(RedisKeys.inboxRead(settings.node()), inboxRead.get());
            seats.takeAll(settings.node(), leaveTexts.nodeStopped(), clock.millis());
            redis.srem(RedisKeys.NODES, settings.node());
            redis.del(RedisKeys.alive(settings.node()));
        } catch (RedisException e) {
            log.warn(
                    "could not leave the cluster cleanly ({}); the other nodes will declare this one dead",
                    e.getMessage());
        }
    }

    private void register() {
        Script.loadAll(redis);
        epoch = REGISTER.run(
                redis,
                ScriptOutputType.VALUE,
                new String[] {
                    RedisKeys.EPOCH,
                    RedisKeys.NODES,
                    RedisKeys.alive(settings.node()),
                    RedisKeys.ROOMS,
                    RedisKeys.room(LOBBY_KEY)
                },
                UUID.randomUUID().toString(),
                settings.node(),
                String.valueOf(settings.deadAfter().toMillis()),
                LOBBY_KEY,
                RoomNames.LOBBY,
                token);
    }

    /** Reads Redis's clock for the fence, timing the round trip. */
    private void readTime() {
        long sent = System.nanoTime();
        List<String> now = redis.time();
        time.read(Long.parseLong(now.get(0)), Long.parseLong(now.get(1)), sent, System.nanoTime());
    }

    private void beat() {
        try {
            long sent = System.nanoTime();
            List<Object> beat = HEARTBEAT.run(
                    redis,
                    ScriptOutputType.MULTI,
                    new String[] {
                        RedisKeys.EPOCH,
                        RedisKeys.NODES,
                        RedisKeys.alive(settings.node()),
                        RedisKeys.inboxRead(settings.node()),
                        RedisKeys.ROOMS,
                        ADMINISTRATOR_NAME
                    },
                    epoch,
                    settings.node(),
                    String.valueOf(settings.deadAfter().toMillis()),
                    token,
                    inboxRead.get(),
                    RedisKeys.NODE_PREFIX);
            time.read(
                    Long.parseLong((String) beat.get(1)),
                    Long.parseLong((String) beat.get(2)),
                    sent,
                    System.nanoTime());
            if ((Long) beat.get(0) == 0) {
                forgottenByRedis();
            } else {
                counted(beat);
                if (!reachable || scriptsMissing) {
                    scriptsMissing = false;
                    Script.loadAll(redis); // a restarted Redis has an empty script cache
                }
                payOwed();
                fence.forgetAnswered();
            }
            if (!reachable) {
                reachable = true;
                reachableSince = System.nanoTime();
                log.info("the cluster's Redis is reachable again");
                events.reachable(true);
            }
        } catch (RedisException e) {
            if (reachable) {
                reachable = false;
                log.warn("the cluster's Redis cannot be reached: {}", e.getMessage());
                events.reachable(false);
            }
        } catch (RuntimeException e) {
            log.error("cluster heartbeat failed", e);
        }
    }

    /** Keeps what the heartbeat {@code beat} read of the rest of the cluster (heartbeat.lua). */
    private void counted(List<Object> beat) {
        int all = count(beat, 5);
        counts = new ClusterLink.Counts(
                count(beat, 3),
                count(beat, 4),
                OptionalInt.of(count(beat, 6)),
                count(beat, 7) == 1,
                Math.max(all, counts.mostMembers()));
    }

    private static int count(List<Object> beat, int index) {
        return ((Long) beat.get(index)).intValue();
    }

    /** Redis lost its data, or declared this node dead: its members must connect again; the node starts anew. */
    private void forgottenByRedis() {
        log.warn("the cluster's Redis no longer knows this node; its members must connect again");
        owed.clear();
        fence.reset();
        forgotten.run();
        events.lost();
        try {
            // Leftover seats go before the node is listed again: a member seated once it is listed keeps its seat
            // (the other way round, a CONNECT between the two lost its fresh seat to the sweep).
            seats.takeAll(settings.node(), "", clock.millis());
            register();
        } catch (RedisCommandExecutionException e) {
            log.error(
                    "cannot register this node again ({}); its members are gone, new ones will be refused",
                    e.getMessage());
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
                    log.info("cluster node {} stopped answering; its members leave", node);
                    seats.takeAll(node, leaveTexts.nodeGone(), clock.millis());
                    redis.srem(RedisKeys.NODES, node);
                }
            }
        } catch (RedisException e) {
            log.debug("could not look for dead nodes: {}", e.getMessage());
        }
    }

    private void payOwed() {
        Runnable next;
        while ((next = owed.peek()) != null) {
            next.run(); // a failure leaves it first in line for the next heartbeat
            owed.poll();
        }
    }
}
