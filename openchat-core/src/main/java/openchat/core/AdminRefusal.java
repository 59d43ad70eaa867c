package openchat.core;

/** How a connection that asked for the administrator's name was refused, for the operator's log. */
public enum AdminRefusal {
    /** No key was given: a person who forgot {@code --admin-key-file}, or someone trying the name. Not counted. */
    NO_KEY,
    /** A wrong key, counted towards the address's lockout. */
    WRONG_KEY
}
