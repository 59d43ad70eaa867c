package openchat.core;

import static openchat.core.CoreHarness.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import openchat.core.Refusal.Reason;
import org.junit.jupiter.api.Test;

/** The administrator's KILL: a member disconnected from the server, every room told, nothing banned. */
class KillTest {
    private final CoreHarness h = new CoreHarness();
    private final ChatCore<String> core = h.core;

    @Test
    void aKilledMemberLeavesEveryRoomEachIsToldByWhomAndWhyThenItIsToldAndClosed() {
        Member<String> admin = h.admin(RoomNames.LOBBY);
        Member<String> kim = h.connect("Kim Min");
        core.join(kim, "study", -1);
        h.connect("bob");
        Member<String> ann = h.connect("ann", "study");
        h.fanout.clear();

        String killed = core.kill(admin, "kim_min", "spam\nand more");

        assertThat(killed).as("the name as its member writes it").isEqualTo("Kim Min");
        assertThat(h.fanout.described())
                .anyMatch(d -> d.startsWith("bob <- left lobby Kim Min killed by 채팅관리자"))
                .anyMatch(d -> d.startsWith("ann <- left study Kim Min killed by 채팅관리자"))
                .endsWith("Kim Min <- killed by 채팅관리자: spam and more then close");
        assertThat(h.fanout.to("ann", ChatEvent.Left.class)).singleElement().satisfies(left -> {
            assertThat(left.reason()).isEqualTo(LeaveReason.KILLED);
            assertThat(left.detail()).as("the reason, as one line").isEqualTo("spam and more");
        });
        assertThat(core.member("Kim Min")).isEmpty();
        assertThat(core.who("study")).extracting(MemberView::name).containsExactly("ann");
        assertThat(ann.isIn("study")).isTrue();
    }

    @Test
    void aKilledMemberMayComeStraightBackForNothingIsBanned() {
        Member<String> admin = h.admin(RoomNames.LOBBY);
        h.connect("kim");

        core.kill(admin, "kim", "");

        assertThat(core.bans(admin)).isEmpty();
        assertThat(h.connect("kim").name()).isEqualTo("kim");
    }

    @Test
    void onlyTheAdministratorMayKill() {
        h.admin(RoomNames.LOBBY);
        Member<String> owner = h.connect("owner", "own-room");
        h.connect("kim", "own-room");

        assertThat(refusal(() -> core.kill(owner, "kim", "")).reason()).isEqualTo(Reason.ADMIN_ONLY);
        assertThat(core.member("kim")).isPresent();
    }

    @Test
    void killingANameNoOneHasIsNoSuchMember() {
        Member<String> admin = h.admin(RoomNames.LOBBY);

        Refusal refused = refusal(() -> core.kill(admin, "nobody", ""));

        assertThat(refused.reason()).isEqualTo(Reason.NO_SUCH_MEMBER);
        assertThat(refused.subject()).isEqualTo("nobody");
    }

    @Test
    void theAdministratorIsNotKilledAsItIsNotKicked() {
        Member<String> admin = h.admin(RoomNames.LOBBY);

        assertThat(refusal(() -> core.kill(admin, Names.ADMINISTRATOR, "")).reason())
                .isEqualTo(Reason.ADMIN_NOT_KICKABLE);
        assertThat(core.member(Names.ADMINISTRATOR)).isPresent();
    }
}
