package openchat.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Properties of the codec over many generated inputs, from fixed seeds so a failure can be replayed:
 * round trips, any split of a stream, and any bytes at all.
 */
class OcpPropertiesTest {
    private static final int RUNS = 500;
    private static final String TOKEN_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$%&'*+-.^_`|~";

    /** Any valid message, with Korean, emoji and ASCII in values and body. */
    static OcpMessage randomMessage(Random random) {
        OcpMessage.Builder builder = random.nextInt(4) == 0
                ? OcpMessage.response(new StatusLine(100 + random.nextInt(900), randomText(random, 12)))
                : OcpMessage.request(token(random), "/" + randomPath(random));
        int fields = random.nextInt(6);
        for (int i = 0; i < fields; i++) {
            builder.header(token(random) + i, randomText(random, 30));
        }
        if (random.nextBoolean()) {
            byte[] body = new byte[random.nextInt(300)];
            random.nextBytes(body);
            builder.body(body);
        }
        return builder.build();
    }

    private static String token(Random random) {
        StringBuilder s = new StringBuilder();
        int length = 1 + random.nextInt(10);
        for (int i = 0; i < length; i++) {
            s.append(TOKEN_CHARS.charAt(random.nextInt(TOKEN_CHARS.length())));
        }
        return s.toString();
    }

    private static String randomPath(Random random) {
        String[] parts = {"rooms", "lobby", "방", "a-b", "x.y", ""};
        return parts[random.nextInt(parts.length)] + (random.nextBoolean() ? "/" + parts[random.nextInt(5)] : "");
    }

    /** Text without controls and without white space at its ends (field values lose that as padding). */
    private static String randomText(Random random, int max) {
        String[] pieces = {"유저", "안녕", "😀", "a", "Z", " ", "\t", "=", ";", ":", "é", "채팅관리자"};
        StringBuilder s = new StringBuilder();
        int length = random.nextInt(max);
        for (int i = 0; i < length; i++) {
            s.append(pieces[random.nextInt(pieces.length)]);
        }
        return s.toString().strip();
    }

    private static byte[] encode(List<OcpMessage> messages) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (OcpMessage message : messages) {
            ByteBuf bytes = OcpEncoder.encode(ByteBufAllocator.DEFAULT, message);
            byte[] array = new byte[bytes.readableBytes()];
            bytes.readBytes(array);
            bytes.release();
            all.writeBytes(array);
        }
        return all.toByteArray();
    }

    private static List<Object> decodeInPieces(byte[] stream, int[] cuts) {
        return decodeInPieces(new OcpDecoder(new OcpDecoderConfig(8192, 4096)), stream, cuts);
    }

    private static List<Object> decodeInPieces(OcpDecoder decoder, byte[] stream, int[] cuts) {
        EmbeddedChannel channel = new EmbeddedChannel(decoder);
        int start = 0;
        for (int cut : cuts) {
            channel.writeInbound(Unpooled.wrappedBuffer(stream, start, cut - start));
            start = cut;
        }
        channel.writeInbound(Unpooled.wrappedBuffer(stream, start, stream.length - start));
        List<Object> out = new ArrayList<>();
        Object message;
        while ((message = channel.readInbound()) != null) {
            out.add(message);
        }
        channel.finishAndReleaseAll();
        return out;
    }

    @Test
    void anyValidMessageEncodesAndDecodesBackToItself() {
        Random random = new Random(20261125);
        for (int run = 0; run < RUNS; run++) {
            OcpMessage message = randomMessage(random);

            List<Object> decoded = decodeInPieces(encode(List.of(message)), new int[0]);

            assertThat(decoded).as("run %d: %s", run, message).containsExactly(message);
        }
    }

    @Test
    void anySplitOfAValidStreamDecodesToTheSameMessages() {
        Random random = new Random(42);
        for (int run = 0; run < RUNS; run++) {
            List<OcpMessage> messages = new ArrayList<>();
            int count = 1 + random.nextInt(5);
            for (int i = 0; i < count; i++) {
                messages.add(randomMessage(random));
            }
            byte[] stream = encode(messages);
            int[] cuts = random.ints(random.nextInt(8), 0, stream.length + 1)
                    .sorted()
                    .toArray();

            assertThat(decodeInPieces(stream, cuts))
                    .as("run %d, cuts %s", run, java.util.Arrays.toString(cuts))
                    .containsExactlyElementsOf(messages);
        }
    }

    @Test
    void anyBytesYieldMessagesAMalformedValueOrAWaitNeverAnException() {
        Random random = new Random(7);
        for (int run = 0; run < RUNS * 4; run++) {
            byte[] input = run % 2 == 0 ? mutated(random) : garbage(random);
            int[] cuts =
                    random.ints(random.nextInt(4), 0, input.length + 1).sorted().toArray();

            List<Object> out = decodeInPieces(input, cuts); // EmbeddedChannel rethrows anything that escapes

            int malformedAt = -1;
            for (int i = 0; i < out.size(); i++) {
                assertThat(out.get(i)).isInstanceOfAny(OcpMessage.class, MalformedMessage.class);
                if (out.get(i) instanceof MalformedMessage bad && !bad.recoverable()) {
                    malformedAt = i;
                    assertThat(bad.status().code()).isBetween(400, 599);
                }
            }
            if (malformedAt >= 0) {
                assertThat(out).as("nothing after an unrecoverable error").hasSize(malformedAt + 1);
            }
        }
    }

    private static byte[] garbage(Random random) {
        byte[] bytes = new byte[random.nextInt(200)];
        random.nextBytes(bytes);
        return bytes;
    }

    /** A valid stream with a few bytes flipped, dropped or repeated. */
    private static byte[] mutated(Random random) {
        byte[] valid = encode(List.of(randomMessage(random), randomMessage(random)));
        if (valid.length == 0) {
            return valid;
        }
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits; i++) {
            int at = random.nextInt(valid.length);
            switch (random.nextInt(3)) {
                case 0 -> valid[at] = (byte) random.nextInt(256);
                case 1 -> valid[at] =
                        "\r\n: \0".getBytes(java.nio.charset.StandardCharsets.US_ASCII)[random.nextInt(5)];
                default -> valid = java.util.Arrays.copyOf(valid, Math.max(1, at));
            }
        }
        return valid;
    }

    @Test
    void theFastPathForRequestsAndTheGeneralParserDecodeAnyBytesAlike() {
        Random random = new Random(20261201);
        OcpDecoderConfig config = new OcpDecoderConfig(8192, 300);
        List<byte[]> inputs = new ArrayList<>();
        for (int run = 0; run < RUNS * 4; run++) {
            inputs.add(
                    switch (run % 4) {
                        case 0 -> mutated(random);
                        case 1 -> requestVariants(random);
                        case 2 -> mutatedRequests(random);
                        default -> garbage(random);
                    });
        }
        for (int run = 0; run < inputs.size(); run++) {
            byte[] input = inputs.get(run);
            int[] cuts =
                    random.ints(random.nextInt(4), 0, input.length + 1).sorted().toArray();

            // Each decoder gets its own copy: a decoder may compact a wrapped array in place.
            List<Object> fast = decodeInPieces(new OcpDecoder(config), input.clone(), cuts);
            List<Object> general = decodeInPieces(OcpDecoder.withoutFastPath(config), input.clone(), cuts);

            assertThat(fast)
                    .as(
                            "run %d, cuts %s: %s",
                            run,
                            java.util.Arrays.toString(cuts),
                            new String(input, java.nio.charset.StandardCharsets.UTF_8)
                                    .replace("\r", "\\r")
                                    .replace("\n", "\\n"))
                    .isEqualTo(general);
        }
    }

    /**
     * Requests as clients write them and as they might: one room or several (the fast path reuses the previous
     * request line), CRLF or LF, any case of Content-Length, padding, fields the general parser strips or refuses.
     */
    private static byte[] requestVariants(Random random) {
        String[] startLines = {
            "SEND /rooms/lobby OCP/1.0",
            "SEND /rooms/방 OCP/1.0",
            "SEND /rooms/lobby OCP/1.1",
            "SEND  /rooms/lobby OCP/1.0",
            "SEND /rooms/lobby OCP/1.0 ",
            "PING / OCP/1.0",
            "OCP/1.0 200 OK",
            "S\u00c9ND / OCP/1.0",
            "SEND rooms OCP/1.0",
            "SEND /rooms/lo\u007fbby OCP/1.0",
            "SEND /rooms/lobby OCP/1.0\r",
            "SEND /rooms/\u00ff OCP/1.0"
        };
        String[] fields = {
            "Content-Length: %d",
            "content-length:%d",
            "CONTENT-LENGTH: \t%d\t",
            "Content-Length: +%d",
            "Content-Length: %d0",
            "Content-Length: 99999999999999999999",
            "Request-Id: r-%d",
            "Request-Id:  a b ",
            "Content-Type: text/plain; charset=utf-8",
            "X-Note: 유저 %d",
            "X-Note: 유저\u3000",
            "X-Note: \u000bx",
            "X-Note: a\u0001b",
            "X-Empty:",
            "Transfer-Encoding: chunked",
            " folded: x",
            "No-Colon",
            ": empty-name",
            "Bad Name: x",
            "To: 채팅관리자",
            "X-Bad-Utf8: a\u00ffb"
        };
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int requests = 1 + random.nextInt(4);
        for (int r = 0; r < requests; r++) {
            int bodyLength = random.nextInt(40);
            String eol = random.nextBoolean() ? "\r\n" : "\n";
            StringBuilder head =
                    new StringBuilder(startLines[random.nextInt(random.nextInt(3) == 0 ? startLines.length : 2)]);
            head.append(eol);
            int count = random.nextInt(4);
            for (int i = 0; i < count; i++) {
                String field = fields[random.nextInt(random.nextInt(3) == 0 ? fields.length : 8)];
                head.append(field.contains("%d") ? String.format(java.util.Locale.ROOT, field, bodyLength) : field);
                head.append(eol);
            }
            head.append(eol);
            byte[] bytes = head.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            for (int i = 0; i + 1 < bytes.length; i++) {
                if (bytes[i] == (byte) 0xc3 && bytes[i + 1] == (byte) 0xbf) { // ÿ: made invalid UTF-8
                    bytes[i] = (byte) 0xff;
                    bytes[i + 1] = 'x';
                }
            }
            out.writeBytes(bytes);
            out.writeBytes("x".repeat(bodyLength).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }

    private static byte[] mutatedRequests(Random random) {
        byte[] valid = requestVariants(random);
        if (valid.length == 0) {
            return valid;
        }
        int at = random.nextInt(valid.length);
        valid[at] = "\r\n: \t\u000b".getBytes(java.nio.charset.StandardCharsets.US_ASCII)[random.nextInt(6)];
        return valid;
    }
}
