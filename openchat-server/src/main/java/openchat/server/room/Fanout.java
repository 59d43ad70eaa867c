package openchat.server.room;

import java.util.List;

/**
 * Carries room events to members' links. The room calls it while holding its lock, so events reach each
 * member in sequence order; an implementation must only hand the event over (queue it), never block.
 */
public interface Fanout<L> {

    /**
     * Sends {@code event} to every member in {@code members} except {@code except} (which may be null).
     * {@code members} is immutable, and the room passes the same instance for as long as its membership does
     * not change, so an implementation may keep what it derives from it (recipients grouped by thread).
     */
    void deliver(RoomEvent event, List<Member<L>> members, Member<L> except);

    /** Sends {@code event} to one member, then closes its link once the event is written. */
    void deliverAndClose(RoomEvent event, Member<L> member);
}
