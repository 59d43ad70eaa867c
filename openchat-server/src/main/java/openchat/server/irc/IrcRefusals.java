package openchat.server.irc;

import java.util.Optional;
import java.util.function.Consumer;
import openchat.core.Names;
import openchat.core.Refusal;
import openchat.server.net.BanAnswer;
import openchat.server.net.ServerClose;

/**
 * What a core {@link Refusal} looks like on IRC, in one place: a numeric, a {@code FAIL}, a server notice (as the
 * operator's commands are answered), or {@code ERROR} and the connection closed; a few are not told at all.
 */
final class IrcRefusals {
    private final IrcSession session;
    private final IrcContext server;

    IrcRefusals(IrcSession session, IrcContext server) {
        this.session = session;
        this.server = server;
    }

    /**
     * 401's text: for a PRIVMSG or an INVITE to a nick whose holder took another and is still connected, with the
     * nick it goes by now ({@link openchat.core.Chat#nowNamed}), as the terminal and the web page say it (trial 12).
     */
    private String noSuchNick(IrcMessage message, String nick) {
        boolean toSomeone =
                message.command().equals("PRIVMSG") || message.command().equals("INVITE");
        return (toSomeone ? server.core().nowNamed(nick) : Optional.<String>empty())
                .map(now -> session.text("irc.noSuchNickNowNamed", IrcNames.nick(now)))
                .orElseGet(() -> session.text("irc.noSuchNick"));
    }

    /** What a core refusal looks like on IRC, for the command that caused it. */
    void tell(IrcMessage message, Refusal refusal) {
        server.refusals().accept(refusal.reason());
        if (message.command().equals("REDACT") && redactFailed(message, refusal)) {
            return;
        }
        String subject = refusal.subject();
        String channel = typedChannel(message).orElseGet(() -> subject.isEmpty() ? "*" : IrcNames.channel(subject));
        switch (refusal.reason()) {
            case NO_SUCH_ROOM -> session.numeric("403", channel, session.text("irc.noSuchChannel"));
            case INVALID_ROOM -> session.numeric( // ERR_BADCHANNAME, saying what is wrong with the name
                    "479",
                    message.param(0).orElse("*"),
                    session.text("answer.invalidRoom", session.problemText(refusal)));
            case NOT_IN_ROOM -> {
                // A channel that does not exist is 403 to any command (PART #never, PRIVMSG, KICK), as ergo and
                // InspIRCd answer it; 442 would say it exists.
                if (!roomExists(subject.isEmpty() ? IrcNames.room(channel).orElse("") : subject)) {
                    session.numeric("403", channel, session.text("irc.noSuchChannel"));
                } else if (message.command().equals("PRIVMSG")
                        || message.command().equals("NOTICE")) {
                    session.numeric("404", channel, session.text("irc.cannotSend"));
                } else {
                    session.numeric("442", channel, session.text("irc.notOnChannel"));
                }
            }
            case INVITEE_IN_ROOM -> session.numeric(
                    "443", IrcNames.nick(subject), message.param(1).orElse("*"), session.text("irc.userOnChannel"));
            case ROOM_FULL -> session.numeric("471", channel, session.text("irc.channelFull", refusal.capacity()));
            case ROOM_BANNED -> {
                // The numeric names the channel before its text, which IRC clients print together: the text does not.
                String said = session.text(message.command().equals("JOIN") ? "irc.roomBanned" : "irc.roomBannedSend");
                String told = BanAnswer.withTimeLeft(said, refusal, server.text());
                if (message.command().equals("JOIN")) {
                    session.numeric("474", IrcNames.channel(subject), told); // ERR_BANNEDFROMCHAN
                } else {
                    session.numeric("404", IrcNames.channel(subject), told); // ERR_CANNOTSENDTOCHAN
                }
            }
            case TOO_MANY_ROOM_BANS -> session.numeric( // ERR_BANLISTFULL
                    "478", channel, "b", BanAnswer.tooManyRoomBans(refusal, server.text()));
            case BAN_FITS_SELF -> notice(message, session.text("answer.banFitsSelf", subject));
            case INVALID_LIMIT -> notice(message, session.text("answer.invalidLimit", subject, refusal.capacity()));
            case TOO_MANY_JOINED -> session.numeric(
                    "405", message.param(0).orElse("*"), session.text("irc.tooManyChannels", refusal.capacity()));
            case TOO_MANY_ROOMS -> session.numeric(
                    "403", message.param(0).orElse("*"), session.text("irc.tooManyRooms", refusal.capacity()));
            case TOO_MANY_ROOMS_FROM_ADDRESS -> session.numeric(
                    "403",
                    message.param(0).orElse("*"),
                    session.text("answer.tooManyRoomsFromAddress", refusal.capacity()));
            case ALREADY_IN_ROOM -> {} // IRC servers ignore a JOIN to a channel already joined
            case WRONG_ROOM_KEY -> {
                if (message.command().equals("JOIN")) {
                    // ERR_BADCHANNELKEY, which irssi and WeeChat show with its text: nothing was done, and a JOIN
                    // without the key works.
                    session.numeric(
                            "475",
                            channel,
                            session.text(
                                    refusal.roomRegistered() ? "answer.wrongRoomKey" : "answer.roomKeyUnregistered",
                                    channel));
                } else {
                    notice(message, sentence(refusal));
                }
            }
            case NOT_KEY_HOLDER,
                    NOT_REGISTERED,
                    LOBBY_UNOWNED,
                    TOO_MANY_REGISTERED_ROOMS,
                    TOO_MANY_REGISTERED_ROOMS_FROM_ADDRESS,
                    SENT_BEFORE_JOINED -> notice(message, sentence(refusal));
            case NOT_MODERATOR -> session.numeric("482", channel(message), session.text("irc.notOperator"));
            case ADMIN_NOT_KICKABLE -> {
                if (message.command().equals("KILL")) {
                    session.serverNotice(session.text("answer.adminNotKillable")); // as a K-line of it is answered
                } else {
                    session.numeric("482", channel(message), session.text("answer.adminNotKickable"));
                }
            }
            case ADMIN_ONLY -> session.numeric("481", session.text("irc.noPrivileges"));
            case ADMIN_NOT_BANNABLE -> notice(message, session.text("answer.adminNotBannable"));
            case INVALID_BAN -> notice(message, session.text("answer.invalidBan", subject));
            case BAN_TOO_WIDE -> notice(message, session.text("answer.banTooWide", subject, refusal.capacity()));
            case INVALID_NAME -> session.serverNotice(session.text("answer.invalidName", session.problemText(refusal)));
            case NOT_BANNED -> notice(message, session.text("answer.notBanned", subject));
                // The nick as the client sent it (its subject), as 401 echoes a target: never the nick form of it,
                // which would answer PRIVMSG * with 401 _ and leave the client unable to tell which target it was. A
                // service's name (PRIVMSG NickServ :IDENTIFY ..., sent by a client set up for another network) is
                // told that no one got it and why.
            case NO_SUCH_MEMBER -> session.numeric(
                    "401",
                    subject,
                    Names.isService(subject) ? session.text("irc.noServices", subject) : noSuchNick(message, subject));
            case INVALID_TOPIC -> session.reply(IrcMessage.of(
                    session.serverName(),
                    "FAIL",
                    "TOPIC",
                    "INVALID_TOPIC",
                    channel(message),
                    session.problemText(refusal)));
            case EMPTY_MESSAGE -> session.numeric("412", session.text("irc.noTextToSend"));
            case INVALID_MESSAGE -> session.reply(IrcMessage.of(
                    session.serverName(),
                    "FAIL",
                    message.command(),
                    "INVALID_MESSAGE",
                    session.text("answer.nulInMessage")));
            case FLOODING -> session.closeWithError(
                    session.text("irc.excessFlood"), session.text("close.flooding"), ServerClose.FLOOD);
            case GONE -> session.closeWithError(
                    session.text("irc.closingLink", "-"), session.text("close.refused"), ServerClose.REFUSED);
            case SHUTTING_DOWN -> {} // the server closes every connection itself, after telling it
            case UNAVAILABLE -> session.reply(IrcMessage.of(
                    session.serverName(),
                    "FAIL",
                    message.command(),
                    "TEMPORARILY_UNAVAILABLE",
                    session.text("irc.unavailable", Math.max(1, refusal.retryAfterSeconds()))));
            case UNREACHABLE -> session.reply(IrcMessage.of(
                    session.serverName(),
                    "FAIL",
                    message.command(),
                    "TEMPORARILY_UNAVAILABLE",
                    IrcNames.nick(subject),
                    session.text("answer.unreachable", IrcNames.nick(subject))));
            case TOO_FAST -> session.reply(IrcMessage.of( // commands that are not held (see IrcSession) say so
                    session.serverName(),
                    "FAIL",
                    message.command(),
                    "RATE_LIMITED",
                    session.text("answer.tooFast", Math.max(1, refusal.retryAfterSeconds()))));
            case IN_DOUBT -> session.reply(IrcMessage.of(
                    session.serverName(), "FAIL", message.command(), "IN_DOUBT", session.text("irc.inDoubt")));
            default -> session.numeric(
                    "400",
                    message.command(),
                    subject.isEmpty() ? refusal.reason().name() : subject);
        }
    }

    /**
     * A {@code REDACT} the core refused, told with the {@code draft/message-redaction} specification's {@code FAIL}
     * codes, which clients that send it read: not the room's owner nor the administrator {@code REDACT_FORBIDDEN}, no
     * such message in the history {@code UNKNOWN_MSGID}, a channel the client is not in or that does not exist {@code
     * INVALID_TARGET} (checked before the message is looked for: a msgid, which is a room and a number, says nothing of
     * a room the client is not in). False for a refusal the specification has no code for (flood, the store out of
     * reach), which is told as any command's.
     */
    private boolean redactFailed(IrcMessage message, Refusal refusal) {
        String target = message.param(0).orElse("*");
        String msgid = message.param(1).orElse("*");
        IrcMessage fail =
                switch (refusal.reason()) {
                    case NOT_MODERATOR -> IrcMessage.of(
                            session.serverName(),
                            "FAIL",
                            "REDACT",
                            "REDACT_FORBIDDEN",
                            target,
                            msgid,
                            session.text("irc.redact.forbidden"));
                        // An owner by presence (an heir, or who remade an emptied room) and lines sent before it came.
                    case SENT_BEFORE_JOINED -> IrcMessage.of(
                            session.serverName(),
                            "FAIL",
                            "REDACT",
                            "REDACT_FORBIDDEN",
                            target,
                            msgid,
                            session.text("answer.sentBeforeJoined"));
                    case NO_SUCH_MESSAGE -> IrcRedaction.unknownMsgid(session, target, msgid);
                    case NOT_IN_ROOM, NO_SUCH_ROOM -> IrcMessage.of(
                            session.serverName(),
                            "FAIL",
                            "REDACT",
                            "INVALID_TARGET",
                            target,
                            session.text(
                                    refusal.reason() == Refusal.Reason.NOT_IN_ROOM
                                                    && roomExists(IrcNames.room(target)
                                                            .orElse(""))
                                            ? "irc.notOnChannel"
                                            : "irc.noSuchChannel"));
                    default -> null;
                };
        if (fail == null) {
            return false;
        }
        session.reply(fail);
        return true;
    }

    /**
     * A refusal of a command sent to a service (ChanServ) as the service answers it, a NOTICE from it ({@code notice})
     * in the server's words; a refusal without such words (none of a service's own) as {@link #tell} tells it.
     */
    void tellAsNotice(IrcMessage message, Refusal refusal, Consumer<String> notice) {
        tellAsNotice(message, refusal, null, notice);
    }

    /**
     * As {@link #tellAsNotice(IrcMessage, Refusal, Consumer)}, for a command about {@code channel} (null for none): a
     * refusal for not being the room's owner names it, as ergo's "You're not a channel operator of #room" does.
     */
    void tellAsNotice(IrcMessage message, Refusal refusal, String channel, Consumer<String> notice) {
        String sentence = refusal.reason() == Refusal.Reason.NOT_MODERATOR && channel != null
                ? session.text("irc.chanServ.notModerator", channel)
                : sentence(refusal);
        if (sentence == null) {
            tell(message, refusal);
            return;
        }
        server.refusals().accept(refusal.reason());
        notice.accept(sentence);
    }

    /**
     * The server's sentence for a refusal of room registration's commands, naming the room as a channel; null for
     * another refusal.
     */
    private String sentence(Refusal refusal) {
        String channel = refusal.subject().isEmpty() ? "*" : IrcNames.channel(refusal.subject());
        return switch (refusal.reason()) {
            case WRONG_ROOM_KEY -> session.text( // ChanServ's OP: a claim
                    refusal.roomRegistered() ? "answer.wrongRoomKeyClaim" : "answer.roomKeyUnregisteredClaim", channel);
            case NOT_KEY_HOLDER -> session.text("answer.notKeyHolder", channel);
            case NOT_REGISTERED -> session.text("answer.notRegistered", channel);
            case LOBBY_UNOWNED -> session.text("answer.lobbyUnowned");
            case TOO_MANY_REGISTERED_ROOMS -> session.text("answer.tooManyRegisteredRooms", refusal.capacity());
            case TOO_MANY_REGISTERED_ROOMS_FROM_ADDRESS -> session.text(
                    "answer.tooManyRegisteredRoomsFromAddress", refusal.capacity());
            case NOT_MODERATOR -> session.text("answer.notModerator");
            case NOT_IN_ROOM -> session.text("answer.notInRoom", channel);
            case NO_SUCH_ROOM -> session.text("answer.noSuchRoom", channel);
                // ChanServ's DELETE, by name: none of that name's messages in the time given (REDACT's is a FAIL).
            case NO_SUCH_MESSAGE -> session.text("irc.noMessagesFrom", IrcNames.nick(refusal.subject()));
            case SENT_BEFORE_JOINED -> session.text("answer.sentBeforeJoined");
            case UNAVAILABLE -> session.text("answer.unavailable", Math.max(1, refusal.retryAfterSeconds()));
            case IN_DOUBT -> session.text("answer.inDoubt");
            default -> null;
        };
    }

    /**
     * A refusal told as a server notice: to the channel of a {@code MODE #room ...} the client is in (a room's ban or
     * limit), so that it shows where the owner typed the command; else to the nick (KLINE, KILL).
     */
    private void notice(IrcMessage message, String text) {
        if (message.command().equals("MODE")) {
            session.serverNoticeAbout(channel(message), text);
        } else {
            session.serverNotice(text);
        }
    }

    /** Whether {@code room} exists: a line to a channel that does not is 403, as ergo and InspIRCd answer it. */
    private boolean roomExists(String room) {
        try {
            server.core().room(room);
            return true;
        } catch (Refusal refusal) {
            return false;
        }
    }

    /**
     * The channel of a command as the client sent it (INVITE's and CHATHISTORY's second parameter, every other
     * command's first), which the numerics about a channel echo (Modern IRC: 403, 442...): not the room read from it,
     * so that {@code KICK #x,#y z} is answered {@code 403 #x,#y}, not {@code ##x,#y}, and the client can tell which
     * line it answers.
     */
    private static Optional<String> typedChannel(IrcMessage message) {
        return message.param(
                message.command().equals("INVITE") || message.command().equals("CHATHISTORY") ? 1 : 0);
    }

    private static String channel(IrcMessage message) {
        return message.param(0).orElse("*");
    }
}
