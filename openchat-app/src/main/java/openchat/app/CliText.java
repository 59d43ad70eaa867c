package openchat.app;

import java.text.MessageFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ResourceBundle;
import openchat.server.config.Sentence;
import openchat.server.config.ServerText;

/**
 * The command line's own sentences (usage errors, config file refusals) in the chosen language, from
 * {@code openchat/app/messages*.properties}, loaded as the server's {@link ServerText} loads its catalog. The usage
 * help is picocli's, from {@code openchat/app/help*.properties} ({@link #help}).
 */
final class CliText {
    static final CliText KOREAN = new CliText(Language.ko);
    static final CliText ENGLISH = new CliText(Language.en);

    private final Language language;
    private final ResourceBundle bundle;

    private CliText(Language language) {
        this.language = language;
        this.bundle = bundle("openchat.app.messages", language.locale());
    }

    static CliText in(Language language) {
        return language == Language.en ? ENGLISH : KOREAN;
    }

    Language language() {
        return language;
    }

    /** The sentence at {@code key}; numbers are written as digits (a port is 22011, not 22,011). */
    String get(String key, Object... args) {
        String pattern = bundle.getString(key);
        if (args.length == 0) {
            return pattern.replace("''", "'");
        }
        Object[] plain = Arrays.stream(args)
                .map(arg -> arg instanceof Number ? String.valueOf(arg) : arg)
                .toArray();
        return new MessageFormat(pattern, language.locale()).format(plain);
    }

    /** A sentence of the server's catalog, in this language. */
    String said(Sentence sentence) {
        return sentence.in(ServerText.in(language.locale()));
    }

    /** A refusal of the client's TLS options (the client module words them in English), in this language. */
    String clientTls(String english) {
        for (String key : new String[] {"client.tlsNeedsTls", "client.tlsEither", "client.tlsFingerprint"}) {
            if (ENGLISH.get(key).equals(english)) {
                return get(key);
            }
        }
        return english;
    }

    /** picocli's usage help texts: headings, and the descriptions of the commands a user or operator runs. */
    ResourceBundle help() {
        return bundle("openchat.app.help", language.locale());
    }

    private static ResourceBundle bundle(String name, Locale locale) {
        return ResourceBundle.getBundle(
                name, locale, ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /**
     * The language the command line asks for: the value of the last {@code --lang X} or {@code --lang=X} before a
     * {@code --}, if it is one the product speaks. An unknown value is left to picocli, which refuses it (in Korean).
     */
    static Optional<Language> askedIn(List<String> args) {
        Optional<Language> asked = Optional.empty();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                break;
            }
            String value = null;
            if (arg.equals("--lang") && i + 1 < args.size()) {
                value = args.get(++i);
            } else if (arg.startsWith("--lang=")) {
                value = arg.substring("--lang=".length());
            }
            if (value != null) {
                String name = value.toLowerCase(Locale.ROOT);
                asked = Arrays.stream(Language.values())
                        .filter(l -> l.name().equals(name))
                        .findFirst();
            }
        }
        return asked;
    }
}
