package openchat.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generator's framing of what servers send, byte by byte, on an {@link EmbeddedChannel}. */
class WireProtocolTest {
    private static final String MESSAGE = "MESSAGE /rooms/lobby OCP/1.0\r\n"
            + "From: bench-1\r\n"
            + "Date: 2026-12-02T18:00:00.123Z\r\n"
            + "Seq: 8\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n"
            + "Content-Length: 5\r\n"
            + "\r\n"
            + "hello";

    /** What the receiver heard, one string per call. */
    private static final class Heard implements WireProtocol.Receiver {
        final List<String> calls = new ArrayList<>();

        @Override
        public void joined() {
            calls.add("joined");
        }

        @Override
        public void refused(String why) {
            calls.add("refused " + why);
        }

        @Override
        public void throttled(String answer) {
            calls.add("throttled " + answer);
        }

        @Override
        public void chat(ByteBuf buffer, int from, int to) {
            calls.add("chat " + buffer.toString(from, to - from, StandardCharsets.UTF_8));
        }
    }

    private static EmbeddedChannel channel(WireProtocol.Kind kind, Heard heard) {
        EmbeddedChannel channel = new EmbeddedChannel();
        WireProtocol.of(kind).configure(channel.pipeline(), heard);
        return channel;
    }

    private static ByteBuf bytes(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }

    private static String written(EmbeddedChannel channel) {
        ByteBuf out = channel.readOutbound();
        try {
            return out.toString(StandardCharsets.UTF_8);
        } finally {
            out.release();
        }
    }

    @Test
    void ocpMessageBodyIsHandedOverByItsContentLength() {
        Heard heard = new Heard();
        EmbeddedChannel channel = channel(WireProtocol.Kind.ocp, heard);

        channel.writeInbound(bytes(MESSAGE + MESSAGE.replace("hello", "world")));

        assertThat(heard.calls).containsExactly("chat hello", "chat world");
    }

    @Test
    void ocpMessageSplitAtEveryByteIsHandedOverOnceWhole() {
        byte[] frame = MESSAGE.getBytes(StandardCharsets.UTF_8);
        for (int split = 1; split < frame.length; split++) {
            Heard heard = new Heard();
            EmbeddedChannel channel = channel(WireProtocol.Kind.ocp, heard);

            channel.writeInbound(Unpooled.wrappedBuffer(frame, 0, split));
            channel.writeInbound(Unpooled.wrappedBuffer(frame, split, frame.length - split));

            assertThat(heard.calls).as("split at %d", split).containsExactly("chat hello");
        }
    }

    @Test
    void ocpHeaderNamesAreReadInAnyCaseAndOrder() {
        Heard heard = new Heard();
        EmbeddedChannel channel = channel(WireProtocol.Kind.ocp, heard);

        channel.writeInbound(bytes(
                "MESSAGE /rooms/lobby OCP/1.0\ncontent-length:  7\nCONTENT-TYPE: text/plain\nFrom: b\n\nhello!!"));

        assertThat(heard.calls).containsExactly("chat hello!!");
    }

    @Test
    void ocpMessageReplayedFromHistoryIsNotMeasured() {
        Heard heard = new Heard();
        EmbeddedChannel channel = channel(WireProtocol.Kind.ocp, heard);

        channel.writeInbound(bytes(MESSAGE.replace("Seq: 8\r\n", "Seq: 8\r\nhistory: true\r\n") + MESSAGE));

        assertThat(heard.calls).containsExactly("chat hello");
    }

    @Test
    void ocpEventsBesideMessagesAreSkippedWithTheirBodies() {
        Heard heard = new Heard();
        EmbeddedChannel channel = channel(WireProtocol.Kind.ocp, heard);

        channel.writeInbound(bytes("JOINED /rooms/lobby OCP/1.0\r\nName: x\r\nContent-Length: 3\r\n\r\nabc" + MESSAGE));

        assertThat(heard.calls).containsExactly("chat hello");
    }

    @Test
    void ocpJoinThenThrottleThenPingAreAnswered() {
        Heard heard = new Heard();
        EmbeddedChannel channel = channel(WireProtocol.Kind.ocp, heard);

        channel.writeInbound(bytes("OCP/1.0 200 OK\r\nMembers: 1\r\n\r\n"));
        channel.writeInbound(bytes("PING / OCP/1.0\r\n\r\n"));
        channel.writeInbound(bytes("OCP/1.0 429 Too Many Requests\r\nRetry-After: 2\r\nContent-Length: 4\r\n\r\nslow"));

        assertThat(heard.calls)
                .containsExactly("joined", "throttled \"OCP/1.0 429 Too Many Requests\" (Retry-After: 2)");
        assertThat(written(channel)).isEqualTo("OCP/1.0 200 OK\r\n\r\n");
    }

    @Test
    void ocpRefusedJoinSaysWhy() {
        Heard heard = new Heard();
        EmbeddedChannel channel = channel(WireProtocol.Kind.ocp, heard);

        channel.writeInbound(bytes("OCP/1.0 409 Conflict\r\nContent-Length: 9\r\n\r\nname used"));

        assertThat(heard.calls).containsExactly("refused OCP/1.0 409 Conflict name used");
    }

    @Test
    void ircPrivmsgTextIsHandedOverInAnyCase() {
        Heard heard = new Heard();
        EmbeddedChannel channel = channel(WireProtocol.Kind.irc, heard);

        channel.writeInbound(
                bytes(":a!a@h PRIVMSG #bench :hello\r\n:b!b@h privmsg #bench :world\n:c NOTICE x :no\r\n"));

        assertThat(heard.calls).containsExactly("chat hello", "chat world");
    }

    @Test
    void ircWelcomeJoinsAndPingIsAnswered() {
        Heard heard = new Heard();
        EmbeddedChannel channel = channel(WireProtocol.Kind.irc, heard);

        channel.writeInbound(bytes(":srv 001 me :Welcome\r\n"));
        assertThat(written(channel)).isEqualTo("JOIN #bench\r\n");
        channel.writeInbound(bytes(":srv 366 me #bench :End of /NAMES list.\r\nPING :srv\r\n"));

        assertThat(written(channel)).isEqualTo("PONG :srv\r\n");
        assertThat(heard.calls).containsExactly("joined");
    }

    @Test
    void asciiWordIsEightLowerCaseBytes() {
        assertThat(AsciiWord.of("privmsg ")).isEqualTo(0x7072_6976_6d73_6720L);
        assertThatThrownBy(() -> AsciiWord.of("PRIVMSG ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AsciiWord.of("short")).isInstanceOf(IllegalArgumentException.class);
    }
}
