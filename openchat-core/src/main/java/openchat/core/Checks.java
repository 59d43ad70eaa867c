package openchat.core;

/** The checks on an operation's arguments that every {@link Chat} makes the same way. */
final class Checks {
    private Checks() {}

    static void requireValidRoom(String room) {
        RoomNames.check(room).ifPresent(problem -> {
            throw Refusal.invalid(Refusal.Reason.INVALID_ROOM, problem);
        });
    }

    /** Refuses a join to a bad room name, a room the member is in, or one room too many for it. */
    static void requireMayJoin(Member<?> member, String room, CoreConfig config) {
        requireValidRoom(room);
        if (member.isIn(room)) {
            throw Refusal.of(Refusal.Reason.ALREADY_IN_ROOM, room);
        }
        if (member.roomCount() >= config.maxRoomsPerMember()) {
            throw Refusal.limit(Refusal.Reason.TOO_MANY_JOINED, config.maxRoomsPerMember());
        }
    }

    static void requireText(String text) {
        if (text.isEmpty()) {
            throw Refusal.of(Refusal.Reason.EMPTY_MESSAGE);
        }
    }

    /** Refuses a topic that is too long or holds a control character (a topic is one line of text). */
    static void requireValidTopic(String topic) {
        if (topic.codePointCount(0, topic.length()) > Chat.MAX_TOPIC_LENGTH) {
            throw Refusal.invalid(
                    Refusal.Reason.INVALID_TOPIC, new TextProblem(TextProblem.Kind.TOO_LONG, Chat.MAX_TOPIC_LENGTH));
        }
        if (topic.codePoints().anyMatch(c -> Character.getType(c) == Character.CONTROL)) {
            throw Refusal.invalid(Refusal.Reason.INVALID_TOPIC, TextProblem.of(TextProblem.Kind.CONTROL_CHARACTER));
        }
    }
}
