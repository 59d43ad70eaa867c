package openchat.server.irc;

import java.util.Optional;

/** The IRCv3 capabilities the IRC listener offers ({@code CAP LS}); a client enables them with {@code CAP REQ}. */
enum IrcCapability {
    AWAY_NOTIFY("away-notify"),
    BATCH("batch"),
    CAP_NOTIFY("cap-notify"),
    CHATHISTORY("draft/chathistory"),
    ECHO_MESSAGE("echo-message"),
    INVITE_NOTIFY("invite-notify"),
    LABELED_RESPONSE("labeled-response"),
    MESSAGE_TAGS("message-tags"),
    /**
     * IRCv3 {@code draft/message-redaction}: the client may send {@code REDACT} and is sent the {@code REDACT} of a
     * message deleted from a room's history (without it, a server notice says what was deleted).
     */
    MESSAGE_REDACTION("draft/message-redaction"),
    MULTI_PREFIX("multi-prefix"),
    SERVER_TIME("server-time"),
    USERHOST_IN_NAMES("userhost-in-names");

    private final String wireName;

    IrcCapability(String wireName) {
        this.wireName = wireName;
    }

    String wireName() {
        return wireName;
    }

    static Optional<IrcCapability> named(String name) {
        for (IrcCapability capability : values()) {
            if (capability.wireName.equalsIgnoreCase(name)) {
                return Optional.of(capability);
            }
        }
        return Optional.empty();
    }
}
