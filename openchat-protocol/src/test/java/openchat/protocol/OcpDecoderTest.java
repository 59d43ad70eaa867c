package openchat.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import openchat.protocol.MalformedMessage.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The decoder byte by byte: framing, splits, limits and every malformed case. */
class OcpDecoderTest {
    private static final String SEND = "SEND /rooms/lobby OCP/1.0\r\n"
            + "From: 유저1\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n"
            + "Content-Length: 15\r\n"
            + "\r\n"
            + "안녕하세요";

    private static final OcpMessage SEND_MESSAGE = OcpMessage.request("SEND", "/rooms/lobby")
            .header("From", "유저1")
            .header("Content-Type", "text/plain; charset=utf-8")
            .body("안녕하세요")
            .build();

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static EmbeddedChannel channel() {
        return new EmbeddedChannel(new OcpDecoder());
    }

    private static EmbeddedChannel channel(int maxHeader, int maxBody) {
        return new EmbeddedChannel(new OcpDecoder(new OcpDecoderConfig(maxHeader, maxBody)));
    }

    private static List<Object> decode(EmbeddedChannel channel, byte[]... chunks) {
        for (byte[] chunk : chunks) {
            channel.writeInbound(Unpooled.wrappedBuffer(chunk));
        }
        List<Object> out = new ArrayList<>();
        Object message;
        while ((message = channel.readInbound()) != null) {
            out.add(message);
        }
        return out;
    }

    private static MalformedMessage malformed(String input) {
        EmbeddedChannel channel = channel();
        List<Object> out = decode(channel, bytes(input));
        assertThat(out)
                .as("decoded %s", input.replace("\r", "\\r").replace("\n", "\\n"))
                .hasSize(1);
        assertThat(out.get(0)).isInstanceOf(MalformedMessage.class);
        channel.finishAndReleaseAll();
        return (MalformedMessage) out.get(0);
    }

    /** Every fault, the bytes that cause it (as ISO 8859-1, so that one case can hold bytes that are not UTF-8). */
    static List<Arguments> faults() {
        return List.of(
                Arguments.of(Fault.BARE_CR_BEFORE_START_LINE, "\rPING / OCP/1.0\r\n\r\n", null),
                Arguments.of(Fault.BARE_CR, "PING / OCP/1.0\r\nX: a\rb\r\n\r\n", 2),
                Arguments.of(Fault.HEADER_SECTION_TOO_LONG, "PING / OCP/1.0\r\nX: " + "a".repeat(9000), 8192),
                Arguments.of(Fault.INVALID_UTF8, "PING / OCP/1.0\r\nX: \u00c3(\r\n\r\n", null),
                Arguments.of(Fault.BAD_REQUEST_LINE, "PING /\r\n\r\n", null),
                Arguments.of(Fault.BAD_METHOD, "PI(NG / OCP/1.0\r\n\r\n", null),
                Arguments.of(Fault.BAD_TARGET, "PING rooms OCP/1.0\r\n\r\n", null),
                Arguments.of(Fault.BAD_STATUS_CODE, "OCP/1.0 20 OK\r\n\r\n", null),
                Arguments.of(Fault.CONTROL_IN_REASON, "OCP/1.0 200 O\u0001K\r\n\r\n", null),
                Arguments.of(Fault.BAD_VERSION, "PING / ocp/1.0\r\n\r\n", null),
                Arguments.of(Fault.UNSUPPORTED_VERSION, "PING / OCP/2.0\r\n\r\n", "OCP/2.0"),
                Arguments.of(Fault.FOLDED_LINE, "PING / OCP/1.0\r\nX: a\r\n b\r\n\r\n", 3),
                Arguments.of(Fault.NO_COLON, "PING / OCP/1.0\r\nbroken\r\n\r\n", 2),
                Arguments.of(Fault.BAD_HEADER_NAME, "PING / OCP/1.0\r\nX: a\r\nX Y: b\r\n\r\n", 3),
                Arguments.of(Fault.CONTROL_IN_HEADER, "PING / OCP/1.0\r\nX-A: a\u0001b\r\n\r\n", "X-A"),
                Arguments.of(
                        Fault.DUPLICATE_CONTENT_LENGTH,
                        "SEND / OCP/1.0\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\nx",
                        null),
                Arguments.of(Fault.TRANSFER_ENCODING, "SEND / OCP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", null),
                Arguments.of(Fault.CONTENT_LENGTH_NOT_A_NUMBER, "SEND / OCP/1.0\r\nContent-Length: ten\r\n\r\n", null),
                Arguments.of(Fault.BODY_TOO_LONG, "SEND / OCP/1.0\r\nContent-Length: 5000\r\n\r\n", 4096),
                Arguments.of(
                        Fault.BODY_TOO_LONG_TO_SKIP,
                        "SEND / OCP/1.0\r\nContent-Length: 99999999999999999999\r\n\r\n",
                        4096));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void eachMalformedMessageNamesItsFaultAndArgumentForTheServerToWord(Fault fault, String input, Object argument) {
        EmbeddedChannel channel = channel();
        List<Object> out = decode(channel, input.getBytes(StandardCharsets.ISO_8859_1));
        channel.finishAndReleaseAll();

        assertThat(out).singleElement().isInstanceOf(MalformedMessage.class);
        MalformedMessage bad = (MalformedMessage) out.get(0);
        assertThat(bad.fault()).isEqualTo(fault);
        assertThat(bad.argument()).isEqualTo(argument);
        assertThat(fault.takesArgument()).isEqualTo(argument != null);
        assertThat(bad.detail()).doesNotContain("%s").doesNotContain("null");
        if (argument != null) {
            assertThat(bad.detail()).contains(String.valueOf(argument));
        }
    }

    @Test
    void theFaultsTableCoversEveryFaultAndEveryFaultHasItsOwnTextKey() {
        Set<Fault> covered = EnumSet.noneOf(Fault.class);
        faults().forEach(arguments -> covered.add((Fault) arguments.get()[0]));
        assertThat(covered).containsExactlyInAnyOrder(Fault.values());
        assertThat(Fault.BODY_TOO_LONG.textKey()).isEqualTo("malformed.bodyTooLong");
        assertThat(EnumSet.allOf(Fault.class).stream().map(Fault::textKey).distinct())
                .hasSize(Fault.values().length);
    }

    @Test
    void requestsToOneRoomShareOneParsedRequestLineAndADifferentRoomGetsItsOwn() {
        EmbeddedChannel channel = channel();

        String send = "SEND /rooms/lobby OCP/1.0\r\nContent-Length: 2\r\n\r\nhi";
        List<Object> out = decode(
                channel,
                bytes(send + send),
                bytes("SEND /rooms/방 OCP/1.0\nContent-Length: 1\n\nx"),
                bytes(SEND.replace("\r\n", "\n")));

        assertThat(out).hasSize(4);
        List<StartLine> lines =
                out.stream().map(m -> ((OcpMessage) m).startLine()).toList();
        assertThat(lines.get(1)).isSameAs(lines.get(0));
        assertThat(lines.get(2)).isEqualTo(new RequestLine("SEND", "/rooms/방"));
        assertThat(lines.get(3)).isEqualTo(lines.get(0));
        assertThat(out.get(3)).isEqualTo(SEND_MESSAGE);
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void validMessageDecodesWithHeadersAndBody() {
        EmbeddedChannel channel = channel();

        List<Object> out = decode(channel, bytes(SEND));

        assertThat(out).containsExactly(SEND_MESSAGE);
        OcpMessage message = (OcpMessage) out.get(0);
        assertThat(message.method()).isEqualTo("SEND");
        assertThat(message.header("from")).contains("유저1");
        assertThat(message.bodyText()).isEqualTo("안녕하세요");
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void aBodyDecodedAsTextKeepsItsExactBytesAndOneNotUtf8IsKeptAsBytes() {
        EmbeddedChannel channel = channel();
        String head = "SEND /rooms/lobby OCP/1.0\r\nContent-Length: %d\r\n\r\n";
        byte[] text = bytes("채팅 😀 \uFFFD ok");
        byte[] broken = {'a', (byte) 0xed, (byte) 0xa0, (byte) 0x80, 'b'}; // a surrogate: not UTF-8

        List<Object> out =
                decode(channel, bytes(head.formatted(text.length)), text, bytes(head.formatted(broken.length)), broken);

        assertThat(out).hasSize(2);
        OcpMessage valid = (OcpMessage) out.get(0);
        assertThat(valid.bodyUtf8()).contains("채팅 😀 \uFFFD ok");
        assertThat(valid.bodyLength()).isEqualTo(text.length);
        assertThat(valid.body()).isEqualTo(text);
        assertThat(valid)
                .isEqualTo(OcpMessage.request("SEND", "/rooms/lobby").body(text).build());
        OcpMessage invalid = (OcpMessage) out.get(1);
        assertThat(invalid.bodyUtf8()).isEmpty();
        assertThat(invalid.body()).isEqualTo(broken);
        assertThat(invalid.bodyLength()).isEqualTo(broken.length);
        assertThat(channel.finish()).isFalse();
    }

    /**
     * A client sends line after line to one room: the request line of a SEND is parsed once and reused while the
     * bytes are the same. Any other request line is not kept (an idle connection's last request, a CONNECT, would be
     * held for nothing), so two CONNECTs are parsed twice, and a SEND after them is parsed anew.
     */
    @Test
    void aSendLineSentAgainIsParsedOnceAndNoOtherRequestLineIsKept() {
        String connect = "CONNECT /rooms/lobby OCP/1.0\r\nName: a\r\n\r\n";
        List<Object> decoded = decode(channel(), bytes(SEND), bytes(SEND), bytes(connect), bytes(connect), bytes(SEND));

        assertThat(decoded).hasSize(5).allSatisfy(m -> assertThat(m).isInstanceOf(OcpMessage.class));
        StartLine[] lines =
                decoded.stream().map(m -> ((OcpMessage) m).startLine()).toArray(StartLine[]::new);
        assertThat(lines[1]).as("the same SEND line").isSameAs(lines[0]);
        assertThat(lines[3]).as("a CONNECT line").isEqualTo(lines[2]).isNotSameAs(lines[2]);
        assertThat(lines[4]).as("SEND after CONNECT").isEqualTo(lines[0]).isNotSameAs(lines[0]);
    }

    @Test
    void validMessageSplitAtEveryOffsetDecodesTheSame() {
        byte[] all = bytes(SEND);
        for (int split = 1; split < all.length; split++) {
            EmbeddedChannel channel = channel();
            byte[] first = java.util.Arrays.copyOfRange(all, 0, split);
            byte[] second = java.util.Arrays.copyOfRange(all, split, all.length);

            assertThat(decode(channel, first, second)).as("split at %d", split).containsExactly(SEND_MESSAGE);
            assertThat(channel.finish()).isFalse();
        }
    }

    @Test
    void validMessageFedOneByteAtATimeDecodesTheSame() {
        byte[] all = bytes(SEND);
        EmbeddedChannel channel = channel();
        List<Object> out = new ArrayList<>();
        for (byte b : all) {
            out.addAll(decode(channel, new byte[] {b}));
        }

        assertThat(out).containsExactly(SEND_MESSAGE);
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void severalMessagesInOneReadDecodeInOrder() {
        EmbeddedChannel channel = channel();

        List<Object> out = decode(channel, bytes(SEND + "PING / OCP/1.0\r\n\r\n" + SEND + "OCP/1.0 200 OK\r\n\r\n"));

        assertThat(out).hasSize(4);
        assertThat(out.get(0)).isEqualTo(SEND_MESSAGE);
        assertThat(((OcpMessage) out.get(1)).method()).isEqualTo("PING");
        assertThat(out.get(2)).isEqualTo(SEND_MESSAGE);
        assertThat(((OcpMessage) out.get(3)).statusCode()).isEqualTo(200);
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void bareLineFeedsAreAccepted() {
        EmbeddedChannel channel = channel();

        List<Object> out = decode(channel, bytes(SEND.replace("\r\n", "\n")));

        assertThat(out).containsExactly(SEND_MESSAGE);
    }

    @Test
    void emptyLinesBeforeAStartLineAreSkipped() {
        EmbeddedChannel channel = channel();

        List<Object> out = decode(channel, bytes("\r\n\n\r\n" + SEND + "\r\n\r\n"), bytes("\nPING / OCP/1.0\r\n\r\n"));

        assertThat(out).hasSize(2);
        assertThat(out.get(0)).isEqualTo(SEND_MESSAGE);
    }

    @Test
    void statusLinesDecodeWithAndWithoutReason() {
        EmbeddedChannel channel = channel();

        List<Object> out = decode(
                channel,
                bytes("OCP/1.0 503 Service Unavailable\r\nMembers: 5\r\n\r\n"
                        + "OCP/1.0 200 \r\n\r\nOCP/1.0 204\r\n\r\n"));

        assertThat(out).hasSize(3);
        OcpMessage full = (OcpMessage) out.get(0);
        assertThat(full.isRequest()).isFalse();
        assertThat(full.statusCode()).isEqualTo(503);
        assertThat(full.startLine()).isEqualTo(new StatusLine(503, "Service Unavailable"));
        assertThat(full.header("Members")).contains("5");
        assertThat(((OcpMessage) out.get(1)).startLine()).isEqualTo(new StatusLine(200, ""));
        assertThat(((OcpMessage) out.get(2)).statusCode()).isEqualTo(204);
    }

    @Test
    void contentLengthIsFramingNotAHeader() {
        OcpMessage message = (OcpMessage) decode(channel(), bytes(SEND)).get(0);

        assertThat(message.headers().contains("Content-Length")).isFalse();
        assertThat(message.bodyLength()).isEqualTo(15);
    }

    @Test
    void headerValuesAreTrimmedOfPadding() {
        OcpMessage message =
                (OcpMessage) decode(channel(), bytes("PING / OCP/1.0\r\nX-A: \t padded \t\r\nX-B:\r\n\r\n"))
                        .get(0);

        assertThat(message.header("X-A")).contains("padded");
        assertThat(message.header("X-B")).contains("");
    }

    @Test
    void headerSectionAtTheLimitDecodes() {
        String head = "PING / OCP/1.0\r\nX-Pad: ";
        int limit = 256;
        String padded = head + "a".repeat(limit - head.length() - 4) + "\r\n\r\n";
        assertThat(bytes(padded)).hasSize(limit);
        EmbeddedChannel channel = channel(limit, 4096);

        assertThat(decode(channel, bytes(padded))).singleElement().isInstanceOf(OcpMessage.class);
    }

    @Test
    void headerSectionOneOverTheLimitIs431AndEndsTheConnection() {
        String head = "PING / OCP/1.0\r\nX-Pad: ";
        int limit = 256;
        String padded = head + "a".repeat(limit - head.length() - 3) + "\r\n\r\n";
        assertThat(bytes(padded)).hasSize(limit + 1);
        EmbeddedChannel channel = channel(limit, 4096);

        List<Object> out = decode(channel, bytes(padded), bytes("PING / OCP/1.0\r\n\r\n"));

        assertThat(out).singleElement().isInstanceOf(MalformedMessage.class);
        MalformedMessage bad = (MalformedMessage) out.get(0);
        assertThat(bad.status()).isEqualTo(Status.HEADER_FIELDS_TOO_LARGE);
        assertThat(bad.recoverable()).isFalse();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void endlessHeaderWithoutLineEndIs431AsSoonAsTheLimitIsReached() {
        EmbeddedChannel channel = channel(128, 4096);

        List<Object> out = decode(channel, bytes("PING / OCP/1.0\r\nX: " + "b".repeat(200)));

        assertThat(out)
                .singleElement()
                .extracting(m -> ((MalformedMessage) m).status())
                .isEqualTo(Status.HEADER_FIELDS_TOO_LARGE);
    }

    @Test
    void bodyAtTheLimitDecodes() {
        EmbeddedChannel channel = channel(8192, 10);

        List<Object> out = decode(channel, bytes("SEND /rooms/lobby OCP/1.0\r\nContent-Length: 10\r\n\r\n0123456789"));

        assertThat(((OcpMessage) out.get(0)).bodyText()).isEqualTo("0123456789");
    }

    @Test
    void bodyOneOverTheLimitIs413AndTheNextMessageStillDecodes() {
        EmbeddedChannel channel = channel(8192, 10);

        List<Object> out = decode(
                channel,
                bytes("SEND /rooms/lobby OCP/1.0\r\nRequest-Id: 9\r\nContent-Length: 11\r\n\r\n012345"),
                bytes("6789aPING / OCP/1.0\r\n\r\n"));

        assertThat(out).hasSize(2);
        MalformedMessage bad = (MalformedMessage) out.get(0);
        assertThat(bad.status()).isEqualTo(Status.CONTENT_TOO_LARGE);
        assertThat(bad.recoverable()).isTrue();
        assertThat(bad.requestId()).isEqualTo("9");
        assertThat(((OcpMessage) out.get(1)).method()).isEqualTo("PING");
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void hugeBodyIsSkippedPieceByPieceWithoutBeingHeld() {
        EmbeddedChannel channel = channel(8192, 10);
        List<Object> out =
                new ArrayList<>(decode(channel, bytes("SEND /rooms/lobby OCP/1.0\r\nContent-Length: 100000\r\n\r\n")));
        byte[] piece = new byte[10_000];
        for (int i = 0; i < 10; i++) {
            out.addAll(decode(channel, piece));
        }
        out.addAll(decode(channel, bytes("PING / OCP/1.0\r\n\r\n")));

        assertThat(out).hasSize(2);
        assertThat(((MalformedMessage) out.get(0)).status()).isEqualTo(Status.CONTENT_TOO_LARGE);
        assertThat(((OcpMessage) out.get(1)).method()).isEqualTo("PING");
    }

    @ParameterizedTest
    @ValueSource(strings = {"11", "5000000", "2147483648", "4294967296", "0000000000000000000000000011"})
    void anyAllDigitsLengthOverTheLimitIs413AndItsBodyIsSkipped(String length) {
        EmbeddedChannel channel = channel(8192, 10);
        long bodyLength = Long.parseLong(length);
        List<Object> out = new ArrayList<>(decode(
                channel,
                bytes("SEND /rooms/lobby OCP/1.0\r\nRequest-Id: 7\r\nContent-Length: " + length + "\r\n\r\n")));
        byte[] piece = new byte[1 << 16];
        for (long left = bodyLength; left > 0 && bodyLength <= 10_000_000; left -= piece.length) {
            out.addAll(decode(channel, java.util.Arrays.copyOf(piece, (int) Math.min(left, piece.length))));
        }
        if (bodyLength <= 10_000_000) {
            out.addAll(decode(channel, bytes("PING / OCP/1.0\r\n\r\n")));
        }

        MalformedMessage bad = (MalformedMessage) out.get(0);
        assertThat(bad.status()).isEqualTo(Status.CONTENT_TOO_LARGE);
        assertThat(bad.fault()).isEqualTo(Fault.BODY_TOO_LONG);
        assertThat(bad.recoverable()).as("the connection is kept").isTrue();
        assertThat(bad.requestId()).isEqualTo("7");
        if (bodyLength <= 10_000_000) {
            assertThat(out).hasSize(2);
            assertThat(((OcpMessage) out.get(1)).method()).isEqualTo("PING");
        }
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void theLongestSkippableLengthIsSkippedAndOneByteMoreEndsTheConnection() {
        String longest = Long.toString(Long.MAX_VALUE); // 9223372036854775807
        String oneMore = "9223372036854775808";
        EmbeddedChannel kept = channel(8192, 10);
        EmbeddedChannel closed = channel(8192, 10);
        String after = "PING / OCP/1.0\r\n\r\n";

        List<Object> skipping =
                decode(kept, bytes("SEND / OCP/1.0\r\nContent-Length: " + longest + "\r\n\r\n"), bytes(after));
        List<Object> ending =
                decode(closed, bytes("SEND / OCP/1.0\r\nContent-Length: " + oneMore + "\r\n\r\n"), bytes(after));

        MalformedMessage skipped = (MalformedMessage) skipping.get(0);
        assertThat(skipped.status()).isEqualTo(Status.CONTENT_TOO_LARGE);
        assertThat(skipped.recoverable()).isTrue();
        assertThat(skipping).as("what follows is the body being skipped").hasSize(1);
        assertThat(kept.isActive()).isTrue();
        MalformedMessage ended = (MalformedMessage) ending.get(0);
        assertThat(ended.status()).isEqualTo(Status.CONTENT_TOO_LARGE);
        assertThat(ended.fault()).isEqualTo(Fault.BODY_TOO_LONG_TO_SKIP);
        assertThat(ended.recoverable()).as("no end to skip to").isFalse();
        assertThat(ending).hasSize(1);
        assertThat(kept.finish()).isFalse();
        assertThat(closed.finish()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"9223372036854775808", "18446744073709551616", "99999999999999999999"})
    void aLengthOf2To63BytesOrMoreIs413WithItsRequestIdAndNothingAfterItIsDecoded(String length) {
        String huge = length + "0".repeat(100);

        for (String value : List.of(length, huge)) {
            MalformedMessage bad = malformed(
                    "SEND / OCP/1.0\r\nRequest-Id: r9\r\nContent-Length: " + value + "\r\n\r\nPING / OCP/1.0\r\n\r\n");
            assertThat(bad.status()).isEqualTo(Status.CONTENT_TOO_LARGE);
            assertThat(bad.fault()).isEqualTo(Fault.BODY_TOO_LONG_TO_SKIP);
            assertThat(bad.argument()).isEqualTo(OcpDecoderConfig.DEFAULT_MAX_BODY_SIZE);
            assertThat(bad.requestId()).isEqualTo("r9");
            assertThat(bad.recoverable()).isFalse();
        }
    }

    @Test
    void aLengthWithLeadingZerosIsItsValue() {
        EmbeddedChannel channel = channel();

        List<Object> out =
                decode(channel, bytes("SEND / OCP/1.0\r\nContent-Length: 000000000000000000000002\r\n\r\nhi"));

        assertThat(out).singleElement().isInstanceOf(OcpMessage.class);
        assertThat(((OcpMessage) out.get(0)).bodyText()).isEqualTo("hi");
        assertThat(channel.finish()).isFalse();
    }

    static List<Arguments> malformedInputs() {
        return List.of(
                Arguments.of("bare CR in the start line", "PING /\r OCP/1.0\r\n\r\n"),
                Arguments.of("bare CR in a header", "PING / OCP/1.0\r\nX: a\rb\r\n\r\n"),
                Arguments.of("bare CR before the start line", "\rPING / OCP/1.0\r\n\r\n"),
                Arguments.of("CR CR LF", "PING / OCP/1.0\r\r\n\r\n"),
                Arguments.of("white space before the colon", "PING / OCP/1.0\r\nName : x\r\n\r\n"),
                Arguments.of("tab before the colon", "PING / OCP/1.0\r\nName\t: x\r\n\r\n"),
                Arguments.of("folded header line", "PING / OCP/1.0\r\nX: a\r\n  b\r\n\r\n"),
                Arguments.of("header line without colon", "PING / OCP/1.0\r\nNoColon\r\n\r\n"),
                Arguments.of("empty header name", "PING / OCP/1.0\r\n: x\r\n\r\n"),
                Arguments.of("invalid header name", "PING / OCP/1.0\r\nNa(me): x\r\n\r\n"),
                Arguments.of("control character in a value", "PING / OCP/1.0\r\nX: a\u0001b\r\n\r\n"),
                Arguments.of("DEL in a value", "PING / OCP/1.0\r\nX: a\u007fb\r\n\r\n"),
                Arguments.of(
                        "duplicate Content-Length, same value",
                        "SEND / OCP/1.0\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\nx"),
                Arguments.of(
                        "duplicate Content-Length, other value",
                        "SEND / OCP/1.0\r\nContent-Length: 1\r\ncontent-length: 2\r\n\r\nxy"),
                Arguments.of("non-numeric Content-Length", "SEND / OCP/1.0\r\nContent-Length: ten\r\n\r\n"),
                Arguments.of("negative Content-Length", "SEND / OCP/1.0\r\nContent-Length: -1\r\n\r\n"),
                Arguments.of("signed Content-Length", "SEND / OCP/1.0\r\nContent-Length: +1\r\n\r\nx"),
                Arguments.of("empty Content-Length", "SEND / OCP/1.0\r\nContent-Length:\r\n\r\n"),
                Arguments.of("Transfer-Encoding", "SEND / OCP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n"),
                Arguments.of("two-part request line", "PING /\r\n\r\n"),
                Arguments.of("four-part request line", "PING / OCP/1.0 extra\r\n\r\n"),
                Arguments.of("double space", "PING  / OCP/1.0\r\n\r\n"),
                Arguments.of("target without a slash", "PING rooms OCP/1.0\r\n\r\n"),
                Arguments.of("invalid method", "PI(NG / OCP/1.0\r\n\r\n"),
                Arguments.of("lowercase version", "PING / ocp/1.0\r\n\r\n"),
                Arguments.of("HTTP version", "GET / HTTP/1.1\r\n\r\n"),
                Arguments.of("status code of two digits", "OCP/1.0 20 OK\r\n\r\n"),
                Arguments.of("status code with letters", "OCP/1.0 2x0 OK\r\n\r\n"),
                Arguments.of("invalid UTF-8 in a value", "PING / OCP/1.0\r\nX: \u00ff\r\n\r\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedInputs")
    void malformedInputIs400AndNothingAfterItIsDecoded(String what, String input) {
        byte[] raw = what.startsWith("invalid UTF-8")
                ? new byte[] {
                    'P',
                    'I',
                    'N',
                    'G',
                    ' ',
                    '/',
                    ' ',
                    'O',
                    'C',
                    'P',
                    '/',
                    '1',
                    '.',
                    '0',
                    '\r',
                    '\n',
                    'X',
                    ':',
                    ' ',
                    (byte) 0xC3,
                    (byte) 0x28,
                    '\r',
                    '\n',
                    '\r',
                    '\n'
                }
                : bytes(input);
        EmbeddedChannel channel = channel();

        List<Object> out = decode(channel, raw, bytes("PING / OCP/1.0\r\n\r\n"));

        assertThat(out).as(what).singleElement().isInstanceOf(MalformedMessage.class);
        MalformedMessage bad = (MalformedMessage) out.get(0);
        assertThat(bad.status()).as(what).isEqualTo(Status.BAD_REQUEST);
        assertThat(bad.recoverable()).isFalse();
        assertThat(bad.detail()).isNotBlank();
        assertThat(channel.finish()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"PING / OCP/2.0\r\n\r\n", "PING / OCP/1.1\r\n\r\n", "OCP/0.9 200 OK\r\n\r\n"})
    void otherOcpVersionsAre505(String input) {
        MalformedMessage bad = malformed(input);

        assertThat(bad.status()).isEqualTo(Status.VERSION_NOT_SUPPORTED);
        assertThat(bad.recoverable()).isFalse();
    }

    @Test
    void requestIdOfARefusedBodyIsKeptForTheAnswer() {
        EmbeddedChannel channel = channel(8192, 1);

        List<Object> out = decode(channel, bytes("SEND / OCP/1.0\r\nRequest-Id: abc\r\nContent-Length: 2\r\n\r\nxy"));

        assertThat(((MalformedMessage) out.get(0)).requestId()).isEqualTo("abc");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "SEND / OCP/1.0\r\nRequest-Id: r1\r\nbroken line\r\n\r\n",
                "SEND / OCP/1.0\r\nRequest-Id: r1\r\nX: a\rb\r\n\r\n",
                "SEND / OCP/1.0\r\nRequest-Id: r1\r\nX: a\u0001b\r\n\r\n",
                "SEND / OCP/1.0\r\nRequest-Id: r1\r\nContent-Length: ten\r\n\r\n",
                "SEND / OCP/1.0\r\nRequest-Id: r1\r\nName : x\r\n\r\n",
                "SEND / OCP/1.0\r\nRequest-Id: r1\r\n folded\r\n\r\n",
                "SEND / OCP/1.0\r\nRequest-Id: r1\r\nTransfer-Encoding: chunked\r\n\r\n",
                "SEND / OCP/1.0\r\nRequest-Id: r1\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\nx"
            })
    void aFaultAfterTheRequestIdFieldKeepsItForTheAnswer(String input) {
        MalformedMessage bad = malformed(input);

        assertThat(bad.status()).isEqualTo(Status.BAD_REQUEST);
        assertThat(bad.requestId()).isEqualTo("r1");
    }

    static List<Arguments> faultyThirdLines() {
        return List.of(
                Arguments.of(Fault.BARE_CR, "Foo: b\rar"),
                Arguments.of(Fault.BAD_HEADER_NAME, "Foo : bar"),
                Arguments.of(Fault.NO_COLON, "Foo bar"),
                Arguments.of(Fault.FOLDED_LINE, " bar"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faultyThirdLines")
    void aFaultyFieldLineIsNumberedCountingTheStartLineAsOneAndKeepsTheRequestIdAboveIt(Fault fault, String line) {
        for (String before : List.of("", "\r\n\n")) { // empty lines before the start line are not counted
            MalformedMessage bad = malformed(before + "PING / OCP/1.0\r\nRequest-Id: r1\r\n" + line + "\r\n\r\n");

            assertThat(bad.fault()).isEqualTo(fault);
            assertThat(bad.argument()).as("the line's number").isEqualTo(3);
            assertThat(bad.requestId()).isEqualTo("r1");
        }
    }

    @Test
    void theFirstFaultyLineIsTheOneReported() {
        assertThat(malformed("PI(NG / OCP/1.0\r\nX: a\rb\r\n\r\n").fault()).isEqualTo(Fault.BAD_METHOD);
        assertThat(malformed("PING / OCP/1.0\r\nX : a\r\nY: \rb\r\n\r\n").fault())
                .isEqualTo(Fault.BAD_HEADER_NAME);
        MalformedMessage bareCr = malformed("PING / OCP/1.0\r\nRequest-Id: r2\r\nX: a\rb\r\nY : c\r\n\r\n");
        assertThat(bareCr.fault()).isEqualTo(Fault.BARE_CR);
        assertThat(bareCr.requestId()).isEqualTo("r2");
    }

    @Test
    void invalidUtf8AndAFaultInTheStartLineAreAnsweredWithoutARequestId() {
        byte[] invalid = "PING / OCP/1.0\r\nRequest-Id: r1\r\nX: \u00c3(\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        EmbeddedChannel channel = channel();
        List<Object> out = decode(channel, invalid);
        channel.finishAndReleaseAll();

        MalformedMessage notText = (MalformedMessage) out.get(0);
        assertThat(notText.fault()).isEqualTo(Fault.INVALID_UTF8);
        assertThat(notText.requestId()).isNull();
        MalformedMessage startLine = malformed("PING /\rx OCP/1.0\r\nRequest-Id: r1\r\n\r\n");
        assertThat(startLine.fault()).isEqualTo(Fault.BARE_CR);
        assertThat(startLine.argument()).isEqualTo(1);
        assertThat(startLine.requestId()).isNull();
    }

    @Test
    void aStartLineHoldingAControlCharacterIsRefusedAsSoonAsItEndsWithoutWaitingForTheSectionsEnd() {
        // Bytes that are not OCP (a line of control characters, then no empty line ever): answered at once, not after
        // the connection's 10 s to send a whole header section.
        byte[] garbage = new byte[14];
        for (int i = 0; i < garbage.length; i++) {
            garbage[i] = (byte) i; // NUL..TAB, LF, VT, FF, CR: one line, and the start of another
        }
        EmbeddedChannel channel = channel();
        List<Object> out = decode(channel, garbage);
        channel.finishAndReleaseAll();
        assertThat(out).singleElement().isInstanceOf(MalformedMessage.class);
        assertThat(((MalformedMessage) out.get(0)).status()).isEqualTo(Status.BAD_REQUEST);

        MalformedMessage escape = malformed("PING\u001b[2J / OCP/1.0\r\nX: a\r\n"); // no empty line yet
        assertThat(escape.fault()).isEqualTo(Fault.BAD_METHOD);
        MalformedMessage bareCr = malformed("PING /\rx OCP/1.0\n");
        assertThat(bareCr.fault()).isEqualTo(Fault.BARE_CR);
        assertThat(bareCr.argument()).isEqualTo(1);

        EmbeddedChannel waiting = channel();
        assertThat(decode(waiting, bytes("PING / OCP/1.0\r\nX: a\r\n")))
                .as("a well-formed start line waits for its section's end, as before")
                .isEmpty();
        waiting.finishAndReleaseAll();
    }

    @Test
    void aFaultBeforeTheRequestIdFieldIsAnsweredWithoutOne() {
        MalformedMessage bad = malformed("SEND / OCP/1.0\r\nbroken line\r\nRequest-Id: r1\r\n\r\n");

        assertThat(bad.requestId()).isNull();
    }

    @Test
    void decoderReportsAHeaderUnderWay() {
        OcpDecoder decoder = new OcpDecoder();
        EmbeddedChannel channel = new EmbeddedChannel(decoder);

        decode(channel, bytes("PING / OCP/1.0\r\nX-Slow"));
        assertThat(decoder.isReadingHeader()).isTrue();
        assertThat(decoder.headersBegun()).isEqualTo(1);

        decode(channel, bytes(": yes\r\n\r\n"));
        assertThat(decoder.isReadingHeader()).isFalse();

        decode(channel, bytes("PI"));
        assertThat(decoder.headersBegun()).isEqualTo(2);
        channel.finishAndReleaseAll();
    }

    @Test
    void inboundBuffersAreReleased() {
        EmbeddedChannel channel = channel();
        ByteBuf buffer = Unpooled.directBuffer().writeBytes(bytes(SEND));

        channel.writeInbound(buffer);

        assertThat(buffer.refCnt()).isZero();
        assertThat((Object) channel.readInbound()).isEqualTo(SEND_MESSAGE);
    }
}
