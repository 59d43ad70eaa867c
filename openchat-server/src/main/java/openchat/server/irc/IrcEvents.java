package openchat.server.irc;

import static openchat.server.net.ScratchBytes.put;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import openchat.core.ChatEvent;
import openchat.core.DisplayText;
import openchat.core.Names;
import openchat.core.RoomNames;
import openchat.server.config.ServerText;
import openchat.server.net.EventEncoder;
import openchat.server.net.KeptBytes;
import openchat.server.net.ScratchBytes;
import openchat.server.net.TimeText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat core's events as IRC lines. What a line carries depends on the capabilities its recipient enabled:
 * {@code server-time} adds the event's time, {@code message-tags} a {@code msgid} (the room and its Seq),
 * {@code batch} frames a join's history as a {@code chathistory} batch, only {@code away-notify} gets the
 * {@code AWAY} of others (without it an away event encodes to nothing), only {@code invite-notify} the {@code
 * INVITE} of another member by one of the room's, and {@code draft/message-redaction} a {@code REDACT} per message
 * deleted from a room's history where a client without it gets one server notice saying what went. One encoder per
 * combination, made once per server ({@link ByCapabilities#forCapabilities}), so the fanout encodes each event once
 * per combination present.
 *
 * <p>A chat line longer than IRC's 512 bytes, or holding line breaks (another protocol allows both), is sent as
 * several {@code PRIVMSG}s, cut at code point boundaries; only the first carries the {@code msgid}.
 *
 * <p>The encoders are stateless but for one thing: the registrations they tell are noted in the listener's
 * {@link IrcRegisteredRooms}, the one place the IRC adapter sees the core's events, which a change of owner reads. An
 * event kind the core has and IRC does not know encodes to nothing (logged once): a failed encoding would end the
 * connection of the member whose command caused the event.
 */
final class IrcEvents implements EventEncoder {
    private static final Logger log = LoggerFactory.getLogger(IrcEvents.class);

    /** RFC 3339 in UTC with milliseconds, as {@code server-time} requires. */
    static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static final TimeText TIME_TEXT = new TimeText(TIME);

    /** When a deleted line was sent, in a deletion's notice: the time of day, in the server's zone. */
    private static final DateTimeFormatter SENT_TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    /** Room for the tags-free part of a line: 512 bytes less CR LF. */
    private static final int LINE_BYTES = IrcLineDecoder.MAX_LINE_BYTES;
    /** What framing a piece as an action ({@code /me}) adds to it, in bytes. */
    private static final int ACTION_FRAME_BYTES = DisplayText.ACTION_START.length() + DisplayText.ACTION_END.length();

    private static final AtomicLong BATCH_IDS = new AtomicLong();

    /** Event kinds the encoders found no lines for, logged once each ({@link #unknownEvent}). */
    private static final Set<Class<?>> UNKNOWN_LOGGED = ConcurrentHashMap.newKeySet();

    /** A channel's prefix, as bytes. */
    private static final byte[] CHANNEL_PREFIX = IrcNames.CHANNEL_PREFIX.getBytes(StandardCharsets.US_ASCII);

    private static final byte[] PRIVMSG = "PRIVMSG".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NOTICE = "NOTICE".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TIME_TAG = "time=".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MSGID_TAG = "msgid=".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NEXT_MSGID_TAG = ";msgid=".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NONE = new byte[0];
    /** A chat line but for its host, nick (twice), command, room, text and tags' values: the constant parts. */
    private static final int LINE_FIXED_BYTES = 16 + CHANNEL_PREFIX.length + TIME_TAG.length + NEXT_MSGID_TAG.length;
    /** Where a chat line is assembled before it goes into its buffer. */
    private static final ScratchBytes LINE = new ScratchBytes(256);

    private final boolean time;
    private final boolean msgid;
    private final boolean batch;
    private final boolean awayNotify;
    private final boolean inviteNotify;
    private final boolean redaction;
    private final ServerText text;
    /** Which rooms are registered: learnt from the registrations these encoders tell, read when a room's owner changes. */
    private final IrcRegisteredRooms registered;
    /** The server's name, the source of its lines; and as bytes, the host of every member's address. */
    private final IrcNames names;
    /** {@code @SERVER}, the host part of a member's address ({@link IrcNames#source}), as chat lines write it. */
    private final byte[] atServer;

    private final String transport;
    /** The UTF-8 of the nick IRC shows for a sender (the nick rule and the encoding were 1.7 % of a profile). */
    private final KeptBytes nicks = new KeptBytes(name -> utf8(IrcNames.nick(name)));
    /** The UTF-8 of a room's name. */
    private final KeptBytes rooms = new KeptBytes(IrcEvents::utf8);

    private IrcEvents(
            boolean time,
            boolean msgid,
            boolean batch,
            boolean awayNotify,
            boolean inviteNotify,
            boolean redaction,
            ServerText text,
            IrcNames names,
            String transport,
            IrcRegisteredRooms registered) {
        this.transport = transport;
        this.registered = registered;
        this.names = names;
        this.atServer = names.atServer();
        this.time = time;
        this.msgid = msgid;
        this.batch = batch;
        this.awayNotify = awayNotify;
        this.inviteNotify = inviteNotify;
        this.redaction = redaction;
        this.text = text;
    }

    /** The encoders of one server: one per combination of the capabilities that change what a line carries. */
    static final class ByCapabilities {
        private final IrcEvents[] encoders = new IrcEvents[64];

        /**
         * {@code names}: the server's, whose name is the source of its lines and the host of every member's address;
         * {@code transport}: what the metrics count these encoders' deliveries as ({@code irc}, {@code websocket});
         * {@code registered}: the listener's knowledge of which rooms are registered, shared with its sessions.
         */
        ByCapabilities(ServerText text, IrcNames names, String transport, IrcRegisteredRooms registered) {
            for (int i = 0; i < encoders.length; i++) {
                encoders[i] = new IrcEvents(
                        (i & 1) != 0,
                        (i & 2) != 0,
                        (i & 4) != 0,
                        (i & 8) != 0,
                        (i & 16) != 0,
                        (i & 32) != 0,
                        text,
                        names,
                        transport,
                        registered);
            }
        }

        IrcEvents forCapabilities(Set<IrcCapability> enabled) {
            int index = (enabled.contains(IrcCapability.SERVER_TIME) ? 1 : 0)
                    | (enabled.contains(IrcCapability.MESSAGE_TAGS) ? 2 : 0)
                    | (enabled.contains(IrcCapability.BATCH) ? 4 : 0)
                    | (enabled.contains(IrcCapability.AWAY_NOTIFY) ? 8 : 0)
                    | (enabled.contains(IrcCapability.INVITE_NOTIFY) ? 16 : 0)
                    | (enabled.contains(IrcCapability.MESSAGE_REDACTION) ? 32 : 0);
            return encoders[index];
        }

        IrcEvents plain() {
            return forCapabilities(EnumSet.noneOf(IrcCapability.class));
        }
    }

    @Override
    public String transport() {
        return transport;
    }

    @Override
    public ByteBuf encode(ByteBufAllocator allocator, ChatEvent event) {
        if (event instanceof ChatEvent.Message m) {
            ByteBuf line = oneLine(allocator, m);
            if (line != null) {
                return line;
            }
        }
        return write(allocator, lines(event, Map.of()));
    }

    /**
     * The server's notice to one member (the cluster's store out of reach and back, a change done after all, a private
     * message that may not have arrived) is addressed to its nick, as ergo addresses one once a client has registered:
     * {@code *} is for a client that has none yet, and a bot that files notices by target would miss it.
     */
    @Override
    public ByteBuf encodeFor(ByteBufAllocator allocator, ChatEvent event, String recipient) {
        if (event instanceof ChatEvent.Notice notice && !notice.isAnnouncement()) {
            Map<String, String> tags = time ? Map.of("time", time(event.at())) : Map.of();
            return write(allocator, List.of(tagged(tags, serverNoticeTo(IrcNames.nick(recipient), notice))));
        }
        return encode(allocator, event);
    }

    /** The server's {@code notice} as IRC's NOTICE to {@code target}: a nick, or {@code *} for no one known. */
    private IrcMessage serverNoticeTo(String target, ChatEvent.Notice notice) {
        return IrcMessage.of(names.server(), "NOTICE", target, notice.text());
    }

    @Override
    public void encodeTo(ByteBufAllocator allocator, ChatEvent event, ByteBuf out) {
        int length = event instanceof ChatEvent.Message m ? oneLine(m, NONE) : -1;
        if (length >= 0) {
            out.writeBytes(LINE.atLeast(length), 0, length);
        } else {
            EventEncoder.super.encodeTo(allocator, event, out);
        }
    }

    /**
     * The chat line in the common case, written straight to bytes: one line (no line break in the text) that fits
     * in 512 bytes. The same bytes as {@link #lines} and {@link #write} make (a test holds the two together), at
     * a fraction of the cost: the room's every message goes through here. Null when the text needs the general
     * path (line breaks, or too long: it is then cut into several lines; or a NUL, which the core refuses now but
     * older history may hold).
     */
    private ByteBuf oneLine(ByteBufAllocator allocator, ChatEvent.Message message) {
        int length = oneLine(message, NONE);
        return length < 0 ? null : allocator.buffer(length).writeBytes(LINE.atLeast(length), 0, length);
    }

    /**
     * Assembles the line of {@link #oneLine(ByteBufAllocator, ChatEvent.Message)} at the start of this thread's
     * {@link #LINE} array, with {@code batchTag} ({@code batch=ID}, or empty) as its first tag, where {@link #lines}
     * puts a batch reference; returns its length, or -1 when the message needs the general path.
     */
    private int oneLine(ChatEvent.Message message, byte[] batchTag) {
        String text = message.text();
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0 || text.indexOf('\0') >= 0) {
            return -1;
        }
        byte[] command = message.notice() ? NOTICE : PRIVMSG;
        // Each part as UTF-8 by the JDK (for ASCII text a vectorised check and one copy; Netty's writeUtf8 looks at
        // each character, and took 6 % of a busy server's core here), the source without a String of its own; the
        // line assembled in an array and copied into its buffer once.
        byte[] nick = nicks.of(message.from());
        byte[] room = rooms.of(message.room());
        byte[] body = message.textUtf8();
        byte[] timeText = time ? TIME_TEXT.asciiOf(message.at()) : NONE;
        byte[] msgidText = msgid ? utf8(IrcMessage.escape(msgid(message.room(), message.seq()))) : NONE;
        int most = LINE_FIXED_BYTES
                + atServer.length
                + batchTag.length
                + timeText.length
                + msgidText.length
                + 2 * nick.length
                + command.length
                + room.length
                + body.length;
        byte[] line = LINE.atLeast(most);
        int at = 0;
        if (batchTag.length > 0 || time || msgid) {
            line[at++] = '@';
            at = put(line, at, batchTag);
            if (time) {
                if (batchTag.length > 0) {
                    line[at++] = ';';
                }
                at = put(line, at, TIME_TAG);
                at = put(line, at, timeText);
            }
            if (msgid) {
                at = put(line, at, time || batchTag.length > 0 ? NEXT_MSGID_TAG : MSGID_TAG);
                at = put(line, at, msgidText);
            }
            line[at++] = ' ';
        }
        int lineStart = at;
        line[at++] = ':';
        at = put(line, at, nick);
        line[at++] = '!';
        at = put(line, at, nick);
        at = put(line, at, atServer);
        line[at++] = ' ';
        at = put(line, at, command);
        line[at++] = ' ';
        at = put(line, at, CHANNEL_PREFIX);
        at = put(line, at, room);
        line[at++] = ' ';
        line[at++] = ':';
        at = put(line, at, body);
        if (at - lineStart > LINE_BYTES) {
            return -1;
        }
        line[at++] = '\r';
        line[at++] = '\n';
        return at;
    }

    /**
     * A join's history: in a {@code chathistory} batch for a client with {@code batch}; otherwise plain lines
     * between two notices, so that old lines are not taken for new ones (a {@code server-time} tag alone does not
     * do that: irssi 1.4 asks for it and shows replayed lines at the time they arrive).
     */
    @Override
    public ByteBuf encodeReplay(ByteBufAllocator allocator, List<ChatEvent.Message> history) {
        String channel = IrcNames.channel(history.get(0).room());
        ByteBuf out = allocator.buffer(history.size() * 128);
        String batchId = batch ? "h" + BATCH_IDS.incrementAndGet() : null;
        append(
                out,
                batchId != null
                        ? IrcMessage.of(names.server(), "BATCH", "+" + batchId, "chathistory", channel)
                        : IrcMessage.of(
                                names.server(), "NOTICE", channel, text.get("irc.historyStart", history.size())));
        // Each line straight to bytes where it can be, as a live one is: a join replays up to 50 of them.
        byte[] batchTag = batchId == null ? NONE : ("batch=" + batchId).getBytes(StandardCharsets.US_ASCII);
        Map<String, String> extraTags = batchId == null ? Map.of() : Map.of("batch", batchId);
        for (ChatEvent.Message message : history) {
            int length = oneLine(message, batchTag);
            if (length >= 0) {
                out.writeBytes(LINE.atLeast(length), 0, length);
            } else {
                for (IrcMessage line : lines(message, extraTags)) {
                    append(out, line);
                }
            }
        }
        append(
                out,
                batchId != null
                        ? IrcMessage.of(names.server(), "BATCH", "-" + batchId)
                        : IrcMessage.of(names.server(), "NOTICE", channel, text.get("irc.historyEnd")));
        return out;
    }

    /** One page of history for CHATHISTORY: the lines of its messages, tagged with {@code extraTags}. */
    List<IrcMessage> historyLines(List<ChatEvent.Message> page, Map<String, String> extraTags) {
        List<IrcMessage> lines = new ArrayList<>();
        for (ChatEvent.Message message : page) {
            lines.addAll(lines(message, extraTags));
        }
        return lines;
    }

    /** The lines that tell {@code event}; {@code extraTags} go on each (a batch reference). */
    List<IrcMessage> lines(ChatEvent event, Map<String, String> extraTags) {
        Map<String, String> tags = new LinkedHashMap<>(extraTags);
        if (time) {
            tags.put("time", time(event.at()));
        }
        if (event instanceof ChatEvent.Message m) {
            if (msgid) {
                tags.put("msgid", msgid(m.room(), m.seq()));
            }
            return privmsg(tags, m.notice() ? "NOTICE" : "PRIVMSG", m.from(), IrcNames.channel(m.room()), m.text());
        } else if (event instanceof ChatEvent.Private p) {
            return privmsg(tags, p.notice() ? "NOTICE" : "PRIVMSG", p.from(), IrcNames.nick(p.to()), p.text());
        } else if (event instanceof ChatEvent.Invited v) {
            return List.of(tagged(tags, invite(v.from(), v.to(), v.room())));
        } else if (event instanceof ChatEvent.InviteSeen v) {
            // invite-notify: the line the invited member got, to the room's members that asked for it.
            return inviteNotify ? List.of(tagged(tags, invite(v.from(), v.to(), v.room()))) : List.of();
        } else if (event instanceof ChatEvent.Joined j) {
            String channel = IrcNames.channel(j.room());
            List<IrcMessage> lines = new ArrayList<>(2);
            lines.add(tagged(tags, IrcMessage.of(names.source(j.name()), "JOIN", channel)));
            // An away joiner: its AWAY follows the JOIN for away-notify clients, as InspIRCd and ergo send it.
            if (awayNotify && !j.away().isEmpty()) {
                lines.add(tagged(tags, IrcMessage.of(names.source(j.name()), "AWAY", j.away())));
            }
            // The administrator moderates every room: its @ shown at once, as a server opping a joiner shows it.
            if (Names.isAdministrator(j.name())) {
                lines.add(tagged(tags, opped(j.room(), j.name())));
            }
            return lines;
        } else if (event instanceof ChatEvent.Topic t) {
            return List.of(
                    tagged(tags, IrcMessage.of(names.source(t.by()), "TOPIC", IrcNames.channel(t.room()), t.topic())));
        } else if (event instanceof ChatEvent.Left l) {
            List<IrcMessage> lines = new ArrayList<>(2);
            // One QUIT per client: the LEFTs of the same departure in the other rooms it shares say nothing more.
            if (!l.toldBefore()) {
                lines.add(tagged(tags, left(l)));
            }
            // The room's new owner: its @ shown at once, as after the administrator's join.
            if (l.owner() != null) {
                heir(lines, tags, l.room(), l.owner());
            }
            return lines;
        } else if (event instanceof ChatEvent.NewOwner o) {
            List<IrcMessage> lines = new ArrayList<>(2);
            if (o.previous() == null) {
                heir(lines, tags, o.room(), o.name());
                return lines;
            }
            // The key's holder took the room from its owner by presence, who stays: its @ moves in one line, and a
            // sentence says why, for those who do not read mode lines.
            String channel = IrcNames.channel(o.room());
            lines.add(tagged(
                    tags,
                    IrcMessage.of(
                            names.server(),
                            "MODE",
                            channel,
                            "-o+o",
                            IrcNames.nick(o.previous()),
                            IrcNames.nick(o.name()))));
            lines.add(tagged(
                    tags,
                    serverNotice(
                            channel,
                            text.get(
                                    "irc.ownerByKey", IrcNames.nick(o.name()), channel, IrcNames.nick(o.previous())))));
            return lines;
        } else if (event instanceof ChatEvent.RoomRegistration r) {
            return registration(tags, r);
        } else if (event instanceof ChatEvent.Notice n) {
            if (n.isAnnouncement()) {
                // As InspIRCd relays an operator's global notice: from the administrator, to the mask $*; a long or
                // many-line text in several NOTICEs, as a chat line is.
                return privmsg(tags, "NOTICE", n.from(), IrcMessaging.EVERYONE, n.text());
            }
            return List.of(tagged(tags, serverNoticeTo("*", n))); // to no one known: one member's is encodeFor's
        } else if (event instanceof ChatEvent.Renamed r) {
            if (IrcNames.nick(r.from()).equals(IrcNames.nick(r.to()))) {
                return List.of(); // "Kim Min" now "Kim.Min": IRC showed Kim_Min and still does
            }
            return List.of(tagged(tags, IrcMessage.of(names.source(r.from()), "NICK", IrcNames.nick(r.to()))));
        } else if (event instanceof ChatEvent.RoomBanChange b) {
            String mask = IrcChannels.banMask(b.target());
            return List.of(tagged(
                    tags,
                    IrcMessage.of(
                            names.source(b.by()), "MODE", IrcNames.channel(b.room()), b.added() ? "+b" : "-b", mask)));
        } else if (event instanceof ChatEvent.RoomLimit l) {
            return List.of(tagged(tags, limitMode(names.source(l.by()), l)));
        } else if (event instanceof ChatEvent.Deleted d) {
            return deleted(tags, d);
        } else if (event instanceof ChatEvent.Away a) {
            if (!awayNotify) {
                return List.of();
            }
            IrcMessage away = a.message().isEmpty()
                    ? IrcMessage.of(names.source(a.name()), "AWAY")
                    : IrcMessage.of(names.source(a.name()), "AWAY", a.message());
            return List.of(tagged(tags, away));
        } else if (event instanceof ChatEvent.Banned b) {
            String why = b.reason().isEmpty()
                    ? text.get("irc.banned", b.by())
                    : text.get("irc.bannedFor", b.by(), b.reason());
            if (b.expires() != null) {
                why += " (" + text.get("answer.banLasting", text.lasting(Duration.between(b.at(), b.expires()))) + ")";
            }
            return List.of(IrcMessage.of(null, "ERROR", text.get("irc.closingLink", why)));
        } else if (event instanceof ChatEvent.Killed k) {
            return List.of(IrcMessage.of(null, "ERROR", text.get("irc.closingLink", killed(k.by(), k.reason()))));
        } else if (event instanceof ChatEvent.Dropped d) {
            return List.of(IrcMessage.of(null, "ERROR", text.get("irc.closingLink", d.reason())));
        } else if (event instanceof ChatEvent.Closed closed) {
            String reason = closed.reason().isEmpty() ? "-" : closed.reason();
            if (!closed.detail().isEmpty()) {
                reason += " (" + closed.detail() + ")"; // who stopped it, and why
            }
            return List.of(IrcMessage.of(null, "ERROR", text.get("irc.closingLink", reason)));
        }
        // An event the core gained after this encoder was written: told as nothing rather than failing the delivery,
        // which would end the connection of the member whose command caused it (the fanout encodes at the post).
        unknownEvent(event);
        return List.of();
    }

    /**
     * Messages deleted from a room's history: with {@code draft/message-redaction}, the deleter's {@code REDACT} of each
     * ({@code :by!by@server REDACT #room <msgid> [:reason]}, its msgid the room's key and the Seq, as the message carried
     * it), so that the client takes the lines away; without it, one server notice to the channel saying who deleted how
     * many of whose messages and why, so that an irssi or WeeChat user, whose client keeps the lines, knows they are no
     * longer in the room's history.
     */
    private List<IrcMessage> deleted(Map<String, String> tags, ChatEvent.Deleted deleted) {
        String channel = IrcNames.channel(deleted.room());
        if (!redaction) {
            return List.of(tagged(tags, serverNotice(channel, deletedNotice(deleted))));
        }
        String source = names.source(deleted.by());
        List<IrcMessage> lines = new ArrayList<>(deleted.seqs().size());
        for (long seq : deleted.seqs()) {
            String id = msgid(deleted.room(), seq);
            lines.add(tagged(
                    tags,
                    deleted.reason().isEmpty()
                            ? IrcMessage.of(source, "REDACT", channel, id)
                            : IrcMessage.of(source, "REDACT", channel, id, deleted.reason())));
        }
        return lines;
    }

    /**
     * The notice of a deletion to a client that keeps the lines on its screen: who deleted how many of whose messages
     * (its own, said so), when they were sent when the event says it (HH:mm:ss in the server's zone, a range when the
     * first and the last differ; an older cluster node's event does not), so that the reader can tell which of the
     * lines it still shows went; and the reason.
     */
    private String deletedNotice(ChatEvent.Deleted deleted) {
        String by = IrcNames.nick(deleted.by());
        String from = IrcNames.nick(deleted.from());
        int count = deleted.seqs().size();
        String whose = Names.key(deleted.by()).equals(Names.key(deleted.from())) ? "irc.deletedOwn" : "irc.deleted";
        String sentence;
        if (deleted.firstSent() == null || deleted.lastSent() == null) {
            sentence = text.get(whose, by, from, count);
        } else {
            String first = SENT_TIME.format(deleted.firstSent().atZoneSameInstant(ZoneId.systemDefault()));
            String last = SENT_TIME.format(deleted.lastSent().atZoneSameInstant(ZoneId.systemDefault()));
            sentence = first.equals(last)
                    ? text.get(whose + "At", by, from, count, first)
                    : text.get(whose + "Between", by, from, count, first, last);
        }
        return deleted.reason().isEmpty() ? sentence : text.get("irc.deletedFor", sentence, deleted.reason());
    }

    /** {@code from}'s INVITE of {@code to} into {@code room}: to the invited member, and with invite-notify to the room. */
    private IrcMessage invite(String from, String to, String room) {
        return IrcMessage.of(names.source(from), "INVITE", IrcNames.nick(to), IrcNames.channel(room));
    }

    private static void unknownEvent(ChatEvent event) {
        if (UNKNOWN_LOGGED.add(event.getClass())) {
            log.warn(
                    "IRC has no line for the core's {} events: they reach IRC clients as nothing",
                    event.getClass().getSimpleName());
        }
    }

    /**
     * The line of a change of owner by presence ({@code heir} holds {@code room} because its owner left), which every
     * member gets: the server gives the heir the {@code @}, as the terminal client's others read only who owns the
     * room now. What the heir alone is told of a registered room is {@link #encodeForAddressee}'s.
     */
    private void heir(List<IrcMessage> lines, Map<String, String> tags, String room, String heir) {
        lines.add(tagged(tags, opped(room, heir)));
    }

    /**
     * The heir of a registered room is told in words, after its {@code +o}, that the key's holder takes the room back
     * on entering the key, so that it does not take the {@code @} for its own for good; the owner present when the
     * administrator registers its room or gives it a new key, after the room's notice, that it owns the room for now and
     * how to keep it (ChanServ's command), as the terminal client and the web page tell their owner. To the channel,
     * where its client shows the room's lines, but sent to that member alone.
     */
    @Override
    public ByteBuf encodeForAddressee(ByteBufAllocator allocator, ChatEvent event) {
        Map<String, String> tags = time ? Map.of("time", time(event.at())) : Map.of();
        if (event instanceof ChatEvent.RoomRegistration registration) {
            String channel = IrcNames.channel(registration.room());
            return write(
                    allocator,
                    List.of(tagged(tags, serverNotice(channel, text.get("irc.ownerToKeepRegistered", channel)))));
        }
        String room = ((ChatEvent.Numbered) event).room();
        String channel = IrcNames.channel(room);
        if (!registered.isRegistered(room)) {
            return null;
        }
        return write(
                allocator, List.of(tagged(tags, serverNotice(channel, text.get("irc.heirOfRegistered", channel)))));
    }

    /**
     * A room registered, given a new key, or no longer registered: the server's {@code MODE +r} or {@code -r}, as
     * UnrealIRCd and InspIRCd show a channel their services registered (none for a new key: the room stays
     * registered), and a sentence saying who did it and what it means: when the administrator made the key, that the
     * key is with it, and how to take the room with it once asked for.
     */
    private List<IrcMessage> registration(Map<String, String> tags, ChatEvent.RoomRegistration registration) {
        String channel = IrcNames.channel(registration.room());
        String by = IrcNames.nick(registration.by());
        ChatEvent.RoomRegistration.Change change = registration.change();
        registered.saw(registration.room(), change != ChatEvent.RoomRegistration.Change.DROPPED);
        List<IrcMessage> lines = new ArrayList<>(2);
        // The administrator keeps no key and owns no room: the key it made is with it, to be asked for.
        boolean byAdministrator = Names.isAdministrator(registration.by());
        String textKey =
                switch (change) {
                    case REGISTERED -> byAdministrator ? "irc.roomRegisteredByAdministrator" : "irc.roomRegistered";
                    case REKEYED -> byAdministrator ? "irc.roomRekeyedByAdministrator" : "irc.roomRekeyed";
                    case DROPPED -> "irc.roomUnregistered";
                };
        if (change != ChatEvent.RoomRegistration.Change.REKEYED) {
            boolean now = change == ChatEvent.RoomRegistration.Change.REGISTERED;
            lines.add(tagged(tags, registeredMode(names.server(), registration.room(), now)));
        }
        lines.add(tagged(tags, serverNotice(channel, text.get(textKey, by, channel))));
        return lines;
    }

    /** The server ({@code server}, its name) marks {@code room} registered ({@code +r}) or no longer ({@code -r}). */
    static IrcMessage registeredMode(String server, String room, boolean registered) {
        return IrcMessage.of(server, "MODE", IrcNames.channel(room), registered ? "+r" : "-r");
    }

    /** A notice from the server to a channel's members, in the form of the server's other notices: {@code *** text}. */
    private IrcMessage serverNotice(String channel, String sentence) {
        return IrcMessage.of(names.server(), "NOTICE", channel, "*** " + sentence);
    }

    /** The server gives {@code name} operator status in {@code room}: the administrator, or the room's new owner. */
    private IrcMessage opped(String room, String name) {
        return IrcMessage.of(names.server(), "MODE", IrcNames.channel(room), "+o", IrcNames.nick(name));
    }

    private IrcMessage left(ChatEvent.Left left) {
        String source = names.source(left.name());
        String channel = IrcNames.channel(left.room());
        return switch (left.reason()) {
            case PARTED -> left.detail().isEmpty()
                    ? IrcMessage.of(source, "PART", channel)
                    : IrcMessage.of(source, "PART", channel, left.detail());
            case KICKED -> IrcMessage.of(
                    left.by() == null ? names.server() : names.source(left.by()),
                    "KICK",
                    channel,
                    IrcNames.nick(left.name()),
                    left.detail().isEmpty() ? IrcNames.nick(left.by() == null ? "" : left.by()) : left.detail());
            case LEFT -> IrcMessage.of(source, "QUIT", left.detail().isEmpty() ? "Quit" : "Quit: " + left.detail());
            case DISCONNECTED -> IrcMessage.of(source, "QUIT", left.detail());
            case BANNED -> IrcMessage.of(
                    source, "QUIT", left.detail().isEmpty() ? "Banned" : "Banned: " + left.detail());
            case KILLED -> IrcMessage.of(
                    source, "QUIT", killed(left.by() == null ? Names.ADMINISTRATOR : left.by(), left.detail()));
        };
    }

    /** A KILL's words as IRC servers write them in the QUIT and the victim's ERROR: {@code Killed (oper (reason))}. */
    private static String killed(String by, String reason) {
        String oper = IrcNames.nick(by);
        return reason.isEmpty() ? "Killed (" + oper + ")" : "Killed (" + oper + " (" + reason + "))";
    }

    private static IrcMessage tagged(Map<String, String> tags, IrcMessage message) {
        return tags.isEmpty() ? message : message.withTags(tags);
    }

    /**
     * {@code text} as PRIVMSG lines to {@code target}: one per line of the text ({@link #linesWithText}), each cut to
     * fit 512 bytes. Only the first line keeps a {@code msgid}: ids stay unique.
     */
    /**
     * The lines of a text that have something in it: IRC has no empty PRIVMSG (servers refuse one with 412, and
     * clients show a bare nick for it), so the blank lines of a message from OCP are left out. A text of one line is
     * its own line, blank or not (the core refuses a blank message; older history may hold one).
     */
    private static List<String> linesWithText(String text) {
        String[] lines = text.split("\r\n|\r|\n", -1);
        if (lines.length == 1) {
            return List.of(lines);
        }
        List<String> kept = new ArrayList<>(lines.length);
        for (String line : lines) {
            if (!line.isBlank()) {
                kept.add(line);
            }
        }
        return kept.isEmpty() ? List.of(lines) : kept;
    }

    private List<IrcMessage> privmsg(
            Map<String, String> tags, String command, String from, String target, String text) {
        String source = names.source(from);
        int room = LINE_BYTES - utf8Length(":" + source + " " + command + " " + target + " :");
        List<String> pieces = pieces(text, room);
        Optional<String> action = pieces.size() > 1 ? DisplayText.action(text) : Optional.empty();
        if (action.isPresent()) {
            pieces = actionPieces(action.get(), room);
        }
        List<IrcMessage> out = new ArrayList<>(pieces.size());
        Map<String, String> lineTags = tags;
        for (String piece : pieces) {
            out.add(tagged(lineTags, IrcMessage.of(source, command, target, piece)));
            if (lineTags.containsKey("msgid")) {
                lineTags = new LinkedHashMap<>(lineTags);
                lineTags.remove("msgid");
            }
        }
        return out;
    }

    /** The text's lines with something in them, each cut to fit {@code room} bytes. */
    private static List<String> pieces(String text, int room) {
        List<String> pieces = new ArrayList<>(1);
        for (String line : linesWithText(text)) {
            pieces.addAll(cut(line, Math.max(room, 16)));
        }
        return pieces;
    }

    /**
     * The words of a CTCP ACTION ({@code /me}) that takes several lines: an action on each, its words cut to leave
     * room for the framing, as IRC clients split a long {@code /me}. Cut as plain text, only the first piece would
     * open the action and only the last close it, and clients would show the rest as plain lines ending in a stray
     * control character.
     */
    private static List<String> actionPieces(String action, int room) {
        List<String> framed = new ArrayList<>();
        for (String piece : pieces(action, room - ACTION_FRAME_BYTES)) {
            framed.add(DisplayText.ACTION_START + piece + DisplayText.ACTION_END);
        }
        return framed;
    }

    /**
     * {@code line} in pieces of at most {@code maxBytes} UTF-8 bytes, each cut after the last white space that fits, as
     * irssi and WeeChat split a long line of their own, the space kept at the end of its piece (so the pieces are the
     * line); between code points where a piece holds no space (a long word, a URL); "" stays one. Cut between
     * characters alone, a word was split across two lines and the second began with its tail (trial 12: {@code word05}
     * and {@code 7 word058}).
     */
    static List<String> cut(String line, int maxBytes) {
        List<String> pieces = new ArrayList<>(1);
        int start = 0;
        int bytes = 0;
        int afterSpace = -1; // where the piece's last white space ends, or -1
        int bytesAfterSpace = 0;
        for (int i = 0; i < line.length(); ) {
            int codePoint = line.codePointAt(i);
            int size = utf8Length(codePoint);
            while (bytes + size > maxBytes) { // twice when what follows the space still leaves no room
                int end = afterSpace > start ? afterSpace : i;
                pieces.add(line.substring(start, end));
                bytes = end == i ? 0 : bytes - bytesAfterSpace;
                start = end;
                afterSpace = -1;
            }
            bytes += size;
            i += Character.charCount(codePoint);
            if (Character.isWhitespace(codePoint)) {
                afterSpace = i;
                bytesAfterSpace = bytes;
            }
        }
        if (start < line.length() || pieces.isEmpty()) {
            pieces.add(line.substring(start));
        }
        return pieces;
    }

    private static int utf8Length(int codePoint) {
        return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
    }

    private static int utf8Length(String text) {
        return utf8(text).length;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A room's member limit as a MODE line from {@code source}: always {@code +l N}, the server's capacity after a
     * {@code -l}, since a room always has a limit (324 says {@code +lnt N}); a {@code -l} line would make irssi drop
     * the {@code l} from the channel's modes.
     */
    static IrcMessage limitMode(String source, ChatEvent.RoomLimit limit) {
        return IrcMessage.of(source, "MODE", IrcNames.channel(limit.room()), "+l", String.valueOf(limit.limit()));
    }

    /** {@code at} as {@code server-time} writes it, in UTC. */
    static String time(OffsetDateTime at) {
        return TIME_TEXT.of(at);
    }

    /** A room message's id: the room's key and the message's Seq. */
    static String msgid(String room, long seq) {
        return RoomNames.key(room) + ":" + seq;
    }

    /**
     * The Seq a {@link #msgid} names in {@code room}: empty when {@code id} is no msgid of that room (another room's, or
     * not one at all), or names no message (a Seq below 1).
     */
    static OptionalLong seqOf(String room, String id) {
        int colon = id.lastIndexOf(':');
        if (colon < 0 || !id.substring(0, colon).equals(RoomNames.key(room))) {
            return OptionalLong.empty();
        }
        String digits = id.substring(colon + 1);
        if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalLong.empty();
        }
        long seq = Long.parseLong(digits);
        return seq < 1 ? OptionalLong.empty() : OptionalLong.of(seq);
    }

    /** Appends {@code line} and CR LF to {@code out}, cut to IRC's 512 bytes ({@link IrcMessage#fitted}). */
    private static void append(ByteBuf out, IrcMessage line) {
        out.writeBytes((line.fitted(LINE_BYTES) + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    /** The lines as bytes, each cut to IRC's 512 bytes ({@link IrcMessage#fitted}) should it echo too much. */
    static ByteBuf write(ByteBufAllocator allocator, List<IrcMessage> lines) {
        ByteBuf out = allocator.buffer(lines.size() * 96);
        for (IrcMessage line : lines) {
            append(out, line);
        }
        return out;
    }
}
