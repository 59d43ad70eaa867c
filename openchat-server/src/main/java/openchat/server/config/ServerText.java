package openchat.server.config;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The server's user-facing sentences (console lines, answer bodies) in its language. */
public final class ServerText {
    /** The languages the server speaks, each made once. */
    private static final Map<String, ServerText> SPOKEN =
            Map.of("ko", new ServerText(Locale.KOREAN), "en", new ServerText(Locale.ENGLISH));

    private final ResourceBundle bundle;
    private final Locale locale;
    /**
     * Each sentence's pattern parsed once (every join and console line needs one). A {@link MessageFormat} is not
     * thread-safe: formatting holds its monitor, which the event loops rarely contend for.
     */
    private final ConcurrentMap<String, MessageFormat> formats = new ConcurrentHashMap<>();

    /** The sentences in {@code locale}'s language if the server speaks it, else in Korean; each made once. */
    public static ServerText in(Locale locale) {
        ServerText spoken = SPOKEN.get(locale.getLanguage());
        return spoken != null ? spoken : SPOKEN.get("ko");
    }

    public ServerText(Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle(
                "openchat.server.messages",
                locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /**
     * The sentences in the first language of an {@code Accept-Language} value that the server speaks (Korean or
     * English: {@code en-US,en;q=0.9} is English), else these.
     */
    public ServerText forAcceptLanguage(String acceptLanguage) {
        for (String range : acceptLanguage.split(",")) {
            String tag = range.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            String language = tag.split("-", 2)[0];
            if (language.equals(locale.getLanguage())) {
                return this;
            }
            ServerText other = SPOKEN.get(language);
            if (other != null) {
                return other;
            }
        }
        return this;
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
