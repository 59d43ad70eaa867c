package openchat.core;

import static openchat.core.CoreHarness.CONFIG;
import static openchat.core.CoreHarness.ORIGIN;
import static openchat.core.CoreHarness.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.LongStream;
import openchat.core.HistoryQuery.Direction;
import openchat.core.Refusal.Reason;
import org.junit.jupiter.api.Test;

/** History: the replay on join, catching up after a seq, and pages on request. */
class ChatCoreHistoryTest {
    private final CoreHarness h =
            new CoreHarness(CONFIG.toBuilder().historyOnJoin(3).build());
    private final ChatCore<String> core = h.core;

    /** alice makes "dev" (#1) and says m1..m{count} (#2..#count+1). */
    private Member<String> aliceSays(int count) {
        Member<String> alice = h.connect("alice", "dev");
        for (int i = 1; i <= count; i++) {
            core.post(alice, "dev", "m" + i);
        }
        h.fanout.clear();
        return alice;
    }

    @Test
    void joinReplaysTheLastMessagesToTheJoinerOnlyBeforeAnythingThatFollows() {
        Member<String> alice = aliceSays(5);

        ChatCore.Connected<String> bob = core.connect("bob", null, ORIGIN, "bob", "dev", -1);
        core.post(alice, "dev", "after");
        h.connect("carol", "dev");

        assertThat(bob.joined().replayed()).isEqualTo(3);
        assertThat(h.fanout.described())
                .containsExactly(
                        "alice <- joined dev bob #7",
                        "bob <- message dev alice: m3 #4 replay",
                        "bob <- message dev alice: m4 #5 replay",
                        "bob <- message dev alice: m5 #6 replay",
                        "bob <- message dev alice: after #8",
                        "alice <- joined dev carol #9",
                        "bob <- joined dev carol #9",
                        "carol <- message dev alice: m4 #5 replay",
                        "carol <- message dev alice: m5 #6 replay",
                        "carol <- message dev alice: after #8 replay");
        assertThat(h.fanout.to("bob", ChatEvent.Message.class).get(0).at())
                .hasToString("2026-11-25T10:15:30.123+09:00");
    }

    @Test
    void aLinesTextIsEncodedOnceForHistoryAndEveryRecipient() {
        Member<String> alice = h.connect("alice", "dev");
        h.connect("bob", "dev");

        ChatEvent.Message posted = core.post(alice, "dev", "안녕하세요 👋 hello");

        assertThat(posted.textUtf8()).isEqualTo("안녕하세요 👋 hello".getBytes(StandardCharsets.UTF_8));
        assertThat(h.fanout.to("bob", ChatEvent.Message.class).get(0).textUtf8())
                .isSameAs(posted.textUtf8());
        assertThat(h.history.latest(RoomNames.key("dev"), 1).get(0).textUtf8()).isSameAs(posted.textUtf8());
        assertThat(posted)
                .as("the bytes are the text's, no part of equality")
                .isEqualTo(new ChatEvent.Message(
                        posted.room(), "alice", posted.at(), posted.seq(), posted.text(), false, false, new byte[0]));
    }

    /** A notice (IRC's NOTICE) is kept as one: a joiner's replay and a page of history give it back as a notice. */
    @Test
    void aNoticeIsReplayedAndPagedAsANotice() {
        Member<String> alice = h.connect("alice", "dev");
        core.post(alice, "dev", "build passed", true);
        core.post(alice, "dev", "thanks");

        ChatCore.Connected<String> bob = core.connect("bob", null, ORIGIN, "bob", "dev", -1);

        assertThat(h.fanout.to("bob", ChatEvent.Message.class))
                .extracting(ChatEvent.Message::text, ChatEvent.Message::notice, ChatEvent.Message::replay)
                .containsExactly(tuple("build passed", true, true), tuple("thanks", false, true));
        assertThat(core.history(bob.member(), "dev", HistoryQuery.latest(5)))
                .extracting(ChatEvent.Message::text, ChatEvent.Message::notice)
                .containsExactly(tuple("build passed", true), tuple("thanks", false));
    }

    @Test
    void joiningAnotherRoomReplaysItsHistoryToo() {
        aliceSays(2);
        Member<String> bob = h.connect("bob");
        h.fanout.clear();

        JoinResult joined = core.join(bob, "dev", -1);

        assertThat(joined.replayed()).isEqualTo(2);
        assertThat(h.fanout.to("bob"))
                .extracting(RecordingFanout::describe)
                .containsExactly("message dev alice: m1 #2 replay", "message dev alice: m2 #3 replay");
    }

    @Test
    void joinWithHistoryAfterReplaysOnlyTheMessagesAfterThatSeq() {
        aliceSays(5);

        JoinResult bob = core.connect("bob", null, ORIGIN, "bob", "dev", 4).joined();
        Member<String> carol = h.connect("carol");
        JoinResult carolJoined = core.join(carol, "dev", 0);
        JoinResult dave = core.connect("dave", null, ORIGIN, "dave", "dev", 6).joined();

        assertThat(bob.replayed()).isEqualTo(2);
        assertThat(h.fanout.to("bob", ChatEvent.Message.class))
                .extracting(ChatEvent.Message::seq)
                .containsExactly(5L, 6L);
        assertThat(carolJoined.replayed())
                .as("more than historyOnJoin when catching up")
                .isEqualTo(5);
        assertThat(h.fanout.to("carol", ChatEvent.Message.class))
                .extracting(ChatEvent.Message::text)
                .containsExactly("m1", "m2", "m3", "m4", "m5");
        assertThat(dave.replayed()).isZero();
        assertThat(h.fanout.to("dave", ChatEvent.Message.class)).isEmpty();
    }

    @Test
    void catchingUpReplaysAtMostTheNewestPage() {
        int said = CoreConfig.MAX_HISTORY_PAGE + 100;
        aliceSays(said);

        JoinResult bob = core.connect("bob", null, ORIGIN, "bob", "dev", 0).joined();

        List<ChatEvent.Message> replayed = h.fanout.to("bob", ChatEvent.Message.class);
        assertThat(bob.replayed()).isEqualTo(CoreConfig.MAX_HISTORY_PAGE);
        assertThat(replayed)
                .extracting(ChatEvent.Message::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(said + 2 - CoreConfig.MAX_HISTORY_PAGE, said + 1)
                        .boxed()
                        .toList());
        assertThat(replayed).allMatch(ChatEvent.Message::replay);
    }

    @Test
    void historyReturnsPagesBeforeAfterAndLatest() {
        aliceSays(10);
        Member<String> bob = h.connect("bob", "dev");

        assertThat(texts(core.history(bob, "dev", HistoryQuery.latest(3)))).containsExactly("m8", "m9", "m10");
        assertThat(texts(core.history(bob, "DEV", new HistoryQuery(Direction.BEFORE, 6, 2))))
                .containsExactly("m3", "m4");
        assertThat(texts(core.history(bob, "dev", new HistoryQuery(Direction.AFTER, 8, 5))))
                .containsExactly("m8", "m9", "m10");
        assertThat(texts(core.history(bob, "dev", new HistoryQuery(Direction.AFTER, 0, 4))))
                .containsExactly("m1", "m2", "m3", "m4");
        assertThat(core.history(bob, "dev", new HistoryQuery(Direction.BEFORE, 2, 10)))
                .isEmpty();
        assertThat(core.history(bob, "dev", HistoryQuery.latest(1)))
                .containsExactly(new ChatEvent.Message(
                        "dev", "alice", h.clock.instant().atOffset(TestClock.ZONE), 11, "m10", true));
    }

    @Test
    void historyOfARoomTheMemberIsNotInIsRefused() {
        aliceSays(3);
        Member<String> carol = h.connect("carol");

        for (String room : new String[] {"dev", "nowhere", "not a room"}) {
            Refusal refused = refusal(() -> core.history(carol, room, HistoryQuery.latest(10)));
            assertThat(refused.reason()).isEqualTo(Reason.NOT_IN_ROOM);
            assertThat(refused.subject()).isEqualTo(room);
        }
    }

    @Test
    void withoutAHistoryStoreNothingIsReplayedButEventsAreStillNumbered() {
        CoreHarness none = new CoreHarness(CONFIG, HistoryStore.NONE);
        Member<String> alice = none.connect("alice", "dev");
        none.core.post(alice, "dev", "one");
        none.core.post(alice, "dev", "two");

        JoinResult bob =
                none.core.connect("bob", null, ORIGIN, "bob", "dev", -1).joined();
        JoinResult carol =
                none.core.connect("carol", null, ORIGIN, "carol", "dev", 0).joined();

        assertThat(bob.replayed()).isZero();
        assertThat(carol.replayed()).isZero();
        assertThat(none.fanout.to("bob", ChatEvent.Message.class)).isEmpty();
        assertThat(none.core.history(alice, "dev", HistoryQuery.latest(10))).isEmpty();
        assertThat(none.core.post(alice, "dev", "three").seq()).isEqualTo(6);
    }

    @Test
    void historyOnJoinZeroReplaysNothingButCatchingUpStillWorks() {
        CoreHarness quiet = new CoreHarness(CONFIG.toBuilder().historyOnJoin(0).build());
        Member<String> alice = quiet.connect("alice", "dev");
        quiet.core.post(alice, "dev", "one");

        assertThat(quiet.core
                        .connect("bob", null, ORIGIN, "bob", "dev", -1)
                        .joined()
                        .replayed())
                .isZero();
        assertThat(quiet.core
                        .connect("carol", null, ORIGIN, "carol", "dev", 0)
                        .joined()
                        .replayed())
                .isEqualTo(1);
    }

    @Test
    void onlyMessagesAreStored() {
        Member<String> alice = h.connect("alice", "dev");
        h.connect("bob", "dev");
        core.setTopic(alice, "dev", "topic");
        core.post(alice, "dev", "line");
        core.kick(alice, "dev", "bob", "");

        assertThat(h.history.latest("dev", CoreConfig.MAX_HISTORY_PAGE))
                .extracting(StoredMessage::seq, StoredMessage::text)
                .containsExactly(tuple(4L, "line"));
        assertThat(h.history.lastSeq("dev"))
                .as("the kick's number is marked, not stored")
                .isEqualTo(5);
    }

    /** A room made again goes on from the last number its previous life gave out, joins and leaves included. */
    @Test
    void aRecreatedRoomNeverReusesASeqItsMembersSaw() {
        Member<String> alice = h.connect("alice", "dev"); // #1
        core.post(alice, "dev", "hi"); // #2, stored
        Member<String> bob = h.connect("bob", "dev"); // #3, alice sees it
        core.part(bob, "dev"); // #4, alice sees it
        long lastSeen = h.fanout.to("alice", ChatEvent.Numbered.class).stream()
                .mapToLong(ChatEvent.Numbered::seq)
                .max()
                .orElseThrow();
        core.part(alice, "dev"); // #5; "dev" is gone
        assertThat(h.roomNames()).doesNotContain("dev");

        ChatCore.Connected<String> carol = core.connect("carol", null, ORIGIN, "carol", "dev", -1);
        ChatEvent.Message again = core.post(carol.member(), "dev", "again");

        assertThat(carol.joined().room().lastSeq()).as("carol's JOINED").isGreaterThan(5);
        assertThat(again.seq()).isGreaterThan(lastSeen);
        h.fanout.clear();
        core.join(alice, "dev", lastSeen);
        assertThat(h.fanout.to("alice", ChatEvent.Message.class))
                .as("alice catching up from #%d", lastSeen)
                .extracting(ChatEvent.Message::text)
                .containsExactly("again");
    }

    private static List<String> texts(List<ChatEvent.Message> messages) {
        assertThat(messages).allMatch(ChatEvent.Message::replay);
        return messages.stream().map(ChatEvent.Message::text).toList();
    }
}
