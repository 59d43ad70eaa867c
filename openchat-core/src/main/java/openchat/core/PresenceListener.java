package openchat.core;

/**
 * Told when a name comes into the chat or goes out of it, wherever its member connects (on a cluster, on any node): a
 * member connecting, on any protocol, or renaming to the name; a member leaving by any way, quietly too, or renaming
 * away from it. Not a room's event: presence, what ISON and WHOIS would find. IRC's MONITOR listens
 * ({@code IrcMonitors}). Called from the thread that made the change (on a cluster, the reader of the presence
 * stream), outside every room's monitor: an implementation must only hand the news over, never block and never call
 * back into the core. {@code key} is {@link Names#key} of {@code name}, computed once for every listener.
 */
public interface PresenceListener {

    /** {@code name} is now held by a connected member. */
    void online(String name, String key);

    /** {@code name} is no longer held: its member left the chat or took another name. */
    void offline(String name, String key);

    PresenceListener NONE = new PresenceListener() {
        @Override
        public void online(String name, String key) {}

        @Override
        public void offline(String name, String key) {}
    };
}
