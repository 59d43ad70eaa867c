package openchat.core;

import static openchat.core.CoreHarness.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import openchat.core.Refusal.Reason;
import org.junit.jupiter.api.Test;

/** Renaming: a member takes a new name, keeps its rooms, roles and away message, and its old name is free. */
class RenameTest {
    private final CoreHarness h = new CoreHarness();
    private final ChatCore<String> core = h.core;

    @Test
    void aRenameIsToldOnceToEachMemberSharingARoomAndToNoOneElse() {
        Member<String> alice = h.connect("alice");
        Member<String> bob = h.connect("bob");
        core.join(alice, "dev", -1);
        core.join(bob, "dev", -1);
        h.connect("carol", "garden");
        h.fanout.clear();

        ChatEvent.Renamed event = core.rename(alice, "앨리스");

        assertThat(event.from()).isEqualTo("alice");
        assertThat(event.to()).isEqualTo("앨리스");
        assertThat(alice.name()).isEqualTo("앨리스");
        assertThat(h.fanout.described()).containsExactly("bob <- renamed alice -> 앨리스");
    }

    @Test
    void theNewNameIsTheMembersEverywhereAndTheOldOneIsFree() {
        Member<String> alice = h.connect("alice");
        Member<String> bob = h.connect("bob");
        core.join(bob, "dev", -1);
        core.join(alice, "dev", -1);
        core.setAway(alice, "lunch");

        core.rename(alice, "Alicia");

        assertThat(core.member("alicia")).containsSame(alice);
        assertThat(core.member("alice")).isEmpty();
        assertThat(core.awayOf("ALICIA")).isEqualTo("lunch");
        assertThat(core.who("dev")).extracting(MemberView::name).containsExactly("bob", "Alicia");
        assertThat(core.who("dev")).extracting(MemberView::role).containsExactly(RoomRole.OWNER, RoomRole.MEMBER);
        ChatEvent.Message said = core.post(alice, "dev", "hi");
        assertThat(said.from()).isEqualTo("Alicia");
        core.whisper(bob, "alicia", "psst");
        assertThat(h.fanout.to("alice", ChatEvent.Private.class))
                .singleElement()
                .extracting(ChatEvent.Private::to)
                .isEqualTo("Alicia");
        assertThat(refusal(() -> core.whisper(bob, "alice", "hello?")).reason()).isEqualTo(Reason.NO_SUCH_MEMBER);

        Member<String> another = h.connect("alice");
        assertThat(another.name()).isEqualTo("alice");
    }

    @Test
    void anOwnerRenamedStaysTheOwnerAndMayStillKick() {
        Member<String> alice = h.connect("alice", "dev");
        h.connect("bob", "dev");

        core.rename(alice, "alicia");
        core.kick(alice, "dev", "bob", "");

        assertThat(core.who("dev")).extracting(MemberView::name).containsExactly("alicia");
        assertThat(core.room("dev").owner()).isEqualTo("alicia");
    }

    @Test
    void aKickInTheMiddleOfARenameLeavesNoOneBehindInTheRoom() {
        Member<String> owner = h.connect("owner", "dev");
        Member<String> alice = h.connect("alice", "dev");
        String oldKey = alice.key();
        // The moment inside ChatCore.rename when the member has its new key and the room has not yet taken it.
        alice.renamed("alicia", Names.key("alicia"), Names.skeleton("alicia"));

        core.kick(owner, "dev", "alice", "");
        ((Room<String>) core.member("owner").orElseThrow().room(RoomNames.key("dev"))).renamed(alice, oldKey);

        assertThat(core.who("dev")).extracting(MemberView::name).containsExactly("owner");
        assertThat(alice.isIn("dev")).isFalse();
    }

    @Test
    void aNameTakenOrBadOrTheAdministratorsIsRefusedAndChangesNothing() {
        Member<String> alice = h.connect("alice");
        h.connect("bob");
        h.fanout.clear();

        assertThat(refusal(() -> core.rename(alice, "BOB")).reason()).isEqualTo(Reason.NAME_TAKEN);
        assertThat(refusal(() -> core.rename(alice, " padded ")).reason()).isEqualTo(Reason.INVALID_NAME);
        assertThat(refusal(() -> core.rename(alice, "")).reason()).isEqualTo(Reason.INVALID_NAME);
        assertThat(refusal(() -> core.rename(alice, "채팅 관리자")).reason()).isEqualTo(Reason.ADMIN_KEY_REQUIRED);
        Refusal server = refusal(() -> core.rename(alice, "OPENCHAT"));
        assertThat(server.reason()).isEqualTo(Reason.INVALID_NAME);
        assertThat(server.problem()).as("the server's name").isEqualTo(TextProblem.of(TextProblem.Kind.RESERVED));

        assertThat(alice.name()).isEqualTo("alice");
        assertThat(core.member("alice")).containsSame(alice);
        assertThat(core.who("lobby")).extracting(MemberView::name).containsExactly("alice", "bob");
        assertThat(h.fanout.described()).isEmpty();
    }

    @Test
    void theAdministratorKeepsItsName() {
        Member<String> admin = h.admin("lobby");

        h.fanout.clear();

        assertThat(refusal(() -> core.rename(admin, "boss")).reason()).isEqualTo(Reason.NAME_FIXED);
        core.rename(admin, Names.ADMINISTRATOR); // its own name, as a client may send it again: changes nothing
        assertThat(core.member(Names.ADMINISTRATOR)).containsSame(admin);
        assertThat(h.fanout.described()).isEmpty();
    }

    @Test
    void aChangeOfCaseIsToldAndTheSameSpellingTellsNoOne() {
        Member<String> alice = h.connect("alice");
        h.connect("bob");
        h.fanout.clear();

        core.rename(alice, "alice");
        core.rename(alice, "Alice");

        assertThat(h.fanout.described()).containsExactly("bob <- renamed alice -> Alice");
        assertThat(core.member("alice")).containsSame(alice);
        assertThat(core.who("lobby")).extracting(MemberView::name).containsExactly("Alice", "bob");
    }

    @Test
    void renamingSpendsTheChatAllowance() {
        CoreHarness limited = new CoreHarness(CoreHarness.CONFIG.toBuilder()
                .floodControl(new FloodControl(true, 2, 0.001))
                .build());
        Member<String> alice = limited.connect("alice");

        limited.core.rename(alice, "a1");
        limited.core.rename(alice, "a2");
        limited.core.rename(alice, "a2"); // the same spelling: nothing changes, nothing is spent

        assertThat(refusal(() -> limited.core.rename(alice, "a3")).reason()).isEqualTo(Reason.TOO_FAST);
        assertThat(alice.name()).isEqualTo("a2");
    }

    @Test
    void aMemberThatLeftCannotRename() {
        Member<String> alice = h.connect("alice");
        core.disconnect(alice, LeaveReason.LEFT, "", false);

        assertThat(refusal(() -> core.rename(alice, "ghost")).reason()).isEqualTo(Reason.GONE);
        assertThat(core.member("ghost")).isEmpty();
    }

    @Test
    void aRenamedMemberLeavesUnderItsNewNameAndFreesIt() {
        Member<String> alice = h.connect("alice");
        h.connect("bob");
        core.rename(alice, "alicia");
        h.fanout.clear();

        core.disconnect(alice, LeaveReason.LEFT, "", false);

        assertThat(h.fanout.described()).singleElement().asString().startsWith("bob <- left lobby alicia left");
        assertThat(core.member("alicia")).isEmpty();
        assertThat(core.memberCount()).isEqualTo(1);
    }
}
