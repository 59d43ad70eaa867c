package openchat.client;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.Names;
import openchat.protocol.OcpMessage;

/**
 * One person's time in the room: joins, turns typed lines into requests and server events into printed
 * lines, and decides the exit code. Typed lines are handled on an input thread; events arrive on the
 * connection's thread; the caller of {@link #run} waits for the end.
 */
final class ChatSession implements ServerConnection.Listener {
    private static final String ROOM = "/rooms/lobby";
    private static final long ANSWER_SECONDS = 10;

    private final ClientConfig config;
    private final TerminalUi ui;
    private final ClientText text;
    private final EventFormatter formatter;
    private final EventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("openchat-net", true));
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private String adminKey;
    private SslContext tls;
    private volatile ServerConnection connection;
    /** True while this client is in the room. */
    private volatile boolean joined;
    /** True once the end was chosen or announced: a close of the connection is then expected. */
    private volatile boolean ending;

    ChatSession(ClientConfig config, TerminalUi ui, ZoneId zone) {
        this.config = config;
        this.ui = ui;
        this.text = new ClientText(config.locale());
        this.formatter = new EventFormatter(text, zone);
    }

    /** Runs until the person leaves, is refused or kicked, or the server stops; returns the exit code. */
    int run() {
        try {
            Optional<String> problem = Names.problem(config.name(), Names.DEFAULT_MAX_LENGTH);
            if (problem.isPresent()) {
                ui.print(text.get("invalidName", problem.get()));
                return 1;
            }
            if (Names.isAdministrator(config.name()) && !readAdminKey()) {
                return 1;
            }
            try {
                tls = config.tls().context();
            } catch (IOException e) {
                ui.print(text.get("tlsSetup", e.getMessage()));
                return 1;
            }
            if (!join()) {
                return 1;
            }
            Thread input = new Thread(this::readInput, "openchat-input");
            input.setDaemon(true);
            input.start();
            return exit.join();
        } finally {
            ServerConnection current = connection;
            if (current != null) {
                current.close();
            }
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3000);
            ui.close();
        }
    }

    private boolean readAdminKey() {
        Path file = config.adminKeyFileOrDefault();
        try {
            adminKey = Files.readString(file, StandardCharsets.UTF_8).strip();
            return true;
        } catch (IOException | RuntimeException e) {
            ui.print(text.get("adminKeyUnreadable", file));
            return false;
        }
    }

    /** Connects and sends CONNECT; prints the outcome. True when this client is now in the room. */
    private boolean join() {
        ServerConnection opened;
        try {
            opened = ServerConnection.open(group, config.host(), config.port(), tls, this)
                    .get(ANSWER_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof javax.net.ssl.SSLException || e.getCause() instanceof
                    java.security.cert.CertificateException) {
                ui.print(text.get("tlsRefused", config.host(), String.valueOf(config.port()),
                        EventFormatter.clean(String.valueOf(e.getCause().getMessage()))));
            } else {
                ui.print(text.get("unreachable", config.host(), String.valueOf(config.port())));
            }
            return false;
        } catch (TimeoutException e) {
            ui.print(text.get("unreachable", config.host(), String.valueOf(config.port())));
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        connection = opened;
        OcpMessage.Builder connect = OcpMessage.request(Methods.CONNECT, ROOM).header(HeaderNames.NAME, config.name());
        if (adminKey != null) {
            connect.header(HeaderNames.ADMIN_KEY, adminKey);
        }
        // Announce the join from the connection's thread, so it comes before the first event that follows.
        Optional<OcpMessage> answer = await(opened.request(connect, a -> {
            if (a.statusCode() == 200) {
                joined = true;
                ui.print(text.get("connected", a.header(HeaderNames.NAME).orElse(config.name())));
            }
        }));
        if (answer.isPresent() && answer.get().statusCode() == 200) {
            return true;
        }
        ui.print(answer.map(this::joinRefusal).orElse(text.get("noAnswer")));
        opened.close();
        return false;
    }

    private String joinRefusal(OcpMessage answer) {
        return switch (answer.statusCode()) {
            case 409 -> text.get("refused.nameTaken");
            case 503 -> answer.header(HeaderNames.CAPACITY).isPresent()
                    ? text.get("refused.full", answer.header(HeaderNames.MEMBERS).orElse("?"),
                            answer.header(HeaderNames.CAPACITY).get())
                    : text.get("refused.other", EventFormatter.clean(answer.bodyText()));
            case 403 -> text.get("refused.adminKey");
            case 429 -> text.get("refused.tooMany", answer.header(HeaderNames.RETRY_AFTER).orElse("?"));
            default -> text.get("refused.other", EventFormatter.clean(answer.bodyText()));
        };
    }

    private void readInput() {
        while (!exit.isDone()) {
            String line;
            try {
                line = ui.readLine();
            } catch (TerminalUi.Interrupted e) {
                leave(false);
                return;
            } catch (RuntimeException e) {
                line = null;
            }
            if (line == null) {
                leave(false);
                return;
            }
            handle(line);
        }
    }

    void handle(String line) {
        if (line.isBlank()) {
            return;
        }
        if (!line.startsWith("/")) {
            say(line);
            return;
        }
        Optional<ChatCommand.Invocation> invocation = ChatCommand.parse(line);
        if (invocation.isEmpty()) {
            ui.print(text.get("unknownCommand", EventFormatter.clean(line.strip().split("\\s+")[0])));
            help("");
            return;
        }
        ChatCommand command = invocation.get().command();
        if (command.argument() != null && invocation.get().argument().isEmpty()) {
            ui.print(text.get("usage", command.synopsis()));
            return;
        }
        command.action().run(this, invocation.get().argument());
    }

    private void say(String line) {
        if (!isInRoom()) {
            ui.print(text.get("cannotSend"));
            return;
        }
        if (line.getBytes(StandardCharsets.UTF_8).length > ClientConfig.MAX_MESSAGE_BYTES) {
            ui.print(text.get("tooLong", String.valueOf(ClientConfig.MAX_MESSAGE_BYTES)));
            return;
        }
        connection.send(OcpMessage.request(Methods.SEND, ROOM)
                .header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8).body(line).build());
    }

    void quit(String argument) {
        leave(false);
    }

    void quietQuit(String argument) {
        leave(true);
    }

    /** Leaves the room (telling the server, if still connected) and ends with exit code 0. */
    private void leave(boolean quiet) {
        ending = true;
        if (isInRoom()) {
            OcpMessage.Builder leave = OcpMessage.request(Methods.LEAVE, ROOM);
            if (quiet) {
                leave.header(HeaderNames.QUIET, "true");
            }
            await(connection.request(leave));
        }
        exit.complete(0);
    }

    void kick(String target) {
        Optional<OcpMessage> answer = adminRequest(OcpMessage.request(Methods.KICK, ROOM).header(HeaderNames.NAME, target));
        answer.filter(a -> a.statusCode() == 404)
                .ifPresent(a -> ui.print(text.get("noSuchUser", EventFormatter.clean(target))));
    }

    void shutdown(String argument) {
        adminRequest(OcpMessage.request(Methods.SHUTDOWN, "/"));
    }

    /** Sends an administrator's request; prints why when refused. Its effect shows as an event. */
    private Optional<OcpMessage> adminRequest(OcpMessage.Builder request) {
        if (!isInRoom()) {
            ui.print(text.get("cannotSend"));
            return Optional.empty();
        }
        Optional<OcpMessage> answer = await(connection.request(request));
        answer.ifPresent(a -> {
            if (a.statusCode() == 403) {
                ui.print(text.get("adminOnly"));
            } else if (a.statusCode() != 200 && a.statusCode() != 404) {
                ui.print(text.get("refused", EventFormatter.clean(a.bodyText())));
            }
        });
        return answer;
    }

    void help(String argument) {
        ui.print(text.get("help.header"));
        for (ChatCommand command : ChatCommand.ALL) {
            ui.print("  " + command.synopsis() + " - " + text.get(command.helpKey()));
        }
        ui.print(text.get("help.footer"));
    }

    void reconnect(String argument) {
        if (isInRoom()) {
            ui.print(text.get("alreadyConnected"));
            return;
        }
        join();
    }

    private boolean isInRoom() {
        ServerConnection current = connection;
        return joined && current != null && current.isOpen();
    }

    /** The answer, or empty (after saying so) when the connection closed or the server did not answer. */
    private Optional<OcpMessage> await(CompletableFuture<OcpMessage> answer) {
        try {
            return Optional.of(answer.get(ANSWER_SECONDS, TimeUnit.SECONDS));
        } catch (ExecutionException e) {
            return Optional.empty();
        } catch (TimeoutException e) {
            ui.print(text.get("noAnswer"));
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @Override
    public void event(OcpMessage event) {
        boolean aboutMe = event.header(HeaderNames.NAME).map(n -> Names.key(n).equals(Names.key(config.name())))
                .orElse(false);
        if (event.method().equals(Methods.LEFT) && aboutMe
                && event.header(HeaderNames.REASON).orElse("").equals("kicked")) {
            ending = true;
            joined = false;
            ui.print(text.get("kickedMe"));
            exit.complete(1);
            return;
        }
        formatter.format(event).ifPresent(ui::print);
        if (event.method().equals(Methods.SHUTDOWN)) {
            ending = true;
            joined = false;
            exit.complete(0);
        }
    }

    @Override
    public void unsolicitedAnswer(OcpMessage answer) {
        switch (answer.statusCode()) {
            case 429 -> ui.print(text.get("tooFast", answer.header(HeaderNames.RETRY_AFTER).orElse("?")));
            case 413 -> ui.print(text.get("tooLong", String.valueOf(ClientConfig.MAX_MESSAGE_BYTES)));
            default -> ui.print(text.get("refused", EventFormatter.clean(answer.bodyText())));
        }
    }

    @Override
    public void closed() {
        if (joined && !ending) {
            joined = false;
            ui.print(text.get("connectionLost"));
        }
    }
}
