package openchat.core;

import static openchat.core.CoreHarness.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import openchat.core.Refusal.Reason;
import org.junit.jupiter.api.Test;

/**
 * A ban of a name keeps out the names that look like it (its skeleton as written and in small letters), at connect,
 * at rename and for those connected as it is made; a mask fits names' looks as well as their keys.
 */
class LookalikeBansTest {
    private final CoreHarness h = new CoreHarness();
    private final ChatCore<String> core = h.core;
    private int addresses;

    /** Connects {@code name} into {@code room} from an address of its own (so that no address ban is in play). */
    private static Member<String> from(ChatCore<String> core, String name, String room, int address) {
        try {
            return core.connect(name, null, InetAddress.getByName("198.51.100." + address), name, room, -1)
                    .member();
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private Member<String> from(String name, String room) {
        return from(core, name, room, ++addresses);
    }

    /** Connects {@code name} into a room of its own (a room holds 5). */
    private Member<String> from(String name) {
        return from(name, "room" + (addresses + 1));
    }

    private Reason refusedConnect(String name) {
        return refusal(() -> from(name)).reason();
    }

    @Test
    void aNameBanKeepsOutItsLookalikesAtConnectAndRenameAndPutsOutThoseConnected() {
        Member<String> admin = h.admin(RoomNames.LOBBY);
        from("tr0ll");
        from("trolley");
        Member<String> bob = from("bob");

        Chat.BanResult result = core.ban(admin, "troll", null, "again");

        assertThat(result.disconnected()).containsExactly("tr0ll");
        for (String lookalike : new String[] {"troll", "TROLL", "TR0LL", "tro1l", "trolI", "tr0lI"}) {
            assertThat(refusedConnect(lookalike)).as(lookalike).isEqualTo(Reason.BANNED);
        }
        assertThat(refusal(() -> core.rename(bob, "TRO1L")).reason()).isEqualTo(Reason.BANNED);
        from("trolls");
        from("trol");

        core.ban(admin, "alice", null, "");
        for (String lookalike : new String[] {"аӏісе", "a1ice", "AIice", "ALICE"}) {
            assertThat(refusedConnect(lookalike)).as(lookalike).isEqualTo(Reason.BANNED);
        }
        assertThat(refusedConnect("AL1CE"))
                .as("its look is ALICE's in capitals, which a ban of alice keeps out too")
                .isEqualTo(Reason.BANNED);
        from("alicia");
    }

    @Test
    void aNameBanKeepsOutTheLookalikesOfTheNameInCapitalsThoseConnectedToo() {
        Member<String> admin = h.admin(RoomNames.LOBBY);
        from("AL1CE");
        from("BILL");
        from("alicia");

        Chat.BanResult result = core.ban(admin, "alice", null, "");

        assertThat(result.disconnected()).containsExactly("AL1CE");
        assertThat(refusedConnect("ALlCE")).isEqualTo(Reason.BANNED);
        assertThat(refusedConnect("allce"))
                .as("ALICE in capitals looks like it, as it does beside a member named ALICE")
                .isEqualTo(Reason.BANNED);

        Chat.BanResult masked = core.ban(admin, "bi*", null, "");

        assertThat(masked.disconnected()).as("BILL's key fits the mask").containsExactly("BILL");
        assertThat(refusedConnect("B1LL")).as("its look is BILL's in capitals").isEqualTo(Reason.BANNED);
        from("bob");
    }

    @Test
    void aBanWrittenAsALookalikeKeepsOutWhatItLooksLikeAndIsLiftedInAnySpelling() {
        Member<String> admin = h.admin(RoomNames.LOBBY);

        core.ban(admin, "trolI", null, "");

        assertThat(core.bans(admin)).extracting(Ban::target).as("as written").containsExactly("trolI");
        assertThat(refusedConnect("troll")).as("its look as written").isEqualTo(Reason.BANNED);
        assertThat(refusedConnect("troli")).as("its key").isEqualTo(Reason.BANNED);
        assertThat(refusedConnect("tr0ll")).isEqualTo(Reason.BANNED);

        assertThat(core.unban(admin, "TROLI").target()).isEqualTo("trolI");
        from("troll");
    }

    @Test
    void aLookalikeBanKeepsOutTheNameItLooksLikeToo() {
        Member<String> admin = h.admin(RoomNames.LOBBY);
        from("alice");

        Chat.BanResult result = core.ban(admin, "аӏісе", null, "impostor");

        assertThat(result.disconnected())
                .as("one look: the address is how to tell them apart")
                .containsExactly("alice");
    }

    @Test
    void aMaskFitsNamesByTheirLooksAsWellAsTheirKeys() {
        Member<String> admin = h.admin(RoomNames.LOBBY);
        from("tr0ll_fan");
        from("robot");

        Chat.BanResult result = core.ban(admin, "troll*", null, "");

        assertThat(result.disconnected()).containsExactly("tr0ll_fan");
        for (String lookalike : new String[] {"TR0LLey", "trolI 2", "tro1l"}) {
            assertThat(refusedConnect(lookalike)).as(lookalike).isEqualTo(Reason.BANNED);
        }
        from("trol");
        core.unban(admin, "TROLL*");

        core.ban(admin, "TR0LL*", null, "");
        assertThat(refusedConnect("trolley"))
                .as("the mask's own runs taken to their look")
                .isEqualTo(Reason.BANNED);
        core.ban(admin, "m?x", null, "");
        assertThat(refusedConnect("M0X")).as("by its key").isEqualTo(Reason.BANNED);
        assertThat(refusedConnect("rnax")).as("by its look: m looks like rn").isEqualTo(Reason.BANNED);
        from("rnx");
    }

    @Test
    void aBanKeptBeforeLooksWereKeepsOutItsLookalikesOnceLoaded() {
        OffsetDateTime at = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        List<Ban> kept = new ArrayList<>(List.of(
                new Ban("Troll", Ban.Kind.NAME, "troll", Names.ADMINISTRATOR, at, "old", null),
                new Ban("bot*", Ban.Kind.MASK, "bot*", Names.ADMINISTRATOR, at, "", null)));
        BanStore store = new BanStore() {
            @Override
            public List<Ban> load() {
                return List.copyOf(kept);
            }

            @Override
            public void put(Ban ban) {
                kept.add(ban);
            }

            @Override
            public void remove(Ban ban) {
                kept.remove(ban);
            }
        };

        ChatCore<String> loaded = h.coreKeepingBansIn(store);

        assertThat(refusal(() -> from(loaded, "tr0ll", RoomNames.LOBBY, 1)).subject())
                .isEqualTo("old");
        assertThat(refusal(() -> from(loaded, "b0t_7", RoomNames.LOBBY, 2)).reason())
                .isEqualTo(Reason.BANNED);
    }

    @Test
    void aRoomBanKeepsOutTheLookalikesOfItsNameAndSilencesThoseInTheRoom() {
        Member<String> owner = from("owner", "study");
        Member<String> present = from("trolI", "study"); // a capital I: troll as written, troli in small letters
        core.join(present, RoomNames.LOBBY, -1);

        core.roomBan(owner, "study", "troll", null, "");

        assertThat(refusal(() -> core.post(present, "study", "still here")).reason())
                .isEqualTo(Reason.ROOM_BANNED);
        core.post(present, RoomNames.LOBBY, "the other rooms hear it");
        core.part(present, "study", "");
        assertThat(refusal(() -> core.join(present, "study", -1)).reason()).isEqualTo(Reason.ROOM_BANNED);
        Member<String> cyrillic = from("аӏісе", RoomNames.LOBBY);
        core.roomBan(owner, "study", "ALICE", null, "");
        assertThat(refusal(() -> core.join(cyrillic, "study", -1)).reason()).isEqualTo(Reason.ROOM_BANNED);

        core.roomBan(owner, "study", "bot*", null, "");
        assertThat(refusal(() -> from("B0T_1", "study")).reason()).isEqualTo(Reason.ROOM_BANNED);

        core.roomUnban(owner, "study", "TROLL");
        assertThat(core.roomBans(owner, "study"))
                .extracting(ban -> ban.ban().target())
                .containsExactly("ALICE", "bot*");
        core.join(present, "study", -1);
    }

    @Test
    void anOwnerMayNotBanALookalikeOfItsOwnName() {
        Member<String> owner = from("alice", "study");

        assertThat(refusal(() -> core.roomBan(owner, "study", "a1ice", null, ""))
                        .reason())
                .isEqualTo(Reason.BAN_FITS_SELF);
        assertThat(refusal(() -> core.roomBan(owner, "study", "аӏі*", null, "")).reason())
                .isEqualTo(Reason.BAN_FITS_SELF);
    }
}
