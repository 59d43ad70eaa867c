package openchat.server.room;

/**
 * Carries room events to members' links. The room calls it while holding its lock, so events reach each
 * member in sequence order; an implementation must only hand the event over (queue it), never block.
 */
public interface Fanout<L> {

    /** Sends {@code event} to every member in {@code members} except {@code except} (which may be null). */
    void deliver(RoomEvent event, Iterable<Member<L>> members, Member<L> except);

    /** Sends {@code event} to one member, then closes its link once the event is written. */
    void deliverAndClose(RoomEvent event, Member<L> member);
}
