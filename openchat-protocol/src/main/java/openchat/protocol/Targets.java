package openchat.protocol;

import java.util.Optional;

/** Request targets: {@code /} for the server, {@code /rooms/NAME} for a room. */
public final class Targets {
    /** The target of requests to the server itself (PING, LIST, PRIVATE, SHUTDOWN, LEAVE). */
    public static final String SERVER = "/";

    private static final String ROOMS = "/rooms/";

    private Targets() {}

    /** {@code /rooms/NAME}. Room names hold no space or slash, so the name is written as it is. */
    public static String room(String name) {
        return ROOMS + name;
    }

    /** The room a target names, or empty when it names none ({@code /}, {@code /rooms/}, another path). */
    public static Optional<String> roomName(String target) {
        if (!target.startsWith(ROOMS) || target.length() == ROOMS.length()) {
            return Optional.empty();
        }
        String name = target.substring(ROOMS.length());
        return name.indexOf('/') >= 0 ? Optional.empty() : Optional.of(name);
    }
}
