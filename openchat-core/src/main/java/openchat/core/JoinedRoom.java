package openchat.core;

import java.util.List;

/** A room as a {@link Member} keeps it in its list of joined rooms: a single server's or a cluster node's. */
interface JoinedRoom {
    /** The room's name as first written. */
    String name();

    /** The room's identity ({@link RoomNames#key}). */
    String key();

    /** Its members connected to this server, at this moment. */
    List<? extends Member<?>> present();

    /**
     * Whether the others were told that {@code member} is here: false past the presence limit until it first
     * speaks. What it does meanwhile (an away message, a new name) is not told there either. A cluster node does
     * not know (the cluster's store decides), and says true.
     */
    default boolean announces(Member<?> member) {
        return true;
    }
}
