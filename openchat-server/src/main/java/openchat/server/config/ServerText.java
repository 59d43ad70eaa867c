package openchat.server.config;

import java.text.MessageFormat;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import openchat.core.BanDuration;

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
     * The sentences in the language an {@code Accept-Language} value prefers, read as HTTP reads it (RFC 9110 12.5.4):
     * the ranges by their {@code q}-values, highest first (in the order written when equal), each matching the language
     * it begins with ({@code en-US} is English); {@code q=0} makes a language not acceptable, and {@code *} is any
     * language acceptable, this one first. These when none the server speaks (Korean, English) is acceptable, or when
     * the value is not a valid list of ranges.
     */
    public ServerText forAcceptLanguage(String acceptLanguage) {
        List<Locale.LanguageRange> ranges;
        try {
            ranges = Locale.LanguageRange.parse(acceptLanguage); // sorted by weight; lower case
        } catch (IllegalArgumentException notARangeList) {
            return this;
        }
        Set<String> refused = new HashSet<>();
        for (Locale.LanguageRange range : ranges) {
            if (range.getWeight() == 0) {
                refused.add(range.getRange());
            }
        }
        for (Locale.LanguageRange range : ranges) {
            if (range.getWeight() == 0) {
                break; // the rest are all refused
            }
            if (range.getRange().equals("*")) {
                return acceptable(locale.getLanguage(), refused) ? this : anyOtherThan(refused);
            }
            String language = range.getRange().split("-", 2)[0];
            if (acceptable(language, refused)) {
                ServerText spoken = language.equals(locale.getLanguage()) ? this : SPOKEN.get(language);
                if (spoken != null) {
                    return spoken;
                }
            }
        }
        return this;
    }

    private static boolean acceptable(String language, Set<String> refused) {
        return !refused.contains(language);
    }

    /** For {@code *}: a language the server speaks that is not refused, else these. */
    private ServerText anyOtherThan(Set<String> refused) {
        return SPOKEN.entrySet().stream()
                .filter(spoken -> acceptable(spoken.getKey(), refused))
                .sorted(Map.Entry.comparingByKey())
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(this);
    }

    /**
     * {@code lasting} in this language's words, for a person rather than an operator's command line: {@code 1시간 30분},
     * {@code 1 hour 30 minutes} (a ban's length, or what is left of it).
     */
    public String lasting(Duration lasting) {
        return BanDuration.words(lasting, (unit, count) -> get(UNIT_KEYS.get(unit), count, String.valueOf(count)));
    }

    /** The keys of {@link #lasting}'s words for each of {@link BanDuration#words}' units. */
    private static final Map<Character, String> UNIT_KEYS =
            Map.of('d', "age.days", 'h', "age.hours", 'm', "age.minutes", 's', "age.seconds");

    /**
     * The sentence {@code key} with {@code args} put in (MessageFormat). Without arguments it is not formatted, but a
     * quote written doubled, as a sentence with arguments needs it ({@code server''s}), still reads as one: a bundle's
     * sentences are written one way, whether a caller passes arguments or not (trial 14 read {@code room''s key}).
     */
    public String get(String key, Object... args) {
        if (args.length == 0) {
            return bundle.getString(key).replace("''", "'");
        }
        MessageFormat format = formats.computeIfAbsent(key, k -> new MessageFormat(bundle.getString(k), locale));
        synchronized (format) {
            return format.format(args);
        }
    }
}
