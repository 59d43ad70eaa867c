package openchat.server.irc;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import openchat.core.AddressKey;
import openchat.core.Chat;
import openchat.core.ChatEvent;
import openchat.core.LeaveReason;
import openchat.core.Refusal;
import openchat.core.RoomNames;
import openchat.core.TextProblem;
import openchat.server.config.ServerConfig;
import openchat.server.net.BacklogWatch;
import openchat.server.net.ChannelFanout;
import openchat.server.net.CloseCause;
import openchat.server.net.ConnectionFailure;
import openchat.server.net.ConnectionLimiter;
import openchat.server.net.EventEncoder;
import openchat.server.net.GhostCheck;
import openchat.server.net.HeldRequests;
import openchat.server.net.LingeringClose;
import openchat.server.net.RequestPace;
import openchat.server.net.ServerClose;
import openchat.server.net.Transport;
import openchat.server.net.UnexpectedErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One IRC connection's side of the conversation: the adapter between IRC commands and the chat core, as
 * {@link openchat.server.ocp.OcpListener OCP}'s session is for OCP. It reads each line, checks the command's
 * preconditions in the command table ({@link IrcCommand}: registration, operator, parameters) and hands it to the
 * class of its concept: {@link IrcRegistration} (CAP, PASS, NICK, USER), {@link IrcChannels}, {@link IrcMessaging},
 * {@link IrcQueries}, {@link IrcServerInfo}, {@link IrcOperator}, {@link IrcChanServ}, {@link IrcRedaction} or
 * {@link IrcHistory}, which
 * turn it into core calls and the results into numerics. Their answer is gathered here and written once the command
 * is done; a core refusal is told as {@link IrcRefusals} maps it. What the client is (its nick, capabilities, member) is kept in an
 * {@link IrcClientState} the session owns. The core's events reach the client through the fanout, encoded by
 * {@link IrcEvents}. Runs on the connection's event loop only.
 *
 * <p>Flood: a line that finds the connection's {@link RequestPace} spent, or that the core refuses for coming too
 * fast, is held, with every line after it, and the connection stops reading until its turn or the core's
 * Retry-After (fakelag); past {@code maxHeldRequests} held lines, the client gets {@code ERROR} and is closed.
 */
final class IrcSession extends SimpleChannelInboundHandler<Object> {

    private static final Logger log = LoggerFactory.getLogger(IrcSession.class);

    private final IrcContext server;
    private final Chat<Channel> core;
    private ChannelHandlerContext ctx;

    /** The client's nick, capabilities, member and modes, which the command classes share. */
    private final IrcClientState client = new IrcClientState();

    private final IrcRefusals refusals;

    // The command classes, one per concept; IrcCommand's table hands each command to one of them.
    final IrcRegistration registration;
    final IrcChannels channels;
    final IrcMessaging messaging;
    final IrcQueries queries;
    final IrcServerInfo serverInfo;
    final IrcOperator operator;
    final IrcChanServ chanServ;
    final IrcMonitor monitor;
    final IrcRedaction redaction;
    final IrcServerNotices serverNotices;

    private String closeCause;
    /** The connection ends with an ERROR already queued: later lines are not read. */
    private boolean closing;
    /** A line the client sent is being handled or held (see closeWithError). */
    private boolean inCommand;

    private ScheduledFuture<?> registrationDeadline;
    /**
     * A NICK or the registration waits for its name's {@link GhostCheck}: lines after it are held, and the
     * registration deadline does not end the connection meanwhile.
     */
    private boolean checkingName;

    /**
     * Where the answer to the command being handled goes when it must precede what the command queued (a JOIN's, before
     * the history and live lines the join queued); null: at the end, when it is written (see writeReplies).
     */
    private ChannelFanout.InOrder answerPlace;

    /** The label of the command being handled, until an echo carries it (null: none, or carried). */
    private String echoLabel;

    /** The command being handled names several targets: its echoes cannot be its whole answer in one line. */
    private boolean severalTargets;

    /**
     * The {@code labeled-response} batch an echo of the command being handled opened (null: none), which its other
     * echoes and its answer join and {@link #writeReplies} ends.
     */
    private String responseBatch;

    /** Lines ({@link IrcMessage}s and {@link IrcLineDecoder.BadLine}s) waiting their turn; meanwhile nothing is read. */
    private final HeldRequests held;

    /** The answer to the command being handled. */
    private IrcReplies replies;

    IrcSession(IrcContext server) {
        super(Object.class);
        this.server = server;
        this.core = server.core();
        this.replies = new IrcReplies(server.names().server());
        this.refusals = new IrcRefusals(this, server);
        this.serverInfo = new IrcServerInfo(this, server);
        this.registration = new IrcRegistration(this, server, client, serverInfo);
        this.channels = new IrcChannels(this, core, client, refusals);
        this.messaging = new IrcMessaging(this, server, client, refusals);
        this.queries = new IrcQueries(this, core, client, refusals);
        this.operator = new IrcOperator(this, server, client, refusals);
        this.redaction = new IrcRedaction(this, core, client);
        this.chanServ = new IrcChanServ(this, core, client, refusals, redaction);
        this.monitor = new IrcMonitor(this, server, client);
        this.serverNotices = new IrcServerNotices(this, server, client);
        this.held = new HeldRequests(
                server.config().core().floodControl(), server.config().maxHeldRequests(), turns());
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        EventEncoder.set(ctx.channel(), encoders().plain());
        armRegistrationDeadline(server.config().joinDeadline().toMillis());
        ctx.fireChannelActive();
    }

    /**
     * Closes the connection {@code millis} from now unless it has registered by then; while a name waits for a
     * {@link GhostCheck}, which ends within twice the probe time, it looks again a probe time later.
     */
    private void armRegistrationDeadline(long millis) {
        registrationDeadline = ctx.executor()
                .schedule(
                        () -> {
                            if (checkingName) {
                                armRegistrationDeadline(
                                        server.config().ghostProbe().toMillis());
                            } else if (client.member == null && ctx.channel().isActive()) {
                                closeWithError(
                                        text(
                                                "irc.registrationTimeout",
                                                server.config().joinDeadline().toMillis() / 1000),
                                        "not registered in time",
                                        ServerClose.JOIN_TIMEOUT);
                            }
                        },
                        millis,
                        TimeUnit.MILLISECONDS);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Object line) {
        if (closing || !(line instanceof IrcMessage || line instanceof IrcLineDecoder.BadLine)) {
            return; // lines after a QUIT (or another close) in the same read
        }
        held.offer(ctx, line);
    }

    // ---- the flow of one command ----

    private void handle(IrcMessage message) {
        inCommand = true;
        try {
            handleCommand(message);
        } finally {
            inCommand = false;
        }
    }

    private void handleCommand(IrcMessage message) {
        if (!replies.isEmpty()) {
            replies = new IrcReplies(serverName());
        }
        String label = client.capabilities.contains(IrcCapability.LABELED_RESPONSE)
                ? message.tags().get("label")
                : null;
        echoLabel = label;
        severalTargets = false;
        responseBatch = null;
        answerPlace = null;
        try {
            dispatch(message);
        } catch (HeldRest rest) {
            // Some targets have the line already: they keep it, the rest wait out the Retry-After.
            writeReplies(echoLabel == null ? null : label);
            echoLabel = null;
            held.holdFor(ctx, rest.message, TimeUnit.SECONDS.toMillis(Math.max(1, rest.retryAfterSeconds)));
            return;
        } catch (Refusal refusal) {
            if (refusal.reason() == Refusal.Reason.TOO_FAST) {
                replies = new IrcReplies(serverName()); // nothing was echoed (TOO_FAST comes before a line is posted)
                held.holdFor(ctx, message, TimeUnit.SECONDS.toMillis(Math.max(1, refusal.retryAfterSeconds())));
                return;
            }
            refusals.tell(message, refusal);
        } catch (NeedMoreParams missing) {
            numeric("461", message.command(), text("irc.needMoreParams"));
        }
        // An echo that carried the label was the answer; anything else said goes unlabelled.
        writeReplies(echoLabel == null && label != null ? null : label);
        echoLabel = null;
    }

    /**
     * This member's copy of its own room message (echo-message), which {@link openchat.server.net.ChannelFanout}
     * asks for on this loop while the room numbers the message, so that it reaches the member in the room's order.
     * The echo of a labelled command is its answer (IRCv3 labeled-response): one line carries the label; an echo of
     * several lines (a text cut to fit), or the first echo of a line to several targets, opens a
     * {@code labeled-response} batch whose start carries the label, which the command's other echoes and answer
     * join and {@link #writeReplies} ends. The lines of others interleaved meanwhile stay outside it, as the batch
     * specification allows. An echo asked for from another thread (a cluster node numbers the line when its store
     * answers) comes after the command's answer was written: it is an ordinary line then.
     */
    private ByteBuf echo(ByteBufAllocator allocator, ChatEvent event) {
        if (!(event instanceof ChatEvent.Message message)) {
            return null;
        }
        List<IrcMessage> lines = new ArrayList<>(encoder().lines(message, Map.of()));
        if (lines.isEmpty() || !ctx.executor().inEventLoop()) {
            return IrcEvents.write(allocator, lines);
        }
        if (responseBatch == null && echoLabel != null) {
            if (lines.size() == 1 && !severalTargets) {
                lines.set(0, lines.get(0).withTags(Map.of("label", echoLabel)));
            } else {
                responseBatch = IrcReplies.newBatchId();
                lines.add(0, IrcReplies.batchStart(responseBatch, echoLabel, serverName()));
            }
            echoLabel = null;
        }
        if (responseBatch != null) {
            for (int i = 0; i < lines.size(); i++) {
                if (!lines.get(i).command().equals("BATCH")) {
                    lines.set(i, IrcReplies.inBatch(lines.get(i), responseBatch));
                }
            }
        }
        return IrcEvents.write(allocator, lines);
    }

    /**
     * Writes the answer to the command just handled, in this connection's one stream of writes
     * ({@link ChannelFanout#reserve}): after everything queued for it so far (the echo of a line this command or an
     * earlier one sent, a PART's echo, the answers to earlier lines of the same read), so that a PING sent after a
     * PRIVMSG is answered after the PRIVMSG's echo, and a JOIN sent after a PART of the same channel is answered after
     * the PART. A JOIN's answer takes the place {@link #answerBeforeWhatFollows} reserved before the join, ahead of
     * the history and live lines the join queued.
     */
    private void writeReplies(String label) {
        ChannelFanout.InOrder place = answerPlace;
        answerPlace = null;
        String batch = responseBatch;
        responseBatch = null;
        if (batch == null && label == null && replies.isEmpty()) {
            return;
        }
        List<IrcMessage> lines = batch != null ? replies.finishIn(batch) : replies.finish(label);
        replies = new IrcReplies(serverName());
        (place != null ? place : server.fanout().reserve(ctx.channel())).then(() -> {
            if (ctx.channel().isActive()) {
                ctx.writeAndFlush(IrcEvents.write(ctx.alloc(), lines));
            }
        });
    }

    /**
     * Checks the command's preconditions in the table, in order (registration, operator, parameters), then runs it.
     */
    private void dispatch(IrcMessage message) {
        IrcCommand command = IrcCommand.named(message.command());
        if (command == null) {
            numeric("421", message.command(), text("irc.unknownCommand"));
            return;
        }
        if (command.registration() == IrcCommand.Registration.AFTER && client.member == null) {
            numeric("451", text("irc.notRegistered"));
            return;
        }
        if (command.registration() == IrcCommand.Registration.BEFORE && client.member != null) {
            numeric("462", text("irc.alreadyRegistered"));
            return;
        }
        if (command.operatorOnly()) {
            core.requireAdmin(client.member);
        }
        if (message.params().size() < command.minParams()) {
            numeric("461", message.command(), text("irc.needMoreParams"));
            return;
        }
        command.handler().handle(this, message);
    }

    // ---- the connection's own commands ----

    void ping(IrcMessage message) {
        if (message.params().isEmpty() || message.params().get(0).isEmpty()) {
            numeric("409", text("irc.noOrigin"));
        } else {
            reply(IrcMessage.of(
                    serverName(), "PONG", serverName(), message.params().get(0)));
        }
    }

    void quit(IrcMessage message) {
        String reason = message.param(0).orElse("");
        if (client.member != null) {
            server.replayMarks()
                    .quit(
                            client.member.name(),
                            AddressKey.of(ConnectionLimiter.address(ctx.channel())),
                            channels.shownAtQuit());
            core.disconnect(client.member, LeaveReason.LEFT, reason, false);
            client.member = null;
        }
        closeWithError(text("irc.closingLink", reason.isEmpty() ? "Quit" : "Quit: " + reason), "quit", null);
    }

    /** CHATHISTORY: {@link IrcHistory}, made for the one command with the member as it is now. */
    void chatHistory(IrcMessage message) {
        new IrcHistory(this, core, client.member).handle(message);
    }

    // ---- fakelag ----

    /** What {@link #held} asks of this session. */
    private HeldRequests.Session turns() {
        return new HeldRequests.Session() {
            @Override
            public void handle(ChannelHandlerContext ctx, Object line) {
                if (line instanceof IrcLineDecoder.BadLine bad) {
                    badLine(bad);
                } else {
                    IrcSession.this.handle((IrcMessage) line);
                }
            }

            @Override
            public boolean exempt() {
                return client.member != null && client.member.isAdmin();
            }

            @Override
            public boolean ended() {
                return closing;
            }

            @Override
            public void tooMany(ChannelHandlerContext ctx, Object last, int most) {
                inCommand = true; // the ERROR goes behind the answers to the lines before it
                try {
                    closeWithError(text("irc.excessFlood"), text("close.heldLines", most), ServerClose.FLOOD);
                } finally {
                    inCommand = false;
                }
            }
        };
    }

    // ---- what the command classes use ----

    /** The encoders for this connection's transport: TCP, or a WebSocket (counted apart by the metrics). */
    private IrcEvents.ByCapabilities encoders() {
        return Transport.of(ctx.channel()) == Transport.WEBSOCKET ? server.webSocketEncoders() : server.encoders();
    }

    /**
     * The IRC-over-TLS port to send the administrator's key to, when it came over this plain connection from another
     * machine and the server has TLS: the key is then refused, as ergo's {@code require-tls} opers and InspIRCd's
     * {@code sslonly} oper blocks refuse it, since it crossed the network in clear. Empty over TLS (the IRC TLS port,
     * a WebSocket on HTTPS), from this machine (loopback), and when the server has no IRC TLS port.
     */
    OptionalInt tlsPortForTheKey() {
        int tlsPort = server.tlsPort().getAsInt();
        Channel channel = ctx.channel();
        if (tlsPort == ServerConfig.OFF
                || channel.pipeline().get(SslHandler.class) != null
                || ConnectionLimiter.address(channel).isLoopbackAddress()) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(tlsPort);
    }

    /**
     * Logs that the administrator's key came in clear from another machine and was refused: whoever watched that
     * network has it now, which the operator must hear of to rotate it. Never logs the key.
     */
    void keyRefusedInClear(String command) {
        log.warn(
                "administrator key refused: {} over plain IRC from {}; it crossed the network unencrypted, rotate it"
                        + " (replace the key file, then SIGHUP) unless this was a test",
                command,
                ConnectionLimiter.address(ctx.channel()).getHostAddress());
    }

    /** The connection's channel: the link the core knows the member by. */
    Channel channel() {
        return ctx.channel();
    }

    /**
     * The client's capabilities changed (CAP REQ): events are encoded for them from now on, and with echo-message
     * the client's own room messages come back through {@link #echo}.
     */
    void capabilitiesChanged() {
        EventEncoder.set(ctx.channel(), encoders().forCapabilities(client.capabilities));
        EventEncoder.setEcho(
                ctx.channel(), client.capabilities.contains(IrcCapability.ECHO_MESSAGE) ? this::echo : null);
    }

    /**
     * The nick this client asks for is held by a member connected here, maybe a ghost: the lines after the one being
     * handled are held while a {@link GhostCheck} finds out whether {@code holder} is still there; then {@code then}
     * runs with the outcome, as a command does (its answer written in order), and the held lines go on.
     */
    void awaitGhostCheck(Channel holder, Consumer<GhostCheck.Outcome> then) {
        checkingName = true;
        held.hold(ctx);
        GhostCheck.ask(holder, ctx.channel(), server.config().ghostProbe(), outcome -> {
            checkingName = false;
            goOn(() -> then.accept(outcome));
        });
    }

    /**
     * The command being handled needs {@code work} that may block (files, a name lookup), which must not run on the
     * event loop its other connections share: the lines after it are held while {@code work} runs on a thread of its
     * own; then {@code then} runs with the result on the loop, as a command does (its answer written in order), and the
     * held lines go on.
     */
    <T> void awaitBlocking(java.util.function.Supplier<T> work, Consumer<T> then) {
        held.hold(ctx);
        java.util.concurrent.CompletableFuture.supplyAsync(work, BLOCKING)
                .whenComplete((result, failure) -> ctx.executor()
                        .execute(() -> goOn(() -> {
                            if (failure != null) {
                                log.warn("{}: {}", ctx.channel().remoteAddress(), failure.toString());
                                serverNotice(text("close.internalError"));
                            } else {
                                then.accept(result);
                            }
                        })));
    }

    /** Threads for {@link #awaitBlocking}: made as needed, gone when idle (an operator's command, seldom given). */
    private static final java.util.concurrent.Executor BLOCKING =
            java.util.concurrent.Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "openchat-irc-blocking");
                thread.setDaemon(true);
                return thread;
            });

    /** Runs {@code step} on the loop as a command, writes its answer, and lets the held lines go on. */
    private void goOn(Runnable step) {
        if (closing || !ctx.channel().isActive()) {
            return;
        }
        if (!replies.isEmpty()) {
            replies = new IrcReplies(serverName());
        }
        inCommand = true;
        try {
            step.run();
        } finally {
            inCommand = false;
        }
        writeReplies(null);
        held.release();
    }

    /** The core connected the member: the registration deadline no longer holds. */
    void registered() {
        if (registrationDeadline != null) {
            registrationDeadline.cancel(false);
            registrationDeadline = null; // the cancelled task would stay as long as the connection
        }
    }

    /**
     * The command being handled is about to join a room: its answer takes its place now, before the history and live
     * lines the join will queue (see writeReplies). Its first call in a command counts.
     */
    void answerBeforeWhatFollows() {
        if (answerPlace == null) {
            answerPlace = server.fanout().reserve(ctx.channel());
        }
    }

    /**
     * The command being handled sends one line to several distinct targets (a repeated target counts once): its
     * first echo cannot be its whole answer.
     */
    void severalTargets() {
        severalTargets = true;
    }

    /** Adds a line to the answer to the command being handled. */
    void reply(IrcMessage line) {
        replies.add(line);
    }

    /**
     * Adds to the answer a line that tells the client what it did (its own JOIN, PART, TOPIC or NICK), with the time
     * {@code at} when the client has {@code server-time}, as the others' copies of the same change carry it.
     */
    void replyAsEvent(IrcMessage line, OffsetDateTime at) {
        replies.add(
                client.capabilities.contains(IrcCapability.SERVER_TIME)
                        ? line.withTags(Map.of("time", IrcEvents.time(at)))
                        : line);
    }

    void replyAll(List<IrcMessage> lines) {
        replies.addAll(lines);
    }

    /** The real name this client gave with USER, or null when it gave a blank one; read from any thread. */
    String realName() {
        return client.realName;
    }

    /** Whether this client set the bot mode on itself ({@code MODE nick +B}); read from any thread. */
    boolean isBot() {
        return client.isBot();
    }

    Set<IrcCapability> capabilities() {
        return client.capabilities;
    }

    IrcEvents encoder() {
        return encoders().forCapabilities(client.capabilities);
    }

    /**
     * A numeric to this client: {@code :SERVER NNN <nick> params...}; before registration {@code <nick>} is the nick
     * NICK last had accepted, or {@code *} until one was (a refused nick is not the client's).
     */
    void numeric(String code, String... params) {
        String[] all = new String[params.length + 1];
        all[0] = client.member != null ? IrcNames.nick(client.member.name()) : client.nick != null ? client.nick : "*";
        System.arraycopy(params, 0, all, 1, params.length);
        replies.add(IrcMessage.of(serverName(), code, all));
    }

    /** A notice from the server to this client, as operators' commands are answered: {@code *** text}. */
    void serverNotice(String text) {
        reply(IrcMessage.of(
                serverName(),
                "NOTICE",
                client.member != null ? IrcNames.nick(client.member.name()) : "*",
                "*** " + text));
    }

    /**
     * A server notice about the channel {@code typed} (as the client wrote it): sent to that channel when the client is
     * in it, so that irssi and WeeChat show it in the channel's window, where the command was typed (irssi puts a notice
     * to the nick in its status window); about any other channel, to the nick, as {@link #serverNotice}. Either way
     * only this client gets it.
     */
    void serverNoticeAbout(String typed, String text) {
        Optional<String> joined =
                client.member == null ? Optional.empty() : IrcNames.room(typed).flatMap(this::joinedAsWritten);
        if (joined.isEmpty()) {
            serverNotice(text);
            return;
        }
        reply(IrcMessage.of(serverName(), "NOTICE", IrcNames.channel(joined.get()), "*** " + text));
    }

    /** The room of this name that the client's member is in, named as its creator wrote it; empty if not in it. */
    Optional<String> joinedAsWritten(String room) {
        String key = RoomNames.key(room);
        for (String joined : client.member.roomNames()) {
            if (RoomNames.key(joined).equals(key)) {
                return Optional.of(joined);
            }
        }
        return Optional.empty();
    }

    String text(String key, Object... args) {
        return server.text().get(key, args);
    }

    /** A length of time in the server's words ({@code 1시간 30분}). */
    String lasting(java.time.Duration lasting) {
        return server.text().lasting(lasting);
    }

    /** Which rooms are registered, as far as this listener has seen: what its sessions learn they note there. */
    IrcRegisteredRooms registeredRooms() {
        return server.registeredRooms();
    }

    /** The server's and the network's names, as the operator gave them. */
    IrcNames names() {
        return server.names();
    }

    /** The server's name: the source of its numerics and notices. */
    String serverName() {
        return server.names().server();
    }

    /** What is wrong with a name, in the server's language. */
    String problemText(TextProblem problem) {
        return text(problem.textKey(), problem.argument());
    }

    /** A refused name's or topic's problem in the server's language; its English subject if the refusal has none. */
    String problemText(Refusal refusal) {
        return refusal.problem() == null ? refusal.subject() : problemText(refusal.problem());
    }

    /** A parameter a command needs beyond the table's minimum (a subcommand's): 461 when it is missing. */
    static String required(IrcMessage message, int index) {
        return message.param(index).orElseThrow(NeedMoreParams::new);
    }

    /**
     * A command over a list of targets (PRIVMSG, NOTICE, JOIN, PART) refused for coming too fast after it was done
     * for some of them: what was done is answered at once, and the rest is held until the allowance refills.
     */
    static final class HeldRest extends RuntimeException {
        private final transient IrcMessage message;
        private final long retryAfterSeconds;

        private HeldRest(IrcMessage message, long retryAfterSeconds) {
            super("held rest", null, false, false);
            this.message = message;
            this.retryAfterSeconds = retryAfterSeconds;
        }

        /**
         * {@code message} again for {@code targets} from {@code from} on (its first parameter), without its label:
         * the label's answer is what was done so far.
         */
        static HeldRest of(IrcMessage message, List<String> targets, int from, Refusal refusal) {
            Map<String, String> tags = new LinkedHashMap<>(message.tags());
            tags.remove("label");
            List<String> params = new ArrayList<>(message.params());
            params.set(0, String.join(",", targets.subList(from, targets.size())));
            return new HeldRest(
                    new IrcMessage(tags, message.source(), message.command(), params), refusal.retryAfterSeconds());
        }
    }

    /** A command without the parameters it needs: 461. */
    static final class NeedMoreParams extends RuntimeException {
        NeedMoreParams() {
            super("need more params", null, false, false);
        }
    }

    private void badLine(IrcLineDecoder.BadLine bad) {
        switch (bad.problem()) {
            case TOO_LONG -> numeric("417", text("irc.inputTooLong"));
            case TAGS_TOO_LONG -> numeric("417", text("irc.tagsTooLong"));
            case NOT_UTF8 -> reply(IrcMessage.of(serverName(), "FAIL", "*", "INVALID_UTF8", text("irc.invalidUtf8")));
            case MALFORMED -> reply(IrcMessage.of(serverName(), "FAIL", "*", "INVALID_MESSAGE", text("irc.malformed")));
        }
        writeReplies(answeredLabel(bad.label()));
    }

    /** A refused line's {@code label}, to answer when the client asked for {@code labeled-response}; else null. */
    private String answeredLabel(String label) {
        return client.capabilities.contains(IrcCapability.LABELED_RESPONSE) ? label : null;
    }

    /**
     * Sends {@code ERROR :text} (with what is gathered before it), then closes; {@code reason}: why the server ends
     * the connection, null when the client asked (QUIT).
     */
    void closeWithError(String error, String cause, ServerClose reason) {
        if (reason != null) {
            reason.mark(ctx.channel());
        }
        if (closeCause == null) {
            closeCause = cause;
        }
        // A labeled-response batch an echo opened ends before the ERROR (a flood refused in the middle of a PRIVMSG).
        List<IrcMessage> lines =
                new ArrayList<>(responseBatch != null ? replies.finishIn(responseBatch) : replies.finish(null));
        lines.add(IrcMessage.of(null, "ERROR", error));
        responseBatch = null;
        replies = new IrcReplies(serverName());
        closing = true;
        ctx.channel().config().setAutoRead(false);
        if (client.member != null) {
            // Out of the chat now: the others are told at once, not when the connection has finished closing.
            core.disconnect(client.member, LeaveReason.DISCONNECTED, closeCause, false);
            client.member = null;
        }
        Runnable write = () -> {
            if (ctx.channel().isActive()) {
                LingeringClose.closeAfter(
                        ctx.writeAndFlush(IrcEvents.write(ctx.alloc(), lines)), ServerConfig.CLOSE_LINGER);
            }
        };
        if (inCommand) {
            // In order as writeReplies writes, behind the answers to earlier lines of the same read and what the fanout
            // queued for this connection: "PRIVMSG #nosuch :x" and QUIT in one packet get their 404 before the ERROR,
            // and a flood ended for too many held lines gets the echoes of the lines delivered before it.
            server.fanout().reserve(ctx.channel()).then(write);
        } else {
            write.run(); // a timeout or a failure: its handler may close the channel as soon as this returns
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            ctx.writeAndFlush(IrcEvents.write(ctx.alloc(), List.of(IrcMessage.of(null, "PING", serverName()))));
        } else if (event == GhostCheck.Signal.UNANSWERED) {
            closeWithError(text("irc.closingLink", text("close.ghost")), text("close.ghost"), ServerClose.GHOST);
        } else if (event == IrcFramer.SLOW_LINE) {
            if (closing) {
                return; // ending already, for another reason: the line was part-way when it began to
            }
            String cause =
                    text("close.slowLine", server.config().headerDeadline().toSeconds());
            log.debug("{}: {}", ctx.channel().remoteAddress(), cause);
            closeWithError(text("irc.closingLink", cause), cause, ServerClose.SLOW_HEADER);
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (!ctx.channel().isWritable()) {
            BacklogWatch.unwritable(ctx.channel(), () -> {
                ServerClose.BACKLOG.mark(ctx.channel());
                if (closeCause == null) {
                    closeCause = text("close.backlog", server.config().maxBacklog());
                }
                ctx.close();
            });
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            IrcFramer framer = ctx.pipeline().get(IrcFramer.class);
            numeric("417", text(framer != null && framer.refusedForTags() ? "irc.tagsTooLong" : "irc.inputTooLong"));
            writeReplies(framer != null ? answeredLabel(framer.refusedLabel()) : null);
        } else if (cause instanceof ReadTimeoutException) {
            closeWithError(
                    text("irc.pingTimeout"),
                    text("close.pingTimeout", server.config().idleTimeout().toSeconds()),
                    ServerClose.PING_TIMEOUT);
        } else if (cause instanceof javax.net.ssl.SSLException
                || cause instanceof io.netty.handler.codec.DecoderException
                        && cause.getCause() instanceof javax.net.ssl.SSLException) {
            log.debug("{}: TLS failed: {}", ctx.channel().remoteAddress(), cause.toString());
            closeCause = text("close.tlsFailed");
            ServerClose.TLS_FAILED.mark(ctx.channel());
            ctx.close();
        } else if (UnexpectedErrors.peerWentAway(cause)) {
            log.debug("{}: {}", ctx.channel().remoteAddress(), cause.toString());
            if (closeCause == null) {
                closeCause = ConnectionFailure.describe(server.text(), cause);
            }
            ctx.close();
        } else {
            UnexpectedErrors.SHARED.log(log, ctx, cause);
            closeWithError(
                    text("irc.closingLink", text("close.internalError")),
                    text("close.internalError"),
                    ServerClose.INTERNAL_ERROR);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (registrationDeadline != null) {
            registrationDeadline.cancel(false);
        }
        held.clear();
        monitor.clear(); // a session's MONITOR list dies with it
        serverNotices.stop(); // and its server notices
        if (client.member != null && closeCause == null && server.replayMarks().keepsMarksOfClosed()) {
            // Closed by a clean stop, after every line (IrcReplayMarks): its next connection, after the restart, is
            // replayed only what was said since, as after a QUIT.
            server.replayMarks()
                    .quit(
                            client.member.name(),
                            AddressKey.of(ConnectionLimiter.address(ctx.channel())),
                            channels.shownWhenClosed());
        }
        if (client.member != null) {
            core.disconnect(
                    client.member,
                    LeaveReason.DISCONNECTED,
                    closeCause != null ? closeCause : CloseCause.of(ctx.channel(), text("close.noQuit")),
                    false);
            client.member = null;
        }
        ctx.fireChannelInactive();
    }
}
