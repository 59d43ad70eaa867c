package openchat.client;

import java.util.Locale;
import java.util.Set;
import openchat.core.DisplayText;

/**
 * CTCP queries sent to this client. An IRC user's {@code /ctcp 유저1 version} or {@code /ping 유저1} reaches it as a
 * private message whose text is framed in {@code \u0001} ({@code \u0001VERSION\u0001}; {@link DisplayText#isCtcpQuery}).
 * This client cannot answer it, so the server answers the queries every IRC client answers for it, as bridges do
 * (docs/IRC.md): shown, such a query would be a line the person can do nothing with, and anyone could repeat it.
 * Any other query (DCC, FINGER...) is answered by nobody and still shown ({@code CTCP FINGER}), as is an action, which
 * is something said, and a query sent to a room.
 */
final class CtcpQueries {
    /** What the server answers for a member that is not an IRC client: its CLIENTINFO answer lists them, and ACTION. */
    static final Set<String> ANSWERED_BY_THE_SERVER = Set.of("CLIENTINFO", "PING", "TIME", "VERSION");

    private CtcpQueries() {}

    /** Whether a private message's {@code text} is a CTCP query the server has answered for this client. */
    static boolean answeredByTheServer(String text) {
        return DisplayText.isCtcpQuery(text) && ANSWERED_BY_THE_SERVER.contains(command(text));
    }

    /** The query's command, in capitals: {@code \u0001ping 123\u0001} asks {@code PING}. */
    private static String command(String query) {
        int end = 1;
        while (end < query.length() && query.charAt(end) != ' ' && query.charAt(end) != '\u0001') {
            end++;
        }
        return query.substring(1, end).toUpperCase(Locale.ROOT);
    }
}
