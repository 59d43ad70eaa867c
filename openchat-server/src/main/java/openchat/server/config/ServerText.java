package openchat.server.config;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The server's user-facing sentences (console lines, answer bodies) in its language. */
public final class ServerText {
    private final ResourceBundle bundle;
    private final Locale locale;
    /**
     * Each sentence's pattern parsed once (every join and console line needs one). A {@link MessageFormat} is not
     * thread-safe: formatting holds its monitor, which the event loops rarely contend for.
     */
    private final ConcurrentMap<String, MessageFormat> formats = new ConcurrentHashMap<>();

    public ServerText(Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle(
                "openchat.server.messages",
                locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    public String get(String key, Object... args) {
        if (args.length == 0) {
            return bundle.getString(key);
        }
        MessageFormat format = formats.computeIfAbsent(key, k -> new MessageFormat(bundle.getString(k), locale));
        synchronized (format) {
            return format.format(args);
        }
    }
}
