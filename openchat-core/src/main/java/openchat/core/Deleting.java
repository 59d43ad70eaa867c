package openchat.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** Which of a room's stored messages a {@link Deletion} takes, read from its history newest first. */
final class Deleting {
    /** A page of one room's history: up to {@code limit} messages with {@code seq < before}, the newest, ascending. */
    @FunctionalInterface
    interface Pages {
        List<StoredMessage> before(long before, int limit);
    }

    private Deleting() {}

    /**
     * The messages {@code what} takes, ascending, at most {@link CoreConfig#MAX_DELETED} (the newest); empty when none
     * fits. By name: the messages whose sender is that name (as names match: {@link Names#key}) sent since {@code now}
     * minus the deletion's reach.
     */
    static List<StoredMessage> matching(Deletion what, Pages pages, Instant now) {
        return matching(what, List.of(), pages, now);
    }

    /**
     * {@link #matching}, a deletion by name also taking the messages sent under {@code formerKeys}: the names a member
     * connected under that name went by before (its {@link Member#formerKeys}).
     */
    static List<StoredMessage> matching(Deletion what, List<String> formerKeys, Pages pages, Instant now) {
        if (what.seq().isPresent()) {
            long seq = what.seq().get();
            List<StoredMessage> page = pages.before(seq + 1, 1);
            return page.isEmpty() || page.get(0).seq() != seq ? List.of() : page;
        }
        Set<String> keys = new HashSet<>(formerKeys);
        keys.add(Names.key(what.from().orElseThrow()));
        Duration within = what.within().orElseThrow();
        // Any reach past the epoch is all of the history (and Instant's range ends near a billion years).
        Instant since = within.compareTo(Duration.between(Instant.EPOCH, now)) >= 0 ? Instant.EPOCH : now.minus(within);
        List<StoredMessage> found = new ArrayList<>();
        int pageSize = CoreConfig.MAX_HISTORY_PAGE;
        long before = Long.MAX_VALUE;
        reading:
        while (found.size() < CoreConfig.MAX_DELETED) {
            List<StoredMessage> page = pages.before(before, pageSize);
            for (int i = page.size() - 1; i >= 0; i--) {
                StoredMessage message = page.get(i);
                if (message.at().toInstant().isBefore(since)) {
                    break reading;
                }
                if (keys.contains(Names.key(message.from()))) {
                    found.add(message);
                    if (found.size() == CoreConfig.MAX_DELETED) {
                        break reading;
                    }
                }
            }
            if (page.size() < pageSize) {
                break;
            }
            before = page.get(0).seq();
        }
        Collections.reverse(found);
        return found;
    }

    /**
     * The keys of the names the member connected under a deletion's name went by before ({@link Member#formerKeys});
     * none for a deletion by Seq, or a name no member here holds. {@code connected}: a member by its name's key.
     */
    static List<String> formerKeys(Deletion what, Function<String, ? extends Member<?>> connected) {
        Member<?> named =
                what.from().map(name -> connected.apply(Names.key(name))).orElse(null);
        return named == null ? List.of() : named.formerKeys();
    }

    /**
     * Of {@code found} (what {@code what} matched), those numbered above {@code above} ({@link Room#deletableAbove}):
     * refuses {@code NO_SUCH_MESSAGE} when nothing matched, and {@code SENT_BEFORE_JOINED} when all that matched was
     * sent before the deleter may reach.
     */
    static List<StoredMessage> allowed(List<StoredMessage> found, long above, Deletion what) {
        if (found.isEmpty()) {
            throw Refusal.of(Refusal.Reason.NO_SUCH_MESSAGE, what.subject());
        }
        List<StoredMessage> allowed =
                found.stream().filter(message -> message.seq() > above).toList();
        if (allowed.isEmpty()) {
            throw Refusal.of(Refusal.Reason.SENT_BEFORE_JOINED, what.subject());
        }
        return allowed;
    }

    /**
     * The event telling a room its messages {@code deleted} (not empty, ascending) are gone; {@code passedOver}: how
     * many more fitted but were sent before the deleter may reach.
     */
    static ChatEvent.Deleted event(
            String room,
            Member<?> by,
            List<StoredMessage> deleted,
            int passedOver,
            java.time.OffsetDateTime at,
            String reason) {
        return new ChatEvent.Deleted(
                room,
                by.name(),
                deleted.get(0).from(),
                deleted.stream().map(StoredMessage::seq).toList(),
                at,
                reason,
                deleted.get(0).at(),
                deleted.get(deleted.size() - 1).at(),
                passedOver);
    }
}
