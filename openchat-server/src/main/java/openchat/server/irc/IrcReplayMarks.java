package openchat.server.irc;

import java.util.LinkedHashMap;
import java.util.Map;
import openchat.core.AddressKey;
import openchat.core.Names;
import openchat.server.config.ServerConfig;

/**
 * How far each IRC client that quit had been shown its rooms' lines, so that the same nick coming back from the same
 * address is replayed on JOIN only what was said since it left ({@link IrcClientState#shownUpTo}), as a rejoin on one
 * connection is. Without it every new connection was replayed the last {@code --history-on-join} lines of each
 * channel again: WeeChat's {@code /reconnect}, or a client restarted, showed the same lines twice, and after a few
 * reconnects five times, in its buffers and its logs.
 *
 * <p>Only a QUIT leaves a mark: a connection that broke may have lost lines on their way, which a full replay gives
 * again. The address must match (an IPv6 one by its /64, {@link AddressKey}), so that nobody can take a nick, quit,
 * and leave its holder a shorter replay. The last {@link #REMEMBERED} quits are kept, in memory: a restart forgets
 * them, and on a cluster each node keeps its own.
 */
final class IrcReplayMarks {
    /** How many quits are remembered: past it, the one longest ago is forgotten (its nick gets the full replay). */
    static final int REMEMBERED = ServerConfig.IRC_REPLAY_MARKS;

    private record Marks(AddressKey from, Map<String, Long> shownUpTo) {}

    private final Map<String, Marks> byName = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Marks> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** {@code name} quit from {@code from}, having been shown each room's lines up to its Seq in {@code shownUpTo}. */
    synchronized void quit(String name, AddressKey from, Map<String, Long> shownUpTo) {
        String key = Names.key(name);
        byName.remove(key); // the newest last, whatever it had before
        if (!shownUpTo.isEmpty()) {
            byName.put(key, new Marks(from, Map.copyOf(shownUpTo)));
        }
    }

    /**
     * What {@code name} was shown when it last quit, by room key, if it quit from {@code from}; forgotten once taken.
     * Empty otherwise.
     */
    synchronized Map<String, Long> take(String name, AddressKey from) {
        Marks marks = byName.remove(Names.key(name));
        return marks == null || !marks.from().equals(from) ? Map.of() : marks.shownUpTo();
    }
}
