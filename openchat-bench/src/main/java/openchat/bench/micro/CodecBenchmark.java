package openchat.bench.micro;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.TimeUnit;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpDecoder;
import openchat.protocol.OcpEncoder;
import openchat.protocol.OcpMessage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decode and encode of one MESSAGE event with a 100-byte body, the message a chat server sends most, and decode of
 * the SEND it receives most.
 * Run (docs/BENCHMARKS.md): {@code java -cp openchat-app/target/openchat.jar org.openjdk.jmh.Main Codec -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CodecBenchmark {
    private OcpMessage message;
    private ByteBuf encoded;
    private EmbeddedChannel decoding;
    private ByteBuf send;
    private EmbeddedChannel decodingSends;

    @Setup
    public void setUp() {
        message = OcpMessage.request(Methods.MESSAGE, "/rooms/lobby")
                .header(HeaderNames.FROM, "유저1")
                .header(HeaderNames.DATE, "2026-11-25T10:15:30.123+09:00")
                .header(HeaderNames.SEQ, 123456)
                .header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8)
                .body("x".repeat(100))
                .build();
        encoded = Unpooled.unreleasableBuffer(OcpEncoder.encode(ByteBufAllocator.DEFAULT, message));
        decoding = new EmbeddedChannel(new OcpDecoder());
        send = Unpooled.unreleasableBuffer(Unpooled.copiedBuffer(
                "SEND /rooms/lobby OCP/1.0\r\nContent-Length: 100\r\n\r\n" + "x".repeat(100),
                java.nio.charset.StandardCharsets.UTF_8));
        decodingSends = new EmbeddedChannel(new OcpDecoder());
    }

    @TearDown
    public void tearDown() {
        decoding.finishAndReleaseAll();
        decodingSends.finishAndReleaseAll();
    }

    @Benchmark
    public Object decode() {
        decoding.writeInbound(encoded.duplicate());
        return decoding.readInbound();
    }

    /** What the server decodes most: a SEND of one 100-byte line, as the bench's clients send it. */
    @Benchmark
    public Object decodeSend() {
        decodingSends.writeInbound(send.duplicate());
        return decodingSends.readInbound();
    }

    @Benchmark
    public int encode() {
        ByteBuf out = OcpEncoder.encode(ByteBufAllocator.DEFAULT, message);
        int size = out.readableBytes();
        out.release();
        return size;
    }
}
