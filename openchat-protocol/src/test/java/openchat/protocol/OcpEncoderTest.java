package openchat.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OcpEncoderTest {

    private static String written(OcpMessage message) {
        EmbeddedChannel channel = new EmbeddedChannel(new OcpEncoder());
        channel.writeOutbound(message);
        ByteBuf out = channel.readOutbound();
        try {
            return out.toString(StandardCharsets.UTF_8);
        } finally {
            out.release();
            assertThat(channel.finish()).isFalse();
        }
    }

    @Test
    void requestWithABodyGetsItsContentLengthInUtf8Bytes() {
        OcpMessage message = OcpMessage.request("SEND", "/rooms/lobby")
                .header("Content-Type", "text/plain; charset=utf-8")
                .body("안녕하세요")
                .build();

        assertThat(written(message))
                .isEqualTo("SEND /rooms/lobby OCP/1.0\r\n"
                        + "Content-Type: text/plain; charset=utf-8\r\n"
                        + "Content-Length: 15\r\n"
                        + "\r\n"
                        + "안녕하세요");
    }

    @Test
    void decimalsPutIntoAnArrayAreTheirDigitsAndSayWhereTheyEnd() {
        byte[] into = "..........................".getBytes(StandardCharsets.US_ASCII);
        int end = OcpEncoder.putDecimal(into, 1, 0);
        end = OcpEncoder.putDecimal(into, end, 9);
        end = OcpEncoder.putDecimal(into, end, 10);
        end = OcpEncoder.putDecimal(into, end, Long.MAX_VALUE);
        assertThat(new String(into, 0, end + 1, StandardCharsets.US_ASCII)).isEqualTo(".0910" + Long.MAX_VALUE + ".");
        assertThat(end).isEqualTo(5 + 19);
    }

    @Test
    void decimalsAroundEveryPowerOfTenAndTheIntBoundAreTheirDigits() {
        List<Long> values = new ArrayList<>(List.of(
                (long) Integer.MAX_VALUE - 1,
                (long) Integer.MAX_VALUE,
                (long) Integer.MAX_VALUE + 1,
                Long.MAX_VALUE - 1));
        for (long power = 1; ; power *= 10) { // 1 to 10^18: the last below Long.MAX_VALUE
            values.addAll(List.of(power - 1, power, power + 1));
            if (power > Long.MAX_VALUE / 10) {
                break;
            }
        }
        for (long value : values) {
            byte[] into = new byte[21];
            int end = OcpEncoder.putDecimal(into, 1, value);
            assertThat(new String(into, 1, end - 1, StandardCharsets.US_ASCII))
                    .as("%d", value)
                    .isEqualTo(Long.toString(value));
            ByteBuf out = Unpooled.buffer();
            OcpEncoder.writeDecimal(out, value);
            assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo(Long.toString(value));
            out.release();
        }
    }

    @Test
    void requestWithoutABodyHasNoContentLength() {
        OcpMessage message = OcpMessage.request("CONNECT", "/rooms/lobby")
                .header("Name", "유저1")
                .build();

        assertThat(written(message)).isEqualTo("CONNECT /rooms/lobby OCP/1.0\r\nName: 유저1\r\n\r\n");
    }

    @Test
    void responseStartsWithTheStatusLine() {
        OcpMessage message = OcpMessage.response(Status.SERVICE_UNAVAILABLE)
                .header("Members", 5)
                .header("Capacity", 5)
                .body("full")
                .build();

        assertThat(written(message))
                .isEqualTo("OCP/1.0 503 Service Unavailable\r\n"
                        + "Members: 5\r\nCapacity: 5\r\nContent-Length: 4\r\n\r\nfull");
    }

    @Test
    void whatIsEncodedDecodesBackToTheSameMessage() {
        OcpMessage[] messages = {
            OcpMessage.request("MESSAGE", "/rooms/lobby")
                    .header("From", "채팅관리자")
                    .header("Date", "2026-11-25T10:15:30.123+09:00")
                    .header("Seq", 7)
                    .body("공지 😀\n둘째 줄")
                    .build(),
            OcpMessage.response(Status.OK).header("Request-Id", "1").build(),
            OcpMessage.request("PING", "/").build()
        };
        EmbeddedChannel channel = new EmbeddedChannel(new OcpDecoder());
        for (OcpMessage message : messages) {
            ByteBuf bytes = OcpEncoder.encode(ByteBufAllocator.DEFAULT, message);
            channel.writeInbound(bytes);
            assertThat((Object) channel.readInbound()).isEqualTo(message);
        }
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void encodeOnceGivesABufferTheCallerOwns() {
        ByteBuf bytes = OcpEncoder.encode(
                ByteBufAllocator.DEFAULT, OcpMessage.request("PING", "/").build());

        assertThat(bytes.refCnt()).isEqualTo(1);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("PING / OCP/1.0\r\n\r\n");
        bytes.release();
    }

    @Test
    void preEncodedBytesPassThroughUntouched() {
        EmbeddedChannel channel = new EmbeddedChannel(new OcpEncoder());
        ByteBuf frame = Unpooled.copiedBuffer("PING / OCP/1.0\r\n\r\n", StandardCharsets.UTF_8);

        channel.writeOutbound(frame);

        ByteBuf out = channel.readOutbound();
        assertThat(out).isSameAs(frame);
        out.release();
        assertThat(channel.finish()).isFalse();
    }
}
