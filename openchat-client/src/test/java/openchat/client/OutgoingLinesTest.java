package openchat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.DefaultEventLoop;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import openchat.protocol.HeaderNames;
import openchat.protocol.OcpMessage;
import openchat.protocol.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The outgoing queue on its own, with a scripted server: order, one line in flight, holding back, dropping. */
class OutgoingLinesTest {
    private final DefaultEventLoop loop = new DefaultEventLoop();
    /** Lines sent and not yet answered, oldest first. */
    private final BlockingQueue<Sent> sent = new LinkedBlockingQueue<>();

    private final List<String> told = new CopyOnWriteArrayList<>();
    /** The lines given up on, each as "not sent ROOM TEXT" or "unconfirmed ROOM TEXT", in the order told. */
    private final List<String> givenUp = new CopyOnWriteArrayList<>();
    /** While leaving, a server that answers "wait" and takes nothing for this long is given up on. */
    private static final Duration STALL = Duration.ofSeconds(2);

    private final OutgoingLines outgoing =
            new OutgoingLines(loop, new Requests(), new Notices(), Duration.ofSeconds(5), STALL);

    /** A line sent: {@code room} is {@code "→ NAME"} for a private message. */
    private record Sent(String room, String text, CompletableFuture<OcpMessage> answer) {}

    @AfterEach
    void stop() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    /** Waits until the loop has run what was handed to it, so that every line added is queued. */
    private void settle() {
        loop.submit(() -> {}).syncUninterruptibly();
    }

    private Sent nextSent() throws InterruptedException {
        Sent next = sent.poll(5, TimeUnit.SECONDS);
        assertThat(next).as("a line sent").isNotNull();
        return next;
    }

    private void expectNothingSentFor(Duration quiet) throws InterruptedException {
        assertThat(sent.poll(quiet.toMillis(), TimeUnit.MILLISECONDS))
                .as("nothing sent")
                .isNull();
    }

    private static OcpMessage ok(long seq) {
        return OcpMessage.response(Status.OK).header(HeaderNames.SEQ, seq).build();
    }

    private static OcpMessage tooFast(long seconds) {
        return OcpMessage.response(Status.TOO_MANY_REQUESTS)
                .header(HeaderNames.RETRY_AFTER, seconds)
                .build();
    }

    @Test
    void linesGoOneAtATimeInTheOrderTyped() throws InterruptedException {
        outgoing.add("lobby", "하나");
        outgoing.add("study", "둘");
        outgoing.add("lobby", "셋");

        Sent first = nextSent();
        assertThat(first.text()).isEqualTo("하나");
        expectNothingSentFor(Duration.ofMillis(100));
        first.answer().complete(ok(7));
        Sent second = nextSent();
        assertThat(second).extracting(Sent::room, Sent::text).containsExactly("study", "둘");
        second.answer().complete(ok(3));
        assertThat(nextSent().text()).isEqualTo("셋");
        await().atMost(Duration.ofSeconds(2)).until(() -> told.containsAll(List.of("sent lobby 7", "sent study 3")));
    }

    @Test
    void refusedLineIsSentFirstAfterRetryAfterAndThePersonIsToldOnce() throws InterruptedException {
        outgoing.add("lobby", "하나");
        outgoing.add("lobby", "둘");
        outgoing.add("lobby", "셋");
        settle();
        nextSent().answer().complete(ok(1));

        nextSent().answer().complete(tooFast(1));
        expectNothingSentFor(Duration.ofMillis(500));
        outgoing.add("lobby", "넷");
        Sent retried = nextSent();
        assertThat(retried.text()).isEqualTo("둘");
        retried.answer().complete(tooFast(1));
        Sent again = nextSent();
        assertThat(again.text()).isEqualTo("둘");
        again.answer().complete(ok(2));
        Sent third = nextSent();
        assertThat(third.text()).isEqualTo("셋");
        third.answer().complete(ok(3));
        assertThat(nextSent().text()).isEqualTo("넷");

        assertThat(told).filteredOn(line -> line.startsWith("holding")).containsExactly("holding 2 for 1 s");
    }

    /**
     * The lines of a paste reach the queue one by one, the later ones after the server's first "wait": the notice
     * counts them too, not only those queued when the wait came.
     */
    @Test
    void holdBackNoticeCountsTheLinesThatArriveJustAfterTheServerSaysToWait() throws InterruptedException {
        outgoing.add("lobby", "하나");
        outgoing.add("lobby", "둘");
        settle();
        nextSent().answer().complete(ok(1));
        Sent refused = nextSent();

        loop.execute(() -> {
            refused.answer().complete(tooFast(1));
            // Handed over as the wait is being handled: the input thread was still reading the paste.
            outgoing.add("lobby", "셋");
            outgoing.add("lobby", "넷");
        });

        await().atMost(Duration.ofSeconds(2)).until(() -> told.stream().anyMatch(line -> line.startsWith("holding")));
        assertThat(told).filteredOn(line -> line.startsWith("holding")).containsExactly("holding 3 for 1 s");
    }

    @Test
    void aLineRefusedWhileTheClusterIsReadOnlyIsSentAgainAfterRetryAfter() throws InterruptedException {
        outgoing.add("lobby", "하나");
        outgoing.add("lobby", "둘");
        settle();
        nextSent()
                .answer()
                .complete(OcpMessage.response(Status.SERVICE_UNAVAILABLE)
                        .header(HeaderNames.RETRY_AFTER, 1)
                        .build());
        Sent retried = nextSent();
        assertThat(retried.text()).isEqualTo("하나");
        retried.answer().complete(ok(5));
        assertThat(nextSent().text()).isEqualTo("둘");
        assertThat(told).contains("holding 2 for 1 s (read-only)");
    }

    /**
     * The bug a fixed budget made: 120 piped lines at 5 a second, then /quit, lost all but the first 58. Here the
     * hold-backs outlast the stall limit together, each line taken after its wait, and none is dropped; meanwhile the
     * person hears how many are left and, once the pace is seen, about how long.
     */
    @Test
    void leavingWaitsForEveryLineHoweverLongTheHoldBacksTake() throws Exception {
        List<String> lines = List.of("하나", "둘", "셋", "넷", "다섯");
        lines.forEach(line -> outgoing.add("lobby", line));
        settle();
        CompletableFuture<Void> flushed = outgoing.flush();
        long started = System.nanoTime();

        List<String> received = new java.util.ArrayList<>();
        Sent next = nextSent();
        next.answer().complete(ok(1));
        received.add(next.text());
        long seq = 2;
        while (received.size() < lines.size()) {
            next = nextSent();
            next.answer().complete(tooFast(1)); // each line waits a second, then goes
            Sent again = nextSent();
            assertThat(again.text()).isEqualTo(next.text());
            again.answer().complete(ok(seq++));
            received.add(again.text());
        }

        flushed.get(2, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(STALL);
        assertThat(received).containsExactlyElementsOf(lines);
        assertThat(told).noneMatch(line -> line.startsWith("not sent"));
        assertThat(told).anyMatch(line -> line.matches("still [1-3] about [0-9]+ s"));
    }

    @Test
    void leavingGivesUpOnAServerThatTakesNothingForTheStallLimit() throws Exception {
        outgoing.add("lobby", "하나");
        outgoing.add("lobby", "둘");
        settle();
        CompletableFuture<Void> flushed = outgoing.flush();

        Sent refused;
        do {
            refused = sent.poll(5, TimeUnit.SECONDS);
            assertThat(refused).as("the line again").isNotNull();
            assertThat(refused.text()).isEqualTo("하나");
            refused.answer().complete(tooFast(1));
            settle();
        } while (!flushed.isDone() && !told.contains("not sent 2"));

        flushed.get(2, TimeUnit.SECONDS);
        assertThat(told).contains("not sent 2");
        expectNothingSentFor(Duration.ofMillis(1200));
    }

    @Test
    void leavingGivesUpOnALineTheServerDoesNotAnswer() throws Exception {
        OutgoingLines impatient = new OutgoingLines(loop, new Requests(), new Notices(), Duration.ofMillis(200), STALL);
        impatient.add("lobby", "하나");
        impatient.add("lobby", "둘");
        impatient.add("lobby", "셋");
        nextSent();

        impatient.flush().get(2, TimeUnit.SECONDS);

        assertThat(told)
                .as("the lines waiting never went out; the one unanswered did, and may have been taken")
                .containsSubsequence("unanswered", "not sent 2", "unconfirmed 1");
        assertThat(givenUp)
                .as("each told with its text, to be sent again by hand")
                .containsExactly("not sent lobby 둘", "not sent lobby 셋", "unconfirmed lobby 하나");
        expectNothingSentFor(Duration.ofMillis(100));
    }

    @Test
    void aLineLeftUnansweredCountsAsSentWhenItsAnswerComesLate() throws Exception {
        OutgoingLines impatient = new OutgoingLines(loop, new Requests(), new Notices(), Duration.ofMillis(200), STALL);
        impatient.add("lobby", "하나");
        impatient.add("lobby", "둘");
        Sent slow = nextSent();

        Sent next = nextSent();
        assertThat(next.text()).as("the next goes once the first is overdue").isEqualTo("둘");
        assertThat(told).containsExactly("unanswered");
        settle(); // the queue waits on the second line's answer before the test gives it
        slow.answer().complete(ok(1));
        next.answer().complete(ok(2));
        impatient.abandon().get(1, TimeUnit.SECONDS);

        assertThat(told).containsExactly("unanswered", "sent lobby 1", "sent lobby 2");
    }

    @Test
    void aLineLeftUnansweredWhenTheConnectionIsLostMayNotHaveBeenSent() throws Exception {
        OutgoingLines impatient = new OutgoingLines(loop, new Requests(), new Notices(), Duration.ofMillis(200), STALL);
        impatient.add("lobby", "하나");
        impatient.add("lobby", "둘");
        nextSent();
        nextSent().answer().complete(ok(2));
        await().atMost(Duration.ofSeconds(2)).until(() -> told.contains("sent lobby 2"));

        impatient.connectionLost();

        await().atMost(Duration.ofSeconds(2)).until(() -> told.contains("unconfirmed 1"));
        assertThat(told).containsExactly("unanswered", "sent lobby 2", "unconfirmed 1");
    }

    @Test
    void leavingCountsTheLinesLeftUnanswered() throws Exception {
        OutgoingLines impatient = new OutgoingLines(loop, new Requests(), new Notices(), Duration.ofMillis(200), STALL);
        impatient.add("lobby", "하나");
        nextSent();
        await().atMost(Duration.ofSeconds(2)).until(() -> told.contains("unanswered"));

        impatient.flush().get(1, TimeUnit.SECONDS);
        impatient.abandon().get(1, TimeUnit.SECONDS);

        assertThat(told).containsExactly("unanswered", "unconfirmed 1");
    }

    @Test
    void abandoningTheWaitDropsAndCountsEveryLineLeft() throws Exception {
        outgoing.add("lobby", "하나");
        outgoing.add("lobby", "둘");
        outgoing.add("lobby", "셋");
        settle();
        nextSent().answer().complete(ok(1));
        nextSent().answer().complete(tooFast(100));
        CompletableFuture<Void> flushed = outgoing.flush();
        await().atMost(Duration.ofSeconds(5)).until(() -> told.contains("still 2"));

        outgoing.abandon().get(1, TimeUnit.SECONDS);

        flushed.get(1, TimeUnit.SECONDS);
        assertThat(told).contains("not sent 2");
    }

    @Test
    void leavingWaitsForLinesAlreadyOnTheirWay() throws Exception {
        outgoing.add("lobby", "하나");
        Sent first = nextSent();
        CompletableFuture<Void> flushed = outgoing.flush();
        assertThat(flushed).isNotDone();

        first.answer().complete(ok(1));

        flushed.get(1, TimeUnit.SECONDS);
        assertThat(told).doesNotContain("not sent 1");
    }

    @Test
    void removalFromARoomDropsItsLinesAndTheRestGoOn() throws InterruptedException {
        outgoing.add("study", "스터디 하나");
        outgoing.add("lobby", "로비");
        outgoing.add("Study", "스터디 둘");
        settle();
        nextSent();

        outgoing.dropRoom("study");

        assertThat(nextSent().text()).isEqualTo("로비");
        await().atMost(Duration.ofSeconds(2)).until(() -> told.contains("not sent 2"));
    }

    @Test
    void lostConnectionDropsWhatWaits() throws InterruptedException {
        outgoing.add("lobby", "하나");
        outgoing.add("lobby", "둘");
        settle();

        nextSent().answer().completeExceptionally(new ClosedChannelException());

        await().atMost(Duration.ofSeconds(2)).until(() -> told.contains("not sent 2"));
        expectNothingSentFor(Duration.ofMillis(100));
    }

    @Test
    void privateMessagesQueueWithTheChatLinesAndAreHeldBackAlike() throws InterruptedException {
        outgoing.add("lobby", "하나");
        outgoing.addPrivate("유저2", "쉿");
        outgoing.add("lobby", "둘");
        settle();
        nextSent().answer().complete(ok(1));

        Sent whisper = nextSent();
        assertThat(whisper).extracting(Sent::room, Sent::text).containsExactly("→ 유저2", "쉿");
        whisper.answer().complete(tooFast(1));
        expectNothingSentFor(Duration.ofMillis(500));
        Sent retried = nextSent();
        assertThat(retried.text()).as("the private message goes again, first").isEqualTo("쉿");
        retried.answer().complete(OcpMessage.response(Status.OK).build());
        assertThat(nextSent().text()).isEqualTo("둘");

        assertThat(told).contains("holding 2 for 1 s", "private to 유저2 쉿 200");
    }

    @Test
    void leavingARoomKeepsThePrivateMessagesWaiting() throws InterruptedException {
        outgoing.add("lobby", "하나");
        outgoing.addPrivate("study", "방 이름 같은 사람에게");
        outgoing.add("study", "스터디");
        settle();
        nextSent();

        outgoing.dropRoom("study");
        outgoing.dropRoom("lobby");

        assertThat(nextSent()).extracting(Sent::room, Sent::text).containsExactly("→ study", "방 이름 같은 사람에게");
        await().atMost(Duration.ofSeconds(2)).until(() -> told.contains("not sent 1"));
    }

    /** The scripted server's side: each line sent waits in {@link #sent} for the test to answer it. */
    private final class Requests implements OutgoingLines.Sender {
        @Override
        public CompletableFuture<OcpMessage> send(String room, String text) {
            CompletableFuture<OcpMessage> answer = new CompletableFuture<>();
            sent.add(new Sent(room, text, answer));
            return answer;
        }

        @Override
        public CompletableFuture<OcpMessage> sendPrivate(String to, String text) {
            return send("→ " + to, text);
        }
    }

    private final class Notices implements OutgoingLines.Listener {
        @Override
        public void sent(String room, String text, OcpMessage answer) {
            told.add("sent " + room + " " + answer.header(HeaderNames.SEQ).orElse("?"));
        }

        @Override
        public void holdingBack(int waiting, long seconds, boolean readOnly) {
            told.add("holding " + waiting + " for " + seconds + " s" + (readOnly ? " (read-only)" : ""));
        }

        @Override
        public void refused(String room, OcpMessage answer) {
            told.add("refused " + answer.statusCode());
        }

        @Override
        public void privateAnswered(String to, String text, OcpMessage answer) {
            told.add("private to " + to + " " + text + " " + answer.statusCode());
        }

        @Override
        public void unanswered(OutgoingLines.Line line) {
            told.add("unanswered");
        }

        @Override
        public void notSent(List<OutgoingLines.Line> lines) {
            told.add("not sent " + lines.size());
            lines.forEach(line -> givenUp.add("not sent " + line.room() + " " + line.text()));
        }

        @Override
        public void unconfirmed(List<OutgoingLines.Line> lines) {
            told.add("unconfirmed " + lines.size());
            lines.forEach(line -> givenUp.add("unconfirmed " + line.room() + " " + line.text()));
        }

        @Override
        public void stillToSend(int lines, OptionalLong seconds) {
            told.add("still " + lines + (seconds.isPresent() ? " about " + seconds.getAsLong() + " s" : ""));
        }
    }
}
