package openchat.server.room;

/** What a member may do: an administrator may also kick and stop the server. */
public enum Role {
    MEMBER,
    ADMIN;

    /** The value of the {@code Role} field on the wire. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
