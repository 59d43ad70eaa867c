package openchat.client;

import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import openchat.protocol.HeaderNames;
import openchat.protocol.OcpMessage;
import openchat.protocol.Status;

/**
 * The connection of the moment (a new one after each reconnect) and whether this client is connected on it,
 * for everything that sends a request: when it is not, the person is told the line cannot be sent.
 *
 * <p>A command the server refuses only for a while, having done nothing (429 {@code too-fast}: the joins-and-parts,
 * chat or read allowance; 503 {@code unavailable}: a cluster node whose rooms are read-only until it reaches Redis
 * again), is not lost: {@link #ask} says it waits, waits the {@code Retry-After} the server named and sends it again,
 * on the thread that asked (the input thread), so that what is typed or piped after it waits behind it, as chat lines
 * wait in {@link OutgoingLines}; the wait is said once, again only when its reason or length changes. Refused {@value #PACE_RESENDS} times more, or when its waits would pass
 * {@link #PACE_WAIT_LIMIT}, it is given up, said so and counted ({@link #commandsGivenUp}): the exit status says
 * something was not done. Other refusals are not waited out: {@code flooding} ends the connection, the administrator's
 * lockout answers CONNECT only, and a 503 {@code in-doubt} may have been done already (docs/CLUSTER.md), so that
 * sending it again could do it twice.
 */
final class ServerLink {
    /** How many times a command refused for its pace is sent again; refused once more, it is given up. */
    static final int PACE_RESENDS = 5;
    /** The longest one command waits for the server's allowance, its waits together; a longer wait gives it up. */
    static final Duration PACE_WAIT_LIMIT = Duration.ofMinutes(1);
    /** The {@code Error-Code} of a refusal for the pace alone (docs/PROTOCOL.md): nothing was done, so it may go again. */
    private static final String TOO_FAST = "too-fast";
    /** The {@code Error-Code} of a cluster node's read-only rooms (docs/CLUSTER.md): nothing was done, so it may go again. */
    private static final String UNAVAILABLE = "unavailable";

    private final TerminalUi ui;
    private final ClientText text;
    private final Duration answerTime;
    private volatile ServerConnection connection;
    /** True from a successful CONNECT until the connection closes or the session ends. */
    private volatile boolean connected;
    /** True from saying the server does not answer until it is heard from again (or another connection is used). */
    private final AtomicBoolean silent = new AtomicBoolean();
    /** The command line being carried out, as typed, for the lines about its waits; null between commands. */
    private volatile String command;
    /** Commands given up after waiting for the server's allowance (each said so). */
    private final AtomicInteger commandsGivenUp = new AtomicInteger();
    /** Completed when the link goes down or closes: a command waiting for the allowance stops waiting. */
    private volatile CompletableFuture<Void> wake = new CompletableFuture<>();
    /** True once the session closed the link: nothing is said any more. */
    private volatile boolean closed;

    ServerLink(TerminalUi ui, ClientText text, Duration answerTime) {
        this.ui = ui;
        this.text = text;
        this.answerTime = answerTime;
    }

    void use(ServerConnection opened) {
        connection = opened;
        silent.set(false);
    }

    /** Tells the person the server does not answer (a request's answer is overdue). */
    void noAnswer() {
        silent.set(true);
        ui.print(text.get("noAnswer"));
    }

    /**
     * The server was heard from: true, once, when the person was last told that it does not answer, so that they hear
     * it answers again.
     */
    boolean heardAgain() {
        return silent.getAndSet(false);
    }

    void connected() {
        connected = true;
    }

    /**
     * Marks the link down; true when it was up, so that exactly one of the ways down (closed, kicked, banned, shut
     * down) reports it.
     */
    boolean down() {
        boolean was = connected;
        connected = false;
        wake.complete(null);
        return was;
    }

    /** {@code typed} is being carried out (null: done): a wait for the server's allowance names it. */
    void carryingOut(String typed) {
        command = typed;
    }

    /** How many commands were given up, refused for their pace too often or for too long. */
    int commandsGivenUp() {
        return commandsGivenUp.get();
    }

    boolean isUp() {
        ServerConnection current = connection;
        return connected && current != null && current.isOpen();
    }

    /** Sends {@code request}; the future fails at once when not connected. */
    CompletableFuture<OcpMessage> request(OcpMessage.Builder request) {
        return request(request, answer -> {});
    }

    /** Like {@link #request(OcpMessage.Builder)}; {@code onAnswer} runs on the connection's thread. */
    CompletableFuture<OcpMessage> request(OcpMessage.Builder request, Consumer<OcpMessage> onAnswer) {
        ServerConnection current = connection;
        if (!connected || current == null) {
            return CompletableFuture.failedFuture(new ClosedChannelException());
        }
        return current.request(request, onAnswer);
    }

    /**
     * Sends {@code request} and waits for its answer. Empty, after telling the person why, when not
     * connected, when the connection closed, or when the server did not answer in time.
     */
    Optional<OcpMessage> ask(OcpMessage.Builder request) {
        return ask(request, answer -> {});
    }

    /**
     * Like {@link #ask(OcpMessage.Builder)}; {@code onAnswer} runs on the connection's thread for every answer, a
     * refusal for the pace included. A refusal for the pace is waited out and the request sent again (see the class's
     * comment); given up, or the link gone meanwhile, it is empty, said so.
     */
    Optional<OcpMessage> ask(OcpMessage.Builder request, Consumer<OcpMessage> onAnswer) {
        int refusals = 0;
        long waited = 0;
        String said = null;
        while (true) {
            if (closed || !isUp()) {
                if (!closed) {
                    ui.print(text.get("cannotSend"));
                }
                return Optional.empty();
            }
            Optional<OcpMessage> answer = await(connection.request(request, onAnswer));
            Optional<String> waitLine = answer.flatMap(ServerLink::waitLine);
            if (waitLine.isEmpty()) {
                return answer;
            }
            long seconds = Math.max(
                    1, Numbers.header(answer.get(), HeaderNames.RETRY_AFTER).orElse(1L));
            String typed = EventFormatter.clean(command == null ? "" : command);
            refusals++;
            if (refusals > PACE_RESENDS) {
                return givenUp(text.get("command.heldTooOften", refusals, typed));
            }
            waited += seconds;
            if (waited > PACE_WAIT_LIMIT.toSeconds()) {
                return givenUp(text.get("command.heldTooLong", seconds, PACE_WAIT_LIMIT.toSeconds(), typed));
            }
            // Said once, and again only when the reason or the wait changes: a Redis outage of a minute refused the
            // same command five times, and each resend printed the same line.
            String waitSaid = text.get(waitLine.get(), seconds, typed, PACE_RESENDS);
            if (!waitSaid.equals(said)) {
                ui.print(waitSaid);
                said = waitSaid;
            }
            waitOrWake(seconds);
        }
    }

    /**
     * The key of the line that says {@code answer} is waited out, for a refusal that says when to send again and of
     * which nothing was done: for the pace alone, or a cluster node's rooms read-only for now. Empty for another answer.
     */
    private static Optional<String> waitLine(OcpMessage answer) {
        if (answer.header(HeaderNames.RETRY_AFTER).isEmpty()) {
            return Optional.empty();
        }
        String code = EventFormatter.errorCode(answer);
        if (answer.statusCode() == Status.TOO_MANY_REQUESTS.code() && code.equals(TOO_FAST)) {
            return Optional.of("command.paced");
        }
        if (answer.statusCode() == Status.SERVICE_UNAVAILABLE.code() && code.equals(UNAVAILABLE)) {
            return Optional.of("command.readOnly");
        }
        return Optional.empty();
    }

    private Optional<OcpMessage> givenUp(String line) {
        commandsGivenUp.incrementAndGet();
        ui.print(line);
        return Optional.empty();
    }

    /** Waits {@code seconds}, or less when the link goes down or closes meanwhile. Nothing polls. */
    private void waitOrWake(long seconds) {
        CompletableFuture<Void> woken = new CompletableFuture<>();
        wake = woken;
        if (!isUp()) {
            return; // went down before this wait could be woken
        }
        try {
            woken.get(seconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            // waited it out: the allowance is back
        } catch (ExecutionException e) {
            // never completed exceptionally
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Like {@link #ask(OcpMessage.Builder)}, waiting {@code within} rather than the usual answer time. */
    Optional<OcpMessage> askWithin(OcpMessage.Builder request, Duration within) {
        if (!isUp()) {
            ui.print(text.get("cannotSend"));
            return Optional.empty();
        }
        return await(connection.request(request, answer -> {}), within);
    }

    /** The answer, or empty (after saying so on a timeout) when the connection closed or nobody answered. */
    Optional<OcpMessage> await(CompletableFuture<OcpMessage> answer) {
        return await(answer, answerTime);
    }

    private Optional<OcpMessage> await(CompletableFuture<OcpMessage> answer, Duration within) {
        try {
            return Optional.of(answer.get(within.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException e) {
            return Optional.empty();
        } catch (TimeoutException e) {
            noAnswer();
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * The answer to CONNECT, or empty after telling the person why there is none: no answer in time, an answer in
     * something other than OCP (the port of an IRC or web listener, or of a TLS one), or the connection closed first.
     */
    Optional<OcpMessage> awaitConnectAnswer(CompletableFuture<OcpMessage> answer) {
        try {
            return Optional.of(answer.get(answerTime.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ServerConnection.NotOcpServer notOcp) {
                ui.print(
                        notOcp.speaksTls()
                                ? text.get("connect.tlsServer")
                                : text.get(
                                        "connect.notOcp",
                                        EventFormatter.clean(notOcp.firstLine()),
                                        String.valueOf(ClientConfig.DEFAULT_PORT)));
            } else {
                ui.print(text.get("connect.closedBeforeAnswer"));
            }
        } catch (TimeoutException e) {
            noAnswer();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }

    void close() {
        closed = true;
        wake.complete(null);
        ServerConnection current = connection;
        if (current != null) {
            current.close();
        }
    }
}
