package openchat.server.config;

/** The server's listeners, each with the option of the addresses it binds (which defaults to {@code --host}'s). */
public enum Listener {
    OCP("ocp", "--ocp-host"),
    IRC("irc", "--irc-host"),
    IRC_TLS("ircTls", "--irc-tls-host"),
    HTTP("http", "--http-host");

    private final String key;
    private final String hostOption;

    Listener(String key, String hostOption) {
        this.key = key;
        this.hostOption = hostOption;
    }

    /** Its name in message keys: {@code start.listen.ircTls}. */
    public String key() {
        return key;
    }

    /** The option of its own addresses: {@code --irc-host}. */
    public String hostOption() {
        return hostOption;
    }
}
