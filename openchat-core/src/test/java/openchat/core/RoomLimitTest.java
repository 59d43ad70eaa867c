package openchat.core;

import static openchat.core.CoreHarness.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import openchat.core.Refusal.Reason;
import org.junit.jupiter.api.Test;

/** A room's member limit (IRC's +l), set by its owner or the administrator, never above the server's capacity. */
class RoomLimitTest {
    private final CoreHarness h = new CoreHarness(
            CoreConfig.builder().floodControl(FloodControl.OFF).roomCapacity(4).build());
    private final ChatCore<String> core = h.core;

    @Test
    void aJoinPastTheOwnersLimitIsRefusedAsAFullRoomAndTheOthersAreTold() {
        Member<String> owner = h.connect("owner", "study");
        h.connect("bob", "study");
        h.fanout.clear();

        ChatEvent.RoomLimit set = core.setRoomLimit(owner, "study", 2);

        assertThat(set.limit()).isEqualTo(2);
        assertThat(set.reset()).isFalse();
        assertThat(h.fanout.to("bob", ChatEvent.RoomLimit.class)).containsExactly(set);
        assertThat(h.fanout.to("owner", ChatEvent.RoomLimit.class))
                .as("the setter has its answer")
                .isEmpty();
        assertThat(core.room("study").capacity()).isEqualTo(2);
        Refusal full = refusal(() -> h.connect("carol", "study"));
        assertThat(full.reason()).isEqualTo(Reason.ROOM_FULL);
        assertThat(full.capacity()).isEqualTo(2);
    }

    @Test
    void membersOverTheLimitStayAndAResetGivesBackTheServersCapacity() {
        Member<String> owner = h.connect("owner", "study");
        h.connect("bob", "study");
        h.connect("carol", "study");

        core.setRoomLimit(owner, "study", 1);

        assertThat(core.room("study").members()).isEqualTo(3);
        ChatEvent.RoomLimit reset = core.setRoomLimit(owner, "study", Chat.SERVER_LIMIT);
        assertThat(reset.reset()).isTrue();
        assertThat(reset.limit()).isEqualTo(4);
        h.connect("dave", "study");
    }

    @Test
    void onlyTheOwnerOrTheAdministratorMaySetItFrom1ToTheServersCapacity() {
        Member<String> owner = h.connect("owner", "study");
        Member<String> bob = h.connect("bob", "study");
        Member<String> outsider = h.connect("eve", RoomNames.LOBBY);

        assertThat(refusal(() -> core.setRoomLimit(bob, "study", 2)).reason()).isEqualTo(Reason.NOT_MODERATOR);
        assertThat(refusal(() -> core.setRoomLimit(outsider, "study", 2)).reason())
                .isEqualTo(Reason.NOT_IN_ROOM);
        Refusal over = refusal(() -> core.setRoomLimit(owner, "study", 5));
        assertThat(over.reason()).isEqualTo(Reason.INVALID_LIMIT);
        assertThat(over.subject()).isEqualTo("5");
        assertThat(over.capacity()).isEqualTo(4);
        assertThat(refusal(() -> core.setRoomLimit(owner, "study", -1)).reason())
                .isEqualTo(Reason.INVALID_LIMIT);
        assertThat(core.room("study").capacity()).isEqualTo(4);

        Member<String> admin = h.admin(RoomNames.LOBBY);
        assertThat(core.setRoomLimit(admin, "study", 3).by()).isEqualTo(Names.ADMINISTRATOR);
        assertThat(refusal(() -> core.setRoomLimit(admin, "nowhere", 3)).reason())
                .isEqualTo(Reason.NO_SUCH_ROOM);
    }

    @Test
    void anEmptiedRoomForgetsItsLimit() {
        Member<String> owner = h.connect("owner", "study");
        core.join(owner, RoomNames.LOBBY, -1);
        core.setRoomLimit(owner, "study", 1);

        core.part(owner, "study", "");

        h.connect("bob", "study");
        assertThat(core.room("study").capacity()).isEqualTo(4);
    }
}
