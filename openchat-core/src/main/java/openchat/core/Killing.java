package openchat.core;

/** What a server and a cluster node do alike when the administrator disconnects a member of theirs (KILL). */
final class Killing {
    private Killing() {}

    /**
     * Disconnects {@code victim} (null: no one here has the name {@code target}), as {@link Chat#kill} says: its rooms
     * are told, then it gets {@code event} and its connection is closed. Returns its name; refuses a name no one has
     * ({@code NO_SUCH_MEMBER}, also for one that left a moment ago) and the administrator ({@code ADMIN_NOT_KICKABLE}).
     */
    static <L> String kill(Chat<L> chat, Fanout<L> fanout, Member<L> victim, String target, ChatEvent.Killed event) {
        if (victim == null) {
            throw Refusal.of(Refusal.Reason.NO_SUCH_MEMBER, target);
        }
        if (victim.isAdmin()) {
            throw Refusal.of(Refusal.Reason.ADMIN_NOT_KICKABLE);
        }
        if (!chat.disconnect(victim, LeaveReason.KILLED, event.reason(), false)) {
            throw Refusal.of(Refusal.Reason.NO_SUCH_MEMBER, target); // it left a moment ago
        }
        fanout.deliverAndClose(event, victim);
        return victim.name();
    }
}
