package openchat.client;

import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import openchat.protocol.OcpMessage;

/**
 * The connection of the moment (a new one after each reconnect) and whether this client is connected on it,
 * for everything that sends a request: when it is not, the person is told the line cannot be sent.
 */
final class ServerLink {
    private final TerminalUi ui;
    private final ClientText text;
    private final Duration answerTime;
    private volatile ServerConnection connection;
    /** True from a successful CONNECT until the connection closes or the session ends. */
    private volatile boolean connected;
    /** True from saying the server does not answer until it is heard from again (or another connection is used). */
    private final AtomicBoolean silent = new AtomicBoolean();

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
        return was;
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

    Optional<OcpMessage> ask(OcpMessage.Builder request, Consumer<OcpMessage> onAnswer) {
        if (!isUp()) {
            ui.print(text.get("cannotSend"));
            return Optional.empty();
        }
        return await(connection.request(request, onAnswer));
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
        ServerConnection current = connection;
        if (current != null) {
            current.close();
        }
    }
}
