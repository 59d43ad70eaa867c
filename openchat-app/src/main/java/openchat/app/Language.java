package openchat.app;

import java.util.Locale;

/** The languages of user-facing text: {@code --lang ko|en}. */
public enum Language {
    ko(Locale.KOREAN),
    en(Locale.ENGLISH);

    private final Locale locale;

    Language(Locale locale) {
        this.locale = locale;
    }

    public Locale locale() {
        return locale;
    }
}
