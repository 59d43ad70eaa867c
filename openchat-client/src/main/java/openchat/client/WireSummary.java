package openchat.client;

import java.util.Map;
import java.util.stream.Collectors;
import openchat.protocol.HeaderNames;
import openchat.protocol.OcpMessage;
import openchat.protocol.StatusLine;

/** One line describing a message for the DEBUG log, with the administrator's key blanked out. */
final class WireSummary {
    private static final String HIDDEN = "<hidden>";

    private WireSummary() {
    }

    static String of(OcpMessage message) {
        String fields = message.headers().fields().stream()
                .map(WireSummary::field)
                .collect(Collectors.joining(", "));
        return startLine(message) + " [" + fields + "] (" + message.bodyLength() + " body bytes)";
    }

    private static String startLine(OcpMessage message) {
        if (message.startLine() instanceof StatusLine status) {
            return OcpMessage.VERSION + " " + status.code() + " " + status.reason();
        }
        return message.method() + " " + message.target();
    }

    private static String field(Map.Entry<String, String> field) {
        boolean secret = field.getKey().equalsIgnoreCase(HeaderNames.ADMIN_KEY);
        return field.getKey() + ": " + (secret ? HIDDEN : field.getValue());
    }
}
