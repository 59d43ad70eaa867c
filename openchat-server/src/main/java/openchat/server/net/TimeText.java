package openchat.server.net;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * A time as one protocol writes it, formatted once per distinct time. Events come hundreds to a millisecond under
 * load and the core gives every event of one millisecond the same time, so most events reuse the last text. The
 * pair is immutable: a thread that reads an older one only formats again.
 */
public final class TimeText {
    private record Formatted(OffsetDateTime at, String text) {}

    private final DateTimeFormatter format;
    private volatile Formatted last; // null until the first time

    /** {@code format} also fixes the offset the text is in (say, UTC), if it gives one. */
    public TimeText(DateTimeFormatter format) {
        this.format = format;
    }

    public String of(OffsetDateTime at) {
        Formatted seen = last;
        if (seen == null || !seen.at().equals(at)) {
            seen = new Formatted(at, format.format(at));
            last = seen;
        }
        return seen.text();
    }
}
