package openchat.core;

import java.util.Locale;

/** What a member is on the server: the administrator (proven by the key) may kick anywhere and stop it. */
public enum Role {
    MEMBER,
    ADMIN;

    /** The value of the {@code Role} field on the wire. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
