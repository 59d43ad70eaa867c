package openchat.cluster;

import io.lettuce.core.StreamMessage;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import openchat.core.AddressKey;
import openchat.core.Ban;
import openchat.core.ChatEvent;
import openchat.core.LeaveReason;
import openchat.core.RegisteredRoom;
import openchat.core.RoomBan;
import openchat.core.StoredMessage;

/**
 * Stream entries as the core's events. A room's entries have the id {@code SEQ-0} and the fields the Lua scripts
 * write: {@code t} (M message, J joined, L left, T topic, O the room's new owner; and the changes that are not room
 * events of a single server, N the room's member limit, B a ban set or lifted, G its registration and D messages
 * deleted from its history), {@code f} (who), {@code x} (text; the limit; the ban's target; the deleted messages'
 * Seqs, by commas), {@code s} (the deleted messages' sender), {@code c} (1: the limit given back, the ban set; for a
 * registration 1 registered, 2 given a new key, 0 dropped),
 * {@code at} (epoch milliseconds), {@code n} (a notice), {@code m} (members after), {@code r}, {@code b}, {@code d}
 * (a leave's reason, who made it (a kicker, the administrator of a KILL; empty or absent: the member itself) and
 * detail; {@code r} is a ban's and a deletion's reason too), {@code o} (the member a leave passed the room's
 * ownership to; empty or absent: none), {@code p} (the owner a member showing the room's key took the room from;
 * empty, or absent in an entry of a node of a version before registered rooms: none), {@code a} (0: the room was never
 * told of the member).
 */
final class StreamEntries {
    private StreamEntries() {}

    /** A ban as {@code oc:bans} and the cluster stream keep it: its fields joined by tabs (none holds one). */
    static String banText(Ban ban) {
        return String.join(
                "\t",
                ban.kind().wireName(),
                ban.key(),
                ban.target(),
                ban.by(),
                ban.at().toString(),
                ban.reason(),
                ban.isPermanent() ? "" : ban.expires().toString());
    }

    /** The ban {@link #banText} wrote. */
    static Ban ban(String text) {
        String[] field = text.split("\t", -1);
        if (field.length != 7) {
            throw new IllegalArgumentException("not a ban: " + text);
        }
        return new Ban(
                field[2],
                Ban.Kind.fromWire(field[0]),
                field[1],
                field[3],
                OffsetDateTime.parse(field[4]),
                field[5],
                field[6].isEmpty() ? null : OffsetDateTime.parse(field[6]));
    }

    /** The Seq of an entry id {@code SEQ-0}. */
    static long seqOf(String id) {
        return Long.parseLong(id.substring(0, id.indexOf('-')));
    }

    /** The entry id of a Seq. */
    static String idOf(long seq) {
        return seq + "-0";
    }

    /** When a deleted message was sent, as a deletion's entry has it (epoch ms); null when not known (an older node's). */
    private static OffsetDateTime sent(String millis, ZoneId zone) {
        return millis == null || millis.isEmpty()
                ? null
                : OffsetDateTime.ofInstant(Instant.ofEpochMilli(Long.parseLong(millis)), zone);
    }

    static OffsetDateTime at(Map<String, String> body, ZoneId zone) {
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(Long.parseLong(body.get("at"))), zone);
    }

    /** Whether the room was told of the member the entry is about (false only for a never-announced one's leave). */
    static boolean announced(Map<String, String> body) {
        return !"0".equals(body.get("a"));
    }

    /** A room events stream's entry as the event it numbers. */
    static ChatEvent.Numbered roomEvent(String room, StreamMessage<String, String> entry, ZoneId zone) {
        Map<String, String> body = entry.getBody();
        long seq = seqOf(entry.getId());
        String who = body.get("f");
        OffsetDateTime at = at(body, zone);
        return switch (body.get("t")) {
            case "M" -> new ChatEvent.Message(room, who, at, seq, body.get("x"), false, "1".equals(body.get("n")));
            case "J" -> new ChatEvent.Joined(
                    room, who, at, seq, Integer.parseInt(body.get("m")), body.getOrDefault("a", ""));
            case "T" -> new ChatEvent.Topic(room, who, at, seq, body.get("x"));
            case "L" -> new ChatEvent.Left(
                    room,
                    who,
                    LeaveReason.fromWire(body.get("r")),
                    emptyToNull(body.get("b")),
                    body.getOrDefault("d", ""),
                    at,
                    seq,
                    Integer.parseInt(body.get("m")),
                    emptyToNull(body.get("o")));
            case "O" -> new ChatEvent.NewOwner(room, who, at, seq, emptyToNull(body.get("p")));
            default -> throw new IllegalStateException("unknown room event " + body);
        };
    }

    /** Whether a room events stream's entry is a change told to the room's members but not numbered on a single server. */
    static boolean isChange(Map<String, String> body) {
        String type = body.get("t");
        return "N".equals(type) || "B".equals(type) || "G".equals(type) || "D".equals(type);
    }

    /**
     * Whether a room events stream's entry is of a kind this version reads: a room event or a {@link #isChange change}.
     * A node of a newer version may stream kinds this one does not know; they are passed over.
     */
    static boolean isKnown(Map<String, String> body) {
        String type = body.getOrDefault("t", "");
        return isChange(body) || (type.length() == 1 && "MJTLO".contains(type));
    }

    /**
     * A room events stream's {@link #isChange change}: the limit set, a ban set or lifted, its registration, or
     * messages deleted from its history.
     */
    static ChatEvent roomChange(String room, StreamMessage<String, String> entry, ZoneId zone) {
        Map<String, String> body = entry.getBody();
        boolean on = "1".equals(body.get("c"));
        return switch (body.get("t")) {
            case "D" -> new ChatEvent.Deleted(
                    room,
                    body.get("f"),
                    body.get("s"),
                    seqs(body.get("x")),
                    at(body, zone),
                    body.getOrDefault("r", ""),
                    sent(body.get("fs"), zone),
                    sent(body.get("ls"), zone),
                    0);
            case "N" -> new ChatEvent.RoomLimit(
                    room, body.get("f"), Integer.parseInt(body.get("x")), on, at(body, zone));
            case "B" -> new ChatEvent.RoomBanChange(
                    room,
                    body.get("f"),
                    body.get("x"),
                    on,
                    at(body, zone),
                    // A node of an earlier version streams neither: a ban without an end, or reason, as told then.
                    body.getOrDefault("e", "").isEmpty()
                            ? null
                            : OffsetDateTime.ofInstant(Instant.ofEpochMilli(Long.parseLong(body.get("e"))), zone),
                    body.getOrDefault("r", ""));
                // 'o': the room's owner then (streamed since the owner's own line for the administrator's key; absent
                // from an
                // earlier node's entry, and for no owner).
            case "G" -> new ChatEvent.RoomRegistration(
                    room, body.get("f"), registrationChange(body), at(body, zone), body.get("o"));
            default -> throw new IllegalStateException("unknown room change " + body);
        };
    }

    /** Seqs as a deletion's entry keeps them: in their order, by commas. */
    static String seqsText(List<Long> seqs) {
        return seqs.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    /** The Seqs {@link #seqsText} wrote. */
    static List<Long> seqs(String text) {
        return text == null || text.isEmpty()
                ? List.of()
                : Arrays.stream(text.split(",")).map(Long::valueOf).toList();
    }

    private static ChatEvent.RoomRegistration.Change registrationChange(Map<String, String> body) {
        return switch (body.get("c")) {
            case "1" -> ChatEvent.RoomRegistration.Change.REGISTERED;
            case "2" -> ChatEvent.RoomRegistration.Change.REKEYED;
            case "0" -> ChatEvent.RoomRegistration.Change.DROPPED;
            default -> throw new IllegalStateException("unknown registration change " + body);
        };
    }

    /**
     * A registered room as {@code oc:room-keys} keeps it, under its room key {@code roomKey}: {@code HASH\tBY\tAT}
     * (epoch ms) and, since the administrator lists them, {@code \tROOM}, its name as written. A registration kept
     * before that has no name: it is the one its room's hash keeps ({@code nameKeptWithRoom}, which outlives the room),
     * else the room key. Its key was last used when it was given, or at {@code used} (epoch ms, from {@code
     * oc:room-keys-used}; null for not since) when later.
     */
    static RegisteredRoom registration(String roomKey, String kept, String used, Supplier<String> nameKeptWithRoom) {
        String[] field = kept.split("\t", -1);
        if (field.length < 3) {
            throw new IllegalArgumentException("not a registration: " + kept);
        }
        String name = field.length >= 4 && !field[3].isEmpty() ? field[3] : nameKeptWithRoom.get();
        Instant at = Instant.ofEpochMilli(Long.parseLong(field[2]));
        Instant shown = used == null ? null : Instant.ofEpochMilli(Long.parseLong(used));
        return new RegisteredRoom(
                name == null || name.isEmpty() ? roomKey : name,
                field[1],
                at,
                field.length >= 5 && !field[4].isEmpty() ? field[4] : null,
                shown != null && shown.isAfter(at) ? shown : at);
    }

    /**
     * A room's ban as its hash keeps it ({@code EXPIRES\tADDRESS\tBAN\tLOOKS}, room-banned.lua; a ban kept by a node
     * of a version before looks has no {@code LOOKS}), for room {@code roomKey}.
     */
    static RoomBan roomBan(String roomKey, String kept) {
        String[] field = kept.split("\t", -1);
        if (field.length != ROOM_BAN_FIELDS && field.length != ROOM_BAN_FIELDS + 1) {
            throw new IllegalArgumentException("not a room's ban: " + kept);
        }
        String ban = String.join("\t", Arrays.copyOfRange(field, 2, ROOM_BAN_FIELDS));
        return new RoomBan(roomKey, ban(ban), field[1].isEmpty() ? null : address(field[1]));
    }

    /** The fields of a room's ban kept without looks: its end, its address and the ban's seven. */
    private static final int ROOM_BAN_FIELDS = 9;

    /**
     * A room's ban as its hash keeps it ({@code kept}, for room {@code roomKey}) with its {@link Ban#looks} as this
     * version sees them, or null when it has them already. A ban kept by a node of a version before looks has none; one
     * kept by a version before the looks of a name in capitals lacks that one.
     */
    static String withLooksOfNow(String roomKey, String kept) {
        String[] field = kept.split("\t", -1);
        String looks = looksText(roomBan(roomKey, kept).ban());
        if (field.length == ROOM_BAN_FIELDS + 1 && field[ROOM_BAN_FIELDS].equals(looks)) {
            return null;
        }
        return String.join("\t", Arrays.copyOfRange(field, 0, ROOM_BAN_FIELDS)) + "\t" + looks;
    }

    /** A ban's {@link Ban#looks} as a room's ban keeps them: split by spaces, which no look holds. */
    static String looksText(Ban ban) {
        return String.join(" ", ban.looks());
    }

    /** An address key as {@link AddressKey#toString} wrote it. */
    static AddressKey address(String key) {
        int slash = key.indexOf('/');
        try {
            // A literal address: InetAddress reads it without asking DNS.
            return AddressKey.of(InetAddress.getByName(slash < 0 ? key : key.substring(0, slash)));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address: " + key, e);
        }
    }

    /** A node inbox's private message. */
    static ChatEvent.Private privateMessage(Map<String, String> body, ZoneId zone) {
        return new ChatEvent.Private(
                body.get("f"), body.get("to"), at(body, zone), body.get("x"), "1".equals(body.get("n")));
    }

    /** A node inbox's invitation. */
    static ChatEvent.Invited invited(Map<String, String> body, ZoneId zone) {
        return new ChatEvent.Invited(body.get("f"), body.get("to"), body.get("r"), at(body, zone));
    }

    /** A node inbox's order to disconnect a member ({@code f} the administrator, {@code x} the reason). */
    static ChatEvent.Killed killed(Map<String, String> body, ZoneId zone) {
        return new ChatEvent.Killed(body.get("f"), body.getOrDefault("x", ""), at(body, zone));
    }

    /**
     * A private message ({@code w=P}) or an invitation ({@code w=I}) its recipient's node may not have read before it
     * died, handed back to its sender's node ({@link Seats#takeAll}).
     */
    static ChatEvent undelivered(Map<String, String> body, ZoneId zone) {
        return "I".equals(body.get("w")) ? invited(body, zone) : privateMessage(body, zone);
    }

    /** The cluster stream's announcement entry ({@code f} the administrator, {@code x} the text) as the event. */
    static ChatEvent.Notice announcement(Map<String, String> body, ZoneId zone) {
        return new ChatEvent.Notice(body.get("f"), body.get("x"), at(body, zone));
    }

    /** A node inbox's away message of a member of another node (empty: back). */
    static ChatEvent.Away away(Map<String, String> body, ZoneId zone) {
        return new ChatEvent.Away(body.get("f"), body.getOrDefault("x", ""), at(body, zone));
    }

    /** An inbox's rename entry ({@code f} the old name, {@code n} the new one) as the event. */
    static ChatEvent.Renamed renamed(Map<String, String> body, ZoneId zone) {
        return new ChatEvent.Renamed(body.get("f"), body.get("n"), at(body, zone));
    }

    /**
     * A history stream's entry as a stored message: {@code f} the sender, {@code x} the text, {@code n} 1 for a notice
     * ({@code 0}, or absent in an entry of a node from before history kept notices: an ordinary line), {@code at}.
     */
    static StoredMessage stored(String roomKey, String room, StreamMessage<String, String> entry, ZoneId zone) {
        Map<String, String> body = entry.getBody();
        return new StoredMessage(
                roomKey,
                room,
                seqOf(entry.getId()),
                body.get("f"),
                at(body, zone),
                body.get("x"),
                "1".equals(body.get("n")));
    }

    static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
