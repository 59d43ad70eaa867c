package openchat.server.ocp;

import java.util.Locale;
import openchat.core.Refusal;
import openchat.core.TextProblem;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.protocol.Status;
import openchat.protocol.Targets;
import openchat.server.config.ServerText;
import openchat.server.net.BanAnswer;

/** The one place a core {@link Refusal} becomes an OCP answer: its status, fields and sentence. */
final class OcpRefusals {
    private OcpRefusals() {}

    static Status status(Refusal.Reason reason) {
        return switch (reason) {
            case INVALID_NAME,
                    INVALID_ROOM,
                    INVALID_TOPIC,
                    INVALID_AWAY,
                    EMPTY_MESSAGE,
                    INVALID_MESSAGE,
                    INVALID_BAN,
                    BAN_TOO_WIDE,
                    INVALID_LIMIT,
                    BAN_FITS_SELF -> Status.BAD_REQUEST;
            case ADMIN_KEY_REQUIRED,
                    BANNED,
                    ROOM_BANNED,
                    TOO_MANY_ROOM_BANS,
                    ADMIN_NOT_BANNABLE,
                    ADMIN_NOT_KICKABLE,
                    NAME_FIXED,
                    NOT_MODERATOR,
                    SENT_BEFORE_JOINED,
                    ADMIN_ONLY,
                    NOT_IN_ROOM,
                    TOO_MANY_JOINED,
                    WRONG_ROOM_KEY,
                    NOT_KEY_HOLDER,
                    LOBBY_UNOWNED,
                    GONE -> Status.FORBIDDEN;
            case NO_SUCH_ROOM, NO_SUCH_MEMBER, NO_SUCH_MESSAGE, NOT_BANNED, NOT_REGISTERED -> Status.NOT_FOUND;
            case NAME_TAKEN, NAME_LOOKALIKE, ALREADY_IN_ROOM, INVITEE_IN_ROOM -> Status.CONFLICT;
            case TOO_FAST, ADMIN_LOCKED_OUT, FLOODING -> Status.TOO_MANY_REQUESTS;
            case ROOM_FULL,
                    TOO_MANY_ROOMS,
                    TOO_MANY_ROOMS_FROM_ADDRESS,
                    TOO_MANY_REGISTERED_ROOMS,
                    TOO_MANY_REGISTERED_ROOMS_FROM_ADDRESS,
                    SHUTTING_DOWN,
                    UNAVAILABLE,
                    UNREACHABLE,
                    IN_DOUBT -> Status.SERVICE_UNAVAILABLE;
        };
    }

    /** The {@code Error-Code} of a refusal: its reason in lower case, words joined by {@code -} ({@code name-taken}). */
    static String code(Refusal.Reason reason) {
        return reason.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The answer to {@code request} that tells {@code refusal}. */
    static OcpMessage.Builder answer(OcpMessage request, Refusal refusal, ServerText text) {
        OcpMessage.Builder answer = OcpSession.answerTo(request, status(refusal.reason()))
                .header(HeaderNames.ERROR_CODE, code(refusal.reason()));
        switch (refusal.reason()) {
            case ROOM_FULL -> answer.header(HeaderNames.MEMBERS, refusal.members())
                    .header(HeaderNames.CAPACITY, refusal.capacity());
            case TOO_MANY_ROOMS,
                    TOO_MANY_ROOMS_FROM_ADDRESS,
                    TOO_MANY_JOINED,
                    TOO_MANY_ROOM_BANS,
                    TOO_MANY_REGISTERED_ROOMS,
                    TOO_MANY_REGISTERED_ROOMS_FROM_ADDRESS,
                    INVALID_LIMIT,
                    BAN_TOO_WIDE -> answer.header(HeaderNames.CAPACITY, refusal.capacity());
            case TOO_FAST, ADMIN_LOCKED_OUT, UNAVAILABLE -> answer.header(
                    HeaderNames.RETRY_AFTER, refusal.retryAfterSeconds());
            case NAME_LOOKALIKE -> answer.header(HeaderNames.NAME, refusal.subject()); // the member it looks like
            case WRONG_ROOM_KEY -> answer.header( // whether the room has a key at all, as a client words it
                    HeaderNames.REGISTERED, String.valueOf(refusal.roomRegistered()));
            case ROOM_BANNED -> {
                if (refusal.retryAfterSeconds() > 0) { // a timed ban: when it is lifted
                    answer.header(HeaderNames.RETRY_AFTER, refusal.retryAfterSeconds());
                }
            }
            case BANNED -> {
                if (!refusal.subject().isEmpty()) { // the ban's reason, for a client to word in its own language
                    answer.header(HeaderNames.REASON, refusal.subject());
                }
                if (refusal.retryAfterSeconds() > 0) { // a timed ban: when it is lifted
                    answer.header(HeaderNames.RETRY_AFTER, refusal.retryAfterSeconds());
                }
            }
            default -> {}
        }
        if (refusal.reason() == Refusal.Reason.BANNED && request.method().equals(Methods.RENAME)) {
            // Connected already: it is the name that is banned, not the member.
            String reason = refusal.subject();
            String said = reason.isEmpty() ? text.get("answer.nameBanned") : text.get("answer.nameBannedFor", reason);
            return answer.body(BanAnswer.withTimeLeft(said, refusal, text));
        }
        if (refusal.reason() == Refusal.Reason.ROOM_BANNED) {
            // Kept out of the room (a JOIN, a CONNECT into it), or present and silenced (a SEND).
            String said = text.get(
                    request.method().equals(Methods.SEND) ? "answer.roomBannedSend" : "answer.roomBanned",
                    refusal.subject());
            return answer.body(BanAnswer.withTimeLeft(said, refusal, text));
        }
        if (refusal.reason() == Refusal.Reason.WRONG_ROOM_KEY
                && request.method().equals(Methods.CLAIM)) {
            // In the room already: nothing was joined or left, only the ownership not taken.
            return answer.body(text.get(
                    refusal.roomRegistered() ? "answer.wrongRoomKeyClaim" : "answer.roomKeyUnregisteredClaim",
                    refusal.subject()));
        }
        if (refusal.reason() == Refusal.Reason.ADMIN_NOT_KICKABLE
                && request.method().equals(Methods.KILL)) {
            return answer.body(text.get("answer.adminNotKillable"));
        }
        if (refusal.reason() == Refusal.Reason.ADMIN_KEY_REQUIRED
                && request.method().equals(Methods.RENAME)) {
            // No key was tried: the administrator's name is taken only by connecting with the key.
            return answer.body(text.get("answer.renameToAdmin"));
        }
        if (refusal.reason() == Refusal.Reason.ADMIN_KEY_REQUIRED
                && refusal.subject().equals(Refusal.NO_KEY)) {
            // No key was sent: not a failed proof, which a client would take for a rotated or mistyped key.
            return answer.body(text.get("answer.adminKeyMissing"));
        }
        if (refusal.reason() == Refusal.Reason.NO_SUCH_MESSAGE) {
            // Which room's history was searched (trial 14: "no messages from troll" read as "troll said nothing", of
            // the lobby); by name, none of the name's in that time (a name may be all digits, as a Seq is).
            String room = Targets.roomName(request.target()).orElse("");
            return answer.body(
                    request.header(HeaderNames.NAME).isPresent()
                            ? text.get("answer.noMessagesFrom", refusal.subject(), room)
                            : text.get("answer.noSuchMessage", refusal.subject(), room));
        }
        return answer.body(sentence(refusal, text));
    }

    /**
     * What is wrong with the name, topic or away message, in the server's language; else the refusal's English
     * subject.
     */
    private static String problemText(Refusal refusal, ServerText text) {
        TextProblem problem = refusal.problem();
        return problem == null ? refusal.subject() : text.get(problem.textKey(), problem.argument());
    }

    private static String sentence(Refusal refusal, ServerText text) {
        String subject = refusal.subject();
        return switch (refusal.reason()) {
            case INVALID_NAME -> text.get("answer.invalidName", problemText(refusal, text));
            case NAME_TAKEN -> text.get("answer.nameTaken");
            case NAME_LOOKALIKE -> text.get("answer.nameLookalike", subject);
            case ADMIN_KEY_REQUIRED -> text.get("answer.adminKeyRequired");
            case NAME_FIXED -> text.get("answer.nameFixed");
            case BANNED -> BanAnswer.refused(refusal, text);
            case ROOM_BANNED -> text.get("answer.roomBanned", subject);
            case TOO_MANY_ROOM_BANS -> BanAnswer.tooManyRoomBans(refusal, text);
            case BAN_FITS_SELF -> text.get("answer.banFitsSelf", subject);
            case ADMIN_NOT_BANNABLE -> text.get("answer.adminNotBannable");
            case INVALID_BAN -> text.get("answer.invalidBan", subject);
            case BAN_TOO_WIDE -> text.get("answer.banTooWide", subject, refusal.capacity());
            case NOT_BANNED -> text.get("answer.notBanned", subject);
            case ADMIN_LOCKED_OUT -> text.get("answer.adminLocked", refusal.retryAfterSeconds());
            case INVALID_ROOM -> text.get("answer.invalidRoom", problemText(refusal, text));
            case ROOM_FULL -> text.get("answer.full", refusal.members(), refusal.capacity());
            case INVALID_LIMIT -> text.get("answer.invalidLimit", subject, refusal.capacity());
            case TOO_MANY_ROOMS -> text.get("answer.tooManyRooms", refusal.capacity());
            case TOO_MANY_ROOMS_FROM_ADDRESS -> text.get("answer.tooManyRoomsFromAddress", refusal.capacity());
            case TOO_MANY_JOINED -> text.get("answer.tooManyJoined", refusal.capacity());
            case ALREADY_IN_ROOM -> text.get("answer.alreadyInRoom", subject);
            case NOT_IN_ROOM -> text.get("answer.notInRoom", subject);
            case INVITEE_IN_ROOM -> text.get("answer.inviteeInRoom", subject);
            case NO_SUCH_ROOM -> text.get("answer.noSuchRoom", subject);
            case NO_SUCH_MEMBER -> text.get("answer.noSuchMember", subject);
            case SENT_BEFORE_JOINED -> text.get("answer.sentBeforeJoined");
            case NO_SUCH_MESSAGE -> text.get("answer.noSuchMessage", subject);
            case ADMIN_NOT_KICKABLE -> text.get("answer.adminNotKickable");
            case NOT_MODERATOR -> text.get("answer.notModerator");
            case ADMIN_ONLY -> text.get("answer.adminOnly");
            case WRONG_ROOM_KEY -> text.get(
                    refusal.roomRegistered() ? "answer.wrongRoomKey" : "answer.roomKeyUnregistered", subject);
            case NOT_KEY_HOLDER -> text.get("answer.notKeyHolder", subject);
            case NOT_REGISTERED -> text.get("answer.notRegistered", subject);
            case LOBBY_UNOWNED -> text.get("answer.lobbyUnowned");
            case TOO_MANY_REGISTERED_ROOMS -> text.get("answer.tooManyRegisteredRooms", refusal.capacity());
            case TOO_MANY_REGISTERED_ROOMS_FROM_ADDRESS -> text.get(
                    "answer.tooManyRegisteredRoomsFromAddress", refusal.capacity());
            case INVALID_TOPIC -> text.get("answer.invalidTopic", problemText(refusal, text));
            case INVALID_AWAY -> text.get("answer.invalidAway", problemText(refusal, text));
            case EMPTY_MESSAGE -> text.get("answer.emptyMessage");
            case INVALID_MESSAGE -> text.get("answer.nulInMessage");
            case TOO_FAST, FLOODING -> text.get("answer.tooFast", Math.max(1, refusal.retryAfterSeconds()));
            case GONE -> text.get("answer.joinFirst");
            case SHUTTING_DOWN -> text.get("answer.shuttingDownRefused");
            case UNAVAILABLE -> text.get("answer.unavailable", Math.max(1, refusal.retryAfterSeconds()));
            case UNREACHABLE -> text.get("answer.unreachable", subject);
            case IN_DOUBT -> text.get("answer.inDoubt");
        };
    }
}
