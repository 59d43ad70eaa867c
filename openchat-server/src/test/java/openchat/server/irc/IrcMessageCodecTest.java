package openchat.server.irc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.TooLongFrameException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import openchat.server.config.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** IrcMessage's parse and toString, and the pipeline's framing and IrcLineDecoder, without a server. */
class IrcMessageCodecTest {
    private final EmbeddedChannel channel = new EmbeddedChannel(new IrcFramer(ServerConfig.DEFAULT_HEADER_DEADLINE));

    @AfterEach
    void finish() {
        channel.finishAndReleaseAll();
    }

    // ---- IrcMessage.parse ----

    @Test
    void parsesSourceCommandMiddleAndTrailingParameters() {
        IrcMessage message = IrcMessage.parse(":nick!user@host privmsg #room :hello  there :)");

        assertThat(message.tags()).isEmpty();
        assertThat(message.source()).isEqualTo("nick!user@host");
        assertThat(message.command()).as("upper-cased").isEqualTo("PRIVMSG");
        assertThat(message.params()).containsExactly("#room", "hello  there :)");
    }

    @Test
    void parsesTagValuesWithEveryEscape() {
        IrcMessage message = IrcMessage.parse(
                "@a=semi\\:space\\sback\\\\slash\\rcr\\nlf;flag;+client/tag=x;b=trailing\\;c=\\q PING x");

        assertThat(message.tags())
                .containsEntry("a", "semi;space back\\slash\rcr\nlf")
                .containsEntry("flag", "")
                .containsEntry("+client/tag", "x")
                .as("a backslash at the end of a value is dropped")
                .containsEntry("b", "trailing")
                .as("an unknown escape stands for the character")
                .containsEntry("c", "q");
        assertThat(message.command()).isEqualTo("PING");
        assertThat(message.params()).containsExactly("x");
    }

    @Test
    void tagsInOrderAndAnEmptyTagListEntryIsSkipped() {
        IrcMessage message = IrcMessage.parse("@z=1;;a=2 :src CMD");

        assertThat(new ArrayList<>(message.tags().keySet())).containsExactly("z", "a");
        assertThat(message.source()).isEqualTo("src");
        assertThat(message.params()).isEmpty();
    }

    @Test
    void severalSpacesBetweenPartsCountAsOne() {
        IrcMessage message = IrcMessage.parse("@t=v   :src   PRIVMSG    #a   b   :c  d");

        assertThat(message.source()).isEqualTo("src");
        assertThat(message.params()).containsExactly("#a", "b", "c  d");
        assertThat(IrcMessage.parse("JOIN #a   ").params())
                .as("trailing spaces add no parameter")
                .containsExactly("#a");
    }

    @Test
    void anEmptyTrailingParameterIsKept() {
        IrcMessage message = IrcMessage.parse("TOPIC #a :");

        assertThat(message.params()).containsExactly("#a", "");
    }

    @Test
    void fifteenParametersAreAllowedAndSixteenAreNot() {
        List<String> fifteen = new ArrayList<>();
        for (int i = 1; i <= 15; i++) {
            fifteen.add("p" + i);
        }
        IrcMessage max = IrcMessage.parse("CMD " + String.join(" ", fifteen.subList(0, 14)) + " :last one");
        assertThat(max.params()).hasSize(15).endsWith("last one");
        assertThat(IrcMessage.parse("CMD " + String.join(" ", fifteen)).params())
                .hasSize(IrcMessage.MAX_PARAMS);

        assertThatThrownBy(() -> IrcMessage.parse("CMD " + String.join(" ", fifteen) + " p16"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void linesWithoutACommandOrWithNulOrBadCommandCharactersAreRefused() {
        for (String bad : new String[] {
            "",
            "   ",
            ":source",
            ":source ",
            "@tag=1",
            "@tag=1 ",
            "@tag=1 :src",
            "PRIV-MSG x",
            "PING a\0b",
            "PING a\rb",
            "@=value PING",
            "@+=value PING",
            "유저 x"
        }) {
            assertThatThrownBy(() -> IrcMessage.parse(bad))
                    .as("'%s'", bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void numericCommandsParse() {
        assertThat(IrcMessage.parse(":openchat 001 nick :Welcome").command()).isEqualTo("001");
    }

    // ---- IrcMessage.toString ----

    @Test
    void writesAColonBeforeATextLastParameterAlwaysAndBeforeATokenOnlyWhenItNeedsOne() {
        assertThat(IrcMessage.of("src", "PRIVMSG", "#a", "one").toString()).isEqualTo(":src PRIVMSG #a :one");
        assertThat(IrcMessage.of("src", "PRIVMSG", "#a", "two words").toString())
                .isEqualTo(":src PRIVMSG #a :two words");
        assertThat(IrcMessage.of("src", "PRIVMSG", "#a", ":)").toString()).isEqualTo(":src PRIVMSG #a ::)");
        assertThat(IrcMessage.of("src", "TOPIC", "#a", "").toString()).isEqualTo(":src TOPIC #a :");
        assertThat(IrcMessage.of(null, "PING", "openchat").toString()).isEqualTo("PING :openchat");
        assertThat(IrcMessage.of(null, "QUIT").toString()).isEqualTo("QUIT");
        assertThat(IrcMessage.of("src", "JOIN", "#a").toString()).isEqualTo(":src JOIN #a");
        assertThat(IrcMessage.of("src", "MODE", "me", "+i").toString()).isEqualTo(":src MODE me +i");
    }

    @Test
    void writesTagsEscapedAndAnEmptyValueAsTheKeyAlone() {
        IrcMessage message = IrcMessage.of("src", "PRIVMSG", "#a", "hi")
                .withTags(Map.of("k", "a;b c\\d\r\n"))
                .withTags(Map.of("flag", ""));

        assertThat(message.toString()).isEqualTo("@k=a\\:b\\sc\\\\d\\r\\n;flag :src PRIVMSG #a :hi");
    }

    @Test
    void whatIsWrittenParsesBackToTheSameMessage() {
        IrcMessage message = new IrcMessage(
                Map.of("time", "2024-01-02T03:04:05.678Z", "x", "; \\\r\n"),
                "유저1!유저1@openchat",
                "PRIVMSG",
                List.of("#방", ":starts with a colon and has spaces"));

        IrcMessage back = IrcMessage.parse(message.toString());

        assertThat(back).isEqualTo(message);
    }

    // ---- framing and IrcLineDecoder ----

    private void write(String text) {
        writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private void writeBytes(byte[] bytes) {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
    }

    private List<Object> read() {
        List<Object> out = new ArrayList<>();
        Object next;
        while ((next = channel.readInbound()) != null) {
            out.add(next);
        }
        return out;
    }

    private static IrcLineDecoder.BadLine bad(IrcLineDecoder.Problem problem) {
        return new IrcLineDecoder.BadLine(problem, null);
    }

    @Test
    void linesEndingInCrLfOrLfAloneAreDecoded() {
        write("PING :a b\r\nPONG c\nNICK 유저1\r\n");

        assertThat(read())
                .containsExactly(
                        IrcMessage.of(null, "PING", "a b"),
                        IrcMessage.of(null, "PONG", "c"),
                        IrcMessage.of(null, "NICK", "유저1"));
    }

    @Test
    void emptyLinesAndLinesOfSpacesAreSkipped() {
        write("\r\n\n\r\n   \r\nPING x\r\n \n");

        assertThat(read()).containsExactly(IrcMessage.of(null, "PING", "x"));
    }

    @Test
    void aLineSentByteByByteIsDecodedOnceItsLfArrives() {
        byte[] bytes = "@label=1 PRIVMSG #방 :안녕 하세요\r\n".getBytes(StandardCharsets.UTF_8);

        for (int i = 0; i < bytes.length - 1; i++) {
            writeBytes(new byte[] {bytes[i]});
            assertThat(read()).as("after byte %d", i).isEmpty();
        }
        writeBytes(new byte[] {bytes[bytes.length - 1]});

        assertThat(read())
                .containsExactly(IrcMessage.of(null, "PRIVMSG", "#방", "안녕 하세요").withTags(Map.of("label", "1")));
    }

    @Test
    void linesGluedTogetherAndSplitAcrossReadsAreEachDecoded() {
        write("PING a\r\nPI");
        write("NG b\r");
        write("\nPING c\r\nPING");

        assertThat(read())
                .containsExactly(
                        IrcMessage.of(null, "PING", "a"),
                        IrcMessage.of(null, "PING", "b"),
                        IrcMessage.of(null, "PING", "c"));
        write(" d\n");
        assertThat(read()).containsExactly(IrcMessage.of(null, "PING", "d"));
    }

    @Test
    void aLineOf510BytesPassesAnd511IsTooLong() {
        String fits = "PRIVMSG #a :" + "x".repeat(IrcLineDecoder.MAX_LINE_BYTES - "PRIVMSG #a :".length());
        assertThat(fits.length()).isEqualTo(510);

        write(fits + "\r\n" + fits + "y\r\nPING after\r\n");

        List<Object> out = read();
        assertThat(out).hasSize(3);
        assertThat(out.get(0)).isInstanceOf(IrcMessage.class);
        assertThat(out.get(1)).isEqualTo(bad(IrcLineDecoder.Problem.TOO_LONG));
        assertThat(out.get(2)).isEqualTo(IrcMessage.of(null, "PING", "after"));
    }

    @Test
    void aLineOver512BytesIsTooLongCountingBytesNotCharacters() {
        // 200 Hangul syllables: 200 characters, 600 bytes.
        write("PRIVMSG #a :" + "가".repeat(200) + "\r\n");

        assertThat(read()).containsExactly(bad(IrcLineDecoder.Problem.TOO_LONG));
    }

    @Test
    void aLineTooLongKeepsTheLabelOfItsTagSectionAsTheLastRepeatEscapedAndOnlyWhenItIsReadable() {
        String rest = " PRIVMSG #a :" + "x".repeat(IrcLineDecoder.MAX_LINE_BYTES);
        String fitting = "@label=first;k=" + "v".repeat(IrcLineDecoder.MAX_TAGS_BYTES - 40) + ";label=a\\sb";
        assertThat(fitting.length()).isLessThan(IrcLineDecoder.MAX_TAGS_BYTES);

        write("@label=L1" + rest + "\r\n");
        write(fitting + rest + "\r\n");
        write("@label=L3;=nameless" + rest + "\r\n");
        write("@label=L4;k=" + "v".repeat(IrcLineDecoder.MAX_TAGS_BYTES) + " PING x\r\n");
        writeBytes("@label=caf\u00e9".getBytes(StandardCharsets.ISO_8859_1));
        write(rest + "\r\n");

        assertThat(read())
                .containsExactly(
                        new IrcLineDecoder.BadLine(IrcLineDecoder.Problem.TOO_LONG, "L1"),
                        new IrcLineDecoder.BadLine(IrcLineDecoder.Problem.TOO_LONG, "a b"),
                        bad(IrcLineDecoder.Problem.TOO_LONG),
                        bad(IrcLineDecoder.Problem.TAGS_TOO_LONG),
                        bad(IrcLineDecoder.Problem.TOO_LONG));
    }

    @Test
    void aFrameTooLongForTheFramerKeepsItsLabelWhenItsTagsFitAndNotWhenTheyDoNot() {
        IrcFramer framer = channel.pipeline().get(IrcFramer.class);
        String huge = " PRIVMSG #a :" + "x".repeat(IrcLineDecoder.MAX_FRAME_BYTES);

        assertThatThrownBy(() -> write("@label=F1" + huge + "\r\n")).isInstanceOf(TooLongFrameException.class);
        assertThat(framer.refusedLabel()).isEqualTo("F1");
        writeBytes(("@label=F2" + huge).getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> write("tail\r\n")).isInstanceOf(TooLongFrameException.class);
        assertThat(framer.refusedLabel()).as("read from the line's first piece").isEqualTo("F2");
        assertThatThrownBy(() -> write("@label=F3;k=" + "v".repeat(IrcLineDecoder.MAX_FRAME_BYTES) + " PING x\r\n"))
                .isInstanceOf(TooLongFrameException.class);
        assertThat(framer.refusedForTags()).isTrue();
        assertThat(framer.refusedLabel()).isNull();
        assertThatThrownBy(() -> write("PING :" + "y".repeat(IrcLineDecoder.MAX_FRAME_BYTES) + "\r\n"))
                .isInstanceOf(TooLongFrameException.class);
        assertThat(framer.refusedLabel()).isNull();
    }

    @Test
    void tagsMayTake8191BytesBesidesTheLineAndNoMore() {
        String prefix = "@k=";
        // The tags section counts its '@' and the space after it.
        String fitting = prefix + "v".repeat(IrcLineDecoder.MAX_TAGS_BYTES - prefix.length() - 1) + " ";
        String line = "PRIVMSG #a :" + "x".repeat(IrcLineDecoder.MAX_LINE_BYTES - "PRIVMSG #a :".length());

        write(fitting + line + "\r\n");
        write("@k=v" + fitting.substring(3) + "PING x\r\n");

        List<Object> out = read();
        assertThat(out).hasSize(2);
        assertThat(((IrcMessage) out.get(0)).tags().get("k")).hasSize(IrcLineDecoder.MAX_TAGS_BYTES - 4);
        assertThat(out.get(1)).isEqualTo(bad(IrcLineDecoder.Problem.TAGS_TOO_LONG));
    }

    @Test
    void aFrameLongerThanTheFramerAllowsFailsThenTheNextLineIsDecoded() {
        String huge = "PRIVMSG #a :" + "x".repeat(IrcLineDecoder.MAX_FRAME_BYTES + 100);

        assertThatThrownBy(() -> write(huge + "\r\nPING next\r\n")).isInstanceOf(TooLongFrameException.class);

        assertThat(read()).containsExactly(IrcMessage.of(null, "PING", "next"));
    }

    @Test
    void aFrameTooLongForTheFramerArrivingInPiecesIsDiscardedUntilItsLf() {
        writeBytes("PRIVMSG #a :".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 3; i++) {
            write("x".repeat(IrcLineDecoder.MAX_FRAME_BYTES));
        }
        assertThat(read()).isEmpty();

        assertThatThrownBy(() -> write("tail\r\nPING next\r\n")).isInstanceOf(TooLongFrameException.class);

        assertThat(read()).containsExactly(IrcMessage.of(null, "PING", "next"));
    }

    @Test
    void aFrameTooLongAfterAGoodLineInTheSameReadIsSkippedAndRefusedForItsTagsOnly() {
        String tags = "@k=" + "v".repeat(IrcLineDecoder.MAX_FRAME_BYTES) + " PRIVMSG #a :";
        IrcFramer framer = channel.pipeline().get(IrcFramer.class);

        write("PING first\r\n" + tags);
        assertThat(read()).containsExactly(IrcMessage.of(null, "PING", "first"));
        write("x".repeat(100));
        assertThatThrownBy(() -> write("tail\r\nPING next\r\nPI")).isInstanceOf(TooLongFrameException.class);

        assertThat(framer.refusedForTags()).isTrue();
        assertThat(read()).containsExactly(IrcMessage.of(null, "PING", "next"));
        assertThatThrownBy(() -> write("NG :" + "y".repeat(IrcLineDecoder.MAX_FRAME_BYTES) + "\nPING last\n"))
                .isInstanceOf(TooLongFrameException.class);
        assertThat(framer.refusedForTags()).isFalse();
        assertThat(read()).containsExactly(IrcMessage.of(null, "PING", "last"));
    }

    @Test
    void aCrLfSplitBetweenReadsAfterALongPartialLineEndsTheLineOnce() {
        String text = "z".repeat(400);
        write("PRIVMSG #a :" + text.substring(0, 200));
        write(text.substring(200) + "\r");
        assertThat(read()).isEmpty();
        write("\nPING after\r\n");

        assertThat(read())
                .containsExactly(IrcMessage.of(null, "PRIVMSG", "#a", text), IrcMessage.of(null, "PING", "after"));
    }

    @Test
    void aChannelNamedOnEveryLineIsReadOnceAndAnyOtherTargetAsItIs() {
        write("PRIVMSG #a :1\r\nPRIVMSG #a :2\r\nNOTICE #b :3\r\nPRIVMSG #a :4\r\n");
        writeBytes(new byte[] {'P', 'R', 'I', 'V', 'M', 'S', 'G', ' ', '#', (byte) 0xC3, ' ', ':', '5', '\n'});
        write("PRIVMSG #a\0 :6\r\nPRIVMSG #a :7\r\n");

        List<Object> out = read();
        assertThat(out)
                .containsExactly(
                        IrcMessage.of(null, "PRIVMSG", "#a", "1"),
                        IrcMessage.of(null, "PRIVMSG", "#a", "2"),
                        IrcMessage.of(null, "NOTICE", "#b", "3"),
                        IrcMessage.of(null, "PRIVMSG", "#a", "4"),
                        bad(IrcLineDecoder.Problem.NOT_UTF8),
                        bad(IrcLineDecoder.Problem.MALFORMED),
                        IrcMessage.of(null, "PRIVMSG", "#a", "7"));
        assertThat(((IrcMessage) out.get(1)).params().get(0))
                .isSameAs(((IrcMessage) out.get(0)).params().get(0));
    }

    @Test
    void invalidUtf8IsRefusedAndTheNextLineDecodes() {
        byte[] latin1 = "PRIVMSG #a :caf\u00e9\r\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] surrogate = {'P', 'I', 'N', 'G', ' ', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '\r', '\n'};
        byte[] overlong = {'P', 'I', 'N', 'G', ' ', (byte) 0xC0, (byte) 0xAF, '\n'};

        writeBytes(latin1);
        writeBytes(surrogate);
        writeBytes(overlong);
        write("PING ok\r\n");

        assertThat(read())
                .containsExactly(
                        bad(IrcLineDecoder.Problem.NOT_UTF8),
                        bad(IrcLineDecoder.Problem.NOT_UTF8),
                        bad(IrcLineDecoder.Problem.NOT_UTF8),
                        IrcMessage.of(null, "PING", "ok"));
    }

    @Test
    void malformedLinesAreReportedAndTheNextLineDecodes() {
        write(":\r\n:source-only\r\n@tags-only\r\nPING a\0b\r\nPING a\rb\r\nPING ok\r\n");

        assertThat(read())
                .containsExactly(
                        bad(IrcLineDecoder.Problem.MALFORMED),
                        bad(IrcLineDecoder.Problem.MALFORMED),
                        bad(IrcLineDecoder.Problem.MALFORMED),
                        bad(IrcLineDecoder.Problem.MALFORMED),
                        bad(IrcLineDecoder.Problem.MALFORMED),
                        IrcMessage.of(null, "PING", "ok"));
    }

    @Test
    void aLineWithSixteenParametersIsMalformed() {
        write("CMD 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16\r\n");

        assertThat(read()).containsExactly(bad(IrcLineDecoder.Problem.MALFORMED));
    }

    // ---- the chat line read from its bytes ----

    private static Object viaChatLine(byte[] line) {
        return IrcLineDecoder.chatLine(Unpooled.wrappedBuffer(line), 0, line.length, new IrcLineDecoder.LastTarget());
    }

    private static Object viaParse(byte[] line) {
        return IrcLineDecoder.parsed(Unpooled.wrappedBuffer(line), 0, line.length);
    }

    @Test
    void theUsualChatLinesAreReadFromTheirBytesAsTheParserReadsThem() {
        for (String line : List.of(
                "PRIVMSG #lobby :hello there",
                "PRIVMSG #방 :안녕 하세요 😀",
                "NOTICE 유저1 :\u0001VERSION openchat\u0001",
                "PRIVMSG #a,#b :to two",
                "PRIVMSG #a :",
                "PRIVMSG #a ::colon first",
                "PRIVMSG #a : spaces  inside ")) {
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            assertThat(viaChatLine(bytes)).as(line).isNotNull().isEqualTo(viaParse(bytes));
        }
        write("PRIVMSG #방 :안녕\r\nNOTICE 유저1 :hi\n");
        assertThat(read())
                .containsExactly(
                        IrcMessage.of(null, "PRIVMSG", "#방", "안녕"), IrcMessage.of(null, "NOTICE", "유저1", "hi"));
    }

    @Test
    void everyOtherShapeIsLeftToTheParserWhichReadsOrRefusesIt() {
        for (String line : List.of(
                "privmsg #a :lower case",
                ":src PRIVMSG #a :a source",
                "PRIVMSG  #a :two spaces",
                "PRIVMSG #a  :two spaces",
                "PRIVMSG #a text",
                "PRIVMSG :#a :colon target",
                "PRIVMSG #a",
                "PRIVMSG #a ",
                "PRIVMSG ",
                "PRIVMSG #a :nul\0inside",
                "PRIVMSG #a\0 :nul in the target",
                "PRIVMSG #a :cr\rinside",
                "PRIVMSGX #a :x")) {
            assertThat(viaChatLine(line.getBytes(StandardCharsets.UTF_8)))
                    .as(line)
                    .isNull();
        }
        assertThat(viaChatLine(new byte[] {'P', 'R', 'I', 'V', 'M', 'S', 'G', ' ', '#', 'a', ' ', ':', (byte) 0xC3}))
                .isNull();
        assertThat(viaChatLine(new byte[] {'N', 'O', 'T', 'I', 'C', 'E', ' ', (byte) 0xFF, ' ', ':', 'x'}))
                .isNull();
    }

    @Test
    void randomLinesOfTheChatLinesPiecesReadTheSameByBothPaths() {
        // The pieces a chat line is made of, and those that change its meaning or make it malformed.
        byte[][] pieces = {
            "PRIVMSG".getBytes(StandardCharsets.UTF_8),
            "NOTICE".getBytes(StandardCharsets.UTF_8),
            " ".getBytes(StandardCharsets.UTF_8),
            ":".getBytes(StandardCharsets.UTF_8),
            "#".getBytes(StandardCharsets.UTF_8),
            "a".getBytes(StandardCharsets.UTF_8),
            "방".getBytes(StandardCharsets.UTF_8),
            "😀".getBytes(StandardCharsets.UTF_8),
            ",".getBytes(StandardCharsets.UTF_8),
            "@t=1".getBytes(StandardCharsets.UTF_8),
            {0},
            {'\r'},
            {1},
            {(byte) 0xC3},
            {(byte) 0xA9},
            {(byte) 0xFF},
            {'p'}
        };
        java.util.Random random = new java.util.Random(20261203);
        int readFromBytes = 0;
        for (int n = 0; n < 50_000; n++) {
            java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
            if (random.nextInt(4) > 0) { // a command, a target, " :" and a text, any of them with odd pieces
                line.writeBytes((random.nextBoolean() ? "PRIVMSG " : "NOTICE ").getBytes(StandardCharsets.UTF_8));
                for (int i = random.nextInt(3); i >= 0; i--) {
                    line.writeBytes(pieces[random.nextInt(pieces.length)]);
                }
                line.writeBytes(random.nextInt(4) > 0 ? new byte[] {' ', ':'} : pieces[random.nextInt(pieces.length)]);
            }
            for (int i = random.nextInt(8); i >= 0; i--) {
                line.writeBytes(pieces[random.nextInt(pieces.length)]);
            }
            byte[] bytes = line.toByteArray();
            Object fast = viaChatLine(bytes);
            if (fast != null) {
                readFromBytes++;
                assertThat(fast)
                        .as(new String(bytes, StandardCharsets.ISO_8859_1))
                        .isEqualTo(viaParse(bytes));
            }
        }
        assertThat(readFromBytes).as("lines the byte path read").isGreaterThan(1_000);
    }
}
