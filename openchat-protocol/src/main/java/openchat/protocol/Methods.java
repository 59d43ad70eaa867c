package openchat.protocol;

/** Method names of OCP/1.0: client requests, then server events. */
public final class Methods {
    // Client to server.
    public static final String CONNECT = "CONNECT";
    public static final String SEND = "SEND";
    public static final String LEAVE = "LEAVE";
    public static final String KICK = "KICK";
    public static final String SHUTDOWN = "SHUTDOWN";
    /** Either side may send PING; the other answers 200. */
    public static final String PING = "PING";

    // Server to client.
    public static final String MESSAGE = "MESSAGE";
    public static final String JOINED = "JOINED";
    public static final String LEFT = "LEFT";
    // SHUTDOWN is also the event the server sends every member before it stops.

    private Methods() {
    }
}
