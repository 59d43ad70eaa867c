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
