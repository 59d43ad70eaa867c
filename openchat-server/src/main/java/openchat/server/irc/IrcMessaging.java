package openchat.server.irc;

import io.netty.channel.Channel;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import openchat.core.Chat;
import openchat.core.ChatEvent;
import openchat.core.DisplayText;
import openchat.core.Names;
import openchat.core.Refusal;
import openchat.core.RoomNames;

/**
 * Messages: PRIVMSG and NOTICE to channels and members, with the server answering CTCP for members that cannot
 * (OCP and web ones); and AWAY, the message those who write to an away member are answered with.
 */
final class IrcMessaging {
    /** Targets one PRIVMSG, NOTICE or KICK may name ({@code TARGMAX}). */
    static final int MAX_TARGETS = IrcListener.MAX_TARGETS;
    /** The target of the administrator's announcement as IRC members get it: every server's members. */
    static final String EVERYONE = "$*";

    private final IrcSession session;
    private final IrcContext server;
    private final Chat<Channel> core;
    private final IrcClientState client;
    private final IrcRefusals refusals;

    /** The channel {@link #roomOf} last read, and its room. */
    private String lastChannel;

    private Optional<String> lastRoom = Optional.empty();

    IrcMessaging(IrcSession session, IrcContext server, IrcClientState client, IrcRefusals refusals) {
        this.session = session;
        this.server = server;
        this.core = server.core();
        this.client = client;
        this.refusals = refusals;
    }

    /**
     * {@link IrcNames#room}, remembered for the last channel asked about: a client talking in one channel names it
     * on every line.
     */
    private Optional<String> roomOf(String channel) {
        if (!channel.equals(lastChannel)) {
            lastRoom = IrcNames.room(channel);
            lastChannel = channel;
        }
        return lastRoom;
    }

    /**
     * PRIVMSG, or NOTICE ({@code notice}), which no error numeric answers. Refused for coming too fast after
     * reaching some of its targets, the line is held for the rest ({@link IrcSession.HeldRest}).
     */
    void privmsg(IrcMessage message, boolean notice) {
        if (message.params().isEmpty()) {
            if (!notice) {
                session.numeric("411", session.text("irc.noRecipient", message.command()));
            }
            return;
        }
        String body = message.param(1).orElse("");
        if (body.isEmpty()) {
            if (!notice) {
                session.numeric("412", session.text("irc.noTextToSend"));
            }
            return;
        }
        String targetList = message.params().get(0);
        List<String> targets = targetList.indexOf(',') < 0 ? List.of(targetList) : distinctTargets(targetList);
        if (targets.size() > MAX_TARGETS) {
            if (!notice) {
                session.numeric("407", message.params().get(0), session.text("irc.tooManyTargets", MAX_TARGETS));
            }
            return;
        }
        if (targets.size() > 1) {
            session.severalTargets();
        }
        boolean echo = client.capabilities.contains(IrcCapability.ECHO_MESSAGE);
        for (int i = 0; i < targets.size(); i++) {
            String target = targets.get(i);
            try {
                if (notice && isEveryone(target)) {
                    core.announce(client.member, body); // everyone gets it, this session too: its confirmation
                } else if (isToOperatorsOf(target)) {
                    // STATUSMSG (irssi's /wall, WeeChat's /wallchops) is not offered: a room's operators are its owner
                    // and the administrator, whom a private message reaches. Said, not taken for a nick (401).
                    if (!notice) {
                        session.numeric("404", target, session.text("irc.noStatusMessage", target.substring(1)));
                    }
                } else if (IrcChanServ.is(target)) {
                    // Room registration's service: the line reaches no one and is stored nowhere. Echoed, as ergo
                    // echoes a line to its services; a NOTICE to it is dropped, as services ignore notices.
                    if (echo) {
                        session.replyAll(session.encoder()
                                .lines(
                                        new ChatEvent.Private(
                                                client.member.name(),
                                                IrcChanServ.NAME,
                                                OffsetDateTime.now(),
                                                body,
                                                notice),
                                        Map.of()));
                    }
                    if (!notice) {
                        session.chanServ.privmsg(body);
                    }
                } else if (target.startsWith(IrcNames.CHANNEL_PREFIX)) {
                    Optional<String> room = roomOf(target);
                    if (room.isEmpty()) {
                        throw Refusal.of(Refusal.Reason.NO_SUCH_ROOM, target.substring(1));
                    }
                    // With echo-message the fanout hands this session its copy (see IrcSession.echo), in the
                    // room's order.
                    core.post(client.member, room.get(), body, notice);
                } else {
                    // The core finds the member by its name or its nick (one name to the core; on a cluster,
                    // on every node) and refuses when no one has it.
                    ChatEvent.Private sent = core.whisper(client.member, target, body, notice);
                    if (echo) {
                        session.replyAll(session.encoder().lines(sent, Map.of()));
                    }
                    String away = notice ? "" : core.awayOf(sent.to());
                    if (!away.isEmpty()) {
                        session.numeric("301", IrcNames.nick(sent.to()), away);
                    }
                    if (!notice
                            && body.startsWith("\u0001")
                            && core.member(sent.to())
                                    .filter(here -> !isIrcClient(here.link()))
                                    .isPresent()) {
                        answerCtcpFor(sent.to(), body); // a member of this server that cannot answer itself
                    }
                }
            } catch (Refusal refusal) {
                if (refusal.reason() == Refusal.Reason.TOO_FAST && i > 0) {
                    // Held whole, the line would reach the targets before this one again when it is retried.
                    throw IrcSession.HeldRest.of(message, targets, i, refusal);
                }
                if (refusal.reason() == Refusal.Reason.TOO_FAST
                        || refusal.reason().endsSession()) {
                    throw refusal;
                }
                if (!notice || isEveryone(target)) {
                    // An announcement is answered as the operator's commands are (481 for anyone else), as InspIRCd
                    // answers a NOTICE to a server mask from a user who is not an operator.
                    refusals.tell(IrcMessage.of(null, message.command(), target), refusal);
                }
            }
        }
    }

    /** Whether {@code target} is a channel's operators ({@code @#room}, {@code +#room}: STATUSMSG), not a nick. */
    private static boolean isToOperatorsOf(String target) {
        return target.length() > 1
                && (target.charAt(0) == '@' || target.charAt(0) == '+')
                && target.startsWith(IrcNames.CHANNEL_PREFIX, 1);
    }

    /**
     * Whether a NOTICE's target is every member: the server mask {@code $*} (InspIRCd's global notice) or {@code $$*}
     * (ergo's, after the RFC's {@code $<server mask>}), which the administrator sends its announcement to.
     */
    static boolean isEveryone(String target) {
        return target.equals(EVERYONE) || target.equals("$" + EVERYONE);
    }

    /**
     * The targets of a list, each once: a target named again, in any spelling that names the same room or member
     * ({@code #lobby,#LOBBY}, {@code 유저1,유저１}), is dropped, as Solanum and InspIRCd drop repeated targets, so that a
     * line is delivered and stored once per room or member. The first spelling is kept (errors echo it).
     */
    private static List<String> distinctTargets(String targetList) {
        Map<String, String> byKey = new LinkedHashMap<>();
        for (String target : targetList.split(",")) {
            byKey.putIfAbsent(targetKey(target), target);
        }
        return List.copyOf(byKey.values());
    }

    /**
     * What a target names, as the core tells rooms ({@link RoomNames#key}) and members ({@link Names#key}) apart; a
     * channel that cannot be a room is its own key.
     */
    private static String targetKey(String target) {
        if (target.startsWith(IrcNames.CHANNEL_PREFIX)) {
            return IrcNames.room(target)
                    .map(room -> IrcNames.CHANNEL_PREFIX + RoomNames.key(room))
                    .orElse(target);
        }
        return Names.key(target);
    }

    /** Whether the member behind {@code link} speaks IRC (over TCP or WebSocket) and so answers CTCP itself. */
    private static boolean isIrcClient(Channel link) {
        return link.pipeline().get(IrcSession.class) != null;
    }

    /** A CTCP query to an OCP or web member, which cannot answer it: the server does, as that member. */
    private void answerCtcpFor(String name, String body) {
        CtcpAnswers.answer(
                        body,
                        server.version(),
                        OffsetDateTime.now(server.started().getOffset()))
                .ifPresent(answer -> session.reply(IrcMessage.of(
                        session.names().source(name), "NOTICE", IrcNames.nick(client.member.name()), answer)));
    }

    /**
     * AWAY: the core keeps the message and tells the members sharing a room (over IRC, those with away-notify).
     * Longer than AWAYLEN is cut, as IRC servers do; formatting codes, which other protocols would show as
     * garbage, are dropped.
     */
    void away(IrcMessage message) {
        String text = DisplayText.withoutFormatting(message.param(0).orElse(""))
                .codePoints()
                .filter(c -> Character.getType(c) != Character.CONTROL)
                .limit(Chat.MAX_TOPIC_LENGTH)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString()
                .strip();
        core.setAway(client.member, text);
        session.numeric(
                text.isEmpty() ? "305" : "306", session.text(text.isEmpty() ? "answer.back" : "answer.awaySet"));
    }
}
