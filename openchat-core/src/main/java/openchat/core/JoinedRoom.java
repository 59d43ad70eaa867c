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
}
