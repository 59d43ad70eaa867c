package openchat.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@link HistoryStoreContract} plus what a store that keeps history across a close must do. */
public abstract class PersistentHistoryStoreContract extends HistoryStoreContract {

    @Override
    protected boolean reopens() {
        return true;
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
