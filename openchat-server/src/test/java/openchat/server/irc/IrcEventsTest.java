package openchat.server.irc;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import openchat.core.ChatEvent;
import openchat.core.LeaveReason;
import openchat.server.config.ServerText;
import openchat.server.testing.EventSamples;
import org.junit.jupiter.api.Test;

/** The chat line's fast path writes exactly what the general path (lines, then {@code write}) writes. */
class IrcEventsTest {
    private static final UnpooledByteBufAllocator ALLOCATOR = new UnpooledByteBufAllocator(false);
    private static final IrcEvents.ByCapabilities ENCODERS = new IrcEvents.ByCapabilities(
            new ServerText(Locale.KOREAN), IrcNames.DEFAULT, "irc", new IrcRegisteredRooms());
    private static final OffsetDateTime AT =
            OffsetDateTime.of(2026, 12, 1, 9, 30, 15, 123_000_000, ZoneOffset.ofHours(9));

    private static List<ChatEvent.Message> messages() {
        // exactly 510 bytes without tags, then one more
        String longest = "x".repeat(IrcLineDecoder.MAX_LINE_BYTES - ":a!a@openchat PRIVMSG #lobby :".length());
        return List.of(
                new ChatEvent.Message("lobby", "유저1", AT, 1, "안녕하세요", false, false),
                new ChatEvent.Message("lobby", "Kim Min", AT, 42, "hello, world", false, false),
                new ChatEvent.Message("Lobby", "유저1", AT, 7, "", false, false),
                new ChatEvent.Message("lobby", "유저1", AT, 8, "a notice", false, true),
                new ChatEvent.Message("lobby", "유저1", AT, 9, ":starts with a colon", false, false),
                new ChatEvent.Message("방.1", "유저1", AT, 10, "tab\there; semi", false, false),
                new ChatEvent.Message("lobby", "유저1", AT, 11, "two\nlines", false, false),
                new ChatEvent.Message("lobby", "유저1", AT, 12, "cr\r\nlf", false, false),
                new ChatEvent.Message("lobby", "유저1", AT, 17, "end\n\n", false, false),
                new ChatEvent.Message("lobby", "유저1", AT, 18, "nul\0kept apart", false, false),
                new ChatEvent.Message("lobby", "a", AT, 13, longest, false, false),
                new ChatEvent.Message("lobby", "a", AT, 14, longest + "y", false, false),
                new ChatEvent.Message("lobby", "a", AT, 15, "가".repeat(400), false, false),
                new ChatEvent.Message("lobby", "a", AT, 19, "\u0001ACTION " + "가".repeat(400) + "\u0001", false, false),
                new ChatEvent.Message("lobby", "a", AT, 20, "\u0001ACTION short\u0001", false, false),
                new ChatEvent.Message("lobby", "유저1", AT, 16, "replayed", true, false),
                // The longest room and nick, three bytes a letter, and a large seq: a line past 256 bytes.
                new ChatEvent.Message("방".repeat(32), "유".repeat(32), AT, Long.MAX_VALUE, "긴 줄", false, false));
    }

    private static String text(ByteBuf bytes) {
        try {
            return bytes.toString(StandardCharsets.UTF_8);
        } finally {
            bytes.release();
        }
    }

    @Test
    void aChatLineIsEncodedAsTheGeneralPathWouldForEveryCapabilityCombination() {
        List<Set<IrcCapability>> combinations = List.of(
                EnumSet.noneOf(IrcCapability.class),
                EnumSet.of(IrcCapability.SERVER_TIME),
                EnumSet.of(IrcCapability.MESSAGE_TAGS),
                EnumSet.of(IrcCapability.SERVER_TIME, IrcCapability.MESSAGE_TAGS),
                EnumSet.of(IrcCapability.SERVER_TIME, IrcCapability.MESSAGE_TAGS, IrcCapability.BATCH));
        for (Set<IrcCapability> capabilities : combinations) {
            IrcEvents encoder = ENCODERS.forCapabilities(capabilities);
            for (ChatEvent.Message message : messages()) {
                String general = text(IrcEvents.write(ALLOCATOR, encoder.lines(message, Map.of())));

                assertThat(text(encoder.encode(ALLOCATOR, message)))
                        .as("%s with %s", message, capabilities)
                        .isEqualTo(general);
            }
        }
    }

    @Test
    void aLongLineIsCutAfterTheLastSpaceThatFitsAsIrcClientsSplitTheirOwnAndAWordLongerThanALineBetweenLetters() {
        StringBuilder words = new StringBuilder("long-web:");
        for (int i = 0; i < 200; i++) {
            words.append(String.format(" word%03d", i));
        }
        List<String> pieces = IrcEvents.cut(words.toString(), 450);
        assertThat(String.join("", pieces)).as("the pieces are the line").isEqualTo(words.toString());
        assertThat(pieces).hasSizeGreaterThan(1).allSatisfy(piece -> assertThat(
                        piece.getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(450));
        assertThat(pieces.subList(0, pieces.size() - 1))
                .as("each ends at a space, so no word is split (trial 12: word05 and 7 word058)")
                .allSatisfy(piece -> assertThat(piece).matches(".* word\\d{3} "));
        assertThat(pieces.subList(1, pieces.size()))
                .allSatisfy(piece -> assertThat(piece).matches("word\\d{3} .*"));

        String korean = "가나다라마바사아자차카타파하 ".repeat(40).strip();
        assertThat(IrcEvents.cut(korean, 100))
                .allSatisfy(piece -> assertThat(piece.strip()).matches("(가나다라마바사아자차카타파하 ?)+"));

        String url = "see https://example.org/" + "a".repeat(600);
        List<String> cutUrl = IrcEvents.cut(url, 200);
        assertThat(cutUrl.get(0))
                .as("a word longer than a line is cut between letters")
                .isEqualTo("see ");
        assertThat(cutUrl.subList(1, cutUrl.size() - 1))
                .allSatisfy(piece -> assertThat(piece.getBytes(StandardCharsets.UTF_8).length)
                        .isEqualTo(200));
        assertThat(String.join("", cutUrl)).isEqualTo(url);

        assertThat(IrcEvents.cut(" " + "가".repeat(40), 16))
                .as("a space at the start of a piece, then no room: cut between letters, never over the limit")
                .allSatisfy(piece -> assertThat(piece.getBytes(StandardCharsets.UTF_8).length)
                        .isLessThanOrEqualTo(16))
                .containsExactly(
                        " ",
                        "가".repeat(5),
                        "가".repeat(5),
                        "가".repeat(5),
                        "가".repeat(5),
                        "가".repeat(5),
                        "가".repeat(5),
                        "가".repeat(5),
                        "가".repeat(5));
        assertThat(IrcEvents.cut("", 16)).containsExactly("");
    }

    @Test
    void aChatLineUnderAConfiguredServerNameIsEncodedAsTheGeneralPathWould() {
        // The longest server name: the host of every address, so the chat lines' room for text shrinks by as much.
        String server = "irc." + "a".repeat(55) + ".org";
        IrcEvents.ByCapabilities named = new IrcEvents.ByCapabilities(
                new ServerText(Locale.ENGLISH), new IrcNames(server, "ExampleNet"), "irc", new IrcRegisteredRooms());
        for (Set<IrcCapability> capabilities :
                List.of(EnumSet.noneOf(IrcCapability.class), EnumSet.allOf(IrcCapability.class))) {
            IrcEvents encoder = named.forCapabilities(capabilities);
            for (ChatEvent.Message message : messages()) {
                String general = text(IrcEvents.write(ALLOCATOR, encoder.lines(message, Map.of())));
                String fast = text(encoder.encode(ALLOCATOR, message));

                assertThat(fast).as("%s with %s", message, capabilities).isEqualTo(general);
                for (String line : fast.split("\r\n")) {
                    assertThat(line).contains("@" + server + " ").doesNotContain("@openchat");
                    String untagged = line.startsWith("@") ? line.substring(line.indexOf(' ') + 1) : line;
                    assertThat(untagged.getBytes(StandardCharsets.UTF_8).length)
                            .as("a line's bytes but its tags and CR LF")
                            .isLessThanOrEqualTo(IrcLineDecoder.MAX_LINE_BYTES);
                }
            }
        }
    }

    @Test
    void aServersOwnLinesComeFromItsConfiguredName() {
        IrcEvents encoder = new IrcEvents.ByCapabilities(
                        new ServerText(Locale.ENGLISH),
                        new IrcNames("irc.example.org", "ExampleNet"),
                        "irc",
                        new IrcRegisteredRooms())
                .plain();
        ChatEvent.Left parted = new ChatEvent.Left("study", "유저1", LeaveReason.PARTED, null, "", AT, 9, 2, "유저2");

        assertThat(text(encoder.encode(ALLOCATOR, parted)))
                .isEqualTo(":유저1!유저1@irc.example.org PART #study\r\n:irc.example.org MODE #study +o 유저2\r\n");
    }

    @Test
    void anEventEncodedIntoASharedBufferIsAppendedAsTheSameBytes() {
        List<ChatEvent> events = new ArrayList<>(messages());
        events.add(new ChatEvent.Left("lobby", "유저2", LeaveReason.KICKED, "채팅관리자", "도배", AT, 3, 4));
        for (Set<IrcCapability> capabilities :
                List.of(EnumSet.noneOf(IrcCapability.class), EnumSet.allOf(IrcCapability.class))) {
            IrcEvents encoder = ENCODERS.forCapabilities(capabilities);
            // A small buffer that already holds bytes, as the fanout's buffer of a pass's lines does: it must grow.
            ByteBuf shared = ALLOCATOR.buffer(8).writeBytes("before|".getBytes(StandardCharsets.UTF_8));
            StringBuilder expected = new StringBuilder("before|");
            for (ChatEvent event : events) {
                encoder.encodeTo(ALLOCATOR, event, shared);
                expected.append(text(encoder.encode(ALLOCATOR, event)));
            }

            assertThat(text(shared)).as("%s", capabilities).isEqualTo(expected.toString());
        }
    }

    @Test
    void aJoinsReplayIsEncodedAsTheGeneralPathWouldWithAndWithoutABatch() {
        List<Set<IrcCapability>> combinations = List.of(
                EnumSet.noneOf(IrcCapability.class),
                EnumSet.of(IrcCapability.SERVER_TIME, IrcCapability.MESSAGE_TAGS),
                EnumSet.of(IrcCapability.BATCH),
                EnumSet.of(IrcCapability.SERVER_TIME, IrcCapability.BATCH),
                EnumSet.of(IrcCapability.MESSAGE_TAGS, IrcCapability.BATCH),
                EnumSet.of(IrcCapability.SERVER_TIME, IrcCapability.MESSAGE_TAGS, IrcCapability.BATCH));
        ServerText text = new ServerText(Locale.KOREAN);
        for (Set<IrcCapability> capabilities : combinations) {
            IrcEvents encoder = ENCODERS.forCapabilities(capabilities);
            List<ChatEvent.Message> history = messages();

            String replay = text(encoder.encodeReplay(ALLOCATOR, history));

            List<IrcMessage> general = new ArrayList<>();
            if (capabilities.contains(IrcCapability.BATCH)) {
                String id = replay.substring("BATCH +".length() + replay.indexOf("BATCH +"))
                        .split(" ", 2)[0];
                general.add(IrcMessage.of(IrcNames.DEFAULT.server(), "BATCH", "+" + id, "chathistory", "#lobby"));
                history.forEach(message -> general.addAll(encoder.lines(message, Map.of("batch", id))));
                general.add(IrcMessage.of(IrcNames.DEFAULT.server(), "BATCH", "-" + id));
            } else {
                general.add(IrcMessage.of(
                        IrcNames.DEFAULT.server(), "NOTICE", "#lobby", text.get("irc.historyStart", history.size())));
                history.forEach(message -> general.addAll(encoder.lines(message, Map.of())));
                general.add(IrcMessage.of(IrcNames.DEFAULT.server(), "NOTICE", "#lobby", text.get("irc.historyEnd")));
            }
            assertThat(replay).as("with %s", capabilities).isEqualTo(text(IrcEvents.write(ALLOCATOR, general)));
        }
    }

    @Test
    void theBlankLinesOfAMessageAreNotSentAsEmptyPrivmsgs() {
        IrcEvents encoder = ENCODERS.plain();
        ChatEvent.Message message = new ChatEvent.Message("lobby", "유저1", AT, 1, "first\n\n  \nlast\n", false, false);

        assertThat(text(encoder.encode(ALLOCATOR, message)))
                .isEqualTo(":유저1!유저1@openchat PRIVMSG #lobby :first\r\n:유저1!유저1@openchat PRIVMSG #lobby :last\r\n");
    }

    @Test
    void aLongActionIsSentAsActionsThatEachFitALine() {
        IrcEvents encoder = ENCODERS.plain();
        String words = "행동".repeat(200) + "끝"; // 1,203 bytes: three lines
        ChatEvent.Message message =
                new ChatEvent.Message("other", "유저일", AT, 1, "\u0001ACTION " + words + "\u0001", false, false);

        String[] lines = text(encoder.encode(ALLOCATOR, message)).split("\r\n");

        assertThat(lines).hasSize(3);
        StringBuilder said = new StringBuilder();
        for (String line : lines) {
            assertThat(line.getBytes(StandardCharsets.UTF_8).length + 2)
                    .isLessThanOrEqualTo(IrcLineDecoder.MAX_LINE_BYTES);
            String prefix = ":유저일!유저일@openchat PRIVMSG #other :\u0001ACTION ";
            assertThat(line).startsWith(prefix).endsWith("\u0001");
            said.append(line, prefix.length(), line.length() - 1);
        }
        assertThat(said.toString()).isEqualTo(words);
    }

    @Test
    void aTopicTooLongForAnIrcLineIsCutWithAMarkThatSaysSo() {
        IrcEvents encoder = ENCODERS.plain();
        String topic = "주제".repeat(150); // 300 letters, as TOPICLEN allows: 900 bytes
        ChatEvent.Topic set = new ChatEvent.Topic("study", "유저1", AT, 3, topic);

        String line = text(encoder.encode(ALLOCATOR, set));

        String start = ":유저1!유저1@openchat TOPIC #study :";
        assertThat(line).startsWith(start).endsWith("…\r\n");
        assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(IrcLineDecoder.MAX_LINE_BYTES);
        assertThat(line.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(IrcLineDecoder.MAX_LINE_BYTES - 4);
        assertThat(topic).startsWith(line.substring(start.length(), line.length() - "…\r\n".length()));
    }

    @Test
    void anActionOfSeveralLinesIsAnActionOnEachLine() {
        IrcEvents encoder = ENCODERS.plain();
        ChatEvent.Message message =
                new ChatEvent.Message("lobby", "유저1", AT, 1, "\u0001ACTION waves\nand smiles\u0001", false, false);

        assertThat(text(encoder.encode(ALLOCATOR, message)))
                .isEqualTo(":유저1!유저1@openchat PRIVMSG #lobby :\u0001ACTION waves\u0001\r\n"
                        + ":유저1!유저1@openchat PRIVMSG #lobby :\u0001ACTION and smiles\u0001\r\n");
    }

    @Test
    void aLeaveThatPassesOwnershipIsFollowedByTheNewOwnersMode() {
        IrcEvents encoder = ENCODERS.plain();
        ChatEvent.Left parted = new ChatEvent.Left("study", "유저1", LeaveReason.PARTED, null, "", AT, 9, 2, "유저2");

        assertThat(text(encoder.encode(ALLOCATOR, parted)))
                .isEqualTo(":유저1!유저1@openchat PART #study\r\n:openchat MODE #study +o 유저2\r\n");
        assertThat(text(encoder.encode(ALLOCATOR, parted.asToldBefore())))
                .as("the QUIT was said in another room, the new owner not")
                .isEqualTo(":openchat MODE #study +o 유저2\r\n");
    }

    @Test
    void aNewOwnerIsAModeFromTheServer() {
        assertThat(text(ENCODERS.plain().encode(ALLOCATOR, new ChatEvent.NewOwner("study", "Kim Min", AT, 10))))
                .isEqualTo(":openchat MODE #study +o Kim_Min\r\n");
    }

    @Test
    void aKeyHolderTakingTheRoomFromItsOwnerMovesTheAtInOneModeLineAndSaysItInWords() {
        ChatEvent.NewOwner taken = new ChatEvent.NewOwner("study", "Kim Min", AT, 11, "영희");
        String told = ":openchat NOTICE #study :*** Kim_Min님이 방 열쇠로 #study 방의 방장이 되었습니다 (이전 방장: 영희)\r\n";

        assertThat(text(ENCODERS.plain().encode(ALLOCATOR, taken)))
                .isEqualTo(":openchat MODE #study -o+o 영희 Kim_Min\r\n" + told);
        assertThat(text(ENCODERS.forCapabilities(EnumSet.of(IrcCapability.SERVER_TIME))
                        .encode(ALLOCATOR, taken)))
                .isEqualTo("@time=2026-12-01T00:30:15.123Z :openchat MODE #study -o+o 영희 Kim_Min\r\n"
                        + "@time=2026-12-01T00:30:15.123Z " + told);
    }

    @Test
    void aNulOrALineBreakInAReasonOrTextNeverEndsTheIrcLine() {
        IrcEvents encoder = ENCODERS.plain();
        ChatEvent.Left kicked = new ChatEvent.Left(
                "lobby",
                "victim",
                LeaveReason.KICKED,
                "owner",
                "bye\r\n:evil!evil@openchat PRIVMSG #lobby :x",
                AT,
                5,
                1);
        ChatEvent.Message nul = new ChatEvent.Message("lobby", "유저1", AT, 6, "nul\0here", false, false);

        assertThat(text(encoder.encode(ALLOCATOR, kicked)))
                .isEqualTo(":owner!owner@openchat KICK #lobby victim :bye  :evil!evil@openchat PRIVMSG #lobby :x\r\n");
        assertThat(text(encoder.encode(ALLOCATOR, nul))).isEqualTo(":유저1!유저1@openchat PRIVMSG #lobby :nul here\r\n");
    }

    @Test
    void aChatLineWithServerTimeAndMessageTagsCarriesBothTags() {
        IrcEvents encoder = ENCODERS.forCapabilities(EnumSet.of(IrcCapability.SERVER_TIME, IrcCapability.MESSAGE_TAGS));

        String line = text(encoder.encode(ALLOCATOR, messages().get(0)));

        assertThat(line)
                .isEqualTo("@time=2026-12-01T00:30:15.123Z;msgid=lobby:1 :유저1!유저1@openchat PRIVMSG #lobby :안녕하세요\r\n");
    }

    @Test
    void linesFromManySendersInManyRoomsEachCarryTheirOwnNickAndChannel() {
        // More senders and rooms than the encoder keeps bytes for, so that kept entries are replaced and names share
        // places; each pass must still write each line's own nick and channel.
        IrcEvents encoder = ENCODERS.forCapabilities(EnumSet.noneOf(IrcCapability.class));
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < 300; i++) {
                String from = (i % 3 == 0 ? "유저 " : "user") + i; // a space IRC shows as _
                String room = "방" + (i % 97);
                ChatEvent.Message message = new ChatEvent.Message(room, from, AT, i + 1, "hi " + i, false, false);
                String nick = from.replace(' ', '_');

                assertThat(text(encoder.encode(ALLOCATOR, message)))
                        .isEqualTo(":" + nick + "!" + nick + "@openchat PRIVMSG #" + room + " :hi " + i + "\r\n");
            }
        }
    }

    @Test
    void serverTimeIsTheInstantInUtcWhateverTheOffsetItWasTakenIn() {
        OffsetDateTime seoul = OffsetDateTime.of(2026, 12, 1, 9, 0, 0, 5_000_000, ZoneOffset.ofHours(9));
        OffsetDateTime sameInUtc = seoul.withOffsetSameInstant(ZoneOffset.UTC);

        assertThat(IrcEvents.time(seoul)).isEqualTo("2026-12-01T00:00:00.005Z");
        assertThat(IrcEvents.time(sameInUtc)).isEqualTo("2026-12-01T00:00:00.005Z");
        assertThat(IrcEvents.time(seoul.plusNanos(1_000_000))).isEqualTo("2026-12-01T00:00:00.006Z");
        assertThat(IrcEvents.time(seoul)).isEqualTo("2026-12-01T00:00:00.005Z");
    }

    /**
     * A server notice to one member is addressed to its nick, as its nick shows on IRC; an announcement stays
     * addressed to {@code $*}, and any other event encodes for one member as it does for the room.
     */
    @Test
    void aServerNoticeToOneMemberIsAddressedToItsNick() {
        ChatEvent.Notice notice = new ChatEvent.Notice("클러스터 저장소에 다시 연결되었습니다.", AT);
        ChatEvent.Notice announcement = new ChatEvent.Notice("채팅관리자", "점검합니다", AT);
        ChatEvent.Message line = messages().get(0);

        assertThat(text(ENCODERS.plain().encodeFor(ALLOCATOR, notice, "Kim Min")))
                .isEqualTo(":openchat NOTICE Kim_Min :클러스터 저장소에 다시 연결되었습니다.\r\n");
        assertThat(text(ENCODERS.forCapabilities(EnumSet.of(IrcCapability.SERVER_TIME))
                        .encodeFor(ALLOCATOR, notice, "cmonA")))
                .isEqualTo("@time=2026-12-01T00:30:15.123Z :openchat NOTICE cmonA :클러스터 저장소에 다시 연결되었습니다.\r\n");
        assertThat(text(ENCODERS.plain().encodeFor(ALLOCATOR, announcement, "cmonA")))
                .isEqualTo(text(ENCODERS.plain().encode(ALLOCATOR, announcement)))
                .contains(" NOTICE $* :점검합니다");
        assertThat(text(ENCODERS.plain().encodeFor(ALLOCATOR, line, "cmonA")))
                .isEqualTo(text(ENCODERS.plain().encode(ALLOCATOR, line)));
    }

    @Test
    void aDeletionIsARedactPerMessageWithTheRedactionCapabilityAndOneNoticeWithoutInEitherLanguage() {
        ChatEvent.Deleted deleted = new ChatEvent.Deleted("Study", "채팅관리자", "Kim Min", List.of(4L, 9L), AT, "도배");
        ChatEvent.Deleted one = new ChatEvent.Deleted("study", "철수", "트롤", List.of(12L), AT, "");

        assertThat(text(ENCODERS.forCapabilities(
                                EnumSet.of(IrcCapability.MESSAGE_TAGS, IrcCapability.MESSAGE_REDACTION))
                        .encode(ALLOCATOR, deleted)))
                .isEqualTo(":채팅관리자!채팅관리자@openchat REDACT #Study study:4 :도배\r\n"
                        + ":채팅관리자!채팅관리자@openchat REDACT #Study study:9 :도배\r\n");
        assertThat(text(ENCODERS.forCapabilities(EnumSet.of(IrcCapability.MESSAGE_REDACTION, IrcCapability.SERVER_TIME))
                        .encode(ALLOCATOR, one)))
                .isEqualTo("@time=2026-12-01T00:30:15.123Z :철수!철수@openchat REDACT #study study:12\r\n");
        assertThat(text(ENCODERS.forCapabilities(EnumSet.of(IrcCapability.MESSAGE_TAGS))
                        .encode(ALLOCATOR, deleted)))
                .isEqualTo(":openchat NOTICE #Study :*** 채팅관리자님이 Kim_Min님의 메세지 2개를 대화 기록에서 지웠습니다"
                        + " (나중에 들어오는 사람에게는 보이지 않습니다): 도배\r\n");
        IrcEvents english = new IrcEvents.ByCapabilities(
                        new ServerText(Locale.ENGLISH), IrcNames.DEFAULT, "irc", new IrcRegisteredRooms())
                .plain();
        assertThat(text(english.encode(ALLOCATOR, one)))
                .isEqualTo(":openchat NOTICE #study :*** 철수 deleted 1 message from 트롤"
                        + " (gone from the room's history: no one who joins later sees them)\r\n");
        assertThat(text(english.encode(ALLOCATOR, deleted)))
                .endsWith(" deleted 2 messages from Kim_Min (gone from the room's history: no one who joins later sees"
                        + " them): 도배\r\n");
    }

    @Test
    void aDeletionsNoticeSaysWhenTheLinesWereSentAndCallsTheDeletersOwnItsOwnInEitherLanguage() {
        java.time.OffsetDateTime first = AT.minusMinutes(5);
        String firstTime = java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss")
                .format(first.atZoneSameInstant(java.time.ZoneId.systemDefault()));
        String lastTime = java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss")
                .format(AT.atZoneSameInstant(java.time.ZoneId.systemDefault()));
        ChatEvent.Deleted range = new ChatEvent.Deleted("study", "철수", "트롤", List.of(3L, 4L), AT, "도배", first, AT, 0);
        ChatEvent.Deleted own = new ChatEvent.Deleted("study", "철수", "철수", List.of(5L), AT, "", AT, AT, 0);
        IrcEvents english = new IrcEvents.ByCapabilities(
                        new ServerText(Locale.ENGLISH), IrcNames.DEFAULT, "irc", new IrcRegisteredRooms())
                .plain();

        assertThat(text(ENCODERS.plain().encode(ALLOCATOR, range)))
                .isEqualTo(":openchat NOTICE #study :*** 철수님이 트롤님의 메세지 2개(" + firstTime + "~" + lastTime
                        + "에 보낸 것)를 대화 기록에서 지웠습니다 (나중에 들어오는 사람에게는 보이지 않습니다): 도배\r\n");
        assertThat(text(english.encode(ALLOCATOR, range)))
                .isEqualTo(":openchat NOTICE #study :*** 철수 deleted 2 messages from 트롤, sent between " + firstTime
                        + " and " + lastTime + " (gone from the room's history: no one who joins later sees them):"
                        + " 도배\r\n");
        assertThat(text(ENCODERS.plain().encode(ALLOCATOR, own)))
                .isEqualTo(":openchat NOTICE #study :*** 철수님이 자기 메세지 1개(" + lastTime
                        + "에 보낸 것)를 대화 기록에서 지웠습니다 (나중에 들어오는 사람에게는 보이지 않습니다)\r\n");
        assertThat(text(english.encode(ALLOCATOR, own)))
                .isEqualTo(":openchat NOTICE #study :*** 철수 deleted 1 of their own messages, sent at " + lastTime
                        + " (gone from the room's history: no one who joins later sees them)\r\n");
    }

    @Test
    void aMsgidNamesASeqOfItsOwnRoomOnly() {
        assertThat(IrcEvents.seqOf("Study", IrcEvents.msgid("study", 42))).hasValue(42);
        assertThat(IrcEvents.seqOf("study", "dev:42")).isEmpty();
        assertThat(IrcEvents.seqOf("study", "study:0")).isEmpty();
        assertThat(IrcEvents.seqOf("study", "study:-1")).isEmpty();
        assertThat(IrcEvents.seqOf("study", "study:")).isEmpty();
        assertThat(IrcEvents.seqOf("study", "study:99999999999999999999")).isEmpty();
        assertThat(IrcEvents.seqOf("study", "42")).isEmpty();
    }

    @Test
    void everyKindOfEventTheCoreHasIsToldOnIrcAndNoneFailsToEncode() throws ReflectiveOperationException {
        List<Class<?>> kinds = EventSamples.kinds();
        assertThat(kinds).contains(ChatEvent.RoomRegistration.class, ChatEvent.Closed.class);
        for (Class<?> kind : kinds) {
            ChatEvent event = EventSamples.sample(kind, AT);
            // An event kind IRC did not know used to fail its encoding (and end its causer's connection); one with
            // no lines at all would reach IRC members as nothing: both are caught here. Every capability on, since
            // without away-notify an AWAY is rightly nothing.
            IrcEvents encoder = ENCODERS.forCapabilities(EnumSet.allOf(IrcCapability.class));
            assertThat(encoder.lines(event, Map.of()))
                    .as("the lines of %s", event)
                    .isNotEmpty();
            assertThat(text(encoder.encode(ALLOCATOR, event))).as("%s", event).endsWith("\r\n");
            assertThat(text(ENCODERS.plain().encode(ALLOCATOR, event)))
                    .as("%s, plain", event)
                    .isNotNull();
        }
    }
}
