package openchat.core;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A connected member as IRC's ISON, USERHOST and MONITOR show it, wherever in a cluster it is connected: its name as
 * written and its away message (empty when it is not away). All they need: where {@link MemberInfo} reads every room of
 * a member, this is one name's holder ({@link Chat#presenceOf}).
 */
public record Presence(String name, String away) {

    /** Whether it is the administrator. */
    public boolean isAdmin() {
        return Names.isAdministrator(name);
    }

    /** Whether it is away. */
    public boolean isAway() {
        return !away.isEmpty();
    }

    /**
     * The members among {@code asked} connected here, found in {@code here} (connected members by name key), and
     * those {@code elsewhere} finds among the names' keys not held here, asked once for all of them (none asked when
     * every name is held here): by name key.
     */
    static Map<String, Presence> of(
            Collection<String> asked,
            Map<String, ? extends Member<?>> here,
            Function<Set<String>, Map<String, Presence>> elsewhere) {
        Map<String, Presence> found = new HashMap<>();
        Set<String> notHere = new LinkedHashSet<>();
        for (String name : asked) {
            String key = Names.key(name);
            Member<?> member = here.get(key);
            if (member != null) {
                found.put(key, new Presence(member.name(), member.away()));
            } else {
                notHere.add(key);
            }
        }
        if (!notHere.isEmpty()) {
            found.putAll(elsewhere.apply(notHere));
        }
        return found;
    }
}
