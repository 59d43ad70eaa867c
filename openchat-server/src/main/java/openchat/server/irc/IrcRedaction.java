package openchat.server.irc;

import io.netty.channel.Channel;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import openchat.core.Chat;
import openchat.core.ChatEvent;
import openchat.core.Deletion;
import openchat.core.Refusal;

/**
 * {@code REDACT <#channel> <msgid> [:<reason>]} (IRCv3 {@code draft/message-redaction}, as ergo serves it): the room's
 * owner or the administrator deletes one message from the room's history ({@link Chat#delete}), named by the {@code
 * msgid} the client was shown ({@link IrcEvents#msgid}: the room's key and the Seq). The room's other members are told
 * by the core's event, which each connection's encoder writes ({@code REDACT} with the capability, a server notice
 * without); the deleter gets the same lines as its answer, since the core tells it nothing more: with the capability
 * the {@code REDACT} back (as ergo echoes it to every session with the capability, {@code echo-message} or not, and as
 * the specification's examples show it), without it the notice.
 *
 * <p>What cannot be a message of the channel is refused before the core is asked, with the specification's {@code
 * FAIL REDACT} codes: a target that is no channel (private messages are never stored) {@code INVALID_TARGET}, a
 * msgid that is not one of that channel's {@code UNKNOWN_MSGID}. The core's refusals are {@link IrcRefusals}'.
 */
final class IrcRedaction {
    private final IrcSession session;
    private final Chat<Channel> core;
    private final IrcClientState client;

    IrcRedaction(IrcSession session, Chat<Channel> core, IrcClientState client) {
        this.session = session;
        this.core = core;
        this.client = client;
    }

    void redact(IrcMessage message) {
        String target = message.params().get(0);
        String msgid = message.params().get(1);
        String reason = message.param(2).orElse("").strip();
        Optional<String> room = target.startsWith(IrcNames.CHANNEL_PREFIX) ? IrcNames.room(target) : Optional.empty();
        if (room.isEmpty()) {
            session.reply(IrcMessage.of(
                    session.serverName(),
                    "FAIL",
                    "REDACT",
                    "INVALID_TARGET",
                    target,
                    session.text(
                            target.startsWith(IrcNames.CHANNEL_PREFIX)
                                    ? "irc.noSuchChannel"
                                    : "irc.redact.privateNotKept")));
            return;
        }
        OptionalLong seq = IrcEvents.seqOf(room.get(), msgid);
        if (seq.isEmpty()) {
            // The channel before the msgid, as the core checks it: one that does not exist, or that the client is not
            // in (the administrator deletes from outside), is an invalid target whatever the msgid.
            String invalid = session.joinedAsWritten(room.get()).isPresent() ? null : invalidTarget(room.get());
            session.reply(
                    invalid == null
                            ? unknownMsgid(session, target, msgid)
                            : IrcMessage.of(session.serverName(), "FAIL", "REDACT", "INVALID_TARGET", target, invalid));
            return;
        }
        ChatEvent.Deleted deleted = core.delete(client.member, room.get(), Deletion.message(seq.getAsLong()), reason);
        tellDeleter(deleted, true);
    }

    /**
     * Why {@code room}, which the client is not in, is no target of its REDACT: the text of {@code FAIL REDACT
     * INVALID_TARGET}; null when it is one (the administrator's, from outside).
     */
    private String invalidTarget(String room) {
        try {
            core.room(room);
        } catch (Refusal refusal) {
            if (refusal.reason() != Refusal.Reason.NO_SUCH_ROOM) {
                throw refusal;
            }
            return session.text("irc.noSuchChannel");
        }
        return client.member.isAdmin() ? null : session.text("irc.notOnChannel");
    }

    /**
     * {@code FAIL REDACT UNKNOWN_MSGID <target> <msgid>}: no message of the channel's history has that id (none ever, or
     * deleted, or dropped by retention), as the specification words it.
     */
    static IrcMessage unknownMsgid(IrcSession session, String target, String msgid) {
        return IrcMessage.of(
                session.serverName(),
                "FAIL",
                "REDACT",
                "UNKNOWN_MSGID",
                target,
                msgid,
                session.text("irc.redact.unknownMsgid"));
    }

    /**
     * The deleter's own lines of a deletion, which the core tells only the others: with {@code
     * draft/message-redaction} the {@code REDACT}s, which take the lines off its screen; without it, when {@code
     * noticeWithout}, the notice the others get, to the channel it is in, or to its nick when it deleted from outside
     * (the administrator), since a client drops a line to a channel it is not in.
     */
    void tellDeleter(ChatEvent.Deleted deleted, boolean noticeWithout) {
        boolean redaction = client.capabilities.contains(IrcCapability.MESSAGE_REDACTION);
        if (!redaction && !noticeWithout) {
            return;
        }
        for (IrcMessage line : session.encoder().lines(deleted, Map.of())) {
            if (!redaction && session.joinedAsWritten(deleted.room()).isEmpty()) {
                line = new IrcMessage(
                        line.tags(),
                        line.source(),
                        line.command(),
                        List.of(
                                IrcNames.nick(client.member.name()),
                                line.params().get(1)));
            }
            session.reply(line);
        }
    }
}
