package openchat.core;

/** The checks on an operation's arguments that every {@link Chat} makes the same way. */
final class Checks {
    private Checks() {}

    static void requireValidRoom(String room) {
        RoomNames.checkNew(room).ifPresent(problem -> {
            throw Refusal.invalid(Refusal.Reason.INVALID_ROOM, problem);
        });
    }

    /** Refuses a join to a bad room name, a room the member is in, or one room too many for it. */
    static void requireMayJoin(Member<?> member, String room, CoreConfig config) {
        requireValidRoom(room);
        if (member.isIn(room)) {
            // Named as the room shows itself, not as this request spelt it (JOIN LOBBY: "already in lobby").
            throw Refusal.of(
                    Refusal.Reason.ALREADY_IN_ROOM,
                    member.room(RoomNames.key(room)).name());
        }
        if (member.roomCount() >= config.maxRoomsPerMember()) {
            throw Refusal.limit(Refusal.Reason.TOO_MANY_JOINED, config.maxRoomsPerMember());
        }
    }

    /** Refuses a bad name ({@code INVALID_NAME}); returns its {@link Names#skeleton}, which the check computed. */
    static String requireValidName(String name, CoreConfig config) {
        Names.Checked checked = Names.checked(name, config.maxNameLength());
        if (checked.problem() != null) {
            throw Refusal.invalid(Refusal.Reason.INVALID_NAME, checked.problem());
        }
        return checked.skeleton();
    }

    /**
     * Refuses a rename of the administrator to any other name (its name is what its key proved), a bad name, or a
     * spelling of the administrator's name (that takes the key, at connect). Returns the new name's
     * {@link Names#skeleton}.
     */
    static String requireMayRename(Member<?> member, String newName, CoreConfig config) {
        if (member.isAdmin()) {
            if (!newName.equals(member.name())) {
                throw Refusal.of(Refusal.Reason.NAME_FIXED);
            }
            return member.skeleton(); // its own name again, as a client may send it: changes nothing, refuses nothing
        }
        String skeleton = requireValidName(newName, config);
        if (Names.isAdministrator(newName)) {
            throw Refusal.of(Refusal.Reason.ADMIN_KEY_REQUIRED);
        }
        return skeleton;
    }

    /**
     * Refuses a chat line or private message with nothing to read: empty, or nothing but white space, control and
     * format characters and the letters that show as nothing ({@link Names#isInvisible}: U+3164...). A line with
     * something to read usually says so with its first character. Refuses a NUL anywhere in it too: an IRC line
     * ends at one, so an IRC client would lose the rest of the line or misread the next one.
     */
    static void requireText(String text) {
        if (text.indexOf('\0') >= 0) {
            throw Refusal.of(Refusal.Reason.INVALID_MESSAGE);
        }
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (!isBlank(c)) {
                return;
            }
            i += Character.charCount(c);
        }
        throw Refusal.of(Refusal.Reason.EMPTY_MESSAGE);
    }

    private static boolean isBlank(int c) {
        int type = Character.getType(c);
        return Character.isWhitespace(c)
                || Character.isSpaceChar(c)
                || type == Character.CONTROL
                || type == Character.FORMAT
                || Names.isInvisible(c);
    }

    /**
     * A reason (a kick's, a part's, a quit's, a ban's) as the core keeps and tells it: one line of at most {@link
     * Chat#MAX_TOPIC_LENGTH} code points ({@link DisplayText#oneLine}). Reasons are cleaned, not refused: a leave
     * must not fail for its words.
     */
    static String reason(String text) {
        return DisplayText.oneLine(text, Chat.MAX_TOPIC_LENGTH);
    }

    /** Refuses a topic that is too long or holds a control character (a topic is one line of text). */
    static void requireValidTopic(String topic) {
        requireOneLine(topic, Refusal.Reason.INVALID_TOPIC);
    }

    /** Refuses an away message that is too long or holds a control character, as a topic. */
    static void requireValidAway(String away) {
        requireOneLine(away, Refusal.Reason.INVALID_AWAY);
    }

    private static void requireOneLine(String text, Refusal.Reason reason) {
        if (text.codePointCount(0, text.length()) > Chat.MAX_TOPIC_LENGTH) {
            throw Refusal.invalid(reason, new TextProblem(TextProblem.Kind.TOO_LONG, Chat.MAX_TOPIC_LENGTH));
        }
        if (text.codePoints().anyMatch(c -> Character.getType(c) == Character.CONTROL)) {
            throw Refusal.invalid(reason, TextProblem.of(TextProblem.Kind.CONTROL_CHARACTER));
        }
    }
}
