package openchat.server.room;

/**
 * A member of a room. {@code link} is whatever the transport uses to reach the member (a Netty channel in
 * the server); the domain only hands it back to the {@link Fanout}. Identity is the instance: a member who
 * leaves and joins again is a new member.
 */
public final class Member<L> {
    private final String name;
    private final String key;
    private final Role role;
    private final L link;
    /** Whether the others were told of this member's arrival; guarded by the room's monitor. */
    private boolean announced;

    Member(String name, String key, Role role, L link) {
        this.name = name;
        this.key = key;
        this.role = role;
        this.link = link;
    }

    /** The name as the member spelled it. */
    public String name() {
        return name;
    }

    /** The name's identity ({@link openchat.protocol.Names#key}). */
    public String key() {
        return key;
    }

    public Role role() {
        return role;
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    public L link() {
        return link;
    }

    boolean announced() {
        return announced;
    }

    void announced(boolean value) {
        announced = value;
    }

    @Override
    public String toString() {
        return name + "(" + role.wireName() + ")";
    }
}
