package openchat.client;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import openchat.core.RoomNames;
import openchat.protocol.HeaderNames;
import openchat.protocol.OcpMessage;
import openchat.protocol.Status;

/**
 * Chat lines and private messages on their way out, sent one at a time in the order they were typed. A line refused by flood
 * control (429), or by a cluster node that cannot reach its Redis (503 with {@code Retry-After}), goes back to the
 * front and the queue holds back for the {@code Retry-After} the server named,
 * scheduled on the event loop (nothing sleeps), then resumes; lines typed meanwhile go behind. So a pasted
 * burst arrives whole and in order instead of losing every line past the server's burst.
 *
 * <p>Why one line in flight and not a pipeline: with several SENDs on the wire a 429 for one would let the next
 * overtake it. A round trip is well under a millisecond on a local network and a few on the internet, far
 * below the pace of anyone typing or of the server's rate, so waiting for each answer costs nothing a person
 * notices.
 *
 * <p>Leaving ({@link #flush}) waits for every line, however long the server's allowance makes that take (120 lines at
 * 5 a second take 22 s): the person is told every few seconds how many lines are left and, once the pace the server
 * lets lines through is known, about how long they take. What ends the wait early: the person ({@link #abandon}), the
 * connection, a line the server does not answer, or a server that answers but has let nothing through for the stall
 * limit (a cluster whose rooms stay read-only). A fixed time limit dropped the lines of any paste longer than it.
 *
 * <p>A line counts as sent once the server has answered it (its SEND carries a {@code Request-Id}, which the server
 * answers with the line's {@code Seq}). A line the server leaves unanswered for the answer timeout is <em>unconfirmed</em>:
 * the next goes (a server that is only slow answers it later, and then it counts as sent), but when the connection is
 * lost or the person leaves before that answer, nobody can tell whether the server took it, and the person is told so.
 *
 * <p>Confined to the event loop it is given: the public methods hand their work to it.
 */
final class OutgoingLines {

    /**
     * Sends one line; the future completes with the answer, or fails when the line could not be sent (the connection
     * is gone). A connection lost after the line went out is {@link #connectionLost}, not a failure of the future.
     */
    interface Sender {
        CompletableFuture<OcpMessage> send(String room, String text);

        /** A private message: the server's flood control counts it with the chat lines, so it queues with them. */
        CompletableFuture<OcpMessage> sendPrivate(String to, String text);
    }

    /** What the person is told, and where the Seq of a sent line goes. Called on the event loop. */
    interface Listener {
        /**
         * A room's line taken by the server ({@code answer}: its 200, with the line's {@code Seq} and {@code Date}).
         * Called as it arrives, before the events that follow it.
         */
        void sent(String room, String text, OcpMessage answer);

        /**
         * The first refusal of a burst: {@code waiting} lines go out after {@code seconds}. {@code readOnly}: the
         * server's rooms are read-only for now (a cluster node without its Redis), not the sender too fast.
         */
        void holdingBack(int waiting, long seconds, boolean readOnly);

        /** Refused for another reason than the rate; the line is dropped. */
        void refused(String room, OcpMessage answer);

        /**
         * The answer to a private message, unless it says to wait: taken, or refused (then dropped). Called as it
         * arrives, before the events that follow it (a message to oneself comes back right after its answer).
         */
        void privateAnswered(String to, String text, OcpMessage answer);

        /**
         * The server did not answer {@code line} in time; the next goes. The line is unconfirmed until its answer
         * comes, and counted in {@link #unconfirmed} if it never does.
         */
        void unanswered(Line line);

        /**
         * {@code lines} were dropped before they went out: the server never had them. Their text is no longer on the
         * screen (a line going out as chat takes the place of its echo only once taken), so it is handed on to be shown.
         */
        void notSent(List<Line> lines);

        /**
         * {@code lines} went out but were never answered, and no answer will be waited for now (the connection is lost,
         * the person left): the server may or may not have taken them.
         */
        void unconfirmed(List<Line> lines);

        /**
         * While leaving: {@code lines} still to send, which take about {@code seconds} at the pace the server has let
         * lines through (empty while that pace is not known yet).
         */
        void stillToSend(int lines, OptionalLong seconds);
    }

    /** While leaving, how long before the first word on the lines still to send; sooner ones often need none. */
    private static final long FIRST_REPORT_MILLIS = 2500;
    /** While leaving, how often the person hears how many lines are left. */
    private static final long REPORT_EVERY_MILLIS = 5000;
    /**
     * How long the hold-back's notice waits for more lines before it counts them. A paste reaches the queue line by line
     * as the input thread reads it, and the server's first "wait" comes long before the last line is read: counted at
     * once, "7 lines waiting" was told of 10. The wait starts again with each line added, but ends with the hold-back.
     */
    static final long COUNT_SETTLE_MILLIS = 250;

    /**
     * One typed line: for a room, or a private message for a member. Identity matters (the same text typed twice is
     * two lines), so no record equality.
     */
    static final class Line {
        /** The room, or null for a private message. */
        private final String room;
        /** The recipient of a private message, or null for a room's line. */
        private final String to;

        private final String text;

        private Line(String room, String to, String text) {
            this.room = room;
            this.to = to;
            this.text = text;
        }

        static Line forRoom(String room, String text) {
            return new Line(room, null, text);
        }

        static Line privateTo(String to, String text) {
            return new Line(null, to, text);
        }

        boolean isPrivate() {
            return to != null;
        }

        boolean isFor(String roomKey) {
            return room != null && RoomNames.key(room).equals(roomKey);
        }

        String room() {
            return room;
        }

        String to() {
            return to;
        }

        String text() {
            return text;
        }
    }

    private final EventExecutor loop;
    private final Sender sender;
    private final Listener listener;
    private final Duration answerTimeout;
    private final Duration stallLimit;
    private final Deque<Line> waiting = new ArrayDeque<>();
    private final List<CompletableFuture<Void>> flushes = new ArrayList<>();
    /** The line whose answer is awaited, or null. */
    private Line inFlight;
    /** Lines the server left unanswered for the answer timeout, oldest first: their answers may still come. */
    private final List<Line> unconfirmed = new ArrayList<>();

    private ScheduledFuture<?> inFlightTimeout;
    /** Set while holding back after a 429. */
    private ScheduledFuture<?> resume;
    /** True once the person was told of the current hold-back, or is about to be; false again when the queue empties. */
    private boolean told;
    /** The notice of the current hold-back, waiting for the lines that come with it ({@link #COUNT_SETTLE_MILLIS}). */
    private ScheduledFuture<?> notice;
    /** What the notice says besides the count: the server's wait, and whether the rooms are read-only. */
    private long noticeSeconds;

    private boolean noticeReadOnly;
    /** True while leaving waits for the lines. */
    private boolean flushing;
    /** While leaving: the System.nanoTime the wait began or a line was last taken. */
    private long lastProgress;

    private ScheduledFuture<?> progressReports;
    /** Lines answered other than "wait" (taken, or refused for good), for the pace. */
    private long answeredCount;
    /** The pace of a hold-back: the first and latest "wait" of it (System.nanoTime) and the lines answered by each. */
    private long firstWaitAt;

    private long answeredAtFirstWait;
    private long latestWaitAt;
    private long answeredAtLatestWait;

    /**
     * {@code answerTimeout}: how long a line's answer may take (then it is taken as sent, or while leaving the wait
     * ends); {@code stallLimit}: while leaving, how long the server may answer "wait" without taking a line.
     */
    OutgoingLines(EventExecutor loop, Sender sender, Listener listener, Duration answerTimeout, Duration stallLimit) {
        this.loop = loop;
        this.sender = sender;
        this.listener = listener;
        this.answerTimeout = answerTimeout;
        this.stallLimit = stallLimit;
    }

    /** Queues a line for {@code room} behind every line waiting. */
    void add(String room, String text) {
        queue(Line.forRoom(room, text));
    }

    /** Queues a private message for {@code to} behind every line waiting, whatever room those are for. */
    void addPrivate(String to, String text) {
        queue(Line.privateTo(to, text));
    }

    private void queue(Line line) {
        loop.execute(() -> {
            waiting.addLast(line);
            if (notice != null) {
                scheduleNotice();
            }
            pump();
        });
    }

    /**
     * Drops what waits for {@code room} (left or removed from it), the line in flight included. Private messages stay:
     * they go to a member, wherever it is.
     */
    void dropRoom(String room) {
        onLoop(() -> {
            String key = RoomNames.key(room);
            List<Line> dropped = new ArrayList<>();
            if (inFlight != null && inFlight.isFor(key)) {
                // Removed while its SEND was on the way: the server's LEFT event is the only answer it gets.
                dropped.add(inFlight);
                clearInFlight();
            }
            waiting.stream().filter(line -> line.isFor(key)).forEach(dropped::add);
            waiting.removeIf(line -> line.isFor(key));
            if (!dropped.isEmpty()) {
                listener.notSent(dropped);
            }
            pump();
        });
    }

    /**
     * The connection is gone: nothing waiting can be sent on it, and the lines that went out unanswered (the one in
     * flight, the unconfirmed) will never be answered.
     */
    void connectionLost() {
        onLoop(() -> dropAll(true));
    }

    /**
     * For leaving: completes once no line waits, each sent or dropped (and said so). Holds back as long as the server
     * says to; ends early on {@link #abandon}, a lost connection, a line left unanswered for the answer timeout, or a
     * "wait" when nothing was taken for the stall limit.
     */
    CompletableFuture<Void> flush() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> {
            flushes.add(done);
            if (!flushing) {
                flushing = true;
                lastProgress = System.nanoTime();
                progressReports = loop.scheduleAtFixedRate(
                        this::reportProgress, FIRST_REPORT_MILLIS, REPORT_EVERY_MILLIS, TimeUnit.MILLISECONDS);
            }
            completeFlushesIfIdle();
        });
        return done;
    }

    /**
     * The person will not wait (Ctrl-C, a second /quit) or is gone: every line still waiting is dropped and counted,
     * and so are the one in flight and the unconfirmed ones, since their answers will not be waited for. Completes
     * once done.
     */
    CompletableFuture<Void> abandon() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        onLoop(() -> {
            dropAll(true);
            done.complete(null);
        });
        return done;
    }

    private int pending() {
        return waiting.size() + (inFlight == null ? 0 : 1);
    }

    private void reportProgress() {
        int lines = pending();
        if (lines > 0) {
            listener.stillToSend(lines, secondsFor(lines));
        }
    }

    /** How long {@code lines} take at the pace seen between the first and the latest "wait" of this hold-back. */
    private OptionalLong secondsFor(int lines) {
        long answered = answeredAtLatestWait - answeredAtFirstWait;
        long nanos = latestWaitAt - firstWaitAt;
        if (!told || answered <= 0 || nanos <= 0) {
            return OptionalLong.empty();
        }
        double perSecond = answered / (nanos / 1e9);
        return OptionalLong.of(Math.max(1, (long) Math.ceil(lines / perSecond)));
    }

    private void pump() {
        if (inFlight != null || resume != null) {
            return;
        }
        Line next = waiting.pollFirst();
        if (next == null) {
            told = false;
            completeFlushesIfIdle();
            return;
        }
        inFlight = next;
        inFlightTimeout = loop.schedule(() -> unanswered(next), answerTimeout.toNanos(), TimeUnit.NANOSECONDS);
        (next.isPrivate() ? sender.sendPrivate(next.to(), next.text()) : sender.send(next.room(), next.text()))
                .whenComplete((answer, failure) -> onLoop(() -> {
                    if (failure != null) {
                        failed(next);
                    } else {
                        answered(next, answer);
                    }
                }));
    }

    private void answered(Line line, OcpMessage answer) {
        if (line != inFlight) {
            if (unconfirmed.remove(line)) {
                answeredLate(line, answer);
            }
            return; // otherwise given up on already
        }
        clearInFlight();
        if (isWait(answer)) {
            waiting.addFirst(line);
            holdBack(Numbers.header(answer, HeaderNames.RETRY_AFTER).orElse(1L), isReadOnlyForNow(answer));
            return;
        }
        took(line, answer);
        pump();
    }

    /**
     * The answer to a line left unconfirmed: a slow server, not a lost line. Taken or refused, it is told as any answer
     * is; told to wait, the line goes again first (the lines sent after it are already on their way).
     */
    private void answeredLate(Line line, OcpMessage answer) {
        if (!isWait(answer)) {
            took(line, answer);
            return;
        }
        waiting.addFirst(line);
        if (resume == null) {
            holdBack(Numbers.header(answer, HeaderNames.RETRY_AFTER).orElse(1L), isReadOnlyForNow(answer));
        }
    }

    /** An answer other than "wait": the line was taken, or refused for good. */
    private void took(Line line, OcpMessage answer) {
        answeredCount++;
        lastProgress = System.nanoTime();
        if (line.isPrivate()) {
            listener.privateAnswered(line.to(), line.text(), answer);
        } else if (answer.statusCode() == Status.OK.code()) {
            listener.sent(line.room(), line.text(), answer);
        } else {
            listener.refused(line.room(), answer);
        }
    }

    /** "Wait": flood control's 429, or a cluster node's rooms read-only for now. */
    private static boolean isWait(OcpMessage answer) {
        return answer.statusCode() == Status.TOO_MANY_REQUESTS.code() || isReadOnlyForNow(answer);
    }

    /** A 503 that says when to try again: a cluster node whose rooms are read-only until it reaches Redis. */
    private static boolean isReadOnlyForNow(OcpMessage answer) {
        return answer.statusCode() == Status.SERVICE_UNAVAILABLE.code()
                && answer.header(HeaderNames.RETRY_AFTER).isPresent();
    }

    /** The line could not be sent: the connection is gone, and so is every line waiting. */
    private void failed(Line line) {
        if (line == inFlight) {
            dropAll(false);
        }
    }

    private void unanswered(Line line) {
        if (line != inFlight) {
            return;
        }
        listener.unanswered(line);
        if (flushing) {
            // Leaving from a server that does not answer: the lines waiting are not sent, this one is unconfirmed.
            dropAll(true);
            return;
        }
        clearInFlight();
        unconfirmed.add(line);
        pump();
    }

    private void holdBack(long seconds, boolean readOnly) {
        long wait = TimeUnit.SECONDS.toNanos(Math.max(1, seconds));
        long now = System.nanoTime();
        if (flushing && now - lastProgress > stallLimit.toNanos()) {
            // Leaving, and the server has let nothing through for long: it will not, this side of the person's
            // patience.
            dropAll(true);
            return;
        }
        if (!told) {
            firstWaitAt = now;
            answeredAtFirstWait = answeredCount;
        }
        latestWaitAt = now;
        answeredAtLatestWait = answeredCount;
        resume = loop.schedule(
                () -> {
                    resume = null;
                    if (notice != null) {
                        tellHoldingBack();
                    }
                    pump();
                },
                wait,
                TimeUnit.NANOSECONDS);
        if (!told) {
            told = true;
            noticeSeconds = Math.max(1, seconds);
            noticeReadOnly = readOnly;
            scheduleNotice();
        }
    }

    /** (Again) {@link #COUNT_SETTLE_MILLIS} from now: the lines of a paste are still coming. */
    private void scheduleNotice() {
        cancelNotice();
        notice = loop.schedule(this::tellHoldingBack, COUNT_SETTLE_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The person hears how many lines wait: every one, also those that came after the server's "wait". */
    private void tellHoldingBack() {
        cancelNotice();
        if (pending() > 0) {
            listener.holdingBack(pending(), noticeSeconds, noticeReadOnly);
        }
    }

    private void cancelNotice() {
        if (notice != null) {
            notice.cancel(false);
            notice = null;
        }
    }

    /**
     * Drops every waiting line and gives up on the one in flight and the unconfirmed ones, counting each: the waiting
     * as not sent, the unconfirmed as such, the one in flight as unconfirmed when {@code inFlightWentOut}, else as not
     * sent.
     */
    private void dropAll(boolean inFlightWentOut) {
        List<Line> dropped = new ArrayList<>();
        List<Line> unanswered = new ArrayList<>(unconfirmed);
        if (inFlight != null) {
            (inFlightWentOut ? unanswered : dropped).add(inFlight);
        }
        dropped.addAll(waiting);
        waiting.clear();
        unconfirmed.clear();
        clearInFlight();
        if (resume != null) {
            resume.cancel(false);
            resume = null;
        }
        // Lines counted as not sent are not also told as waiting.
        cancelNotice();
        told = false;
        if (!dropped.isEmpty()) {
            listener.notSent(dropped);
        }
        if (!unanswered.isEmpty()) {
            listener.unconfirmed(unanswered);
        }
        completeFlushesIfIdle();
    }

    private void clearInFlight() {
        inFlight = null;
        if (inFlightTimeout != null) {
            inFlightTimeout.cancel(false);
            inFlightTimeout = null;
        }
    }

    private void completeFlushesIfIdle() {
        if (waiting.isEmpty() && inFlight == null && resume == null) {
            flushes.forEach(done -> done.complete(null));
            flushes.clear();
            flushing = false;
            if (progressReports != null) {
                progressReports.cancel(false);
                progressReports = null;
            }
        }
    }

    private void onLoop(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }
}
