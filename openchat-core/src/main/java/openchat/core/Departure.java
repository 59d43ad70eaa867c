package openchat.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One member leaving the whole chat, told room by room: each room's members get its LEFT, and those who share
 * several of its rooms with it get the copies after the first marked {@link ChatEvent.Left#toldBefore}, so that a
 * protocol that says it once per client (IRC's QUIT) says it once. Lives for one departure, on one thread.
 */
final class Departure {
    private final Set<Member<?>> told = Collections.newSetFromMap(new IdentityHashMap<>());
    /** How many rooms are still to be told, when known: the last needs only to look up who was told before. */
    private int roomsLeft;

    /** A departure told in an unknown number of rooms (a cluster node's, as its LEFTs come in). */
    Departure() {
        this(Integer.MAX_VALUE);
    }

    /** A departure from {@code rooms} rooms, told one after another. */
    Departure(int rooms) {
        this.roomsLeft = rooms;
    }

    /**
     * The departures a cluster node is telling, by member and time: their LEFTs come one room at a time, on the
     * link's reader thread, among other rooms' events. The last 256 are kept; a departure told longer ago than that
     * (its rooms' LEFTs far apart in the streams) is told again, as before.
     */
    static final class Recent {
        private static final int KEPT = 256;

        private final Map<String, Departure> departures = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Departure> eldest) {
                return size() > KEPT;
            }
        };

        Departure of(String key) {
            return departures.computeIfAbsent(key, k -> new Departure());
        }
    }

    /** Delivers {@code left} to {@code recipients} but {@code except}, as described above. */
    <L> void tell(ChatEvent.Left left, List<Member<L>> recipients, Member<L> except, Fanout<L> fanout) {
        boolean last = --roomsLeft == 0;
        if (last && told.isEmpty()) {
            fanout.deliver(left, recipients, except); // nobody told before, nobody to remember
            return;
        }
        List<Member<L>> again = new ArrayList<>();
        List<Member<L>> fresh = new ArrayList<>();
        for (Member<L> member : recipients) {
            if (member != except) {
                boolean first = last ? !told.contains(member) : told.add(member);
                (first ? fresh : again).add(member);
            }
        }
        if (again.isEmpty()) {
            fanout.deliver(left, recipients, except); // the room's own list, whose grouping the fanout keeps
            return;
        }
        if (!fresh.isEmpty()) {
            fanout.deliver(left, List.copyOf(fresh), null);
        }
        fanout.deliver(left.asToldBefore(), List.copyOf(again), null);
    }
}
