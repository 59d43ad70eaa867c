package openchat.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;

/**
 * The promise the load tests check: a member receives every accepted message of every other sender exactly
 * once, in the order it was sent, with Seq strictly increasing. Bodies are {@code sender:counter}.
 */
public final class Deliveries {
    private Deliveries() {}

    /**
     * @param me       the receiving member's name (its own messages must not come back)
     * @param events   everything it received, in order
     * @param accepted per sender, the counters the server accepted, in sending order
     */
    public static void assertEachAcceptedOnceInOrder(
            String me, List<OcpMessage> events, Map<String, List<Integer>> accepted) {
        Map<String, List<Integer>> received = new HashMap<>();
        long lastSeq = 0;
        for (OcpMessage event : events) {
            if (event.header(HeaderNames.SEQ).isPresent()) {
                long seq = Long.parseLong(event.header(HeaderNames.SEQ).get());
                assertThat(seq).as("%s: Seq strictly increasing", me).isGreaterThan(lastSeq);
                lastSeq = seq;
            }
            if (event.method().equals(Methods.MESSAGE)) {
                String[] parts = event.bodyText().split(":");
                assertThat(event.header(HeaderNames.FROM)).contains(parts[0]);
                received.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(Integer.parseInt(parts[1]));
            }
        }
        assertThat(received).as("%s receives nothing of its own", me).doesNotContainKey(me);
        for (Map.Entry<String, List<Integer>> sender : accepted.entrySet()) {
            if (!sender.getKey().equals(me)) {
                assertThat(received.getOrDefault(sender.getKey(), List.of()))
                        .as("%s got %s's accepted messages once each, in order", me, sender.getKey())
                        .containsExactlyElementsOf(sender.getValue());
            }
        }
        assertThat(accepted.keySet()).as("%s got only accepted messages", me).containsAll(received.keySet());
    }

    /** How many chat messages are among {@code events}. */
    public static int messages(List<OcpMessage> events) {
        return (int)
                events.stream().filter(m -> m.method().equals(Methods.MESSAGE)).count();
    }
}
