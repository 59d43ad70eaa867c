package openchat.core;

import java.util.Locale;

/** What a member may do in one room: the administrator and the room's owner may kick and set the topic. */
public enum RoomRole {
    ADMIN,
    OWNER,
    MEMBER;

    public boolean mayModerate() {
        return this != MEMBER;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
