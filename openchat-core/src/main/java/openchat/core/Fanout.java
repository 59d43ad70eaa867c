package openchat.core;

import java.util.List;

/**
 * Carries events to members' links: the one way out of the core. A room calls it while holding its lock, so
 * events reach each member in sequence order; an implementation must only hand the event over (queue it),
 * never block and never call back into the core.
 */
public interface Fanout<L> {

    /**
     * Sends {@code event} to every member in {@code members} except {@code except} (which may be null).
     * {@code members} is immutable, and a room passes the same instance for as long as its membership does not
     * change, so an implementation may keep what it derives from it (recipients grouped by thread).
     */
    void deliver(ChatEvent event, List<Member<L>> members, Member<L> except);

    /** Sends {@code event} to one member. */
    void deliverTo(ChatEvent event, Member<L> member);

    /**
     * Sends a joiner the history of the room it joined, oldest first, all marked as replayed: one call, so that a
     * protocol can frame the page as one (an IRC {@code chathistory} batch). By default, one event at a time.
     */
    default void replay(List<ChatEvent.Message> history, Member<L> member) {
        for (ChatEvent.Message message : history) {
            deliverTo(message, member);
        }
    }

    /** Sends {@code event} to one member, then closes its link once the event is written. */
    void deliverAndClose(ChatEvent event, Member<L> member);
}
