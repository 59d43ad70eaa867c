package openchat.server.irc;

import io.netty.channel.Channel;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import openchat.core.Chat;
import openchat.core.ChatEvent;
import openchat.core.CoreConfig;
import openchat.core.HistoryQuery;
import openchat.core.Member;
import openchat.core.Refusal;
import openchat.core.RoomNames;

/**
 * {@code CHATHISTORY} (IRCv3 draft/chathistory) over the rooms' history: LATEST, BEFORE, AFTER, AROUND, BETWEEN
 * and TARGETS, with {@code msgid=} references (a room's key and Seq, as {@link IrcEvents#msgid} makes them) and
 * {@code timestamp=} references. Pages are in Seq order, in a {@code chathistory} batch when the client has
 * {@code batch}. Private messages are not stored, so a nickname target gives an empty batch.
 */
final class IrcHistory {
    private static final AtomicLong BATCH_IDS = new AtomicLong();

    private final IrcSession session;
    private final Chat<Channel> core;
    private final Member<Channel> member;

    IrcHistory(IrcSession session, Chat<Channel> core, Member<Channel> member) {
        this.session = session;
        this.core = core;
        this.member = member;
    }

    /** A reference to a point in a room's history: a message's Seq, or (when {@code at} is set) an instant. */
    private record Ref(long seq, Instant at) {}

    /** Bad parameters: {@code FAIL CHATHISTORY code}. */
    private static final class Fail extends RuntimeException {
        private final String code;

        Fail(String code, String detail) {
            super(detail, null, false, false);
            this.code = code;
        }
    }

    /** The subcommands, checked before the target: a misspelt one is a bad parameter whatever it names. */
    private static final java.util.Set<String> SUBCOMMANDS =
            java.util.Set.of("LATEST", "BEFORE", "AFTER", "AROUND", "BETWEEN", "TARGETS");

    void handle(IrcMessage message) {
        try {
            String sub = IrcSession.required(message, 0).toUpperCase(Locale.ROOT);
            if (!SUBCOMMANDS.contains(sub)) {
                throw new Fail("INVALID_PARAMS", session.text("irc.history.unknownSubcommand", sub));
            }
            if (sub.equals("TARGETS")) {
                targets(message);
                return;
            }
            String target = IrcSession.required(message, 1);
            List<ChatEvent.Message> page = page(sub, target, message);
            send(target, page);
        } catch (Fail fail) {
            // FAIL CHATHISTORY <code> <subcommand> [<target>] :<description>, as the specification's examples.
            List<String> params = new ArrayList<>(
                    List.of("CHATHISTORY", fail.code, message.param(0).orElse("*")));
            if (!fail.code.equals("INVALID_PARAMS")) {
                params.add(message.param(1).orElse("*"));
            }
            params.add(fail.getMessage());
            session.reply(new IrcMessage(Map.of(), session.serverName(), "FAIL", params));
        }
    }

    private List<ChatEvent.Message> page(String sub, String target, IrcMessage message) {
        if (!target.startsWith(IrcNames.CHANNEL_PREFIX)) {
            return List.of(); // private messages are never stored
        }
        String room =
                IrcNames.room(target).orElseThrow(() -> new Fail("INVALID_TARGET", session.text("irc.badChannelName")));
        if (!member.isIn(room)) {
            throw new Fail("INVALID_TARGET", session.text("irc.notOnChannel"));
        }
        switch (sub) {
            case "LATEST" -> {
                int limit = limit(message, 3);
                String ref = IrcSession.required(message, 2);
                List<ChatEvent.Message> latest = query(room, HistoryQuery.latest(limit));
                if (ref.equals("*")) {
                    return latest;
                }
                long after = afterSeq(room, parse(room, ref));
                return latest.stream().filter(m -> m.seq() > after).toList();
            }
            case "BEFORE" -> {
                int limit = limit(message, 3);
                long before = beforeSeq(room, parse(room, IrcSession.required(message, 2)));
                return before <= 1
                        ? List.of()
                        : query(room, new HistoryQuery(HistoryQuery.Direction.BEFORE, before, limit));
            }
            case "AFTER" -> {
                int limit = limit(message, 3);
                long after = afterSeq(room, parse(room, IrcSession.required(message, 2)));
                return query(room, new HistoryQuery(HistoryQuery.Direction.AFTER, after, limit));
            }
            case "AROUND" -> {
                int limit = limit(message, 3);
                Ref ref = parse(room, IrcSession.required(message, 2));
                long pivot = beforeSeq(room, ref);
                int older = limit / 2;
                List<ChatEvent.Message> out = new ArrayList<>();
                if (older > 0 && pivot > 1) {
                    out.addAll(query(room, new HistoryQuery(HistoryQuery.Direction.BEFORE, pivot, older)));
                }
                out.addAll(query(room, new HistoryQuery(HistoryQuery.Direction.AFTER, pivot - 1, limit - out.size())));
                return out;
            }
            case "BETWEEN" -> {
                int limit = limit(message, 4);
                Ref first = parse(room, IrcSession.required(message, 2));
                Ref second = parse(room, IrcSession.required(message, 3));
                long low = afterSeq(room, first);
                long high = beforeSeq(room, second);
                if (low >= high) { // the references given newest first: the newest page between them
                    long newest = beforeSeq(room, first);
                    long oldest = afterSeq(room, second);
                    return newest <= 1
                            ? List.of()
                            : query(room, new HistoryQuery(HistoryQuery.Direction.BEFORE, newest, limit)).stream()
                                    .filter(m -> m.seq() > oldest)
                                    .toList();
                }
                return query(room, new HistoryQuery(HistoryQuery.Direction.AFTER, low, limit)).stream()
                        .filter(m -> m.seq() < high)
                        .toList();
            }
            default -> throw new IllegalStateException("a subcommand SUBCOMMANDS lets through: " + sub);
        }
    }

    private List<ChatEvent.Message> query(String room, HistoryQuery query) {
        try {
            List<ChatEvent.Message> page = new ArrayList<>(core.history(member, room, query));
            page.sort(Comparator.comparingLong(ChatEvent.Message::seq));
            return page;
        } catch (Refusal refusal) {
            if (refusal.reason() == Refusal.Reason.UNAVAILABLE) {
                throw refusal; // told as any command's: FAIL CHATHISTORY TEMPORARILY_UNAVAILABLE
            }
            if (refusal.reason() == Refusal.Reason.TOO_FAST) {
                throw refusal; // over the read allowance: the session holds the command (fakelag)
            }
            throw new Fail("INVALID_TARGET", session.text("irc.notOnChannel"));
        }
    }

    private void targets(IrcMessage message) {
        Instant from = timestamp(IrcSession.required(message, 1));
        Instant to = timestamp(IrcSession.required(message, 2));
        int limit = limit(message, 3);
        Instant low = from.isBefore(to) ? from : to;
        Instant high = from.isBefore(to) ? to : from;
        List<IrcMessage> lines = new ArrayList<>();
        for (String room : member.roomNames()) {
            List<ChatEvent.Message> last = query(room, HistoryQuery.latest(1));
            if (!last.isEmpty()) {
                Instant at = last.get(0).at().toInstant();
                if (at.isAfter(low) && at.isBefore(high) && lines.size() < limit) {
                    lines.add(IrcMessage.of(
                            session.serverName(),
                            "CHATHISTORY",
                            "TARGETS",
                            IrcNames.channel(room),
                            IrcEvents.time(last.get(0).at())));
                }
            }
        }
        batch("draft/chathistory-targets", null, lines);
    }

    private void send(String target, List<ChatEvent.Message> page) {
        IrcEvents encoder = session.encoder();
        if (session.capabilities().contains(IrcCapability.BATCH)) {
            String id = "c" + BATCH_IDS.incrementAndGet();
            batch("chathistory", target, id, encoder.historyLines(page, Map.of("batch", id)));
        } else {
            session.replyAll(encoder.historyLines(page, Map.of()));
        }
    }

    private void batch(String type, String target, List<IrcMessage> lines) {
        if (!session.capabilities().contains(IrcCapability.BATCH)) {
            session.replyAll(lines);
            return;
        }
        String id = "c" + BATCH_IDS.incrementAndGet();
        List<IrcMessage> tagged =
                lines.stream().map(l -> l.withTags(Map.of("batch", id))).toList();
        batch(type, target, id, tagged);
    }

    private void batch(String type, String target, String id, List<IrcMessage> tagged) {
        session.reply(
                target == null
                        ? IrcMessage.of(session.serverName(), "BATCH", "+" + id, type)
                        : IrcMessage.of(session.serverName(), "BATCH", "+" + id, type, target));
        session.replyAll(tagged);
        session.reply(IrcMessage.of(session.serverName(), "BATCH", "-" + id));
    }

    private int limit(IrcMessage message, int index) {
        String text = IrcSession.required(message, index);
        try {
            int limit = Integer.parseInt(text);
            if (limit < 0) {
                throw new NumberFormatException(text);
            }
            return limit == 0 ? CoreConfig.MAX_HISTORY_PAGE : Math.min(limit, CoreConfig.MAX_HISTORY_PAGE);
        } catch (NumberFormatException e) {
            throw new Fail("INVALID_PARAMS", session.text("irc.history.badLimit", text));
        }
    }

    private Ref parse(String room, String reference) {
        if (reference.startsWith("msgid=")) {
            String id = reference.substring("msgid=".length());
            int colon = id.lastIndexOf(':');
            if (colon < 0 || !id.substring(0, colon).equals(RoomNames.key(room))) {
                throw new Fail("INVALID_MSGREFTYPE", session.text("irc.history.otherChannel"));
            }
            try {
                long seq = Long.parseLong(id.substring(colon + 1));
                if (seq < 0) {
                    throw new NumberFormatException();
                }
                return new Ref(seq, null);
            } catch (NumberFormatException e) {
                throw new Fail("INVALID_MSGREFTYPE", session.text("irc.history.badMsgid"));
            }
        }
        if (reference.startsWith("timestamp=")) {
            return new Ref(-1, timestamp(reference));
        }
        throw new Fail("INVALID_PARAMS", session.text("irc.history.badReference"));
    }

    private Instant timestamp(String reference) {
        String value = reference.startsWith("timestamp=") ? reference.substring("timestamp=".length()) : reference;
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new Fail("INVALID_PARAMS", session.text("irc.history.badTimestamp"));
        }
    }

    /** The Seq after which messages come after the reference: the referenced message, or the last one before the instant. */
    private long afterSeq(String room, Ref ref) {
        if (ref.at() == null) {
            return ref.seq();
        }
        return firstSeqAtOrAfter(room, ref.at(), true) - 1;
    }

    /** The Seq before which messages come before the reference: the referenced message, or the first at the instant. */
    private long beforeSeq(String room, Ref ref) {
        if (ref.at() == null) {
            return ref.seq();
        }
        return firstSeqAtOrAfter(room, ref.at(), false);
    }

    /**
     * The Seq of the first message at (or, {@code strictlyAfter}, after) {@code at}, or one past the last message:
     * pages backward from the newest, at most {@code --history-max} messages in all.
     */
    private long firstSeqAtOrAfter(String room, Instant at, boolean strictlyAfter) {
        List<ChatEvent.Message> page = query(room, HistoryQuery.latest(CoreConfig.MAX_HISTORY_PAGE));
        long candidate = page.isEmpty()
                ? core.room(room).lastSeq() + 1
                : page.get(page.size() - 1).seq() + 1;
        while (!page.isEmpty()) {
            for (int i = page.size() - 1; i >= 0; i--) {
                ChatEvent.Message message = page.get(i);
                Instant when = message.at().toInstant();
                boolean inside = strictlyAfter ? when.isAfter(at) : !when.isBefore(at);
                if (!inside) {
                    return candidate;
                }
                candidate = message.seq();
            }
            long oldest = page.get(0).seq();
            page = oldest <= 1
                    ? List.of()
                    : query(room, new HistoryQuery(HistoryQuery.Direction.BEFORE, oldest, CoreConfig.MAX_HISTORY_PAGE));
        }
        return candidate;
    }
}
