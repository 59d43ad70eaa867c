package openchat.client;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import openchat.core.CoreConfig;
import openchat.core.DisplayText;
import openchat.core.LeaveReason;
import openchat.core.Names;
import openchat.core.RoomNames;
import openchat.core.TextProblem;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.protocol.Status;
import openchat.protocol.Targets;

/**
 * One person's time in the chat: connects, turns typed lines into requests and server events into printed
 * lines, and decides the exit code. Typed lines are handled on an input thread; events arrive on the
 * connection's thread; the caller of {@link #run} waits for the end.
 */
final class ChatSession implements ServerConnection.Listener {
    /** How long the server may take to answer a request before the person is told it does not answer. */
    static final Duration ANSWER_TIME = Duration.ofSeconds(10);
    /**
     * Leaving waits for the lines still held back by flood control however long that takes, but not for a server that
     * answers each line "wait" and has taken none for this many answer times (a cluster whose rooms stay read-only).
     */
    private static final int LEAVE_STALL_ANSWER_TIMES = 3;
    /**
     * How long /quit waits on the input thread for the lines to go before reading input again (for Ctrl-C or a
     * second /quit): most leave well within it, and the prompt does not come back for a moment before the end.
     */
    private static final long LEAVE_AT_ONCE_MILLIS = 1000;
    /**
     * How long a stop by signal waits for the server to answer LEAVE: whoever sent the signal (a closed terminal, a
     * service manager) does not wait for a server that is gone.
     */
    static final Duration STOP_LEAVE_TIME = Duration.ofSeconds(2);

    /** How many departures from the chat {@link #goneFromTheChat} remembers. */
    private static final int GONE_REMEMBERED = 1_000;
    /** The name of {@code /me} in {@link ChatCommand#ALL}: an action goes out as a chat line does. */
    private static final String ACT = "/me";

    private final ClientConfig config;
    private final Duration answerTime;
    private final TerminalUi ui;
    private final ClientText text;
    private final EventFormatter formatter;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(
            1, new DefaultThreadFactory("openchat-net", true), NioIoHandler.newFactory());
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    /**
     * Stopped from outside (Ctrl-C while input is piped, a signal): the lines still waiting are counted aloud, as when
     * the person gives up on them at the prompt; the process's exit status (130 for Ctrl-C) is not 0.
     */
    private final Thread stopHook = new Thread(this::giveUpOnLines, "openchat-stop");

    private final Object promptLock = new Object();
    private final ServerLink link;
    private final JoinedRooms rooms = new JoinedRooms(this::showCurrentRoom);
    /**
     * Members shown leaving the chat since they were last seen joining or taking their name, by name key: a
     * departure from the chat reaches every room this client shares with the member, and is shown once. Read on the
     * connection's thread only; the last {@value #GONE_REMEMBERED} are kept (past that, one may show twice).
     */
    private final Set<String> goneFromTheChat = Collections.newSetFromMap(new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > GONE_REMEMBERED;
        }
    });

    private final RoomLines roomLines;
    private final OutgoingLines outgoing;
    private final RoomCommands roomCommands;
    private final BanCommands banCommands;
    private final RoomBanCommands roomBanCommands;
    private final DeleteCommands deleteCommands;
    private final RegistrationCommands registrationCommands;
    private final RegistrationNews registrationNews;
    private final IgnoredNames ignoredNames;
    /**
     * This client's name: the configured one until {@code /nick} takes another. A reconnect connects with it; it
     * is how this client knows an event is about itself. Set on the connection's thread, read on any.
     */
    private volatile String me;

    private String adminKey;
    private SslContext tls;
    /** True once the end was chosen or announced: a close of the connection is then expected. */
    private volatile boolean ending;
    /** True from /quit (or Ctrl-C, Ctrl-D) on: waiting lines go first; a second one leaves without them. */
    private final AtomicBoolean leaving = new AtomicBoolean();
    /** True once LEAVE was sent: /quit's goodbye and a stop by signal may meet. */
    private final AtomicBoolean leaveSent = new AtomicBoolean();
    /** The exit status of a stop by signal (128 + the signal's number), or 0 while there was none. */
    private volatile int stopStatus;
    /**
     * Typed lines the outgoing queue dropped, or that went out and were never answered (each time said so): then the
     * exit code is not 0.
     */
    private final AtomicInteger linesNotSent = new AtomicInteger();

    ChatSession(ClientConfig config, TerminalUi ui, ZoneId zone) {
        this(config, ui, zone, ANSWER_TIME);
    }

    /** {@code answerTime}: {@link #ANSWER_TIME}, shorter in tests of a server that stops answering. */
    ChatSession(ClientConfig config, TerminalUi ui, ZoneId zone, Duration answerTime) {
        this.config = config;
        this.answerTime = answerTime;
        this.ui = ui;
        this.me = config.name();
        this.text = new ClientText(config.locale());
        this.formatter = new EventFormatter(text, zone);
        this.link = new ServerLink(ui, text, answerTime);
        this.roomLines = new RoomLines(ui, text, rooms);
        // The group's one event loop is every connection's: the queue lives on the thread its answers arrive on.
        this.outgoing = new OutgoingLines(
                group.next(),
                new OutgoingRequests(),
                new OutgoingNotices(),
                answerTime,
                answerTime.multipliedBy(LEAVE_STALL_ANSWER_TIMES));
        RoomKeys roomKeys = new RoomKeys(config.roomKeysFileOrDefault(), config.host(), config.port());
        this.roomCommands = new RoomCommands(() -> me, link, rooms, outgoing, ui, text, formatter, roomKeys);
        this.registrationCommands = new RegistrationCommands(() -> me, link, rooms, roomKeys, ui, text, formatter);
        this.registrationNews = new RegistrationNews(rooms, roomKeys, roomLines, text);
        this.banCommands = new BanCommands(link, ui, text, formatter);
        this.roomBanCommands = new RoomBanCommands(link, rooms, ui, text, formatter, banCommands);
        this.deleteCommands = new DeleteCommands(link, rooms, ui, text, formatter);
        this.ignoredNames = new IgnoredNames(() -> me, ui, text);
    }

    /** Runs until the person leaves, is refused or kicked, or the server stops; returns the exit code. */
    int run() {
        try {
            if (!isValidName(config.name())) {
                return 1;
            }
            if (Names.isAdministrator(config.name()) && !readAdminKey()) {
                return 1;
            }
            try {
                tls = config.tls().context();
            } catch (ClientTls.UnusableCaFile e) {
                ui.print(text.get(e.textKey(), e.file()));
                return 1;
            } catch (IOException e) {
                ui.print(text.get("tlsSetup", e.getMessage()));
                return 1;
            }
            if (!connect(false)) {
                return stopStatus != 0 ? stopStatus : 1;
            }
            if (stopStatus != 0) {
                // Stopped while connecting: leave now that there is a chat to leave.
                sendLeave(false, STOP_LEAVE_TIME);
                return stopStatus;
            }
            ui.setCompletions(new ChatCompletions(rooms, () -> me));
            ui.setShownAgain(this::goesOutAsChatLine);
            Thread input = new Thread(this::readInput, "openchat-input");
            input.setDaemon(true);
            input.start();
            Runtime.getRuntime().addShutdownHook(stopHook);
            return exit.join();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopHook);
            } catch (IllegalStateException stopping) {
                // the process is being stopped: the hook runs
            }
            link.close();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3000);
            ui.close();
        }
    }

    RoomCommands roomCommands() {
        return roomCommands;
    }

    IgnoredNames ignoredNames() {
        return ignoredNames;
    }

    BanCommands banCommands() {
        return banCommands;
    }

    RoomBanCommands roomBanCommands() {
        return roomBanCommands;
    }

    DeleteCommands deleteCommands() {
        return deleteCommands;
    }

    RegistrationCommands registrationCommands() {
        return registrationCommands;
    }

    /**
     * Reads the administrator's key, before connecting; when there is none to send, says why (the file is missing, a
     * folder, not readable, not text, or empty) rather than letting the server refuse an empty key as a wrong one.
     */
    private boolean readAdminKey() {
        Path file = config.adminKeyFileOrDefault();
        String key;
        try {
            if (Files.isDirectory(file)) {
                ui.print(text.get("adminKey.directory", file));
                return false;
            }
            key = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            ui.print(text.get("adminKey.missing", file));
            return false;
        } catch (AccessDeniedException e) {
            ui.print(text.get("adminKey.denied", file));
            return false;
        } catch (CharacterCodingException e) {
            ui.print(text.get("adminKey.notText", file));
            return false;
        } catch (IOException | RuntimeException e) {
            ui.print(text.get("adminKey.unreadable", file, String.valueOf(e.getMessage())));
            return false;
        }
        if (key.isEmpty()) {
            ui.print(text.get("adminKey.empty", file));
            return false;
        }
        adminKey = key;
        return true;
    }

    /**
     * Connects and sends CONNECT into the current room (at first, the configured one), then JOINs every other
     * room this client was in before a reconnect; each asks for what was missed since the last Seq seen there,
     * which the server replays as history before live events. True when connected. {@code again}: a reconnect.
     */
    private boolean connect(boolean again) {
        return connect(again, config.room());
    }

    /**
     * {@link #connect(boolean)}, into {@code into} when this client is in no room. A reconnect refused because a
     * room's ban now keeps this client out of its current room gives that room up, says so, and connects into the
     * next room, the lobby last: a ban set while it was there must not keep it from reconnecting at all.
     */
    private boolean connect(boolean again, String into) {
        List<RoomState> before = rooms.currentFirst();
        RoomState first = before.isEmpty() ? new RoomState(into) : before.get(0);
        Optional<ServerConnection> opened = open();
        if (opened.isEmpty()) {
            return false;
        }
        link.use(opened.get());
        OcpMessage.Builder connect = OcpMessage.request(Methods.CONNECT, Targets.room(first.name()))
                .header(HeaderNames.NAME, me)
                // The server's sentences (answers, refusals) in this client's language, when it speaks it.
                .header(HeaderNames.ACCEPT_LANGUAGE, config.locale().getLanguage());
        if (adminKey != null) {
            connect.header(HeaderNames.ADMIN_KEY, adminKey);
        }
        // The room's key, when this client holds it: an owner whose connection dropped owns its room again.
        Optional<String> roomKey = roomCommands.keyOf(first.name());
        roomKey.ifPresent(key -> connect.header(HeaderNames.ROOM_KEY, key));
        RoomCommands.catchUpFrom(connect, first);
        // Take the room from the connection's thread, so it is known before the first event that follows.
        Optional<OcpMessage> answer = link.awaitConnectAnswer(opened.get().request(connect, a -> {
            if (a.statusCode() == Status.OK.code()) {
                link.connected();
                roomCommands.entered(a, first.name(), RoomCommands.Entry.CONNECTED, roomKey.isPresent());
            }
        }));
        if (roomKey.isPresent() && answer.filter(RoomCommands::refusesKey).isPresent()) {
            // A stale key (the room has a new one, or is registered no more) must not keep this client out.
            opened.get().close();
            roomCommands.forgetRefusedKeyQuietly(first.name());
            boolean connected = connect(again, into);
            ui.print(text.get("roomKey.staleForgotten", EventFormatter.clean(first.name())));
            return connected;
        }
        if (again
                && answer.isPresent()
                && EventFormatter.errorCode(answer.get()).equals(EventFormatter.ROOM_BANNED)
                && !RoomNames.key(first.name()).equals(RoomNames.key(RoomNames.LOBBY))) {
            opened.get().close();
            ui.print(text.get(
                    "room.notRejoined", first.name(), formatter.roomBanned(answer.get(), first.name(), false)));
            outgoing.dropRoom(first.name());
            rooms.left(first.name());
            return connect(true, RoomNames.LOBBY);
        }
        if (answer.isEmpty() || answer.get().statusCode() != Status.OK.code()) {
            // No answer: awaitConnectAnswer said why.
            answer.map(refused -> connectRefusal(refused, again)).ifPresent(ui::print);
            if (roomKey.isPresent()) {
                answer.flatMap(roomCommands::fullForTheKey).ifPresent(ui::print);
            } else if (!again && answer.isPresent()) {
                roomCommands.keptElsewhere(first.name(), false);
            }
            opened.get().close();
            return false;
        }
        if (!again && roomKey.isEmpty()) {
            roomCommands.keptElsewhere(first.name(), true);
        }
        before.stream().skip(1).forEach(roomCommands::rejoin);
        roomCommands.learnRooms();
        if (again) {
            roomCommands.awayAgain();
        }
        return true;
    }

    private Optional<ServerConnection> open() {
        ConnectFailure failure = new ConnectFailure(config, text);
        try {
            return Optional.of(ServerConnection.open(group, config.host(), config.port(), tls, this)
                    .get(answerTime.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException e) {
            ui.print(failure.explain(e.getCause()));
        } catch (TimeoutException e) {
            ui.print(failure.unreachable());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }

    /**
     * The {@code Error-Code}s of a connection cap's 503 (docs/PROTOCOL.md). It comes before the server has read
     * CONNECT's {@code Accept-Language}, so its sentence is in the server's language: this client words it itself.
     */
    private static final String TOO_MANY_FROM_ADDRESS = "too-many-from-address";

    private static final String TOO_MANY_CONNECTIONS = "too-many-connections";

    /** The {@code Error-Code} of a name that looks like a connected member's, whom its {@code Name} names. */
    private static final String NAME_LOOKALIKE = "name-lookalike";

    /**
     * Why CONNECT was refused, in the person's words (the server's sentences come in this client's language, which
     * CONNECT asks for). A 403 is a wrong key for the administrator, who alone sends one; anyone else is banned,
     * which the server's sentence says with the reason and, for a timed ban, how long it still holds. A name taken
     * (or one that looks like a connected member's, who is named) while this client was away is not the end: a
     * reconnect's refusal says how to take another.
     */
    private String connectRefusal(OcpMessage answer, boolean again) {
        return switch (Status.of(answer.statusCode()).orElse(Status.BAD_REQUEST)) {
            case CONFLICT -> EventFormatter.errorCode(answer).equals(NAME_LOOKALIKE)
                    ? text.get(
                            again ? "refused.nameLookalikeReconnect" : "refused.nameLookalike",
                            EventFormatter.clean(answer.header(HeaderNames.NAME).orElse("?")))
                    : text.get(again ? "refused.nameTakenReconnect" : "refused.nameTaken");
            case SERVICE_UNAVAILABLE -> EventFormatter.errorCode(answer).equals(TOO_MANY_FROM_ADDRESS)
                    ? text.get("refused.tooManyFromAddress")
                    : EventFormatter.errorCode(answer).equals(TOO_MANY_CONNECTIONS)
                            ? text.get("refused.tooManyConnections")
                            : answer.header(HeaderNames.CAPACITY).isPresent()
                                    ? text.get(
                                                    "refused.full",
                                                    answer.header(HeaderNames.MEMBERS)
                                                            .orElse("?"),
                                                    answer.header(HeaderNames.CAPACITY)
                                                            .get())
                                            + (again ? "" : ". " + text.get("refused.fullOtherRoom"))
                                    : text.get("refused.other", EventFormatter.clean(answer.bodyText()));
            case FORBIDDEN -> adminKey != null
                    ? text.get("refused.adminKey")
                    : text.get("refused.other", EventFormatter.clean(answer.bodyText()));
            case TOO_MANY_REQUESTS -> text.get(
                    "refused.tooMany", answer.header(HeaderNames.RETRY_AFTER).orElse("?"));
            default -> text.get("refused.other", EventFormatter.clean(answer.bodyText()));
        };
    }

    /**
     * Reads until the end. After /quit (or Ctrl-C) it goes on reading while lines still wait to be sent, to hear
     * Ctrl-C or /quit again, which leave without them; the end of input then just stops the reading.
     */
    private void readInput() {
        while (!exit.isDone()) {
            String line;
            try {
                line = ui.readLine();
            } catch (TerminalUi.Interrupted e) {
                leave(false);
                continue;
            } catch (RuntimeException e) {
                line = null;
            }
            if (line == null) {
                if (!leaving.get()) {
                    leave(false);
                }
                return;
            }
            if (leaving.get()) {
                whileLeaving(line);
            } else {
                handle(line);
            }
        }
    }

    /** A line typed while the waiting lines go before leaving: /quit again leaves now; anything else is not sent. */
    private void whileLeaving(String line) {
        Optional<ChatCommand> command =
                ChatCommand.parse(line).map(ChatCommand.Invocation::command).filter(ChatSession::isQuit);
        if (command.isPresent()) {
            leave(false);
        } else if (!line.isBlank()) {
            ui.print(text.get("leaving.busy"));
        }
    }

    private static boolean isQuit(ChatCommand command) {
        return command.name().equals("/종료") || command.name().equals("/조용히나가기");
    }

    /**
     * Lines still waiting are dropped, and those that went out unanswered given up on, each counted aloud: for the end
     * (the shutdown hook's work too). Waits a second at most for the count.
     */
    private void giveUpOnLines() {
        try {
            outgoing.abandon().get(1, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // the event loop is already gone: nothing can be counted
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
        if (line.startsWith("//")) { // a line that starts with '/' on purpose: "//usr/bin" sends "/usr/bin"
            say(line.substring(1));
            return;
        }
        Optional<ChatCommand.Invocation> invocation = ChatCommand.parse(line);
        if (invocation.isEmpty()) {
            ui.print(
                    text.get("unknownCommand", EventFormatter.clean(line.strip().split("\\s+")[0])));
            return;
        }
        ChatCommand command = invocation.get().command();
        if (!command.argument().accepts().test(invocation.get().argument())) {
            ui.print(text.get("usage", command.synopsis(config.locale())));
            return;
        }
        // Named while it runs: a command the server refuses for its pace waits, and says which one waits.
        link.carryingOut(line.strip());
        try {
            command.action().run(this, invocation.get().argument());
        } finally {
            link.carryingOut(null);
        }
    }

    /**
     * Whether {@code line}, typed now, goes out as a line of the current room (a chat line, {@code //...}, or an action),
     * to be shown again stamped once the server takes it, as {@link OutgoingNotices#sent} does. A command, and a line
     * that cannot go (disconnected, in no room, leaving), is not: it stays on the screen above what it prints.
     */
    private boolean goesOutAsChatLine(String line) {
        if (line.isBlank() || leaving.get() || !link.isUp() || rooms.current().isEmpty()) {
            return false;
        }
        if (!line.startsWith("/") || line.startsWith("//")) {
            return true;
        }
        return ChatCommand.parse(line)
                .filter(invocation -> invocation.command().name().equals(ACT)
                        && invocation.command().argument().accepts().test(invocation.argument()))
                .isPresent();
    }

    /** {@code /me waves}: the line as an action, which every client shows as {@code * NAME waves}. */
    void act(String argument) {
        say(argument, DisplayText.ACTION_START + argument + DisplayText.ACTION_END);
    }

    /** A typed line: to the current room, through the queue that keeps order under flood control. */
    private void say(String line) {
        say(line, line);
    }

    /** {@code line}, made of what the person typed ({@code typed}) and maybe more (an action's markers). */
    private void say(String typed, String line) {
        if (!link.isUp()) {
            ui.print(text.get("cannotSend"));
            return;
        }
        Optional<RoomState> current = rooms.current();
        if (current.isEmpty()) {
            ui.print(text.get("noRoom"));
            return;
        }
        int bytes = line.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > ClientConfig.MAX_MESSAGE_BYTES) {
            ui.print(TooLong.explain(text, typed, bytes - typed.getBytes(StandardCharsets.UTF_8).length));
            ui.offerAgain(line);
            return;
        }
        outgoing.add(current.get().name(), line);
    }

    /**
     * {@code /nick NAME}: takes a new name, as the server's answer spells it, or says why the server refused. The
     * name changes on the connection's thread as the answer arrives, so the events after it are read under the
     * new name.
     */
    void rename(String argument) {
        String wanted = ChatCommand.unquote(argument);
        if (!link.isUp()) {
            renameForReconnect(wanted);
            return;
        }
        link.ask(OcpMessage.request(Methods.RENAME, Targets.SERVER).header(HeaderNames.NAME, wanted), answer -> {
                    if (answer.statusCode() == Status.OK.code()) {
                        renamedTo(answer.header(HeaderNames.NAME).orElse(wanted));
                    }
                })
                .filter(answer -> answer.statusCode() != Status.OK.code())
                .ifPresent(answer -> ui.print(renameRefusal(answer, wanted)));
    }

    /**
     * Why {@code /nick wanted} was refused. The administrator's name is refused for want of the key, which this client
     * gives only when it connects under that name: it says so, rather than that an authentication failed.
     */
    private String renameRefusal(OcpMessage answer, String wanted) {
        return EventFormatter.errorCode(answer).equals(EventFormatter.ADMIN_KEY_REQUIRED)
                ? text.get("adminName", EventFormatter.clean(wanted), config.adminKeyFileOrDefault())
                : formatter.refusal(answer);
    }

    /**
     * {@code /nick NAME} while disconnected: the name the next {@code /재접속} connects with, so that a name someone
     * took meanwhile is no dead end. Checked as the name given at start is; the server has its say at the reconnect.
     * The administrator's name takes the key, read now as at start.
     */
    private void renameForReconnect(String wanted) {
        if (!isValidName(wanted)) {
            return;
        }
        if (Names.isAdministrator(wanted)) {
            if (!readAdminKey()) {
                return;
            }
        } else {
            adminKey = null;
        }
        String old = me;
        me = wanted;
        rooms.memberRenamed(old, wanted);
        ui.print(text.get("renamedForReconnect", EventFormatter.clean(wanted)));
    }

    /** Whether {@code name} may be a member's name; when not, says why. */
    private boolean isValidName(String name) {
        Optional<TextProblem> problem = Names.check(name, Names.DEFAULT_MAX_LENGTH);
        problem.ifPresent(p -> ui.print(text.get("invalidName", text.get(p.textKey(), p.argument()))));
        return problem.isEmpty();
    }

    /** This client is now called {@code name}: in its rooms too, where tab completion leaves it out. */
    private void renamedTo(String name) {
        String old = me;
        me = name;
        rooms.memberRenamed(old, name);
        ui.print(text.get("renamed", EventFormatter.clean(name)));
    }

    void quit(String argument) {
        leave(false);
    }

    void quietQuit(String argument) {
        leave(true);
    }

    /**
     * Leaves the chat, telling the server if still connected. Lines still held back by flood control go first, however
     * long the server's allowance makes that take (the queue says how many are left and about how long); the input is
     * read meanwhile, and a second /quit or Ctrl-C leaves at once, counting the lines not sent. The exit code is 0
     * unless lines were not sent or commands were given up ({@link ServerLink#commandsGivenUp}), now or earlier.
     */
    private void leave(boolean quiet) {
        if (!leaving.compareAndSet(false, true)) {
            outgoing.abandon(); // the person will not wait: what waits is counted, the flush completes, leaving goes on
            return;
        }
        if (!link.isUp()) {
            ending = true;
            giveUpOnLines();
            finish(0);
            return;
        }
        CompletableFuture<Void> flushed = outgoing.flush();
        try {
            flushed.get(LEAVE_AT_ONCE_MILLIS, TimeUnit.MILLISECONDS);
            sayGoodbye(quiet);
            return;
        } catch (TimeoutException e) {
            // lines still wait: they go on the connection's thread while this one reads input again
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Thread goodbye = new Thread(
                () -> {
                    flushed.join();
                    sayGoodbye(quiet);
                },
                "openchat-leave");
        goodbye.setDaemon(true);
        goodbye.start();
    }

    /**
     * Once no line waits: LEAVE, if still connected, and the end. A line the server left unanswered earlier and still
     * has not answered by then (it stopped answering) is counted as one that may not have been sent.
     */
    private void sayGoodbye(boolean quiet) {
        ending = true;
        sendLeave(quiet, answerTime);
        giveUpOnLines();
        finish(0);
    }

    /** LEAVE, once, if still connected; waits {@code within} at most for the server's answer. */
    private void sendLeave(boolean quiet, Duration within) {
        if (!link.isUp() || !leaveSent.compareAndSet(false, true)) {
            return;
        }
        OcpMessage.Builder leave = OcpMessage.request(Methods.LEAVE, Targets.SERVER);
        if (quiet) {
            leave.header(HeaderNames.QUIET, "true");
        }
        link.askWithin(leave, within);
    }

    /**
     * Stopped by a signal: SIGTERM, SIGHUP (the terminal was closed), or SIGINT while input is piped (on a terminal
     * Ctrl-C is a key, read as {@link #quit}). Leaves as /quit does, so that the server and the rooms see an ordinary
     * leave, but at once: the lines still held back are counted as not sent rather than waited for, and the server's
     * answer to LEAVE is waited for {@link #STOP_LEAVE_TIME} at most. The exit status is {@code status}, the signal's.
     * Called on the signal's thread.
     */
    void stop(int status) {
        stopStatus = status;
        ending = true;
        leaving.set(true);
        giveUpOnLines();
        sendLeave(false, STOP_LEAVE_TIME);
        exit.complete(status);
    }

    /**
     * Ends with {@code code}, or with 1 rather than 0 when typed lines were not sent or commands were given up after
     * waiting for the server's allowance; after a stop by signal, with the signal's status.
     */
    private void finish(int code) {
        int stopped = stopStatus;
        boolean somethingNotDone = linesNotSent.get() > 0 || link.commandsGivenUp() > 0;
        exit.complete(stopped != 0 ? stopped : code == 0 && somethingNotDone ? 1 : code);
    }

    /**
     * {@code /서버종료 [REASON]}: stops the server. The reason is told to everyone and shown on the server's console,
     * as IRC's DIE gives one; without it the request is the one-room chat's, and everyone sees what they saw then.
     */
    /**
     * {@code /공지 TEXT}: the administrator's announcement to everyone connected. Everyone, this client too, is shown
     * the server's NOTICE ({@code [공지] 채팅관리자: ...}); this client is told it went, or why not.
     */
    void announce(String argument) {
        link.ask(OcpMessage.request(Methods.ANNOUNCE, Targets.SERVER)
                        .header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8)
                        .body(argument))
                .ifPresent(answer -> ui.print(
                        answer.statusCode() == Status.OK.code() ? text.get("announced") : formatter.refusal(answer)));
    }

    /**
     * {@code /disconnect NAME [REASON]}: the administrator disconnects a member from the server, banning nothing (OCP's
     * KILL). The argument is read as {@code /kick}'s, the whole of it a name when it is that of a member of any room
     * this client is in. The server's sentence answers, or its refusal.
     */
    void disconnect(String argument) {
        ChatCommand.NameAndText kill = ChatCommand.nameAndReason(argument, name -> rooms.allMembers(me).stream()
                .anyMatch(m -> Names.key(m).equals(Names.key(name))));
        OcpMessage.Builder request =
                OcpMessage.request(Methods.KILL, Targets.SERVER).header(HeaderNames.NAME, kill.name());
        if (!kill.text().isEmpty()) {
            request.header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8).body(kill.text());
        }
        link.ask(request).ifPresent(answer -> ui.print(formatter.sentence(answer)));
    }

    void shutdown(String argument) {
        OcpMessage.Builder request = OcpMessage.request(Methods.SHUTDOWN, Targets.SERVER);
        if (!argument.isEmpty()) {
            request.header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8).body(argument);
        }
        link.ask(request)
                .filter(answer -> answer.statusCode() != Status.OK.code())
                .ifPresent(answer -> ui.print(formatter.refusal(answer)));
    }

    /**
     * Every command's line, or with an argument ({@code /help kick}) that command's alone, or that it names no
     * command.
     */
    void help(String argument) {
        if (!argument.isEmpty()) {
            ui.print(ChatCommand.commandNamed(argument)
                    .map(this::helpLine)
                    .orElseGet(() -> text.get("help.unknown", EventFormatter.clean(argument))));
            return;
        }
        List<String> lines = new ArrayList<>();
        lines.add(text.get("help.header"));
        boolean administrator = Names.isAdministrator(config.name());
        List<String> notMine = new ArrayList<>();
        for (ChatCommand command : ChatCommand.ALL) {
            if (administrator || !command.administratorOnly()) {
                lines.add(helpLine(command));
            } else {
                notMine.add(command.shownName(config.locale()));
            }
        }
        if (!notMine.isEmpty()) {
            lines.add("  " + text.get("help.administratorOnly", String.join(" ", notMine)));
        }
        lines.add(text.get("help.footer"));
        ui.printBlock(lines);
    }

    /**
     * A command's help line. Every help text is a MessageFormat pattern given the numbers /history's names, its default
     * and its maximum, so that no text restates them.
     */
    private String helpLine(ChatCommand command) {
        return "  " + command.synopsis(config.locale()) + " - "
                + text.get(command.helpKey(), RoomCommands.DEFAULT_HISTORY_PAGE, CoreConfig.MAX_HISTORY_PAGE);
    }

    void reconnect(String argument) {
        if (link.isUp()) {
            ui.print(text.get("alreadyConnected"));
            return;
        }
        connect(true);
    }

    /** The prompt names the current room: {@code [lobby]> }. */
    private void showCurrentRoom() {
        synchronized (promptLock) {
            ui.setPrompt(rooms.current().map(room -> "[" + room.name() + "]> ").orElse("> "));
        }
    }

    @Override
    public void event(OcpMessage event) {
        String room = Targets.roomName(event.target()).orElse(null);
        switch (event.method()) {
            case Methods.MESSAGE -> message(room, event);
            case Methods.JOINED -> {
                seen(room, event);
                event.header(HeaderNames.NAME).ifPresent(name -> {
                    goneFromTheChat.remove(Names.key(name));
                    roomCommands.joinedElsewhere(name, room);
                    rooms.update(room, r -> r.memberIn(name));
                });
                show(room, event);
            }
            case Methods.LEFT -> left(room, event);
            case Methods.OWNER -> {
                seen(room, event);
                showNewOwner(room, event);
            }
            case Methods.TOPIC -> {
                seen(room, event);
                show(room, event);
            }
            case Methods.BAN, Methods.UNBAN -> {
                if (room != null) { // a room's ban set or lifted (the server's bans have no event)
                    formatter.roomBan(event, me).ifPresent(line -> roomLines.print(room, line));
                }
            }
            case Methods.LIMIT -> {
                if (room != null) {
                    roomLines.print(room, formatter.roomLimit(event));
                }
            }
            case Methods.DELETED -> {
                // Lines printed stay printed: the room is told whose went, how many, and when those it showed were
                // sent.
                if (room != null) {
                    List<OffsetDateTime> shown = rooms.find(room)
                            .map(r -> r.shownAmong(EventFormatter.seqs(event)))
                            .orElse(List.of());
                    roomLines.print(room, formatter.deleted(event, me, shown));
                }
            }
            case Methods.REGISTER, Methods.UNREGISTER -> {
                if (room != null) {
                    registrationNews.told(room, event);
                }
            }
            case Methods.RENAMED -> renamed(event);
            case Methods.INVITE -> {
                // The inviter is in the room: it exists, and /join completes it.
                if (room != null) {
                    rooms.exists(room);
                }
                if (!ignoredNames.hides(event)) {
                    formatter.format(event).ifPresent(ui::print);
                }
            }
            case Methods.NOTICE -> {
                if (EventFormatter.isMotd(event)) {
                    formatter.motd(event).forEach(ui::print); // a line at a time: each keeps its own line
                } else {
                    formatter.format(event).ifPresent(ui::print);
                }
            }
            case Methods.PRIVATE -> {
                // A CTCP query the server answered for this client: nothing for the person to read or do.
                if (!ignoredNames.hides(event) && !CtcpQueries.answeredByTheServer(event.bodyText())) {
                    formatter.format(event).ifPresent(ui::print);
                }
            }
            case Methods.AWAY -> {
                if (!ignoredNames.hides(event)) {
                    formatter.format(event).ifPresent(ui::print);
                }
            }
            case Methods.SHUTDOWN -> end(event, 0);
            case Methods.BANNED -> end(event, 1);
            case Methods.KILLED -> end(event, 1); // as a kick from the last room ends
            default -> {
                // an event this client does not know: nothing to show
            }
        }
    }

    /**
     * The server ends this session with {@code event} (SHUTDOWN, BANNED, KILLED) and closes the connection next, which is
     * then the end, not a lost connection to reconnect: the event is shown, and the client exits with {@code code}.
     */
    private void end(OcpMessage event, int code) {
        ending = true;
        link.down();
        formatter.format(event).ifPresent(ui::print);
        // On the connection's thread, which is the queue's: the lines it drops are counted before the end.
        outgoing.connectionLost();
        finish(code);
    }

    private void message(String room, OcpMessage event) {
        if (room == null) {
            return;
        }
        Optional<Long> seq = Numbers.header(event, HeaderNames.SEQ);
        rooms.update(room, r -> {
            seq.ifPresent(r::sawMessage);
            event.header(HeaderNames.FROM).ifPresent(r::memberIn);
        });
        if (ignoredNames.hides(event)) {
            return;
        }
        String line = formatter.format(event).orElseThrow();
        showed(room, seq, event.header(HeaderNames.DATE));
        if (event.header(HeaderNames.HISTORY).map("true"::equalsIgnoreCase).orElse(false)) {
            roomLines.printHistory(room, line);
        } else {
            roomLines.print(room, line);
        }
    }

    /** A chat line of {@code room} was shown: its time kept, so that a later deletion of it says when it was sent. */
    private void showed(String room, Optional<Long> seq, Optional<String> date) {
        Optional<OffsetDateTime> sent = date.flatMap(EventFormatter::instant);
        if (seq.isPresent() && sent.isPresent()) {
            rooms.update(room, r -> r.showed(seq.get(), sent.get()));
        }
    }

    private void left(String room, OcpMessage event) {
        if (room == null) {
            return;
        }
        String name = event.header(HeaderNames.NAME).orElse("");
        boolean aboutMe = Names.key(name).equals(Names.key(me));
        if (aboutMe && EventFormatter.reason(event) == LeaveReason.KICKED) {
            kickedFrom(room, event);
            return;
        }
        seen(room, event);
        rooms.update(room, r -> r.memberOut(name));
        if (!EventFormatter.reason(event).leavesTheChat()) {
            show(room, event);
        } else if (goneFromTheChat.add(Names.key(name))) {
            // Every room shared with it is told, one LEFT each: one line says it (IRC clients show one QUIT), tagged
            // with those rooms as a join is with its own, so that a reader in another room sees it happened elsewhere.
            List<String> shared = rooms.sharedWith(name, room);
            formatter.format(event).ifPresent(line -> roomLines.print(shared, line));
        }
        showNewOwner(room, event);
    }

    /**
     * Who owns {@code room} now, when {@code event} says it passed (a LEFT's {@code Owner}, or an OWNER): kept, for what
     * this client is told as the room's owner, and said.
     */
    private void showNewOwner(String room, OcpMessage event) {
        if (room != null) {
            EventFormatter.ownerNow(event)
                    .ifPresent(owner ->
                            rooms.update(room, r -> r.owned(Names.key(owner).equals(Names.key(me)))));
            boolean registered = rooms.find(room).filter(RoomState::registered).isPresent();
            formatter.newOwner(event, me, registered).ifPresent(line -> roomLines.print(room, line));
            registrationNews.ownerNow(room, event, me);
        }
    }

    /** Someone sharing a room with this client took a new name: every room knows them by it. */
    private void renamed(OcpMessage event) {
        Optional<String> from = event.header(HeaderNames.NAME);
        Optional<String> to = event.header(HeaderNames.NEW_NAME);
        if (from.isPresent() && to.isPresent()) {
            rooms.memberRenamed(from.get(), to.get());
            goneFromTheChat.remove(Names.key(to.get()));
            ignoredNames.renamed(from.get(), to.get());
        }
        formatter.format(event).ifPresent(ui::print);
    }

    /**
     * Removed from {@code room}: the end when it was the last room, as in the one-room chat, whose line a kick by the
     * administrator keeps word for word. Who kicked (the owner by name, or the administrator) and why (when they said)
     * are shown.
     */
    private void kickedFrom(String room, OcpMessage event) {
        String shown = rooms.find(room).map(RoomState::name).orElse(EventFormatter.clean(room));
        Optional<String> by = event.header(HeaderNames.BY).filter(name -> !Names.isAdministrator(name));
        String why = EventFormatter.clean(event.bodyText().strip());
        outgoing.dropRoom(room);
        Optional<String> current = rooms.left(room);
        // Members counts who stayed: the room goes on without this client, or emptied and is gone.
        if (Numbers.header(event, HeaderNames.MEMBERS).orElse(0L) > 0) {
            rooms.exists(shown);
        } else {
            rooms.gone(room);
        }
        boolean last = rooms.isEmpty();
        if (last) {
            ending = true;
            link.down();
        }
        ui.print(by.map(name -> text.get("kickedFromRoomBy", shown, EventFormatter.clean(name)))
                .orElseGet(() -> last ? text.get("kickedMe") : text.get("kickedFromRoom", shown)));
        if (!why.isEmpty()) {
            ui.print(text.get("kickReason", why));
        }
        if (last) {
            exit.complete(1);
            return;
        }
        current.ifPresent(name -> ui.print(text.get("room.current", name)));
    }

    private void seen(String room, OcpMessage event) {
        Numbers.header(event, HeaderNames.SEQ).ifPresent(seq -> rooms.update(room, r -> r.sawSeq(seq)));
    }

    private void show(String room, OcpMessage event) {
        formatter.format(event).ifPresent(line -> roomLines.print(room, line));
    }

    @Override
    public void unsolicitedAnswer(OcpMessage answer) {
        ui.print(formatter.refusal(answer));
    }

    @Override
    public void heard() {
        if (link.heardAgain()) {
            ui.print(text.get("answeringAgain"));
        }
    }

    /** The connection closed: said first, then what it cost (the lines waiting, and those it left unanswered). */
    @Override
    public void closed() {
        if (link.down() && !ending) {
            ui.print(text.get("connectionLost"));
            ui.print(text.get("reconnectHint"));
        }
        outgoing.connectionLost();
    }

    /** The requests the outgoing queue sends: a chat line is a SEND to its room, a private message a PRIVATE. */
    private final class OutgoingRequests implements OutgoingLines.Sender {
        @Override
        public CompletableFuture<OcpMessage> send(String room, String line) {
            return link.request(OcpMessage.request(Methods.SEND, Targets.room(room))
                    .header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8)
                    .body(line));
        }

        @Override
        public CompletableFuture<OcpMessage> sendPrivate(String to, String line) {
            return link.request(OcpMessage.request(Methods.PRIVATE, Targets.SERVER)
                    .header(HeaderNames.TO, to)
                    .header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8)
                    .body(line));
        }
    }

    /** What the outgoing queue has to say, said in the person's language. */
    private final class OutgoingNotices implements OutgoingLines.Listener {
        /** The line as the others see it, stamped with the server's time, in place of its echo (erased at Enter). */
        @Override
        public void sent(String room, String line, OcpMessage answer) {
            Optional<Long> seq = Numbers.header(answer, HeaderNames.SEQ);
            seq.ifPresent(number -> rooms.update(room, r -> r.sawMessage(number)));
            showed(room, seq, answer.header(HeaderNames.DATE));
            roomLines.print(
                    room, formatter.chatLine(answer.header(HeaderNames.DATE).orElse(""), me, line));
        }

        @Override
        public void holdingBack(int waiting, long seconds, boolean readOnly) {
            ui.print(text.get(readOnly ? "outgoing.holdingReadOnly" : "outgoing.holding", waiting, seconds));
        }

        @Override
        public void refused(String room, OcpMessage answer) {
            if (answer.statusCode() == Status.CONTENT_TOO_LARGE.code()) {
                ui.print(text.get("tooLong", String.valueOf(ClientConfig.MAX_MESSAGE_BYTES)));
            } else if (EventFormatter.errorCode(answer).equals(EventFormatter.ROOM_BANNED)) {
                ui.print(formatter.roomBanned(answer, room, true));
            } else if (answer.statusCode() == Status.FORBIDDEN.code()) {
                ui.print(text.get("room.notJoined", EventFormatter.clean(room)));
            } else {
                ui.print(formatter.refusal(answer));
            }
        }

        @Override
        public void privateAnswered(String to, String line, OcpMessage answer) {
            roomCommands.whispered(to, line, answer);
        }

        @Override
        public void unanswered(OutgoingLines.Line line) {
            link.noAnswer();
            // Its echo is gone and its stamped line not shown yet: said, so that it is not typed and sent twice.
            ui.print(text.get("outgoing.awaitingAnswer"));
            showUnsent(line);
        }

        @Override
        public void notSent(List<OutgoingLines.Line> lines) {
            linesNotSent.addAndGet(lines.size());
            ui.print(text.get("outgoing.notSent", lines.size()));
            lines.forEach(this::showUnsent);
        }

        @Override
        public void unconfirmed(List<OutgoingLines.Line> lines) {
            linesNotSent.addAndGet(lines.size());
            ui.print(text.get("outgoing.unconfirmed", lines.size()));
            lines.forEach(this::showUnsent);
        }

        /** One line not sent, or maybe not: its text, under the count, to be sent again by hand if need be. */
        private void showUnsent(OutgoingLines.Line line) {
            ui.print(
                    line.isPrivate()
                            ? text.get(
                                    "outgoing.unsentPrivate",
                                    EventFormatter.clean(line.to()),
                                    EventFormatter.clean(line.text()))
                            : text.get(
                                    "outgoing.unsentInRoom",
                                    EventFormatter.clean(line.room()),
                                    EventFormatter.clean(line.text())));
        }

        @Override
        public void stillToSend(int lines, OptionalLong seconds) {
            ui.print(
                    seconds.isPresent()
                            ? text.get("outgoing.leavingAbout", lines, seconds.getAsLong())
                            : text.get("outgoing.leaving", lines));
        }
    }
}
