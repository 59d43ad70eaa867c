package openchat.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@link HistoryStoreContract} plus what a store that keeps history across a close must do. */
public abstract class PersistentHistoryStoreContract extends HistoryStoreContract {

    @Override
    protected boolean reopens() {
        return true;
    }

    @Test
    void expiredMessagesAreDeletedFromStorageNotOnlyLeftOutOfReads() {
        TestClock clock = new TestClock();
        HistoryAge hour = HistoryAge.of(Duration.ofHours(1), clock);
        HistoryStore store = store(ROOMY, hour);
        Instant start = clock.instant();
        for (long seq = 1; seq <= 30; seq++) {
            store.append(messageAt("lobby", seq, start));
            store.append(messageAt("other", seq, start.plus(Duration.ofMinutes(seq))));
        }
        store.close();

        clock.advance(Duration.ofMinutes(75));
        HistoryStore swept = store(ROOMY, hour); // sweeps what expired while it was closed
        swept.flush();
        swept.close();

        HistoryStore anyAge = store(ROOMY, HistoryAge.forever());
        assertThat(anyAge.latest("lobby", 100)).isEmpty();
        assertThat(seqs(anyAge.latest("other", 100)))
                .as("kept: the chunk holding the newest expired message may stay, the ones after it do")
                .containsSubsequence(range(15, 30));
        assertThat(anyAge.lastSeq("lobby")).isEqualTo(30);
    }

    @Test
    void closeWritesOutEverythingAppendedForTheNextOpen() {
        HistoryStore store = store(ROOMY);
        List<StoredMessage> appended = messages("lobby", 1, 20);
        appended.forEach(store::append);

        HistoryStore reopened = reopen(store);

        assertThat(reopened.latest("lobby", 100)).containsExactlyElementsOf(appended);
        assertThat(reopened.lastSeq("lobby")).isEqualTo(20);
    }

    @Test
    void aDeletionAfterAReopenTakesMessagesWrittenBeforeItAndStaysAfterTheNext() {
        HistoryStore store = store(ROOMY);
        messages("lobby", 1, 5).forEach(store::append);
        HistoryStore reopened = reopen(store);

        reopened.delete("lobby", List.of(2L, 5L));

        assertThat(seqs(reopened.after("lobby", 0, 100))).containsExactly(1L, 3L, 4L);
        HistoryStore again = reopen(reopened);
        assertThat(seqs(again.after("lobby", 0, 100))).containsExactly(1L, 3L, 4L);
        assertThat(again.lastSeq("lobby")).isEqualTo(5);
    }

    @Test
    void aRoomsTopicOutlivesAReopen() {
        HistoryStore store = store(ROOMY);
        store.keepTopic("study", new ChatEvent.Topic("Study", "유저1", OffsetDateTime.now(), 3, "기말고사 준비"));

        HistoryStore reopened = reopen(store);

        assertThat(reopened.topic("study").topic()).isEqualTo("기말고사 준비");
        assertThat(reopened.topic("study").by()).isEqualTo("유저1");
    }

    @Test
    void aForgottenTopicStaysForgottenAfterAReopenWhichTakesEveryRoomAsEmptied() {
        HistoryStore store = store(ROOMY);
        int kept = CoreConfig.EMPTIED_ROOM_TOPICS;
        for (int i = 0; i <= kept; i++) {
            store.keepTopic("room" + i, topic("room" + i, "topic " + i));
            store.roomEmptied("room" + i);
        }
        store.keepTopic("open", topic("open", "its room exists as the store closes"));

        HistoryStore reopened = reopen(store);

        assertThat(reopened.topic("room0")).as("forgotten before the close").isNull();
        assertThat(reopened.topic("room1"))
                .as("the room that existed counts as emptied at the restart, the last: the oldest goes")
                .isNull();
        assertThat(reopened.topic("room2").topic()).isEqualTo("topic 2");
        assertThat(reopened.topic("open").topic()).isEqualTo("its room exists as the store closes");
    }

    @Test
    void retentionAndLastSeqCarryOnAfterReopen() {
        HistoryStore store = store(5);
        messages("lobby", 1, 12).forEach(store::append);

        HistoryStore reopened = reopen(store);
        assertThat(seqs(reopened.latest("lobby", 100))).isEqualTo(range(8, 12));
        assertThat(reopened.lastSeq("lobby")).isEqualTo(12);

        reopened.append(message("lobby", 13));
        assertThat(seqs(reopened.latest("lobby", 100))).isEqualTo(range(9, 13));
        assertThat(reopened.lastSeq("lobby")).isEqualTo(13);
    }

    @Test
    void marksSurviveACloseSoNumbersAreNeverGivenTwice() {
        HistoryStore store = store(ROOMY);
        store.append(message("lobby", 1));
        store.mark("lobby", 4);
        store.mark("empty", 2);

        HistoryStore reopened = reopen(store);

        assertThat(reopened.lastSeq("lobby")).isEqualTo(4);
        assertThat(reopened.lastSeq("empty")).isEqualTo(2);
        assertThat(seqs(reopened.latest("lobby", 100))).isEqualTo(List.of(1L));
    }
}
