package openchat.core;

import static openchat.core.CoreHarness.ADMIN_KEY;
import static openchat.core.CoreHarness.CONFIG;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A registration whose key no one used for {@link CoreConfig#REGISTRATION_LAPSE}, of a room that is empty, lapses: its
 * key opens nothing more, and its place counts against no limit.
 */
class RegistrationLapseTest {
    private static final Duration LAPSE = CoreConfig.REGISTRATION_LAPSE;
    private static final Duration A_MINUTE = Duration.ofMinutes(1);

    private final CoreHarness h = new CoreHarness();
    private final List<RegisteredRoom> told = new ArrayList<>();
    private final RoomKeyStore keys = RoomKeyStore.inMemory();
    private final ChatCore<String> core = new ChatCore<>(
            CONFIG,
            h.fanout,
            new CoreListener() {
                @Override
                public void registrationLapsed(RegisteredRoom lapsed) {
                    told.add(lapsed);
                }
            },
            h.history,
            h.clock,
            ADMIN_KEY::equals,
            BanStore.IN_MEMORY,
            keys);

    private Member<String> connect(String name, String room) {
        return core.connect(name, null, CoreHarness.ORIGIN, name, room, -1).member();
    }

    /** alice registers dev and leaves it empty; returns its key. */
    private String registeredAndEmptied() {
        Member<String> alice = connect("alice", "dev");
        String key = core.registerRoom(alice, "dev").key();
        core.disconnect(alice, LeaveReason.LEFT, "", false);
        return key;
    }

    @Test
    void anEmptyRoomsRegistrationWhoseKeyWentUnusedForTheLapseLapsesAndIsTold() {
        String key = registeredAndEmptied();
        h.clock.advance(LAPSE.plus(A_MINUTE));

        List<RegisteredRoom> lapsed = core.lapseRegistrations();

        assertThat(lapsed)
                .extracting(RegisteredRoom::name, RegisteredRoom::by)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("dev", "alice"));
        assertThat(told).isEqualTo(lapsed);
        assertThat(keys.hashOf("dev")).isNull();
        assertThat(keys.count()).isZero();
        Member<String> bob = connect("bob", "lobby");
        assertThat(CoreHarness.refusal(() -> core.join(bob, "dev", -1, key)).reason())
                .as("the key opens nothing more")
                .isEqualTo(Refusal.Reason.WRONG_ROOM_KEY);
        assertThat(core.join(bob, "dev", -1, null).role()).isEqualTo(RoomRole.OWNER);
        assertThat(core.room("dev").registered()).isFalse();
    }

    @Test
    void aRegistrationUnusedForLessThanTheLapseStays() {
        registeredAndEmptied();
        h.clock.advance(LAPSE.minus(A_MINUTE));

        assertThat(core.lapseRegistrations()).isEmpty();
        assertThat(keys.hashOf("dev")).isNotNull();
        assertThat(told).isEmpty();
    }

    @Test
    void aKeyShownToJoinCountsAsAUseAndTheLapseCountsFromIt() {
        String key = registeredAndEmptied();
        h.clock.advance(LAPSE.minus(A_MINUTE));
        Member<String> alice = connect("alice2", "lobby");
        core.join(alice, "dev", -1, key);
        core.disconnect(alice, LeaveReason.LEFT, "", false);
        h.clock.advance(Duration.ofMinutes(2));

        assertThat(core.lapseRegistrations())
                .as("used a minute before the lapse")
                .isEmpty();
        assertThat(keys.registrations().get(0).used())
                .isEqualTo(TestClock.START.plus(LAPSE).minus(A_MINUTE));

        h.clock.advance(LAPSE);
        assertThat(core.lapseRegistrations()).extracting(RegisteredRoom::name).containsExactly("dev");
    }

    @Test
    void aKeyShownInTheRoomCountsAsAUse() {
        String key = registeredAndEmptied();
        Member<String> bob = connect("bob", "dev");
        h.clock.advance(LAPSE.minus(A_MINUTE));
        core.claimRoom(bob, "dev", key);
        core.disconnect(bob, LeaveReason.LEFT, "", false);
        h.clock.advance(Duration.ofMinutes(2));

        assertThat(core.lapseRegistrations()).isEmpty();
    }

    @Test
    void aRoomWithMembersIsInUseAndLapsesOnlyAfterTheLapseEmptyWithItsKeyUnused() {
        Member<String> alice = connect("alice", "dev");
        core.registerRoom(alice, "dev");
        Member<String> bob = connect("bob", "dev");
        core.part(alice, "dev"); // bob owns it by presence, without the key
        h.clock.advance(LAPSE.plus(A_MINUTE));

        assertThat(core.lapseRegistrations()).as("bob is in it").isEmpty();

        core.part(bob, "dev");
        assertThat(core.lapseRegistrations()).as("in use at the last sweep").isEmpty();
        h.clock.advance(LAPSE.minus(A_MINUTE));
        assertThat(core.lapseRegistrations()).isEmpty();
        h.clock.advance(Duration.ofMinutes(2));
        assertThat(core.lapseRegistrations()).extracting(RegisteredRoom::name).containsExactly("dev");
    }

    @Test
    void anOwnerWhoShowedTheKeyAndStaysInTheRoomUsesItAllTheWhile() {
        Member<String> alice = connect("alice", "dev");
        core.registerRoom(alice, "dev");
        h.clock.advance(LAPSE.minus(A_MINUTE));
        assertThat(core.lapseRegistrations()).isEmpty(); // the sweep sees alice holding the key
        h.clock.advance(Duration.ofMinutes(2));
        core.disconnect(alice, LeaveReason.LEFT, "", false);

        assertThat(core.lapseRegistrations()).as("used at the last sweep").isEmpty();
        h.clock.advance(LAPSE);
        assertThat(core.lapseRegistrations()).extracting(RegisteredRoom::name).containsExactly("dev");
    }

    @Test
    void aLapsedRegistrationNoLongerCountsAgainstItsNetwork() {
        registeredAndEmptied();
        assertThat(keys.countFrom("127.0.0.0/24", "other")).isEqualTo(1);
        h.clock.advance(LAPSE.plus(A_MINUTE));

        core.lapseRegistrations();

        assertThat(keys.countFrom("127.0.0.0/24", "other")).isZero();
    }
}
