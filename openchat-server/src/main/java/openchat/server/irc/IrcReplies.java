package openchat.server.irc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The lines that answer one client command, gathered so that they leave together, and labelled as
 * {@code labeled-response} asks when the client sent a {@code label}: none is acknowledged with {@code ACK}, one
 * carries the label, several go in a {@code labeled-response} batch whose start carries it.
 */
final class IrcReplies {
    private static final AtomicLong BATCH_IDS = new AtomicLong();

    private final List<IrcMessage> lines = new ArrayList<>();

    void add(IrcMessage line) {
        lines.add(line);
    }

    void addAll(List<IrcMessage> more) {
        lines.addAll(more);
    }

    boolean isEmpty() {
        return lines.isEmpty();
    }

    /** The lines to write: as gathered, or labelled for {@code label} (null: none asked for). */
    List<IrcMessage> finish(String label) {
        if (label == null) {
            return lines;
        }
        Map<String, String> labelTag = Map.of("label", label);
        if (lines.isEmpty()) {
            return List.of(new IrcMessage(labelTag, IrcNames.SERVER, "ACK", List.of()));
        }
        if (lines.size() == 1) {
            return List.of(lines.get(0).withTags(labelTag));
        }
        String id = "r" + BATCH_IDS.incrementAndGet();
        List<IrcMessage> batch = new ArrayList<>(lines.size() + 2);
        batch.add(IrcMessage.of(IrcNames.SERVER, "BATCH", "+" + id, "labeled-response")
                .withTags(labelTag));
        for (IrcMessage line : lines) {
            // A line inside a nested batch (a CHATHISTORY page) keeps its own; the nested batch's ends get ours.
            batch.add(line.tags().containsKey("batch") ? line : line.withTags(Map.of("batch", id)));
        }
        batch.add(IrcMessage.of(IrcNames.SERVER, "BATCH", "-" + id));
        return batch;
    }
}
