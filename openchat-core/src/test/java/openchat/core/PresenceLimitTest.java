package openchat.core;

import static openchat.core.CoreHarness.CONFIG;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Delayed join: past the presence limit a join is announced when the member first speaks, and a member never
 * announced leaves without a word.
 */
class PresenceLimitTest {

    @Test
    void beyondThePresenceLimitAJoinIsAnnouncedWhenTheMemberFirstSpeaks() {
        CoreHarness h = new CoreHarness(
                CONFIG.toBuilder().roomCapacity(10).presenceLimit(2).build());
        h.connect("a", "big");
        h.connect("b", "big");
        Member<String> c = h.connect("c", "big");
        assertThat(h.fanout.described()).containsExactly("a <- joined big b #2");

        h.core.post(c, "big", "hi");
        h.core.post(c, "big", "again");

        assertThat(h.fanout.described())
                .containsExactly(
                        "a <- joined big b #2",
                        "a <- joined big c #3",
                        "b <- joined big c #3",
                        "a <- message big c: hi #4",
                        "b <- message big c: hi #4",
                        "a <- message big c: again #5",
                        "b <- message big c: again #5");
        assertThat(h.fanout.to("a", ChatEvent.Joined.class).get(1).members()).isEqualTo(3);
        assertThat(h.core.who("big"))
                .extracting(MemberView::name)
                .as("who shows everyone")
                .containsExactly("a", "b", "c");
    }

    @Test
    void beyondThePresenceLimitAMemberNeverAnnouncedLeavesUnannounced() {
        CoreHarness h = new CoreHarness(
                CONFIG.toBuilder().roomCapacity(10).presenceLimit(1).build());
        Member<String> admin = h.admin("big");
        h.connect("owner", "big"); // the first member but the administrator owns the room, and is announced
        Member<String> lurker = h.connect("lurker", "big");
        h.connect("kicked", "big");
        Member<String> speaker = h.connect("speaker", "big");
        h.core.post(speaker, "big", "hello");
        h.fanout.clear();

        h.core.disconnect(lurker, LeaveReason.LEFT, "", false);
        h.core.kick(admin, "big", "kicked", "");
        h.core.disconnect(speaker, LeaveReason.LEFT, "", false);

        assertThat(h.fanout.described())
                .containsExactly(
                        "kicked <- left big kicked kicked by 채팅관리자 #6",
                        "admin <- left big speaker left #7",
                        "owner <- left big speaker left #7");
    }

    @Test
    void anUnannouncedMemberStillHearsTheRoom() {
        CoreHarness h = new CoreHarness(
                CONFIG.toBuilder().roomCapacity(10).presenceLimit(1).build());
        Member<String> a = h.connect("a", "big");
        h.connect("b", "big");
        h.fanout.clear();

        h.core.post(a, "big", "hi");

        assertThat(h.fanout.described()).containsExactly("b <- message big a: hi #2");
    }

    @Test
    void anUnannouncedMembersRenameAndAwayAreNotToldWhereItWasNeverAnnounced() {
        CoreHarness h = new CoreHarness(
                CONFIG.toBuilder().roomCapacity(10).presenceLimit(1).build());
        h.connect("a", "big");
        Member<String> lurker = h.connect("lurker", "big");
        h.fanout.clear();

        h.core.rename(lurker, "lurker2");
        h.core.setAway(lurker, "점심");

        assertThat(h.fanout.described()).isEmpty();

        h.core.post(lurker, "big", "hi");
        h.fanout.clear();
        h.core.rename(lurker, "lurker3");

        assertThat(h.fanout.described()).hasSize(1).allMatch(line -> line.startsWith("a <- "));
    }
}
