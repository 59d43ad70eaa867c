package openchat.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** WHOWAS: who gave up a name lately, by leaving or by taking another, newest first, every spelling alike. */
class WhowasTest {
    private final CoreHarness h = new CoreHarness();

    @Test
    void aMemberWhoLeftOrRenamedIsFoundNewestFirstUnderEverySpelling() {
        Member<String> kim = h.connect("Kim Min");
        h.core.disconnect(kim, LeaveReason.LEFT, "", false);
        h.clock.advance(Duration.ofMinutes(1));
        Member<String> again = h.connect("kim_min");
        h.core.rename(again, "민");

        assertThat(h.core.whowas("KIM.MIN", 10))
                .extracting(Departed::name, Departed::renamedTo)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("kim_min", "민"),
                        org.assertj.core.groups.Tuple.tuple("Kim Min", null));
        assertThat(h.core.whowas("kim min", 1)).extracting(Departed::name).containsExactly("kim_min");
        assertThat(h.core.whowas("kim min", 10).get(1).at())
                .isBefore(h.core.whowas("kim min", 10).get(0).at());
    }

    @Test
    void anOldNameLeadsThroughItsRenamesToTheNameItsHolderGoesByNowWhileItIsConnected() {
        Member<String> tom = h.connect("tom");
        h.core.rename(tom, "tommy");
        assertThat(h.core.nowNamed("TOM")).contains("tommy");
        h.core.rename(tom, "Tom2");
        assertThat(h.core.nowNamed("tom")).as("through two renames").contains("Tom2");
        assertThat(h.core.nowNamed("tommy")).contains("Tom2");

        h.core.disconnect(tom, LeaveReason.LEFT, "", false);
        assertThat(h.core.nowNamed("tom")).as("its holder has left").isEmpty();
        Member<String> left = h.connect("left");
        h.core.disconnect(left, LeaveReason.LEFT, "", false);
        assertThat(h.core.nowNamed("left"))
                .as("given up by leaving, not by a rename")
                .isEmpty();
        assertThat(h.core.nowNamed("nobody")).isEmpty();
    }

    @Test
    void aQuietLeaveAndAMemberStillHereAreNotFound() {
        Member<String> quiet = h.connect("조용이");
        h.connect("있는이");

        h.core.disconnect(quiet, LeaveReason.LEFT, "", true);

        assertThat(h.core.whowas("조용이", 10)).isEmpty();
        assertThat(h.core.whowas("있는이", 10)).isEmpty();
    }

    @Test
    void onlyTheLatestDeparturesAreKept() {
        for (int i = 0; i <= RecentlyGone.KEPT; i++) {
            h.core.disconnect(h.connect("u" + i), LeaveReason.LEFT, "", false);
        }

        assertThat(h.core.whowas("u0", 10)).isEmpty();
        assertThat(h.core.whowas("u1", 10)).hasSize(1);
        assertThat(h.core.whowas("u" + RecentlyGone.KEPT, 10)).hasSize(1);
    }
}
