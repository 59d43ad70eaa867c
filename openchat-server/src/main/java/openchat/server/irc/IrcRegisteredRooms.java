package openchat.server.irc;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import openchat.core.CoreConfig;
import openchat.core.RoomNames;

/**
 * Which rooms are registered, as this listener's IRC clients have seen it, so that the line saying a room passed to an
 * heir by presence ({@link IrcEvents}) can add that its key's holder takes it back, without asking the core at each
 * change of owner (on a cluster that is a round trip to the store, from an encoder). It learns from what passes through
 * the adapter: a JOIN's room ({@code RoomView.registered}), {@code MODE #room}, ChanServ's answers, and the
 * {@code RoomRegistration} events the encoders write. A change made while no IRC client is in the room goes unseen,
 * but then no line about the room is written either, and the next IRC client to join it brings the room's state.
 *
 * <p>A room dropped unseen stays in the set until an IRC client joins it again; past
 * {@link CoreConfig#MAX_REGISTERED_ROOMS}, more than can be registered at once, the set starts afresh, and what it
 * forgot of rooms in use it learns again at their next JOIN or registration. Read and written from any thread.
 */
final class IrcRegisteredRooms {
    private final Set<String> keys = ConcurrentHashMap.newKeySet();

    /** Whether {@code room} is registered, as far as this listener has seen. */
    boolean isRegistered(String room) {
        return keys.contains(RoomNames.key(room));
    }

    /** {@code room} was seen to be {@code registered}, or not. */
    void saw(String room, boolean registered) {
        String key = RoomNames.key(room);
        if (!registered) {
            keys.remove(key);
            return;
        }
        if (keys.size() >= CoreConfig.MAX_REGISTERED_ROOMS && !keys.contains(key)) {
            keys.clear();
        }
        keys.add(key);
    }
}
