package openchat.core;

import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/** A member going away or coming back ({@code AWAY}): what a single server and a cluster node do alike. */
final class Away {
    private Away() {}

    /**
     * Sets {@code member}'s away message ({@code message}, stripped; empty: back) and tells each member that shares
     * a room with it and is connected to this server, once however many rooms they share. Setting the message it
     * already has tells no one (clients that set away on every idle timer would otherwise repeat it to everyone).
     */
    static <L> ChatEvent.Away set(Member<L> member, String message, OffsetDateTime at, Fanout<L> fanout) {
        String text = message.strip();
        Checks.requireValidAway(text);
        ChatEvent.Away event = new ChatEvent.Away(member.name(), text, at);
        if (text.equals(member.away())) {
            return event;
        }
        member.away(text);
        tell(member.rooms(), member, event, fanout);
        return event;
    }

    /**
     * Delivers {@code event} (an away or a rename) to the members of {@code rooms} connected to this server but {@code except} (null:
     * none), each once however many of the rooms it is in; not in a room that was not told {@code except} is there.
     */
    static <L> void tell(Iterable<? extends JoinedRoom> rooms, Member<?> except, ChatEvent event, Fanout<L> fanout) {
        Set<Member<?>> told = Collections.newSetFromMap(new IdentityHashMap<>());
        for (JoinedRoom room : rooms) {
            if (except != null && !room.announces(except)) {
                continue; // past the presence limit: the room does not know it is here
            }
            for (Member<?> other : room.present()) {
                if (other != except && told.add(other)) {
                    fanout.deliverTo(event, sameLink(other));
                }
            }
        }
    }

    /** The members of one core's rooms all have that core's kind of link. */
    @SuppressWarnings("unchecked")
    private static <L> Member<L> sameLink(Member<?> member) {
        return (Member<L>) member;
    }
}
