package openchat.server.irc;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import openchat.core.RoomNames;
import openchat.core.RoomView;

/**
 * What a {@code LIST} asks for, as ISUPPORT's {@code ELIST=MNU} says this server reads it: channels by name or by mask
 * ({@code #dev}, {@code #d*}, {@code #?ev}: M), none that a {@code !mask} fits (N), and by member count, more than
 * ({@code >2}) or fewer than ({@code <10}) so many (U), comma-separated, every condition holding at once (names and
 * masks: any of them). Names and masks compare as rooms do ({@link RoomNames#key}), so {@code #STUDY} and {@code #s*}
 * both find {@code #study}. Any other term (InspIRCd's {@code C>} and {@code T<} of creation and topic times, which
 * this server does not advertise) is ignored, as a server ignores what it does not support.
 */
final class IrcListFilter {
    private final List<Pattern> wanted = new ArrayList<>();
    private final List<Pattern> unwanted = new ArrayList<>();
    private long moreThan = -1;
    private long fewerThan = Long.MAX_VALUE;

    private IrcListFilter() {}

    /** The filter of LIST's first parameter; null (no parameter) lists every room. */
    static IrcListFilter of(String terms) {
        IrcListFilter filter = new IrcListFilter();
        if (terms == null) {
            return filter;
        }
        for (String term : terms.split(",")) {
            if (term.startsWith(">") || term.startsWith("<")) {
                filter.count(term);
            } else if (term.startsWith("!" + IrcNames.CHANNEL_PREFIX)) {
                filter.unwanted.add(pattern(term.substring(2)));
            } else if (term.startsWith(IrcNames.CHANNEL_PREFIX)) {
                filter.wanted.add(pattern(term.substring(1)));
            }
        }
        return filter;
    }

    private void count(String term) {
        long n;
        try {
            n = Long.parseLong(term.substring(1));
        } catch (NumberFormatException notACount) {
            return;
        }
        if (term.charAt(0) == '>') {
            moreThan = Math.max(moreThan, n);
        } else {
            fewerThan = Math.min(fewerThan, n);
        }
    }

    /** Whether {@code room} is listed. */
    boolean lists(RoomView room) {
        if (room.members() <= moreThan || room.members() >= fewerThan) {
            return false;
        }
        String key = RoomNames.key(room.name());
        if (unwanted.stream().anyMatch(p -> p.matcher(key).matches())) {
            return false;
        }
        return wanted.isEmpty() || wanted.stream().anyMatch(p -> p.matcher(key).matches());
    }

    /** A room's name or mask over room keys: each run between wildcards as {@link RoomNames#key} writes it. */
    private static Pattern pattern(String mask) {
        return IrcMasks.pattern(mask, (run, first) -> RoomNames.key(run));
    }
}
