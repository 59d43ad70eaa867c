package openchat.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Presence: which names asked are connected, with their names as written, away messages and the administrator. */
class PresenceTest {
    private final CoreHarness h = new CoreHarness();

    @Test
    void theConnectedAmongTheNamesAskedAreFoundByKeyAsWrittenWithTheirAwayAndTheAdministrator() {
        Member<String> kim = h.connect("Kim Min");
        h.core.setAway(kim, "점심");
        h.connect("bob");
        h.admin(RoomNames.LOBBY);

        assertThat(h.core.presenceOf(List.of("kim_min", "nobody", "BOB", Names.ADMINISTRATOR)))
                .containsOnlyKeys(Names.key("Kim Min"), "bob", Names.key(Names.ADMINISTRATOR))
                .containsEntry(Names.key("kim_min"), new Presence("Kim Min", "점심"))
                .containsEntry("bob", new Presence("bob", ""))
                .hasEntrySatisfying(Names.key(Names.ADMINISTRATOR), admin -> {
                    assertThat(admin.isAdmin()).isTrue();
                    assertThat(admin.isAway()).isFalse();
                });
        assertThat(h.core.presenceOf(List.of("bob")).get("bob").isAdmin()).isFalse();
    }

    @Test
    void aNameGivenUpIsNoLongerFound() {
        Member<String> kim = h.connect("kim");
        Member<String> lee = h.connect("lee");

        h.core.disconnect(kim, LeaveReason.LEFT, "", true);
        h.core.rename(lee, "park");

        assertThat(h.core.presenceOf(List.of("kim", "lee", "park")))
                .containsOnlyKeys("park")
                .containsEntry("park", new Presence("park", ""));
    }
}
