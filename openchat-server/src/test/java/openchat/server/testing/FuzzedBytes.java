package openchat.server.testing;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * How the pipeline fuzz targets feed their input to one connection. The input is plain wire bytes after one leading
 * byte that says into how many equal pieces they arrive (1-8), so a seed is the wire text itself and every split and
 * glue of it stays within reach of the mutator.
 */
public final class FuzzedBytes {
    private FuzzedBytes() {}

    /**
     * Writes {@code input}'s pieces to {@code fuzzed} while it stays open, runs both channels' tasks after each, and
     * hands {@code fuzzed} to {@code drain} to check and release what the server wrote. Anything that escapes the
     * pipeline is rethrown by {@code writeInbound}.
     */
    public static void feed(
            byte[] input, EmbeddedChannel fuzzed, EmbeddedChannel member, Consumer<EmbeddedChannel> drain) {
        int pieces = input.length == 0 ? 1 : 1 + (input[0] & 7);
        int from = Math.min(1, input.length);
        int size = Math.max(1, (input.length - from + pieces - 1) / pieces);
        for (int at = from; at < input.length && fuzzed.isOpen(); at += size) {
            byte[] piece = Arrays.copyOfRange(input, at, Math.min(input.length, at + size));
            fuzzed.writeInbound(Unpooled.wrappedBuffer(piece));
            fuzzed.runPendingTasks();
            member.runPendingTasks();
            drain.accept(fuzzed);
        }
    }
}
