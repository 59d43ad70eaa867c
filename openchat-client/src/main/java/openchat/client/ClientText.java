package openchat.client;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/** The client's sentences in its language (resource bundles; Korean is the base bundle). */
final class ClientText {
    private final ResourceBundle bundle;
    private final Locale locale;

    ClientText(Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle(
                "openchat.client.messages",
                locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    String get(String key, Object... args) {
        String pattern = bundle.getString(key);
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }
}
