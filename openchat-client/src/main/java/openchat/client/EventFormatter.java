package openchat.client;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import openchat.core.DisplayText;
import openchat.core.LeaveReason;
import openchat.core.Names;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.protocol.Status;
import openchat.protocol.Targets;

/**
 * Server events as the lines a person reads: {@code [2026-11-25 10:15:30] 유저2 : 안녕하세요} in local time,
 * notices in the client's language. Text from the wire is cleaned first, so a peer cannot send escape
 * sequences to other people's terminals.
 */
final class EventFormatter {
    /** The {@code Error-Code} of a request only the administrator may make. */
    static final String ADMIN_ONLY = "admin-only";
    /** The {@code Error-Code} of a request only the room's owner or the administrator may make. */
    static final String NOT_MODERATOR = "not-moderator";
    /** The {@code Error-Code} of a JOIN or SEND refused because a room's ban fits this client. */
    static final String ROOM_BANNED = "room-banned";
    /** The {@code Error-Code} of a room key that is not the room's (docs/PROTOCOL.md, "Registered rooms"). */
    static final String WRONG_ROOM_KEY = "wrong-room-key";
    /** The {@code Error-Code} of a room refused as full. */
    static final String ROOM_FULL = "room-full";
    /** The {@code Error-Code} of a DELETE that found no message of that number, or of that name in that time. */
    static final String NO_SUCH_MESSAGE = "no-such-message";
    /** The {@code Error-Code} of the administrator's name asked for without the administrator key. */
    static final String ADMIN_KEY_REQUIRED = "admin-key-required";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** The time of day of a chat line, as its line shows it after the date. */
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final ClientText text;
    private final ZoneId zone;

    EventFormatter(ClientText text, ZoneId zone) {
        this.text = text;
        this.zone = zone;
    }

    /** The line for {@code event}, or empty for an event this client does not show. */
    Optional<String> format(OcpMessage event) {
        String name = clean(event.header(HeaderNames.NAME).orElse("?"));
        return switch (event.method()) {
            case Methods.MESSAGE -> Optional.of(chatLine(
                    event.header(HeaderNames.DATE).orElse(""),
                    event.header(HeaderNames.FROM).orElse("?"),
                    event.bodyText()));
            case Methods.JOINED -> Optional.of(text.get("event.joined", name));
            case Methods.LEFT -> Optional.of(
                    switch (reason(event)) {
                        case KICKED -> saying(kicked(name, event.header(HeaderNames.BY)), event);
                        case PARTED -> saying(text.get("event.parted", name), event);
                        case DISCONNECTED -> text.get("event.disconnected", name);
                        case BANNED -> text.get("event.banned", name);
                        case KILLED -> saying(text.get("event.killed", name), event);
                        case LEFT -> saying(text.get("event.left", name), event);
                    });
            case Methods.TOPIC -> Optional.of(
                    event.bodyText().isEmpty()
                            ? text.get("event.topicCleared", name)
                            : text.get("event.topic", name, clean(event.bodyText())));
            case Methods.PRIVATE -> Optional.of(privateReceived(event));
            case Methods.INVITE -> Optional.of(text.get(
                    "event.invited",
                    localTime(event.header(HeaderNames.DATE).orElse("")),
                    clean(event.header(HeaderNames.FROM).orElse("?")),
                    clean(Targets.roomName(event.target()).orElse("?"))));
            case Methods.SHUTDOWN -> Optional.of(event.header(HeaderNames.REASON)
                    .map(reason -> text.get("event.shutdownBy", clean(reason)))
                    .orElseGet(() -> text.get("event.shutdown")));
            case Methods.BANNED -> Optional.of(bannedMe(event));
            case Methods.KILLED -> Optional.of(killedMe(event));
            case Methods.NOTICE -> isMotd(event)
                    ? Optional.of(String.join("\n", motd(event)))
                    : Optional.of(event.header(HeaderNames.FROM)
                            .map(from -> text.get("event.announcement", clean(from), clean(event.bodyText())))
                            .orElseGet(() -> text.get("event.notice", clean(event.bodyText()))));
            case Methods.AWAY -> Optional.of(
                    event.bodyText().isEmpty()
                            ? text.get("event.back", name)
                            : text.get("event.away", name, clean(event.bodyText())));
            case Methods.OWNER -> Optional.of(text.get("event.owner", name));
            case Methods.RENAMED -> Optional.of(text.get(
                    "event.renamed",
                    name,
                    clean(event.header(HeaderNames.NEW_NAME).orElse("?"))));
            default -> Optional.empty();
        };
    }

    /**
     * A room's chat line, {@code [2026-11-25 10:15:30] 유저2 : 안녕하세요}, or for an action {@code [...] * 유저2 waves}: a
     * MESSAGE event's, and this client's own line as the server's answer to its SEND dated it, shown as the others see
     * it.
     */
    String chatLine(String date, String from, String body) {
        Optional<String> action = DisplayText.action(body);
        return text.get(
                action.isPresent() ? "event.action" : "event.message",
                localTime(date),
                clean(from),
                clean(action.orElse(body)));
    }

    /** Who owns the room now, when {@code event} says it passed: a LEFT's {@code Owner}, an OWNER's {@code Name}. */
    static Optional<String> ownerNow(OcpMessage event) {
        return switch (event.method()) {
            case Methods.LEFT -> event.header(HeaderNames.OWNER);
            case Methods.OWNER -> event.header(HeaderNames.NAME);
            default -> Optional.empty();
        };
    }

    /**
     * The line that says who owns the room now, for a LEFT that passed its ownership on ({@code Owner}) or an OWNER
     * event; {@code me}: this client's name, for the line that tells it the room is its own now, with the commands that
     * are its own from now on: {@code /방등록} not in a {@code registered} room it came to own by presence (that takes
     * the key), {@code /등록해제} too when it owns it by the key. Empty for any other event.
     */
    Optional<String> newOwner(OcpMessage event, String me, boolean registered) {
        Optional<String> owner = ownerNow(event);
        // An OWNER with Previous: the holder of the room's key took it from that member, who stays.
        Optional<String> previous =
                event.method().equals(Methods.OWNER) ? event.header(HeaderNames.PREVIOUS) : Optional.empty();
        return owner.map(name -> {
            boolean mine = Names.key(name).equals(Names.key(me));
            if (previous.isEmpty()) {
                return mine
                        ? text.get(
                                "event.ownerMe", text.get(registered ? "owner.commandsByPresence" : "owner.commands"))
                        : text.get("event.owner", clean(name));
            }
            if (mine) {
                return text.get("event.ownerByKeyMe", clean(previous.get()), text.get("owner.commandsByKey"));
            }
            return Names.key(previous.get()).equals(Names.key(me))
                    ? text.get("event.ownerByKeyFromMe", clean(name))
                    : text.get("event.ownerByKey", clean(name), clean(previous.get()));
        });
    }

    /** Why a LEFT event's member left. */
    static LeaveReason reason(OcpMessage left) {
        return LeaveReason.fromWire(left.header(HeaderNames.REASON).orElse(""));
    }

    /**
     * A private message to this client: {@code (귓속말) 유저2 → 나 : 안녕}, or for an action (the web page's {@code /me} in a
     * private conversation, IRC's in a query) {@code (귓속말) * 유저2 waves}, as a room shows one.
     */
    private String privateReceived(OcpMessage event) {
        String date = localTime(event.header(HeaderNames.DATE).orElse(""));
        String from = clean(event.header(HeaderNames.FROM).orElse("?"));
        Optional<String> action = DisplayText.action(event.bodyText());
        return action.isPresent()
                ? text.get("event.privateAction", date, from, clean(action.get()))
                : text.get("event.privateReceived", date, from, clean(event.bodyText()));
    }

    /** This client's own private message, as the server's answer dated it; {@code me}: this client's name. */
    String privateSent(String date, String me, String to, String body) {
        Optional<String> action = DisplayText.action(body);
        return action.isPresent()
                ? text.get("privateSentAction", localTime(date), clean(to), clean(me), clean(action.get()))
                : text.get("privateSent", localTime(date), clean(to), clean(body));
    }

    /**
     * An answer whose body is the server's sentence (BAN, UNBAN, AWAY): the sentence, or when refused, that it was
     * and why.
     */
    String sentence(OcpMessage answer) {
        return answer.statusCode() == Status.OK.code() ? clean(answer.bodyText()) : refusal(answer);
    }

    /**
     * The server refused what the person asked. A refusal for want of the right is this client's own sentence about
     * who may do it, the same whichever command was refused, and bare as the one-room chat printed it for /kick
     * ({@code 관리자만 사용할 수 있습니다}); any other is the server's sentence, which says what was refused and why
     * ({@code 그런 방이 없습니다: r51}), alone: a word in front of it said nothing more. An answer without one (not
     * openchat's server) reads {@code 요청이 거절되었습니다}.
     */
    String refusal(OcpMessage answer) {
        return switch (errorCode(answer)) {
            case ADMIN_ONLY -> text.get("adminOnly");
            case NOT_MODERATOR -> text.get("ownerOnly");
            default -> answer.bodyText().isBlank() ? text.get("refused") : clean(answer.bodyText());
        };
    }

    /**
     * A JOIN ({@code speaking} false) or SEND refused for a room's ban: {@code [study] 방에서 차단되어 들어갈 수
     * 없습니다}, and for a timed ban when it ends ({@code Retry-After}), in this client's words.
     */
    String roomBanned(OcpMessage answer, String room, boolean speaking) {
        String said = text.get(speaking ? "room.bannedSpeak" : "room.banned", clean(room));
        Optional<Long> seconds = Numbers.header(answer, HeaderNames.RETRY_AFTER);
        return seconds.isPresent()
                ? said + " " + text.get("room.bannedFor", text.lasting(java.time.Duration.ofSeconds(seconds.get())))
                : said;
    }

    /**
     * A room's BAN or UNBAN event: who banned (or let back) whom from the room; when the ban fits this client
     * ({@code me}), that it may no longer speak there.
     */
    Optional<String> roomBan(OcpMessage event, String me) {
        String by = clean(event.header(HeaderNames.BY).orElse("?"));
        Optional<String> target = event.header(HeaderNames.TARGET);
        if (target.isEmpty()) {
            return Optional.empty();
        }
        boolean added = event.method().equals(Methods.BAN);
        if (added && Names.key(target.get()).equals(Names.key(me))) {
            return Optional.of(roomBannedMe(event, by));
        }
        return Optional.of(text.get(added ? "event.roomBan" : "event.roomUnban", by, clean(target.get())));
    }

    /**
     * A room's BAN that fits this client: who banned it, for how long (from the event's Date to its Expires, both the
     * server's clock) when the ban has an end, and why when they said.
     */
    private String roomBannedMe(OcpMessage event, String by) {
        String line = text.get("event.roomBanMe", by);
        Optional<java.time.Duration> lasting = event.header(HeaderNames.EXPIRES)
                .flatMap(expires -> event.header(HeaderNames.DATE).flatMap(date -> between(date, expires)));
        if (lasting.isPresent()) {
            line += " " + text.get("room.bannedFor", text.lasting(lasting.get()));
        }
        String reason = clean(event.bodyText()).strip();
        return reason.isEmpty() ? line : line + " " + text.get("kickReason", reason);
    }

    /** The time from {@code from} to {@code to} (RFC 3339 both), when both read and it is not negative. */
    private static Optional<java.time.Duration> between(String from, String to) {
        try {
            java.time.Duration lasting =
                    java.time.Duration.between(OffsetDateTime.parse(from), OffsetDateTime.parse(to));
            return lasting.isNegative() ? Optional.empty() : Optional.of(lasting);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** A room's LIMIT event: who set the room's member limit, and to what (or back to the server's). */
    String roomLimit(OcpMessage event) {
        String by = clean(event.header(HeaderNames.BY).orElse("?"));
        String limit = event.header(HeaderNames.CAPACITY).orElse("?");
        boolean reset =
                event.header(HeaderNames.CLEAR).filter("true"::equalsIgnoreCase).isPresent();
        return text.get(reset ? "event.roomLimitReset" : "event.roomLimit", by, limit);
    }

    /**
     * A room's DELETED event: who took whose messages out of the room's history, how many ({@code Seqs}), and why when
     * they said. The lines stay on this terminal, which cannot take back what it printed; later joiners are not shown
     * them. When they were this client's ({@code me}), it reads that its own went; when the deleter's own, that they
     * were its own.
     */
    String deleted(OcpMessage event, String me) {
        return deleted(event, me, List.of());
    }

    /**
     * {@link #deleted(OcpMessage, String)}, saying when those of the lines this client showed were sent ({@code shown},
     * earliest first): {@code 메세지 1개(04:54:26에 보낸 것)}, a range when several, how many of them when it showed
     * only some; nothing more when it showed none.
     */
    String deleted(OcpMessage event, String me, List<OffsetDateTime> shown) {
        String by = event.header(HeaderNames.BY).orElse("?");
        String from = event.header(HeaderNames.NAME).orElse("?");
        long count = seqs(event).size();
        Optional<String> when = shownWhen(shown, count, event.header(HeaderNames.DATE));
        String line;
        if (Names.key(from).equals(Names.key(me))) {
            line = when.map(w -> text.get("event.deletedMineAt", clean(by), count, w))
                    .orElseGet(() -> text.get("event.deletedMine", clean(by), count));
        } else if (Names.key(from).equals(Names.key(by))) {
            line = when.map(w -> text.get("event.deletedOwnAt", clean(by), count, w))
                    .orElseGet(() -> text.get("event.deletedOwn", clean(by), count));
        } else {
            line = when.map(w -> text.get("event.deletedAt", clean(by), clean(from), count, w))
                    .orElseGet(() -> text.get("event.deleted", clean(by), clean(from), count));
        }
        return saying(line, event);
    }

    /**
     * When the deleted lines this client showed were sent: {@code 04:54:26}, {@code 04:50:01~04:54:26}, with the date
     * when one is not of the deletion's day, and how many they are when they are not all ({@code count}). Empty when it
     * showed none.
     */
    private Optional<String> shownWhen(List<OffsetDateTime> shown, long count, Optional<String> deletedAt) {
        if (shown.isEmpty()) {
            return Optional.empty();
        }
        OffsetDateTime first = shown.get(0);
        OffsetDateTime last = shown.get(shown.size() - 1);
        java.time.LocalDate day = deletedAt
                .flatMap(EventFormatter::instant)
                .orElse(last)
                .atZoneSameInstant(zone)
                .toLocalDate();
        boolean sameDay = first.atZoneSameInstant(zone).toLocalDate().equals(day)
                && last.atZoneSameInstant(zone).toLocalDate().equals(day);
        DateTimeFormatter format = sameDay ? CLOCK : TIME;
        String a = format.format(first.atZoneSameInstant(zone));
        String b = format.format(last.atZoneSameInstant(zone));
        String times = a.equals(b) ? text.get("deleted.time", a) : text.get("deleted.range", a, b);
        return Optional.of(
                shown.size() < count
                        ? text.get("deleted.sentSome", shown.size(), times)
                        : text.get("deleted.sent", times));
    }

    /** A DELETED event's or DELETE answer's {@code Seqs}: the deleted messages' numbers. */
    static List<Long> seqs(OcpMessage message) {
        List<Long> seqs = new ArrayList<>();
        for (String seq : message.header(HeaderNames.SEQS).orElse("").split(",")) {
            try {
                seqs.add(Long.parseLong(seq.strip()));
            } catch (NumberFormatException notOne) {
                // not a number: no line of this client's
            }
        }
        return seqs;
    }

    /** An RFC 3339 time from the wire ({@code Date}), when it reads. */
    static Optional<OffsetDateTime> instant(String rfc3339) {
        try {
            return Optional.of(OffsetDateTime.parse(rfc3339));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** An answer's {@code Error-Code} (docs/PROTOCOL.md), or empty when it has none. */
    static String errorCode(OcpMessage answer) {
        return answer.header(HeaderNames.ERROR_CODE).orElse("");
    }

    /** BANNED: who banned this client, until when for a timed ban, and why when they said. */
    /** The administrator disconnected this client: who, why when it said, and that it is no ban. */
    private String killedMe(OcpMessage event) {
        String by = clean(event.header(HeaderNames.BY).orElse("?"));
        String reason = clean(event.bodyText()).strip();
        return reason.isEmpty() ? text.get("event.killedMe", by) : text.get("event.killedMeFor", by, reason);
    }

    private String bannedMe(OcpMessage event) {
        String by = clean(event.header(HeaderNames.BY).orElse("?"));
        Optional<String> until = event.header(HeaderNames.EXPIRES).map(this::localTime);
        if (until.isPresent()) {
            return event.bodyText().isEmpty()
                    ? text.get("event.bannedMeUntil", by, until.get())
                    : text.get("event.bannedMeUntilFor", by, until.get(), clean(event.bodyText()));
        }
        return event.bodyText().isEmpty()
                ? text.get("event.bannedMe", by)
                : text.get("event.bannedMeFor", by, clean(event.bodyText()));
    }

    /**
     * {@code line} with the reason the member gave for leaving or parting (IRC's QUIT and PART messages), or the kicker
     * gave, when there is one: {@code 위챗님이 퇴장하였습니다. (잘 있어요)}. A disconnect's detail is the server's own
     * account, in the server's language, and is not shown.
     */
    private String saying(String line, OcpMessage event) {
        String reason = clean(event.bodyText()).strip();
        return reason.isEmpty() ? line : text.get("event.saying", line, reason);
    }

    private String kicked(String name, Optional<String> by) {
        return by.isEmpty() || Names.isAdministrator(by.get())
                ? text.get("event.kicked", name)
                : text.get("event.kickedBy", name, clean(by.get()));
    }

    String localTime(String rfc3339) {
        try {
            return TIME.format(OffsetDateTime.parse(rfc3339).atZoneSameInstant(zone));
        } catch (DateTimeParseException e) {
            return clean(rfc3339);
        }
    }

    /** Text from the wire as the terminal shows it: see {@link DisplayText#line}. */
    /** Whether {@code event} is the server's message of the day: a NOTICE with {@code Kind: motd}. */
    static boolean isMotd(OcpMessage event) {
        return event.method().equals(Methods.NOTICE)
                && event.header(HeaderNames.KIND)
                        .filter("motd"::equalsIgnoreCase)
                        .isPresent();
    }

    /** The message of the day: a heading, then the operator's lines as they were written, each cleaned, indented. */
    List<String> motd(OcpMessage event) {
        List<String> lines = new ArrayList<>();
        lines.add(text.get("event.motd"));
        for (String line : event.bodyText().split("\n", -1)) {
            lines.add(line.isEmpty() ? "" : "  " + clean(line));
        }
        return lines;
    }

    static String clean(String s) {
        return DisplayText.line(s);
    }
}
