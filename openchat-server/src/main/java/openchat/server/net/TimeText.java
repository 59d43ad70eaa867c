package openchat.server.net;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * A time as one protocol writes it, formatted once per distinct time. Events come hundreds to a millisecond under
 * load and the core gives every event of one millisecond the same time, so most events reuse the last text. The
 * triple is immutable: a thread that reads an older one only formats again.
 */
public final class TimeText {
    private static final class Formatted {
        final OffsetDateTime at;
        final String text;
        final byte[] ascii;

        Formatted(OffsetDateTime at, String text) {
            this.at = at;
            this.text = text;
            this.ascii = text.getBytes(StandardCharsets.US_ASCII);
        }
    }

    private final DateTimeFormatter format;
    private volatile Formatted last; // null until the first time

    /**
     * {@code format} also fixes the offset the text is in (say, UTC), if it gives one; it must write ASCII only
     * (digits, Latin letters, punctuation), as the protocols' time formats do.
     */
    public TimeText(DateTimeFormatter format) {
        this.format = format;
    }

    public String of(OffsetDateTime at) {
        return formatted(at).text;
    }

    /** The text's bytes, for a line written straight to bytes; shared, so never to be changed. */
    public byte[] asciiOf(OffsetDateTime at) {
        return formatted(at).ascii;
    }

    private Formatted formatted(OffsetDateTime at) {
        Formatted seen = last;
        if (seen == null || !seen.at.equals(at)) {
            seen = new Formatted(at, format.format(at));
            last = seen;
        }
        return seen;
    }
}
