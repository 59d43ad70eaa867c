package openchat.core;

import static openchat.core.CoreHarness.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every room's bans on the server, bounded in all: an emptied room's oldest ban makes way, a live room's never. */
class RoomBansTest {
    private final TestClock clock = new TestClock();
    private final Set<String> liveRooms = new HashSet<>();
    private final RoomBans bans = new RoomBans(BanStore.IN_MEMORY, clock, 3, liveRooms::contains);

    private RoomBan ban(String room, String name, int minute) {
        OffsetDateTime at = OffsetDateTime.parse("2026-12-06T05:00:00Z").plusMinutes(minute);
        return new RoomBan(room, new Ban(name, Ban.Kind.NAME, Names.key(name), "owner", at, "", null), null);
    }

    @Test
    void pastTheServersBoundTheOldestBanOfAnEmptiedRoomMakesWayAndALiveRoomsBansStay() {
        liveRooms.add("live");
        bans.add(ban("live", "a", 0), 100);
        bans.add(ban("gone", "b", 1), 100);
        bans.add(ban("gone", "c", 2), 100);

        bans.add(ban("live", "d", 3), 100);

        assertThat(bans.list("gone")).extracting(b -> b.ban().target()).containsExactly("c");
        assertThat(bans.list("live")).extracting(b -> b.ban().target()).containsExactly("a", "d");
        bans.add(ban("other", "e", 4), 100);
        assertThat(bans.list("gone")).isEmpty();
        liveRooms.add("other");

        Refusal refused = refusal(() -> bans.add(ban("live", "f", 5), 100));
        assertThat(refused.reason()).isEqualTo(Refusal.Reason.TOO_MANY_ROOM_BANS);
        assertThat(refused.capacity()).isEqualTo(3);
        bans.add(ban("live", "a", 6), 100); // made again: no new place
        bans.remove("other", "e");
        bans.add(ban("live", "f", 7), 100);
        assertThat(bans.list("live")).hasSize(3);
    }
}
