package openchat.server.irc;

/**
 * What a WHO's second parameter asks, {@code [flags][%fields[,token]]}: {@code o} among the flags keeps only the IRC
 * operators (RFC 2812 3.6.1); {@code %} and the fields make it a WHOX query (https://ircv3.net/specs/extensions/whox),
 * answered with 354 carrying only the fields asked, in {@link #ORDER} whatever order they came in. A field letter this
 * server does not know is ignored, as solanum and ergo ignore one; a query naming none is answered with 352, as
 * solanum answers it. A token that is not 1 to 3 digits is {@code 0}, as solanum makes an empty or long one.
 *
 * @param operatorsOnly whether only the IRC operators are listed
 * @param fields the fields asked, in {@link #ORDER}; empty for a plain WHO
 * @param token the token that {@code t} gives back
 */
record IrcWhoQuery(boolean operatorsOnly, String fields, String token) {
    /** The WHOX fields in the order 354 gives them (the specification's). */
    static final String ORDER = "tcuihsnfdlaor";

    /** The token of a query that gave none, or one that is not 1 to 3 digits. */
    static final String NO_TOKEN = "0";

    /** A plain WHO: every member, 352. */
    static final IrcWhoQuery PLAIN = new IrcWhoQuery(false, "", NO_TOKEN);

    /** The query a WHO's second parameter makes (null or empty: a plain WHO). */
    static IrcWhoQuery of(String second) {
        if (second == null || second.isEmpty()) {
            return PLAIN;
        }
        int percent = second.indexOf('%');
        String flags = percent < 0 ? second : second.substring(0, percent);
        boolean operatorsOnly = flags.indexOf('o') >= 0;
        if (percent < 0) {
            return new IrcWhoQuery(operatorsOnly, "", NO_TOKEN);
        }
        String asked = second.substring(percent + 1);
        String token = NO_TOKEN;
        int comma = asked.indexOf(',');
        if (comma >= 0) {
            String given = asked.substring(comma + 1);
            token = given.matches("[0-9]{1,3}") ? given : NO_TOKEN;
            asked = asked.substring(0, comma);
        }
        StringBuilder fields = new StringBuilder();
        for (char field : ORDER.toCharArray()) {
            if (asked.indexOf(field) >= 0) {
                fields.append(field);
            }
        }
        return new IrcWhoQuery(operatorsOnly, fields.toString(), token);
    }

    /** Whether the answer is 354 (WHOX), not 352. */
    boolean whox() {
        return !fields.isEmpty();
    }
}
