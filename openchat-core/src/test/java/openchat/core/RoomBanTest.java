package openchat.core;

import static openchat.core.CoreHarness.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import openchat.core.Refusal.Reason;
import org.junit.jupiter.api.Test;

/** A room's bans (IRC's +b), set by its owner or the administrator: a banned member cannot join, nor speak. */
class RoomBanTest {
    private final CoreHarness h = new CoreHarness();
    private final ChatCore<String> core = h.core;

    private Member<String> from(String name, String address, String room) {
        return from(core, name, address, room);
    }

    private static Member<String> from(ChatCore<String> core, String name, String address, String room) {
        try {
            return core.connect(name, null, InetAddress.getByName(address), name, room, -1)
                    .member();
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aBannedNameCannotJoinTheRoomInAnySpellingButMayJoinOthers() {
        Member<String> owner = from("owner", "192.0.2.1", "study");
        core.roomBan(owner, "study", "Kim Min", null, "spam");

        assertThat(refusal(() -> from("KIM.MIN", "192.0.2.3", "study")).reason())
                .as("a connect into it")
                .isEqualTo(Reason.ROOM_BANNED);
        assertThat(core.member("KIM.MIN")).as("a refused connect keeps no name").isEmpty();
        Member<String> kim = from("kim_min", "192.0.2.2", RoomNames.LOBBY);
        Refusal refused = refusal(() -> core.join(kim, "Study", -1));
        assertThat(refused.reason()).isEqualTo(Reason.ROOM_BANNED);
        assertThat(refused.subject()).as("the room as it shows itself").isEqualTo("study");
        assertThat(refused.retryAfterSeconds()).as("permanent").isZero();
        core.join(kim, "other", -1);
    }

    @Test
    void aMaskKeepsOutEveryNameItFits() {
        Member<String> owner = from("owner", "192.0.2.1", "study");
        core.roomBan(owner, "study", "bot*", null, "");

        assertThat(refusal(() -> from("Bot_7", "192.0.2.5", "study")).reason()).isEqualTo(Reason.ROOM_BANNED);
        from("robot", "192.0.2.6", "study");
    }

    @Test
    void aMemberPresentWhenBannedCannotSpeakThereUntilKickedAndTheOthersAreTold() {
        Member<String> owner = from("owner", "192.0.2.1", "study");
        Member<String> troll = from("troll", "192.0.2.2", "study");
        core.join(troll, RoomNames.LOBBY, -1);
        from("bob", "192.0.2.3", "study");
        h.fanout.clear();

        core.roomBan(owner, "study", "troll", null, "");

        assertThat(h.fanout.described())
                .contains("troll <- room ban study troll by owner", "bob <- room ban study troll by owner")
                .noneMatch(d -> d.startsWith("owner <-"));
        assertThat(refusal(() -> core.post(troll, "study", "still here")).reason())
                .isEqualTo(Reason.ROOM_BANNED);
        core.post(troll, RoomNames.LOBBY, "the other rooms hear it");
        core.kick(owner, "study", "troll", "");
        assertThat(refusal(() -> core.join(troll, "study", -1)).reason()).isEqualTo(Reason.ROOM_BANNED);
    }

    @Test
    void onlyTheOwnerOrTheAdministratorMayBanAndLift() {
        Member<String> owner = from("owner", "192.0.2.1", "study");
        Member<String> member = from("member", "192.0.2.2", "study");
        Member<String> outsider = from("outsider", "192.0.2.3", RoomNames.LOBBY);
        Member<String> admin = h.admin(RoomNames.LOBBY);

        assertThat(refusal(() -> core.roomBan(member, "study", "x", null, "")).reason())
                .isEqualTo(Reason.NOT_MODERATOR);
        assertThat(refusal(() -> core.roomBan(outsider, "study", "x", null, "")).reason())
                .isEqualTo(Reason.NOT_IN_ROOM);
        core.roomBan(owner, "study", "x", null, "");
        assertThat(refusal(() -> core.roomUnban(member, "study", "x")).reason()).isEqualTo(Reason.NOT_MODERATOR);
        assertThat(core.roomBans(member, "study"))
                .as("anyone may read the list")
                .extracting(ban -> ban.ban().target())
                .containsExactly("x");

        core.roomBan(admin, "study", "y", null, "from outside");
        core.disconnect(owner, LeaveReason.LEFT, "", false);
        core.disconnect(member, LeaveReason.LEFT, "", false);
        assertThat(h.roomNames()).doesNotContain("study");
        core.roomBan(admin, "study", "z", null, "while it is empty");
        assertThat(core.roomBans(admin, "study"))
                .extracting(ban -> ban.ban().target())
                .containsExactly("x", "y", "z");
        assertThat(refusal(() -> core.roomBans(outsider, "study")).reason()).isEqualTo(Reason.NO_SUCH_ROOM);
        assertThat(core.roomUnban(admin, "study", "X").ban().target()).isEqualTo("x");
        assertThat(refusal(() -> core.roomUnban(admin, "study", "x")).reason()).isEqualTo(Reason.NOT_BANNED);
    }

    @Test
    void theAdministratorCannotBeBannedNorKeptOutOfARoom() {
        Member<String> owner = from("owner", "192.0.2.1", "study");

        assertThat(refusal(() -> core.roomBan(owner, "study", Names.ADMINISTRATOR, null, ""))
                        .reason())
                .isEqualTo(Reason.ADMIN_NOT_BANNABLE);
        core.roomBan(owner, "study", Names.ADMINISTRATOR.substring(0, 2) + "*", null, "");
        Member<String> admin = h.admin("study");
        core.post(admin, "study", "the administrator is never kept out");
    }

    @Test
    void aBanThatFitsItsSetterOrNamesAnAddressIsRefused() {
        Member<String> owner = from("bob", "192.0.2.1", "study");

        assertThat(refusal(() -> core.roomBan(owner, "study", "b*", null, "")).reason())
                .isEqualTo(Reason.BAN_FITS_SELF);
        assertThat(refusal(() -> core.roomBan(owner, "study", "BOB", null, "")).reason())
                .isEqualTo(Reason.BAN_FITS_SELF);
        assertThat(refusal(() -> core.roomBan(owner, "study", "203.0.113.7", null, ""))
                        .reason())
                .isEqualTo(Reason.INVALID_BAN);
        assertThat(refusal(() -> core.roomBan(owner, "study", "*", null, "")).reason())
                .isEqualTo(Reason.INVALID_BAN);
        assertThat(core.roomBans(owner, "study")).isEmpty();
    }

    @Test
    void settingAndLiftingBansSpendsTheOwnersChatAllowanceAsATopicDoes() throws Exception {
        CoreHarness limited = new CoreHarness(CoreHarness.CONFIG.toBuilder()
                .floodControl(new FloodControl(true, 2, 1))
                .build());
        Member<String> owner = limited.core
                .connect("owner", null, InetAddress.getByName("192.0.2.1"), "owner", "study", -1)
                .member();
        limited.core.roomBan(owner, "study", "a", null, "");
        limited.core.roomUnban(owner, "study", "a");

        assertThat(refusal(() -> limited.core.roomBan(owner, "study", "b", null, ""))
                        .reason())
                .isEqualTo(Reason.TOO_FAST);
        assertThat(limited.core.roomBans(owner, "study")).as("nothing done").isEmpty();
    }

    @Test
    void aRoomHoldsAtMostItsMaximumOfBans() {
        Member<String> owner = from("owner", "192.0.2.1", "study");
        for (int i = 0; i < CoreConfig.MAX_ROOM_BANS; i++) {
            core.roomBan(owner, "study", "troll" + i, null, "");
        }

        Refusal refused = refusal(() -> core.roomBan(owner, "study", "one-more", null, ""));
        assertThat(refused.reason()).isEqualTo(Reason.TOO_MANY_ROOM_BANS);
        assertThat(refused.capacity()).isEqualTo(CoreConfig.MAX_ROOM_BANS);
        core.roomBan(owner, "study", "troll0", null, "made again: no new place");
        core.roomUnban(owner, "study", "troll1");
        core.roomBan(owner, "study", "one-more", null, "");
        assertThat(core.roomBans(owner, "study")).hasSize(CoreConfig.MAX_ROOM_BANS);
    }

    @Test
    void theAddressOfABannedMemberPresentFollowsItUnderAnotherNameAndIsShownToTheAdministratorOnly() {
        Member<String> owner = from("owner", "192.0.2.1", "study");
        Member<String> troll = from("troll", "192.0.2.2", "study");
        Member<String> admin = h.admin(RoomNames.LOBBY);

        RoomBan made = core.roomBan(owner, "study", "troll", null, "");
        assertThat(made.address()).as("never shown to the owner").isNull();
        assertThat(core.roomBans(owner, "study").get(0).address()).isNull();
        assertThat(core.roomBans(admin, "study").get(0).address()).hasToString("192.0.2.2");

        core.rename(troll, "nice");
        assertThat(refusal(() -> core.post(troll, "study", "it is me, nice")).reason())
                .isEqualTo(Reason.ROOM_BANNED);
        core.part(troll, "study");
        assertThat(refusal(() -> core.join(troll, "study", -1)).reason()).isEqualTo(Reason.ROOM_BANNED);
        assertThat(refusal(() -> from("another", "192.0.2.2", "study")).reason())
                .isEqualTo(Reason.ROOM_BANNED);
        from("elsewhere", "192.0.2.9", "study");
    }

    @Test
    void othersBehindTheBannedMembersAddressKeepSpeakingWhileTheBannedOneRenamedDoesNot() {
        Member<String> owner = from("owner", "192.0.2.1", "study");
        Member<String> troll = from("troll", "192.0.2.2", "study");
        Member<String> classmate = from("classmate", "192.0.2.2", "study"); // one school's NAT

        core.roomBan(owner, "study", "troll", null, "");

        assertThat(core.post(classmate, "study", "see you after class").text()).isEqualTo("see you after class");
        core.rename(troll, "nice");
        core.rename(troll, "nicer");
        assertThat(refusal(() -> core.post(troll, "study", "two names later")).reason())
                .isEqualTo(Reason.ROOM_BANNED);
        assertThat(refusal(() -> from("newcomer", "192.0.2.2", "study")).reason())
                .as("a new name from the address is still kept out")
                .isEqualTo(Reason.ROOM_BANNED);
    }

    @Test
    void aMaskBanStillSilencesAMemberThatRenamedOutOfIt() {
        Member<String> owner = from("owner", "192.0.2.1", "study");
        Member<String> bot = from("bot7", "192.0.2.3", "study");
        core.roomBan(owner, "study", "bot*", null, "");

        core.rename(bot, "human");

        assertThat(refusal(() -> core.post(bot, "study", "beep")).reason()).isEqualTo(Reason.ROOM_BANNED);
    }

    @Test
    void noAddressIsKeptWhenTheBannedMemberSharesTheSettersAddress() {
        Member<String> owner = from("owner", "192.0.2.1", "study");
        from("sibling", "192.0.2.1", "study");

        core.roomBan(owner, "study", "sibling", null, "");

        Member<String> admin = h.admin(RoomNames.LOBBY);
        assertThat(core.roomBans(admin, "study").get(0).address()).isNull();
        from("cousin", "192.0.2.1", "study");
    }

    @Test
    void aTimedBanLapsesByItself() {
        Member<String> owner = from("owner", "192.0.2.1", "study");
        RoomBan made = core.roomBan(owner, "study", "troll", Duration.ofMinutes(30), "cool off");
        assertThat(made.ban().expires()).isEqualTo(made.ban().at().plusMinutes(30));

        h.clock.advance(Duration.ofMinutes(10));
        Refusal refused = refusal(() -> from("troll", "192.0.2.2", "study"));
        assertThat(refused.retryAfterSeconds()).isEqualTo(Duration.ofMinutes(20).toSeconds());

        h.clock.advance(Duration.ofMinutes(20));
        from("troll", "192.0.2.2", "study");
        assertThat(core.roomBans(owner, "study")).isEmpty();
    }

    @Test
    void aRoomsBansOutliveItEmptyingAndAreLoadedByTheNextCoreUntilLifted() {
        List<RoomBan> kept = new ArrayList<>();
        BanStore store = roomBansKeptIn(kept);
        ChatCore<String> first = h.coreKeepingBansIn(store);
        Member<String> owner = from(first, "owner", "192.0.2.1", "study");
        first.roomBan(owner, "study", "troll", null, "first");
        first.roomBan(owner, "study", "Troll", Duration.ofHours(1), "second");
        first.roomBan(owner, "study", "spam*", null, "");
        first.disconnect(owner, LeaveReason.LEFT, "", false);

        assertThat(kept).extracting(ban -> ban.ban().target()).containsExactly("Troll", "spam*");
        assertThat(kept).extracting(RoomBan::room).containsOnly("study");

        ChatCore<String> next = h.coreKeepingBansIn(store);
        assertThat(refusal(() -> from(next, "troll", "192.0.2.2", "study")).reason())
                .isEqualTo(Reason.ROOM_BANNED);
        Member<String> newOwner = from(next, "newowner", "192.0.2.3", "study");
        next.roomUnban(newOwner, "study", "troll");
        assertThat(kept).extracting(ban -> ban.ban().target()).containsExactly("spam*");
        from(next, "troll", "192.0.2.2", "study");

        h.clock.advance(Duration.ofDays(1));
        next.roomBan(newOwner, "study", "brief", Duration.ofSeconds(5), "");
        h.clock.advance(Duration.ofSeconds(5));
        assertThat(next.roomBans(newOwner, "study")).hasSize(1);
        assertThat(kept)
                .as("a lapsed ban leaves the store")
                .extracting(ban -> ban.ban().target())
                .containsExactly("spam*");
    }

    private static BanStore roomBansKeptIn(List<RoomBan> kept) {
        return new BanStore() {
            @Override
            public List<Ban> load() {
                return List.of();
            }

            @Override
            public void put(Ban ban) {}

            @Override
            public void remove(Ban ban) {}

            @Override
            public List<RoomBan> loadRoomBans() {
                return List.copyOf(kept);
            }

            @Override
            public void putRoomBan(RoomBan ban) {
                kept.removeIf(b -> b.room().equals(ban.room())
                        && b.ban().slot().equals(ban.ban().slot()));
                kept.add(ban);
            }

            @Override
            public void removeRoomBan(RoomBan ban) {
                kept.remove(ban);
            }
        };
    }
}
