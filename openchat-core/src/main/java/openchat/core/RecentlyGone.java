package openchat.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The last {@link #KEPT} names given up on this server (left, or renamed from), newest last: WHOWAS. A quiet leave is
 * not kept: no one was told of it, and WHOWAS must not tell either.
 */
final class RecentlyGone {
    /** How many are kept: a WHOWAS asks about someone who left lately, and scanning a hundred costs nothing. */
    static final int KEPT = 100;

    private final ArrayDeque<Departed> departures = new ArrayDeque<>(KEPT);

    synchronized void add(Departed departed) {
        if (departures.size() == KEPT) {
            departures.removeFirst();
        }
        departures.addLast(departed);
    }

    /** Up to {@code max} departures of every spelling of {@code name}, newest first. */
    synchronized List<Departed> of(String name, int max) {
        String key = Names.key(name);
        List<Departed> found = new ArrayList<>();
        for (Iterator<Departed> it = departures.descendingIterator(); it.hasNext() && found.size() < max; ) {
            Departed departed = it.next();
            if (Names.key(departed.name()).equals(key)) {
                found.add(departed);
            }
        }
        return found;
    }
}
