package openchat.server.history;

import java.time.Instant;
import java.util.List;

/**
 * Delete the messages of these rooms older than {@code oldestKept} ({@code --history-max-age}): queued to the writer
 * by the store's sweeps, so that the deletion is one more write on the one writing connection, in order with the
 * messages around it.
 */
record Expiry(List<String> roomKeys, Instant oldestKept) {
    Expiry {
        roomKeys = List.copyOf(roomKeys);
    }
}
