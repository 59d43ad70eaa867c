package openchat.cluster;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writes this node makes to the cluster's state for its members, made so that what it answers them is true.
 *
 * <p>A command written to Redis is carried out when Redis gets to it, however late: a stalled Redis (a slow script
 * of another client, a paused process) runs it when it resumes, even if the node stopped waiting. So a node must not
 * answer "refused" for a command it merely stopped waiting for. Every write passes this fence:
 *
 * <ul>
 *   <li>It runs as a {@link Script#fenced fenced} script with an operation id, and its answer is recorded in Redis
 *       under that id ({@link RedisKeys#ops}) in the same atomic step. Sent again with the same id, it answers as it
 *       did and is not carried out twice.
 *   <li>A write the caller waits for (everything but a room line) carries a deadline in Redis's clock, a margin
 *       before the node's command timeout ({@link RedisTime}); after it, Redis refuses to run it. When no answer has
 *       come by then (plus the margin and the clock's error) on a living link, the write cannot have run (its answer
 *       would be here): it is refused ({@link NotDone}), and that is true. Each deadline is no later than the one of
 *       the write before it still unanswered, so that when one is refused so are the ones behind it: a member's
 *       writes keep their order.
 *   <li>A room line ({@link #sendLater}) has no deadline of its own: it is answered when Redis answers it, however
 *       long Redis stalls, without holding a thread meanwhile.
 *   <li>When the link drops with a write unanswered, Redis may or may not have run it. The node settles it
 *       ({@code settle.lua}) as soon as it reaches Redis again: the recorded answer when it ran, else a record that
 *       makes it refuse itself should it still arrive. New writes wait until every such write is settled (they are
 *       refused meanwhile, never sent). A write not settled by the time its caller must be answered is
 *       {@link InDoubt}. A change the node owes (a leave, a name given back) is not settled but sent again under
 *       its id until answered: settling it would make every resend refuse itself.
 * </ul>
 *
 * A write that turns out to have run after the node answered otherwise (settled later, or answered just after its
 * deadline because Redis ran it and stalled before replying) has its {@code afterAll} run, which undoes it or tells
 * the member. Records are deleted at the next heartbeat once no copy of their write can still arrive.
 */
final class Fence {
    private static final Logger log = LoggerFactory.getLogger(Fence.class);
    private static final Script SETTLE = Script.fenced("settle");

    /**
     * How much sooner than the command timeout a write's deadline falls: time for its answer to travel back, with room
     * to spare, plus the error of Redis's clock as read here.
     */
    static final Duration MARGIN = Duration.ofMillis(500);
    /** How long the record of a settled room line is kept: a line has no deadline that would stop a late copy. */
    static final Duration KEPT_AFTER_SETTLING = Duration.ofMinutes(1);
    /** Ids deleted in one HDEL. */
    private static final int FORGET_BATCH = 1000;

    /** Redis's errors that mean a command was not run at all. */
    private static final Set<String> NOT_RUN =
            Set.of("EXPIRED", "BUSY", "LOADING", "NOSCRIPT", "READONLY", "MASTERDOWN", "OOM", "MISCONF", "TRYAGAIN");

    /** A write that did not happen: never sent, refused by Redis before running, or settled as never run. */
    static final class NotDone extends RuntimeException {
        private final boolean scriptMissing;

        NotDone(String why, boolean scriptMissing) {
            super(why, null, false, false);
            this.scriptMissing = scriptMissing;
        }

        /** Redis did not know the script (it restarted): the scripts must be loaded again. */
        boolean scriptMissing() {
            return scriptMissing;
        }
    }

    /** A write whose link dropped before its answer, not settled in time: it may have happened. */
    static final class InDoubt extends RuntimeException {
        InDoubt() {
            super("the link to Redis dropped before the answer", null, false, false);
        }
    }

    /** Where changes that must happen once Redis answers go: the liveness's queue of debts. */
    interface Debts {
        /** Runs {@code change} on the liveness's thread, soon, in order with the other debts. */
        void oweSoon(Runnable change);
    }

    /** One write: sent (or not), then answered, refused, dropped or settled. */
    final class Write<T> {
        final String id;
        final ScriptOutputType type;
        /** In Redis's clock, epoch ms; {@link Long#MAX_VALUE}: none. */
        final long deadline;
        /** In this node's nanoTime: when a waiting caller is answered at the latest; {@link Long#MAX_VALUE}: never. */
        final long answerBy;
        /**
         * Given the write's answer (as a debt) when it turns out to have run after it was answered otherwise; may be
         * null.
         */
        final Consumer<T> afterAll;
        /**
         * A change that must happen, sent again under the same id until answered: never settled, which would record
         * under its id that it never ran and so refuse every resend.
         */
        final boolean owed;

        final CompletableFuture<T> outcome = new CompletableFuture<>();
        private volatile RedisFuture<T> sent;
        private volatile boolean dropped;

        private Write(
                String id, ScriptOutputType type, long deadline, long answerBy, Consumer<T> afterAll, boolean owed) {
            this.id = id;
            this.type = type;
            this.deadline = deadline;
            this.answerBy = answerBy;
            this.afterAll = afterAll;
            this.owed = owed;
        }

        private boolean unanswered() {
            return sent != null && !sent.isDone();
        }
    }

    private final RedisAsyncCommands<String, String> async;
    private final RedisCommands<String, String> sync;
    private final RedisTime time;
    private final String records;
    private final Duration commandTimeout;
    private final long window;
    private final String run;
    private final AtomicLong ids = new AtomicLong();
    private volatile Debts debts = change -> {};

    /** The last write sent: its deadline bounds the next one's while it is unanswered. Guarded by this. */
    private Write<?> last;

    /** Writes whose link dropped before their answer, until settled; new writes wait for them. */
    private final Set<Write<?>> unsettled = ConcurrentHashMap.newKeySet();

    /** Operation ids whose record may go, each once no copy of its write can arrive any more. */
    private record Forget(String id, long notBeforeNanos) {}

    private final Queue<Forget> forget = new ConcurrentLinkedQueue<>();

    Fence(
            RedisAsyncCommands<String, String> async,
            RedisCommands<String, String> sync,
            RedisTime time,
            String records,
            Duration commandTimeout) {
        this.async = async;
        this.sync = sync;
        this.time = time;
        this.records = records;
        this.commandTimeout = commandTimeout;
        this.window = Math.max(1, commandTimeout.minus(MARGIN).toMillis());
        byte[] random = new byte[4];
        new SecureRandom().nextBytes(random);
        this.run = HexFormat.of().formatHex(random);
    }

    void owingTo(Debts debts) {
        this.debts = debts;
    }

    /** A new operation id, unique to this run of the node. */
    String newId() {
        return run + ":" + Long.toString(ids.incrementAndGet(), 36);
    }

    /** Whether a write is waiting to be settled: new ones are refused until it is. */
    boolean settling() {
        return !unsettled.isEmpty();
    }

    /**
     * Sends a write the caller waits for ({@link #await}), with a deadline. {@code owed}: a change that must happen
     * (a leave, a name given back, an undoing), sent again with the same id until it is answered; it is not held back
     * by writes being settled, which are owed too, ahead of it.
     */
    <T> Write<T> send(
            Script fenced,
            ScriptOutputType type,
            String[] keys,
            String[] args,
            String id,
            boolean owed,
            Consumer<T> afterAll) {
        return issue(fenced, type, keys, args, id, true, owed, afterAll);
    }

    /** Sends a room line: no deadline; its outcome completes when Redis answers, or once settled. */
    <T> Write<T> sendLater(Script fenced, ScriptOutputType type, String[] keys, String[] args) {
        return issue(fenced, type, keys, args, newId(), false, false, null);
    }

    @SuppressWarnings("unchecked")
    private <T> Write<T> issue(
            Script fenced,
            ScriptOutputType type,
            String[] keys,
            String[] args,
            String id,
            boolean withDeadline,
            boolean owed,
            Consumer<T> afterAll) {
        Write<T> write;
        synchronized (this) {
            long now = System.nanoTime();
            long deadline = withDeadline && time.known() ? time.redisMillisAt(now) + window : Long.MAX_VALUE;
            if (last != null && last.unanswered()) {
                deadline = Math.min(deadline, last.deadline);
            }
            long answerBy = deadline == Long.MAX_VALUE
                    ? Long.MAX_VALUE
                    : time.nanosAt(deadline) + time.errorNanos() + MARGIN.toNanos();
            write = new Write<>(id, type, deadline, answerBy, afterAll, owed);
            if (!owed && settling()) {
                write.outcome.completeExceptionally(new NotDone("writes before it are being settled", false));
                return write;
            }
            if (answerBy - now <= 0) { // behind a write past its deadline: Redis would refuse it too
                write.outcome.completeExceptionally(new NotDone("a write before it is past its deadline", false));
                return write;
            }
            String[] fencedKeys = new String[keys.length + 1];
            fencedKeys[0] = records;
            System.arraycopy(keys, 0, fencedKeys, 1, keys.length);
            String[] fencedArgs = new String[args.length + 2];
            fencedArgs[0] = id;
            fencedArgs[1] = deadline == Long.MAX_VALUE ? "0" : String.valueOf(deadline);
            System.arraycopy(args, 0, fencedArgs, 2, args.length);
            try {
                write.sent = (RedisFuture<T>) fenced.<T>runLater(async, type, fencedKeys, fencedArgs);
            } catch (RedisException notSent) { // not connected: Lettuce refuses to queue it
                write.outcome.completeExceptionally(new NotDone(notSent.getMessage(), false));
                return write;
            }
            last = write;
        }
        Write<T> sentWrite = write;
        write.sent.whenComplete((value, failure) -> answered(sentWrite, value, failure));
        return write;
    }

    /**
     * Waits for the write's outcome until its answer is due: its value, or the script's refusal
     * ({@link RedisCommandExecutionException}), {@link NotDone} or {@link InDoubt}.
     */
    <T> T await(Write<T> write) {
        try {
            long wait = write.answerBy == Long.MAX_VALUE
                    ? commandTimeout.toNanos()
                    : Math.max(0, write.answerBy - System.nanoTime());
            return write.outcome.get(wait, TimeUnit.NANOSECONDS);
        } catch (TimeoutException due) {
            // Past its deadline in Redis's clock: unless the link dropped, it cannot have run and never will.
            RuntimeException why = write.dropped || write.deadline == Long.MAX_VALUE
                    ? new InDoubt()
                    : new NotDone("no answer before the deadline (Redis is stalling)", false);
            if (write.outcome.completeExceptionally(why)) {
                throw why;
            }
            return await(write); // answered just now
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new CompletionException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InDoubt();
        }
    }

    /**
     * {@link #await} for a change that must happen (a debt): throws a {@link RedisException} while it is not known to
     * be done, so that the debt stays and is sent again, under the same id.
     */
    <T> void owed(Write<T> write) {
        try {
            await(write);
        } catch (NotDone | InDoubt notYet) {
            throw new RedisException("not carried out yet: " + notYet.getMessage());
        } catch (RedisCommandExecutionException refused) {
            log.warn("operation {} was refused by the cluster's Redis: {}", write.id, refused.getMessage());
        }
    }

    private <T> void answered(Write<T> write, T value, Throwable failure) {
        Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
        if (cause == null) {
            if (done(write, value) || !write.owed) {
                forget(write.id, System.nanoTime()); // an owed change told otherwise: its resend reads the record
            }
        } else if (cause instanceof RedisCommandExecutionException refused) {
            String code = code(refused);
            if (NOT_RUN.contains(code)) {
                write.outcome.completeExceptionally(new NotDone(
                        "Redis did not run it: " + refused.getMessage(), refused instanceof RedisNoScriptException));
            } else {
                // The script ran and refused, changing nothing: true whenever it is told.
                write.outcome.completeExceptionally(refused);
                forget(write.id, System.nanoTime());
            }
        } else {
            // The link dropped (Lettuce cancels what it sent): whether Redis ran it is for the settling to say, or,
            // for a change that must happen, for its resend under the same id (which runs it at most once).
            write.dropped = true;
            if (write.owed) {
                return;
            }
            unsettled.add(write);
            debts.oweSoon(() -> settle(write));
            if (write.answerBy == Long.MAX_VALUE) { // a room line: answered within the command timeout even so
                CompletableFuture.delayedExecutor(commandTimeout.toNanos(), TimeUnit.NANOSECONDS)
                        .execute(() -> write.outcome.completeExceptionally(new InDoubt()));
            }
        }
    }

    /**
     * The write ran: its outcome, or, when the node had answered otherwise, what undoes it or says so. Whether its
     * caller was told this outcome.
     */
    private <T> boolean done(Write<T> write, T value) {
        if (write.outcome.complete(value)) {
            return true;
        }
        if (write.owed) {
            return false; // its resend, under the same id, finds it done
        }
        log.warn(
                "operation {} was carried out by the cluster's Redis after this node answered that it was not{}",
                write.id,
                write.afterAll != null ? "; setting it right" : "");
        if (write.afterAll != null) {
            debts.oweSoon(() -> write.afterAll.accept(value));
        }
        return false;
    }

    /**
     * Settles a write whose link dropped (a debt, on the liveness's thread): its recorded outcome, or a record that
     * it never ran. Throws a {@link RedisException} while Redis cannot say; the debt stays then.
     */
    private <T> void settle(Write<T> write) {
        if (!unsettled.contains(write)) {
            return; // forgotten with everything else (Redis lost its data)
        }
        T value;
        try {
            value = SETTLE.run(sync, write.type, new String[] {records}, write.id, "0");
        } catch (RedisCommandExecutionException refused) {
            String code = code(refused);
            if (!code.equals("EXPIRED") && NOT_RUN.contains(code)) {
                throw refused; // the settling itself did not run: again later
            }
            unsettled.remove(write);
            if (code.equals("EXPIRED")) {
                write.outcome.completeExceptionally(new NotDone("settled: it never ran", false));
                long kept = write.deadline == Long.MAX_VALUE
                        ? System.nanoTime() + KEPT_AFTER_SETTLING.toNanos()
                        : Math.max(write.answerBy, System.nanoTime());
                forget(write.id, kept);
            } else {
                write.outcome.completeExceptionally(refused);
                forget(write.id, System.nanoTime());
            }
            return;
        }
        unsettled.remove(write);
        done(write, value);
        forget(write.id, System.nanoTime());
    }

    private void forget(String id, long notBeforeNanos) {
        forget.add(new Forget(id, notBeforeNanos));
    }

    /** Deletes the records no write can need any more (at each heartbeat, on the liveness's thread). */
    void forgetAnswered() {
        long now = System.nanoTime();
        List<Forget> later = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        Forget next;
        while ((next = forget.poll()) != null) {
            if (next.notBeforeNanos() - now > 0) {
                later.add(next);
            } else {
                ids.add(next.id());
            }
        }
        forget.addAll(later);
        for (int from = 0; from < ids.size(); from += FORGET_BATCH) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + FORGET_BATCH));
            try {
                sync.hdel(records, batch.toArray(String[]::new));
            } catch (RedisException e) {
                batch.forEach(id -> forget.add(new Forget(id, now)));
                return;
            }
        }
    }

    /** Redis lost what it knew of this node: nothing is left to settle or forget. */
    void reset() {
        unsettled.clear();
        forget.clear();
        synchronized (this) {
            last = null;
        }
    }

    /** The code of a Redis error: its first word, without the {@code ERR} Redis puts before a script's own. */
    static String code(RedisCommandExecutionException error) {
        String text = error.getMessage() == null ? "" : error.getMessage().strip();
        if (text.startsWith("ERR ")) {
            text = text.substring(4);
        }
        int space = text.indexOf(' ');
        return space < 0 ? text : text.substring(0, space);
    }
}
