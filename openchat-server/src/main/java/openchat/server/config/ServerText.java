package openchat.server.config;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/** The server's user-facing sentences (console lines, answer bodies) in its language. */
public final class ServerText {
    private final ResourceBundle bundle;
    private final Locale locale;

    public ServerText(Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle(
                "openchat.server.messages",
                locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    public String get(String key, Object... args) {
        String pattern = bundle.getString(key);
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }
}
