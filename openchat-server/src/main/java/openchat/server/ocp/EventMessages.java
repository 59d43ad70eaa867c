package openchat.server.ocp;

import static openchat.server.net.ScratchBytes.put;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;
import openchat.core.ChatEvent;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpEncoder;
import openchat.protocol.OcpMessage;
import openchat.protocol.Targets;
import openchat.server.net.EventEncoder;
import openchat.server.net.KeptBytes;
import openchat.server.net.ScratchBytes;
import openchat.server.net.TimeText;
import openchat.server.net.Transport;

/** Core events as OCP/1.0 messages (docs/PROTOCOL.md, section 3). */
final class EventMessages {
    /** RFC 3339 with milliseconds and the UTC offset ({@code Z} for UTC). */
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX");

    private static final TimeText DATE_TEXT = new TimeText(DATE);

    private static final byte[] MESSAGE_SP = ascii(Methods.MESSAGE + " ");
    private static final byte[] SP_VERSION_FROM = ascii(" " + OcpMessage.VERSION + "\r\n" + HeaderNames.FROM + ": ");
    private static final byte[] CRLF_DATE = ascii("\r\n" + HeaderNames.DATE + ": ");
    private static final byte[] CRLF_SEQ = ascii("\r\n" + HeaderNames.SEQ + ": ");
    private static final byte[] CRLF_CONTENT_TYPE =
            ascii("\r\n" + HeaderNames.CONTENT_TYPE + ": " + HeaderNames.TEXT_UTF8);
    private static final byte[] CRLF_HISTORY_TRUE = ascii("\r\n" + HeaderNames.HISTORY + ": true");
    private static final byte[] CRLF_CONTENT_LENGTH = ascii("\r\n" + HeaderNames.CONTENT_LENGTH + ": ");
    private static final byte[] CRLF_CRLF = ascii("\r\n\r\n");
    /** A chat line's head but for its target, sender and date: the constant parts and two numbers' digits. */
    private static final int HEAD_FIXED_BYTES = MESSAGE_SP.length
            + SP_VERSION_FROM.length
            + CRLF_DATE.length
            + CRLF_SEQ.length
            + CRLF_CONTENT_TYPE.length
            + CRLF_HISTORY_TRUE.length
            + CRLF_CONTENT_LENGTH.length
            + CRLF_CRLF.length
            + 2 * String.valueOf(Long.MAX_VALUE).length();
    /** Where a chat line's head is assembled before it goes into its buffer, the body after it. */
    private static final ScratchBytes HEAD = new ScratchBytes(256);

    /** A room's target, {@code /rooms/ROOM}, in UTF-8. */
    private static final KeptBytes TARGETS =
            new KeptBytes(room -> Targets.room(room).getBytes(StandardCharsets.UTF_8));

    /** The OCP connections' way of writing events, for {@link openchat.server.net.ChannelFanout}. */
    static final EventEncoder ENCODER = encoder(Transport.OCP);

    /** The same bytes for OCP over a WebSocket, counted apart by the metrics. */
    static final EventEncoder WEBSOCKET_ENCODER = encoder(Transport.WEBSOCKET);

    private static EventEncoder encoder(Transport transport) {
        return new EventEncoder() {
            @Override
            public String transport() {
                return transport.label();
            }

            @Override
            public ByteBuf encode(ByteBufAllocator allocator, ChatEvent event) {
                return EventMessages.encode(allocator, event);
            }

            @Override
            public void encodeTo(ByteBufAllocator allocator, ChatEvent event, ByteBuf out) {
                if (event instanceof ChatEvent.Message m) {
                    EventMessages.encodeTo(m, out); // no buffer of its own for the line
                } else {
                    EventEncoder.super.encodeTo(allocator, event, out);
                }
            }
        };
    }

    private EventMessages() {}

    static String date(OffsetDateTime at) {
        return DATE_TEXT.of(at);
    }

    /** A deletion's Seqs as {@code Seqs} carries them: ascending, separated by commas, {@code 12,13,40}. */
    static String seqs(List<Long> seqs) {
        return seqs.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    static OcpMessage of(ChatEvent event) {
        if (event instanceof ChatEvent.Message m) {
            OcpMessage.Builder message = OcpMessage.request(Methods.MESSAGE, Targets.room(m.room()))
                    .header(HeaderNames.FROM, m.from())
                    .header(HeaderNames.DATE, date(m.at()))
                    .header(HeaderNames.SEQ, m.seq())
                    .header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8);
            if (m.replay()) {
                message.header(HeaderNames.HISTORY, "true");
            }
            return message.body(m.text()).build();
        }
        if (event instanceof ChatEvent.Joined j) {
            OcpMessage.Builder joined = OcpMessage.request(Methods.JOINED, Targets.room(j.room()))
                    .header(HeaderNames.NAME, j.name())
                    .header(HeaderNames.DATE, date(j.at()))
                    .header(HeaderNames.SEQ, j.seq())
                    .header(HeaderNames.MEMBERS, j.members());
            if (!j.away().isEmpty()) {
                joined.header(HeaderNames.AWAY, j.away());
            }
            return joined.build();
        }
        if (event instanceof ChatEvent.Left l) {
            OcpMessage.Builder left = OcpMessage.request(Methods.LEFT, Targets.room(l.room()))
                    .header(HeaderNames.NAME, l.name())
                    .header(HeaderNames.REASON, l.reason().wireName());
            if (l.by() != null) {
                left.header(HeaderNames.BY, l.by());
            }
            left.header(HeaderNames.DATE, date(l.at()))
                    .header(HeaderNames.SEQ, l.seq())
                    .header(HeaderNames.MEMBERS, l.members());
            if (l.owner() != null) {
                left.header(HeaderNames.OWNER, l.owner()); // the member the room's ownership passed to
            }
            return left.body(l.detail()).build();
        }
        if (event instanceof ChatEvent.NewOwner o) {
            OcpMessage.Builder owner = OcpMessage.request(Methods.OWNER, Targets.room(o.room()))
                    .header(HeaderNames.NAME, o.name())
                    .header(HeaderNames.DATE, date(o.at()))
                    .header(HeaderNames.SEQ, o.seq());
            if (o.previous() != null) {
                owner.header(HeaderNames.PREVIOUS, o.previous()); // the key holder took the room from that member
            }
            return owner.build();
        }
        if (event instanceof ChatEvent.Topic t) {
            return OcpMessage.request(Methods.TOPIC, Targets.room(t.room()))
                    .header(HeaderNames.NAME, t.by())
                    .header(HeaderNames.DATE, date(t.at()))
                    .header(HeaderNames.SEQ, t.seq())
                    .header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8)
                    .body(t.topic())
                    .build();
        }
        if (event instanceof ChatEvent.Private p) {
            return OcpMessage.request(Methods.PRIVATE, Targets.SERVER)
                    .header(HeaderNames.FROM, p.from())
                    .header(HeaderNames.TO, p.to())
                    .header(HeaderNames.DATE, date(p.at()))
                    .header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8)
                    .body(p.text())
                    .build();
        }
        if (event instanceof ChatEvent.Invited i) {
            return OcpMessage.request(Methods.INVITE, Targets.room(i.room()))
                    .header(HeaderNames.FROM, i.from())
                    .header(HeaderNames.DATE, date(i.at()))
                    .build();
        }
        if (event instanceof ChatEvent.RoomBanChange b) {
            // The room's ban list changed: BAN (set) or UNBAN (lifted), named as the requests that change it.
            // A ban set says until when (Expires, as BANNED's) and why (the body), so that a member it fits learns
            // both.
            OcpMessage.Builder change = OcpMessage.request(
                            b.added() ? Methods.BAN : Methods.UNBAN, Targets.room(b.room()))
                    .header(HeaderNames.BY, b.by())
                    .header(HeaderNames.TARGET, b.target())
                    .header(HeaderNames.DATE, date(b.at()));
            if (b.expires() != null) {
                change.header(HeaderNames.EXPIRES, date(b.expires()));
            }
            if (!b.reason().isEmpty()) {
                change.header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8).body(b.reason());
            }
            return change.build();
        }
        if (event instanceof ChatEvent.RoomRegistration r) {
            // The room's registration changed: REGISTER (Replaced: true for a new key) or UNREGISTER, named as the
            // requests that change it. Never the key.
            boolean dropped = r.change() == ChatEvent.RoomRegistration.Change.DROPPED;
            OcpMessage.Builder change = OcpMessage.request(
                            dropped ? Methods.UNREGISTER : Methods.REGISTER, Targets.room(r.room()))
                    .header(HeaderNames.BY, r.by())
                    .header(HeaderNames.DATE, date(r.at()));
            if (r.change() == ChatEvent.RoomRegistration.Change.REKEYED) {
                change.header(HeaderNames.REPLACED, "true");
            }
            return change.build();
        }
        if (event instanceof ChatEvent.Deleted d) {
            OcpMessage.Builder deleted = OcpMessage.request(Methods.DELETED, Targets.room(d.room()))
                    .header(HeaderNames.BY, d.by())
                    .header(HeaderNames.NAME, d.from())
                    .header(HeaderNames.SEQS, seqs(d.seqs()))
                    .header(HeaderNames.DATE, date(d.at()));
            if (!d.reason().isEmpty()) {
                deleted.header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8).body(d.reason());
            }
            return deleted.build();
        }
        if (event instanceof ChatEvent.RoomLimit l) {
            // The room's member limit changed: Capacity is the limit now, Clear: true when it is the server's again.
            OcpMessage.Builder limit = OcpMessage.request(Methods.LIMIT, Targets.room(l.room()))
                    .header(HeaderNames.BY, l.by())
                    .header(HeaderNames.CAPACITY, l.limit())
                    .header(HeaderNames.DATE, date(l.at()));
            if (l.reset()) {
                limit.header(HeaderNames.CLEAR, "true");
            }
            return limit.build();
        }
        if (event instanceof ChatEvent.Away a) {
            return OcpMessage.request(Methods.AWAY, Targets.SERVER)
                    .header(HeaderNames.NAME, a.name())
                    .header(HeaderNames.DATE, date(a.at()))
                    .header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8)
                    .body(a.message())
                    .build();
        }
        if (event instanceof ChatEvent.Renamed r) {
            return OcpMessage.request(Methods.RENAMED, Targets.SERVER)
                    .header(HeaderNames.NAME, r.from())
                    .header(HeaderNames.NEW_NAME, r.to())
                    .header(HeaderNames.DATE, date(r.at()))
                    .build();
        }
        if (event instanceof ChatEvent.Notice n) {
            return notice(n.from(), n.text(), n.at());
        }
        if (event instanceof ChatEvent.Dropped d) {
            // The reason as a NOTICE, then the close: every client takes it for a lost connection and connects again.
            return notice("", d.reason(), d.at());
        }
        if (event instanceof ChatEvent.Banned b) {
            OcpMessage.Builder banned = OcpMessage.request(Methods.BANNED, Targets.SERVER)
                    .header(HeaderNames.BY, b.by())
                    .header(HeaderNames.DATE, date(b.at()));
            if (b.expires() != null) {
                banned.header(HeaderNames.EXPIRES, date(b.expires()));
            }
            return banned.header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8)
                    .body(b.reason())
                    .build();
        }
        if (event instanceof ChatEvent.Killed k) {
            return OcpMessage.request(Methods.KILLED, Targets.SERVER)
                    .header(HeaderNames.BY, k.by())
                    .header(HeaderNames.DATE, date(k.at()))
                    .header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8)
                    .body(k.reason())
                    .build();
        }
        if (!(event instanceof ChatEvent.Closed c)) {
            // A kind of event the core gained and OCP was not taught: EventMessagesTest meets every kind, so that this
            // never fails a delivery (which would end the connection of whoever caused the event).
            throw new IllegalArgumentException(
                    "OCP has no message for " + event.getClass().getSimpleName());
        }
        OcpMessage.Builder shutdown =
                OcpMessage.request(Methods.SHUTDOWN, Targets.SERVER).header(HeaderNames.DATE, date(c.at()));
        if (!c.detail().isEmpty()) {
            shutdown.header(HeaderNames.REASON, c.detail()); // the administrator's name, and its words if any
        }
        if (!c.by().isEmpty()) {
            shutdown.header(HeaderNames.BY, c.by()); // the administrator ordered it: not a restart to wait out
        }
        return shutdown.body(c.reason()).build();
    }

    /**
     * The message of the day, right after a CONNECT's answer: a NOTICE with {@code Kind: motd}, which a client that
     * knows it shows as the operator's lines, and an older one as any notice.
     */
    static OcpMessage motd(String text, OffsetDateTime at) {
        return OcpMessage.request(Methods.NOTICE, Targets.SERVER)
                .header(HeaderNames.KIND, MOTD_KIND)
                .header(HeaderNames.DATE, date(at))
                .header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8)
                .body(text)
                .build();
    }

    /** {@code Kind} of the message of the day's NOTICE. */
    static final String MOTD_KIND = "motd";

    /** A NOTICE: the server's own, or with {@code from} (not empty) the administrator's announcement. */
    private static OcpMessage notice(String from, String text, OffsetDateTime at) {
        OcpMessage.Builder notice = OcpMessage.request(Methods.NOTICE, Targets.SERVER);
        if (!from.isEmpty()) {
            notice.header(HeaderNames.FROM, from);
        }
        return notice.header(HeaderNames.DATE, date(at))
                .header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8)
                .body(text)
                .build();
    }

    /**
     * The event's bytes in a new buffer the caller owns: exactly {@code OcpEncoder.encode(of(event))}. A chat
     * line, the event sent most by far, is written straight to bytes: its fields were checked when its
     * sender joined and spoke, so building a checked message only to encode it again cost a third of the
     * server's time in the closed-5 bench. A replayed one too (a HISTORY page, a join's replay): building and
     * checking each of a page's 500 messages was over a fifth of a warm server's time serving pages.
     */
    static ByteBuf encode(ByteBufAllocator allocator, ChatEvent event) {
        if (event instanceof ChatEvent.InviteSeen) {
            return allocator.buffer(0); // OCP tells only the invited member ({@link ChatEvent.Invited}): no bytes
        }
        if (!(event instanceof ChatEvent.Message m)) {
            return OcpEncoder.encode(allocator, of(event));
        }
        byte[] body = m.textUtf8();
        int head = messageHead(m, body.length);
        return allocator
                .buffer(head + body.length)
                .writeBytes(HEAD.atLeast(head), 0, head)
                .writeBytes(body);
    }

    /** Appends {@link #encode}'s bytes of a chat line to {@code out}, straight from its parts. */
    static void encodeTo(ChatEvent.Message m, ByteBuf out) {
        byte[] body = m.textUtf8();
        int head = messageHead(m, body.length);
        out.writeBytes(HEAD.atLeast(head), 0, head).writeBytes(body);
    }

    /**
     * Assembles a chat line's start line and header section, up to the blank line, at the start of this thread's
     * {@link #HEAD} array, for a body of {@code bodyBytes}; returns its length. Each part as bytes by the JDK (a
     * vectorised ASCII check and one copy) or from the time's cache; Netty's writeCharSequence goes character by
     * character.
     */
    private static int messageHead(ChatEvent.Message m, int bodyBytes) {
        byte[] target = TARGETS.of(m.room());
        byte[] from = m.from().getBytes(StandardCharsets.UTF_8);
        byte[] date = DATE_TEXT.asciiOf(m.at());
        int most = HEAD_FIXED_BYTES + target.length + from.length + date.length;
        byte[] head = HEAD.atLeast(most);
        int at = put(head, 0, MESSAGE_SP);
        at = put(head, at, target);
        at = put(head, at, SP_VERSION_FROM);
        at = put(head, at, from);
        at = put(head, at, CRLF_DATE);
        at = put(head, at, date);
        at = put(head, at, CRLF_SEQ);
        at = OcpEncoder.putDecimal(head, at, m.seq());
        at = put(head, at, CRLF_CONTENT_TYPE);
        if (m.replay()) {
            at = put(head, at, CRLF_HISTORY_TRUE);
        }
        if (bodyBytes > 0) {
            at = put(head, at, CRLF_CONTENT_LENGTH);
            at = OcpEncoder.putDecimal(head, at, bodyBytes);
        }
        return put(head, at, CRLF_CRLF);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
