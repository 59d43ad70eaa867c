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

    /** {@code lasting} in the reader's words: {@code 1시간 30분}, {@code 1 h 30 min}. */
    String lasting(java.time.Duration lasting) {
        return openchat.core.BanDuration.words(lasting, (unit, count) -> get("duration." + unit, Long.toString(count)));
    }

    String get(String key, Object... args) {
        String pattern = bundle.getString(key);
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }
}
