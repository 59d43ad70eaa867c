package openchat.core;

import static openchat.core.CoreHarness.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import openchat.core.Refusal.Reason;
import org.junit.jupiter.api.Test;

/** A moderator takes messages out of a room's history: one by its Seq, or one name's of the last while. */
class DeleteMessagesTest {
    private final CoreHarness h = new CoreHarness();
    private final ChatCore<String> core = h.core;

    @Test
    void theOwnerDeletesOneMessageBySeqAndTheOthersPresentAreToldWhichAndWhose() {
        Member<String> owner = h.connect("owner", "study");
        Member<String> bob = h.connect("bob", "study");
        h.connect("carol", "study");
        core.post(bob, "study", "hello");
        ChatEvent.Message spam = core.post(bob, "study", "buy cheap gold");
        h.fanout.clear();

        ChatEvent.Deleted deleted = core.delete(owner, "study", Deletion.message(spam.seq()), "spam");

        assertThat(deleted.seqs()).containsExactly(spam.seq());
        assertThat(deleted.from()).isEqualTo("bob");
        assertThat(deleted.by()).isEqualTo("owner");
        assertThat(deleted.reason()).isEqualTo("spam");
        assertThat(h.fanout.to("carol", ChatEvent.Deleted.class)).containsExactly(deleted);
        assertThat(h.fanout.to("bob", ChatEvent.Deleted.class)).containsExactly(deleted);
        assertThat(h.fanout.to("owner", ChatEvent.Deleted.class))
                .as("the deleter has its answer")
                .isEmpty();
        assertThat(texts(core.history(owner, "study", HistoryQuery.latest(50)))).containsExactly("hello");
    }

    @Test
    void aNamesMessagesOfTheLastWhileGoAndItsOlderOnesAndTheOthersStay() {
        Member<String> owner = h.connect("owner", "study");
        Member<String> troll = h.connect("troll", "study");
        Member<String> bob = h.connect("bob", "study");
        core.post(troll, "study", "an old line");
        h.clock.advance(Duration.ofHours(2));
        core.post(troll, "study", "spam 1");
        core.post(bob, "study", "stop it");
        core.post(troll, "study", "spam 2");

        ChatEvent.Deleted deleted = core.delete(owner, "study", Deletion.from("TROLL"), "");

        assertThat(deleted.seqs()).hasSize(2);
        assertThat(deleted.from()).isEqualTo("troll");
        assertThat(texts(core.history(owner, "study", HistoryQuery.latest(50))))
                .containsExactly("an old line", "stop it");
        ChatEvent.Deleted older =
                core.delete(owner, "study", Deletion.from("troll", Duration.ofSeconds(999_999_999_999_999_999L)), "");
        assertThat(older.seqs()).hasSize(1);
        assertThat(texts(core.history(owner, "study", HistoryQuery.latest(50)))).containsExactly("stop it");
    }

    @Test
    void deletingByAConnectedMembersNameTakesWhatItSaidUnderItsEarlierNamesToo() {
        Member<String> owner = h.connect("owner", "study");
        Member<String> troll = h.connect("tr1", "study");
        Member<String> bob = h.connect("bob", "study");
        core.post(troll, "study", "spam as tr1");
        core.rename(troll, "tr2");
        core.post(troll, "study", "spam as tr2");
        core.rename(troll, "Innocent");
        core.post(troll, "study", "spam as Innocent");
        core.post(bob, "study", "hello");

        ChatEvent.Deleted deleted = core.delete(owner, "study", Deletion.from("innocent"), "");

        assertThat(deleted.seqs()).hasSize(3);
        assertThat(texts(core.history(owner, "study", HistoryQuery.latest(50)))).containsExactly("hello");
    }

    @Test
    void aJoinerIsNotReplayedWhatWasDeleted() {
        Member<String> owner = h.connect("owner", "study");
        Member<String> troll = h.connect("troll", "study");
        core.post(owner, "study", "welcome");
        core.post(troll, "study", "spam");
        core.delete(owner, "study", Deletion.from("troll"), "");

        h.connect("carol", "study");

        assertThat(h.fanout.to("carol", ChatEvent.Message.class))
                .extracting(ChatEvent.Message::text)
                .containsExactly("welcome");
    }

    @Test
    void onlyTheOwnerOrTheAdministratorMayDeleteTheAdministratorFromOutsideToo() {
        h.connect("owner", "study");
        Member<String> bob = h.connect("bob", "study");
        Member<String> outsider = h.connect("eve", RoomNames.LOBBY);
        ChatEvent.Message line = core.post(bob, "study", "mine");

        assertThat(refusal(() -> core.delete(bob, "study", Deletion.message(line.seq()), ""))
                        .reason())
                .isEqualTo(Reason.NOT_MODERATOR);
        assertThat(refusal(() -> core.delete(outsider, "study", Deletion.message(line.seq()), ""))
                        .reason())
                .isEqualTo(Reason.NOT_IN_ROOM);

        Member<String> admin = h.admin(RoomNames.LOBBY);
        assertThat(core.delete(admin, "study", Deletion.message(line.seq()), "").by())
                .isEqualTo(Names.ADMINISTRATOR);
        assertThat(refusal(() -> core.delete(admin, "nowhere", Deletion.from("bob"), ""))
                        .reason())
                .isEqualTo(Reason.NO_SUCH_ROOM);
    }

    @Test
    void anOwnerByPresenceDeletesOnlyWhatWasSaidSinceItJoinedAndTheAdministratorAnything() {
        Member<String> first = h.connect("first", "study");
        Member<String> bob = h.connect("bob", "study");
        ChatEvent.Message before = core.post(bob, "study", "said before the heir came");
        Member<String> heir = h.connect("heir", "study");
        ChatEvent.Message after = core.post(bob, "study", "said with the heir here");
        core.part(first, "study", "");
        core.part(bob, "study", "");
        core.join(bob, "study", -1);
        assertThat(core.room("study").owner()).isEqualTo("heir");

        Refusal older = refusal(() -> core.delete(heir, "study", Deletion.message(before.seq()), ""));
        ChatEvent.Deleted byName = core.delete(heir, "study", Deletion.from("bob"), "");

        assertThat(older.reason()).isEqualTo(Reason.SENT_BEFORE_JOINED);
        assertThat(byName.seqs()).as("the older line is passed over").containsExactly(after.seq());
        assertThat(byName.passedOver()).isEqualTo(1);
        assertThat(byName.firstSent()).isEqualTo(after.at());
        Member<String> admin = h.admin(RoomNames.LOBBY);
        assertThat(core.delete(admin, "study", Deletion.message(before.seq()), "")
                        .seqs())
                .containsExactly(before.seq());
    }

    @Test
    void anOwnerWhoShowedTheRoomsKeyDeletesWhatWasSaidBeforeItCame() {
        Member<String> founder = h.connect("founder", "study");
        NewRoomKey key = core.registerRoom(founder, "study");
        Member<String> bob = h.connect("bob", "study");
        ChatEvent.Message old = core.post(bob, "study", "before the key holder came back");
        core.part(founder, "study", "");

        core.join(founder, "study", -1, key.key());

        assertThat(core.delete(founder, "study", Deletion.message(old.seq()), "")
                        .seqs())
                .containsExactly(old.seq());
    }

    @Test
    void nothingThatFitsIsRefusedNamingTheSeqOrTheName() {
        Member<String> owner = h.connect("owner", "study");
        Member<String> bob = h.connect("bob", "study");
        ChatEvent.Message line = core.post(bob, "study", "hi");
        core.delete(owner, "study", Deletion.message(line.seq()), "");

        Refusal again = refusal(() -> core.delete(owner, "study", Deletion.message(line.seq()), ""));
        assertThat(again.reason()).isEqualTo(Reason.NO_SUCH_MESSAGE);
        assertThat(again.subject()).isEqualTo(Long.toString(line.seq()));
        long joinSeq = core.room("study").members(); // a JOINED event's number is no message
        assertThat(refusal(() -> core.delete(owner, "study", Deletion.message(joinSeq), ""))
                        .reason())
                .isEqualTo(Reason.NO_SUCH_MESSAGE);
        Refusal nobody = refusal(() -> core.delete(owner, "study", Deletion.from("carol"), ""));
        assertThat(nobody.reason()).isEqualTo(Reason.NO_SUCH_MESSAGE);
        assertThat(nobody.subject()).isEqualTo("carol");
    }

    @Test
    void oneDeletionTakesAtMostTheNewest200AndTheNextTakesTheRest() {
        Member<String> owner = h.connect("owner", "study");
        Member<String> flooder = h.connect("flooder", "study");
        List<Long> posted = LongStream.rangeClosed(1, 250)
                .mapToObj(i -> core.post(flooder, "study", "flood " + i).seq())
                .toList();

        ChatEvent.Deleted first = core.delete(owner, "study", Deletion.from("flooder"), "");
        ChatEvent.Deleted rest = core.delete(owner, "study", Deletion.from("flooder"), "");

        assertThat(first.seqs()).hasSize(CoreConfig.MAX_DELETED).isEqualTo(posted.subList(50, 250));
        assertThat(rest.seqs()).isEqualTo(posted.subList(0, 50));
        assertThat(core.history(owner, "study", HistoryQuery.latest(500))).isEmpty();
    }

    private static List<String> texts(List<ChatEvent.Message> messages) {
        return messages.stream().map(ChatEvent.Message::text).toList();
    }
}
