package openchat.core;

import static openchat.core.CoreHarness.refusal;
import static openchat.core.NamesTest.CYRILLIC_ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import openchat.core.Refusal.Reason;
import org.junit.jupiter.api.Test;

/**
 * No two connected members' names look alike ({@link Names#skeleton}): a connect or rename to a name that looks like a
 * connected member's is refused, naming that member, while its holder may take any spelling of its own look.
 */
class LookalikeNamesTest {
    private final CoreHarness h = new CoreHarness();
    private final ChatCore<String> core = h.core;

    @Test
    void aNameThatLooksLikeAConnectedMembersIsRefusedNamingThatMember() {
        h.connect("alice");
        h.connect("webcarol");

        Refusal cyrillic = refusal(() -> h.connect(CYRILLIC_ALICE));
        Refusal smallCapital = refusal(() -> h.connect("\u1D21ebcarol"));

        assertThat(cyrillic.reason()).isEqualTo(Reason.NAME_LOOKALIKE);
        assertThat(cyrillic.subject()).isEqualTo("alice");
        assertThat(cyrillic.reason().endsSession()).isFalse();
        assertThat(smallCapital.reason()).isEqualTo(Reason.NAME_LOOKALIKE);
        assertThat(smallCapital.subject()).isEqualTo("webcarol");
        assertThat(refusal(() -> h.connect("a1ice")).subject())
                .as("a digit one")
                .isEqualTo("alice");
        assertThat(refusal(() -> h.connect("alice")).reason())
                .as("the name itself is taken, as ever: a ghost check may free it")
                .isEqualTo(Reason.NAME_TAKEN);
        assertThat(core.member(CYRILLIC_ALICE))
                .as("nothing held for the refused connect")
                .isEmpty();
        assertThat(core.memberCount()).isEqualTo(2);
        assertThat(core.lookalikeOf(CYRILLIC_ALICE)).contains("alice");
        assertThat(core.lookalikeOf("ALICE"))
                .as("a spelling of the name is no look-alike")
                .isEmpty();
        assertThat(core.lookalikeOf("bob")).isEmpty();
    }

    @Test
    void aLookIsFreeOnceItsMemberLeaves() {
        Member<String> alice = h.connect("alice");

        core.disconnect(alice, LeaveReason.LEFT, "", false);

        assertThat(h.connect(CYRILLIC_ALICE).name()).isEqualTo(CYRILLIC_ALICE);
        assertThat(refusal(() -> h.connect("alice")).subject()).isEqualTo(CYRILLIC_ALICE);
    }

    @Test
    void aConnectRefusedAfterItsNameWasClaimedKeepsNoLook() {
        Member<String> admin = h.admin(RoomNames.LOBBY);
        core.ban(admin, "bob", null, "spam");

        assertThat(refusal(() -> h.connect("bob")).reason()).isEqualTo(Reason.BANNED);
        core.unban(admin, "bob"); // a ban keeps out bob's look too

        assertThat(h.connect("b0b").name()).as("bob's look was not kept").isEqualTo("b0b");
    }

    @Test
    void theHolderMayTakeAnotherSpellingOfItsOwnLookAndItsOldLookIsFreedByARename() {
        Member<String> alice = h.connect("alice");
        Member<String> bob = h.connect("bob");

        core.rename(alice, "Alice");
        core.rename(alice, "a1ice");
        assertThat(alice.name()).isEqualTo("a1ice");

        assertThat(refusal(() -> core.rename(bob, CYRILLIC_ALICE)).subject()).isEqualTo("a1ice");
        assertThat(refusal(() -> core.rename(bob, "alice")).reason())
                .as("alice's name is free, its look is not")
                .isEqualTo(Reason.NAME_LOOKALIKE);
        assertThat(bob.name()).isEqualTo("bob");
        assertThat(core.member("bob")).containsSame(bob);

        core.rename(alice, "앨리스");
        assertThat(core.rename(bob, "alice").to()).as("a1ice's look freed").isEqualTo("alice");
        assertThat(h.connect("b0b").name()).as("bob's look freed").isEqualTo("b0b");
        assertThat(refusal(() -> h.connect("a1ice")).subject()).isEqualTo("alice");
    }

    @Test
    void aRenameThatKeepsTheKeyButChangesTheLookClaimsTheNewLook() {
        Member<String> alice = h.connect("alice");
        Member<String> other = h.connect("aiice"); // lower case i: looks like no alice

        Refusal refused = refusal(() -> core.rename(other, "AIice")); // a capital I: alice's look, aiice's key

        assertThat(refused.reason()).isEqualTo(Reason.NAME_LOOKALIKE);
        assertThat(refused.subject()).isEqualTo("alice");
        assertThat(other.name()).isEqualTo("aiice");
        core.disconnect(alice, LeaveReason.LEFT, "", false);
        core.rename(other, "AIice");
        assertThat(refusal(() -> h.connect("alice")).subject()).isEqualTo("AIice");
        assertThat(h.connect("aiice2").name()).isEqualTo("aiice2");
    }

    @Test
    void koreanNamesThatDifferAreNoLookAlikes() {
        h.connect("각가");
        h.connect("가까");
        h.connect("유저1");
        h.connect("유저2");

        assertThat(refusal(() -> h.connect("유저l")).subject()).isEqualTo("유저1");
        h.connect("유제");
        assertThat(core.memberCount()).isEqualTo(5);
    }

    @Test
    void aKoreanNameWrittenWithOtherScriptsStrokesForItsVowelsLooksLikeTheNameItPassesFor() {
        h.connect("유저리");
        h.connect("채은");
        h.connect("스타");

        assertThat(refusal(() -> h.connect("유저ᄅ丨")).subject())
                .as("a Han 丨 for ㅣ")
                .isEqualTo("유저리");
        assertThat(refusal(() -> h.connect("유저ㄹl")).subject()).as("a Latin l").isEqualTo("유저리");
        assertThat(refusal(() -> h.connect("차丨은")).subject())
                .as("채 as 차 and a stroke")
                .isEqualTo("채은");
        assertThat(refusal(() -> h.connect("ᄉ一타")).subject())
                .as("a Han 一 for ㅡ")
                .isEqualTo("스타");
        h.connect("유저ᄅ");
        assertThat(core.memberCount()).isEqualTo(4);
    }

    @Test
    void anAsciiStrokeInsideAKoreanWordCompletesTheVowelBeforeItButOneEndingTheWordIsADigit() {
        h.connect("채은");
        h.connect("유제");

        assertThat(refusal(() -> h.connect("차1은")).subject()).as("a digit one").isEqualTo("채은");
        assertThat(refusal(() -> h.connect("차l은")).subject()).as("a Latin l").isEqualTo("채은");
        assertThat(refusal(() -> h.connect("차|은")).subject()).as("a bar").isEqualTo("채은");
        h.connect("유저1");
        h.connect("차1 은");
        assertThat(core.memberCount()).isEqualTo(4);
    }

    @Test
    void theAdministratorsNameIsHeldAsEverAndNoNameLooksLikeIt() {
        Member<String> admin = h.admin(RoomNames.LOBBY);
        assertThat(admin.skeleton()).isEqualTo(Names.key(Names.ADMINISTRATOR));
        assertThat(refusal(() -> h.connect("ɑdmin")).reason()).isEqualTo(Reason.INVALID_NAME);
        assertThat(core.rename(admin, Names.ADMINISTRATOR).to()).isEqualTo(Names.ADMINISTRATOR);
    }
}
