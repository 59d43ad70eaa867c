package openchat.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.StreamMessage;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import openchat.core.ChatEvent;
import openchat.core.RegisteredRoom;
import openchat.core.StoredMessage;
import org.junit.jupiter.api.Test;

/** How the entries of the cluster's streams read as events and stored messages. */
class StreamEntriesTest {
    private static StoredMessage stored(Map<String, String> body) {
        return StreamEntries.stored(
                "lobby", "Lobby", new StreamMessage<>(RedisKeys.history("lobby"), "7-0", body), ZoneOffset.UTC);
    }

    @Test
    void aHistoryEntryMarkedAsANoticeReadsAsANotice() {
        StoredMessage notice = stored(Map.of("f", "봇", "x", "build passed", "n", "1", "at", "1000"));
        StoredMessage line = stored(Map.of("f", "봇", "x", "hello", "n", "0", "at", "1000"));

        assertThat(notice.notice()).isTrue();
        assertThat(notice.seq()).isEqualTo(7);
        assertThat(notice.text()).isEqualTo("build passed");
        assertThat(line.notice()).isFalse();
    }

    /** A node of a version before history kept notices writes no {@code n}: its lines read as ordinary ones. */
    @Test
    void aHistoryEntryAnOlderNodeWroteReadsAsAnOrdinaryLine() {
        StoredMessage old = stored(Map.of("f", "alice", "x", "hi", "at", "1000"));

        assertThat(old.notice()).isFalse();
        assertThat(old.from()).isEqualTo("alice");
        assertThat(old.at().toInstant().toEpochMilli()).isEqualTo(1000);
    }

    private static ChatEvent.Numbered roomEvent(Map<String, String> body) {
        return StreamEntries.roomEvent(
                "study", new StreamMessage<>(RedisKeys.events("study"), "9-0", body), ZoneOffset.UTC);
    }

    @Test
    void anOwnerEntryNamesTheOwnerTheKeyHolderTookTheRoomFrom() {
        ChatEvent.Numbered taken = roomEvent(Map.of("t", "O", "f", "alice", "at", "1000", "p", "heir"));
        ChatEvent.Numbered passed = roomEvent(Map.of("t", "O", "f", "alice", "at", "1000", "p", ""));

        assertThat(taken)
                .isEqualTo(new ChatEvent.NewOwner("study", "alice", ((ChatEvent.NewOwner) taken).at(), 9, "heir"));
        assertThat(((ChatEvent.NewOwner) passed).previous()).isNull();
    }

    /** A node of a version before registered rooms writes no {@code p}: its OWNER entries name no previous owner. */
    @Test
    void anOwnerEntryAnOlderNodeWroteNamesNoPreviousOwner() {
        ChatEvent.NewOwner old = (ChatEvent.NewOwner) roomEvent(Map.of("t", "O", "f", "heir", "at", "1000"));

        assertThat(old.name()).isEqualTo("heir");
        assertThat(old.seq()).isEqualTo(9);
        assertThat(old.previous()).isNull();
    }

    @Test
    void aRoomBanEntryCarriesItsEndAndReasonAndAnOlderNodesNeither() {
        ChatEvent.RoomBanChange timed = (ChatEvent.RoomBanChange) StreamEntries.roomChange(
                "study",
                new StreamMessage<>(
                        "k",
                        "5-0",
                        Map.of(
                                "t", "B", "f", "owner", "x", "troll", "c", "1", "at", "1000", "e", "3601000", "r",
                                "도배")),
                ZoneOffset.UTC);
        ChatEvent.RoomBanChange old = (ChatEvent.RoomBanChange) StreamEntries.roomChange(
                "study",
                new StreamMessage<>("k", "6-0", Map.of("t", "B", "f", "owner", "x", "troll", "c", "1", "at", "1000")),
                ZoneOffset.UTC);

        assertThat(java.time.Duration.between(timed.at(), timed.expires())).hasHours(1);
        assertThat(timed.reason()).isEqualTo("도배");
        assertThat(old.expires()).isNull();
        assertThat(old.reason()).isEmpty();
    }

    @Test
    void aRegistrationEntryIsAChangeSayingWhatBecameOfTheRegistrationAndWho() {
        Map<String, ChatEvent.RoomRegistration.Change> byCode = Map.of(
                "1", ChatEvent.RoomRegistration.Change.REGISTERED,
                "2", ChatEvent.RoomRegistration.Change.REKEYED,
                "0", ChatEvent.RoomRegistration.Change.DROPPED);
        byCode.forEach((code, change) -> {
            Map<String, String> body = Map.of("t", "G", "f", "owner", "c", code, "at", "1000");

            ChatEvent told = StreamEntries.roomChange(
                    "Study", new StreamMessage<>(RedisKeys.events("study"), "4-0", body), ZoneOffset.UTC);

            assertThat(StreamEntries.isChange(body))
                    .as("not a room event of a single server")
                    .isTrue();
            assertThat(told)
                    .as(code)
                    .isEqualTo(new ChatEvent.RoomRegistration(
                            "Study",
                            "owner",
                            change,
                            OffsetDateTime.ofInstant(Instant.ofEpochMilli(1000), ZoneOffset.UTC)));
        });
    }

    @Test
    void aDeletionEntryIsAChangeCarryingWhoWhoseWhichWhenAndWhy() {
        Map<String, String> body = Map.of(
                "t",
                "D",
                "f",
                "owner",
                "s",
                "troll",
                "x",
                StreamEntries.seqsText(List.of(3L, 5L, 12L)),
                "r",
                "도배",
                "at",
                "1000");

        ChatEvent told = StreamEntries.roomChange(
                "Study", new StreamMessage<>(RedisKeys.events("study"), "13-0", body), ZoneOffset.UTC);

        assertThat(StreamEntries.isChange(body))
                .as("not numbered on a single server")
                .isTrue();
        assertThat(body.get("x")).isEqualTo("3,5,12");
        assertThat(told)
                .isEqualTo(new ChatEvent.Deleted(
                        "Study",
                        "owner",
                        "troll",
                        List.of(3L, 5L, 12L),
                        OffsetDateTime.ofInstant(Instant.ofEpochMilli(1000), ZoneOffset.UTC),
                        "도배"));
        ChatEvent.Deleted noReason = (ChatEvent.Deleted) StreamEntries.roomChange(
                "Study",
                new StreamMessage<>(
                        RedisKeys.events("study"),
                        "14-0",
                        Map.of("t", "D", "f", "owner", "s", "troll", "x", "7", "r", "", "at", "1000")),
                ZoneOffset.UTC);
        assertThat(noReason.reason()).isEmpty();
        assertThat(noReason.seqs()).containsExactly(7L);
    }

    /** A node of a newer version may stream kinds of room events this one does not know; they are passed over. */
    @Test
    void everyKindOfRoomEntryThisVersionStreamsIsKnownAndOthersAreNot() {
        for (String kind : List.of("M", "J", "L", "T", "O", "N", "B", "G", "D")) {
            assertThat(StreamEntries.isKnown(Map.of("t", kind))).as(kind).isTrue();
        }
        for (String kind : List.of("Z", "", "MJ")) {
            assertThat(StreamEntries.isKnown(Map.of("t", kind))).as(kind).isFalse();
        }
        assertThat(StreamEntries.isKnown(Map.of("f", "someone"))).isFalse();
    }

    @Test
    void aRegistrationReadsWithItsRoomsNameAndOneKeptBeforeNamesWithTheNameItsRoomKeeps() {
        RegisteredRoom named = StreamEntries.registration("study", "HASH\towner\t1000\tStudy", null, () -> "ignored");
        RegisteredRoom fromNetwork =
                StreamEntries.registration("study", "HASH\towner\t1000\tStudy\t192.0.2.0/24", null, () -> "ignored");
        RegisteredRoom administrators =
                StreamEntries.registration("study", "HASH\towner\t1000\tStudy\t", null, () -> "ignored");
        RegisteredRoom old = StreamEntries.registration("study", "HASH\towner\t1000", null, () -> "Study");
        RegisteredRoom forgotten = StreamEntries.registration("study", "HASH\towner\t1000", null, () -> null);

        assertThat(named).isEqualTo(new RegisteredRoom("Study", "owner", Instant.ofEpochMilli(1000), null));
        assertThat(fromNetwork.network()).isEqualTo("192.0.2.0/24");
        assertThat(fromNetwork.name()).isEqualTo("Study");
        assertThat(administrators).isEqualTo(named);
        assertThat(old).isEqualTo(named);
        assertThat(forgotten.name()).as("no name kept anywhere: its key").isEqualTo("study");
    }

    @Test
    void aRegistrationsKeyWasLastUsedWhenGivenOrWhenLastShownIfLater() {
        RegisteredRoom shown = StreamEntries.registration("study", "HASH\towner\t1000\tStudy", "5000", () -> null);
        RegisteredRoom shownBefore =
                StreamEntries.registration("study", "HASH\towner\t9000\tStudy", "5000", () -> null);

        assertThat(shown.used()).isEqualTo(Instant.ofEpochMilli(5000));
        assertThat(shown.at()).isEqualTo(Instant.ofEpochMilli(1000));
        assertThat(shownBefore.used()).as("given a new key since").isEqualTo(Instant.ofEpochMilli(9000));
    }
}
