package openchat.client;

import java.util.Optional;
import openchat.protocol.OcpMessage;

/** Numeric header fields (Seq, Count, Retry-After) read leniently: a value that is no number counts as absent. */
final class Numbers {
    private Numbers() {}

    static Optional<Long> header(OcpMessage message, String name) {
        return message.header(name).flatMap(value -> {
            try {
                return Optional.of(Long.parseLong(value.strip()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }
}
