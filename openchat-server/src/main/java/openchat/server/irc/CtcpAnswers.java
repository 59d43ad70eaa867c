package openchat.server.irc;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * The CTCP answers the server gives for a member that is not an IRC client: an OCP or web member cannot answer
 * {@code /ctcp NAME VERSION} or {@code /ping NAME} itself, so the asker would wait for nothing. The server answers
 * the queries every IRC client answers (VERSION, PING, TIME, CLIENTINFO), as bridges and bouncers do, with a NOTICE
 * from the member's address; any other query (DCC, FINGER...) gets no answer, as from a client that ignores it.
 * The member still receives the query, shown as {@code CTCP VERSION}.
 */
final class CtcpAnswers {
    private static final char CTCP = '\u0001';
    /** What {@code CLIENTINFO} lists: the queries answered here, and ACTION, which members send. */
    static final String SUPPORTED = "ACTION CLIENTINFO PING TIME VERSION";

    private CtcpAnswers() {}

    /**
     * The NOTICE text answering {@code text}, when it is a CTCP query this server answers for a member; empty for
     * anything else (plain text, ACTION, an unknown query).
     */
    static Optional<String> answer(String text, String version, OffsetDateTime now) {
        if (text.length() < 2 || text.charAt(0) != CTCP) {
            return Optional.empty();
        }
        int end = text.indexOf(CTCP, 1);
        String query = text.substring(1, end < 0 ? text.length() : end);
        int space = query.indexOf(' ');
        String command = (space < 0 ? query : query.substring(0, space)).toUpperCase(Locale.ROOT);
        String argument = space < 0 ? "" : query.substring(space + 1);
        String reply =
                switch (command) {
                    case "VERSION" -> "VERSION " + version + " (an openchat client; the server answers for it)";
                    case "PING" -> argument.isEmpty() ? "PING" : "PING " + argument;
                    case "TIME" -> "TIME " + DateTimeFormatter.RFC_1123_DATE_TIME.format(now);
                    case "CLIENTINFO" -> "CLIENTINFO " + SUPPORTED;
                    default -> null;
                };
        return reply == null ? Optional.empty() : Optional.of(CTCP + reply + CTCP);
    }
}
