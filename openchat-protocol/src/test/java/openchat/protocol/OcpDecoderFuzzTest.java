package openchat.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Jazzer fuzz test of the decoder. In the normal test run it replays the checked-in inputs under
 * {@code src/test/resources/openchat/protocol/OcpDecoderFuzzTestInputs}; with {@code JAZZER_FUZZ=1} it
 * fuzzes (see docs/SECURITY.md). Small limits, so the limit paths are reached often.
 */
class OcpDecoderFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void anyBytesInAnyPiecesDecodeToMessagesOrOneMalformedValue(FuzzedDataProvider data) {
        int pieces = data.consumeInt(1, 8);
        OcpDecoderConfig config = new OcpDecoderConfig(128, 64);
        EmbeddedChannel channel = new EmbeddedChannel(new OcpDecoder(config));
        EmbeddedChannel general = new EmbeddedChannel(OcpDecoder.withoutFastPath(config));
        List<Object> out = new ArrayList<>();
        List<Object> generalOut = new ArrayList<>();
        for (int i = 0; i < pieces; i++) {
            byte[] piece = i == pieces - 1 ? data.consumeRemainingAsBytes() : data.consumeBytes(data.consumeInt(0, 64));
            channel.writeInbound(Unpooled.copiedBuffer(piece)); // a decoder may compact a wrapped array in place
            general.writeInbound(Unpooled.copiedBuffer(piece));
            readAll(channel, out);
            readAll(general, generalOut);
        }
        channel.finishAndReleaseAll();
        general.finishAndReleaseAll();
        assertThat(out)
                .as("the fast path for requests decodes as the general parser does")
                .isEqualTo(generalOut);

        boolean ended = false;
        for (Object message : out) {
            assertThat(ended).as("nothing after an unrecoverable error").isFalse();
            if (message instanceof MalformedMessage bad) {
                assertThat(bad.status().code()).isBetween(400, 599);
                ended = !bad.recoverable();
            } else {
                OcpMessage ocp = (OcpMessage) message;
                assertThat(ocp.bodyLength()).isLessThanOrEqualTo(64);
                assertThat(ocp.headers().contains(HeaderNames.CONTENT_LENGTH)).isFalse();
            }
        }
    }

    private static void readAll(EmbeddedChannel channel, List<Object> into) {
        Object message;
        while ((message = channel.readInbound()) != null) {
            into.add(message);
        }
    }
}
