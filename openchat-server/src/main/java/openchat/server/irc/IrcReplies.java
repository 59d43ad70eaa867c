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
    /** The server's name, the source of the lines this adds. */
    private final String server;

    IrcReplies(String server) {
        this.server = server;
    }

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
            return List.of(new IrcMessage(labelTag, server, "ACK", List.of()));
        }
        if (lines.size() == 1) {
            return List.of(lines.get(0).withTags(labelTag));
        }
        String id = newBatchId();
        List<IrcMessage> batch = new ArrayList<>(lines.size() + 2);
        batch.add(batchStart(id, label, server));
        batch.addAll(finishIn(id));
        return batch;
    }

    /**
     * The lines to write when the answer's {@code labeled-response} batch {@code id} was opened already (by the
     * command's echo, see IrcSession): each in the batch, then the batch's end.
     */
    List<IrcMessage> finishIn(String id) {
        List<IrcMessage> batch = new ArrayList<>(lines.size() + 1);
        for (IrcMessage line : lines) {
            batch.add(inBatch(line, id));
        }
        batch.add(IrcMessage.of(server, "BATCH", "-" + id));
        return batch;
    }

    static String newBatchId() {
        return "r" + BATCH_IDS.incrementAndGet();
    }

    /** The start of a {@code labeled-response} batch: the one line of the answer that carries the label. */
    static IrcMessage batchStart(String id, String label, String server) {
        return IrcMessage.of(server, "BATCH", "+" + id, "labeled-response").withTags(Map.of("label", label));
    }

    /** {@code line} in batch {@code id}; a line inside a nested batch (a CHATHISTORY page) keeps its own. */
    static IrcMessage inBatch(IrcMessage line, String id) {
        return line.tags().containsKey("batch") ? line : line.withTags(Map.of("batch", id));
    }
}
