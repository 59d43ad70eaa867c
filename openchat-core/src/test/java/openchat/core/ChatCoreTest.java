package openchat.core;

import static openchat.core.CoreHarness.ADMIN_KEY;
import static openchat.core.CoreHarness.CONFIG;
import static openchat.core.CoreHarness.ORIGIN;
import static openchat.core.CoreHarness.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import openchat.core.Refusal.Reason;
import org.junit.jupiter.api.Test;

/** Connecting (names, the administrator's key), disconnecting and closing the core. */
class ChatCoreTest {
    private final CoreHarness h = new CoreHarness();
    private final ChatCore<String> core = h.core;

    @Test
    void connectRegistersTheNameOnTheWholeServer() {
        h.connect("alice");

        Refusal taken = refusal(() -> h.connect("alice", "dev"));

        assertThat(taken.reason()).isEqualTo(Reason.NAME_TAKEN);
        assertThat(taken.subject()).isEqualTo("alice");
        assertThat(taken.reason().endsSession()).isFalse();
        assertThat(h.roomNames()).as("the refused connect made no room").containsExactly("lobby");
    }

    @Test
    void namesCompareAfterNormalisationAndCaseFolding() {
        h.connect("Straße");
        h.connect("\u00e9mile", "dev");

        assertThat(refusal(() -> h.connect("STRASSE", "other")).reason()).isEqualTo(Reason.NAME_TAKEN);
        assertThat(refusal(() -> h.connect("E\u0301MILE")).reason())
                .as("decomposed, upper case")
                .isEqualTo(Reason.NAME_TAKEN);
        assertThat(core.member("strasse"))
                .hasValueSatisfying(m -> assertThat(m.name()).isEqualTo("Straße"));
    }

    @Test
    void aNameThatDiffersFromAConnectedOneOnlyInSeparatorsIsTakenAndFindsThatMember() {
        Member<String> kim = h.connect("Kim Min");

        assertThat(refusal(() -> h.connect("kim_min", "dev")).reason())
                .as("what IRC shows Kim Min as")
                .isEqualTo(Reason.NAME_TAKEN);
        assertThat(refusal(() -> h.connect("Kim.Min", "dev")).reason()).isEqualTo(Reason.NAME_TAKEN);
        Member<String> bob = h.connect("bob");
        assertThat(refusal(() -> core.rename(bob, "KIM@MIN")).reason()).isEqualTo(Reason.NAME_TAKEN);
        assertThat(core.member("Kim_Min")).containsSame(kim);
        core.whisper(bob, "kim_min", "hi");
        assertThat(h.fanout.to("Kim Min", ChatEvent.Private.class))
                .singleElement()
                .satisfies(p -> assertThat(p.to()).isEqualTo("Kim Min"));

        core.rename(kim, "Kim_Min"); // its own other spelling: a rename, as a change of case is
        assertThat(core.member("kim min"))
                .hasValueSatisfying(m -> assertThat(m.name()).isEqualTo("Kim_Min"));
        assertThat(core.memberCount()).isEqualTo(2);
    }

    @Test
    void theServersNameIsRefusedAtConnectSayingWhy() {
        Refusal refused = refusal(() -> h.connect("OpenChat"));

        assertThat(refused.reason()).isEqualTo(Reason.INVALID_NAME);
        assertThat(refused.problem()).isEqualTo(TextProblem.of(TextProblem.Kind.RESERVED));
        assertThat(core.memberCount()).isZero();
    }

    @Test
    void invalidNamesAreRefused() {
        for (String name : List.of("", " alice", "alice ", "a\u0000b", "a\u200Bb", "x".repeat(33))) {
            Refusal refused = refusal(() -> h.connect(name));
            assertThat(refused.reason()).as("name '%s'", name).isEqualTo(Reason.INVALID_NAME);
        }
        assertThat(refusal(() -> h.connect(null)).reason()).isEqualTo(Reason.INVALID_NAME);

        assertThat(h.connect("😀".repeat(32)).name())
                .as("32 code points, 64 chars")
                .hasSize(64);
        assertThat(h.connect("x".repeat(32)).role()).isEqualTo(Role.MEMBER);
    }

    @Test
    void theAdministratorsNameNeedsTheKey() {
        assertThat(refusal(() -> core.connect(Names.ADMINISTRATOR, null, ORIGIN, "admin", "lobby", -1))
                        .reason())
                .isEqualTo(Reason.ADMIN_KEY_REQUIRED);
        assertThat(refusal(() -> core.connect(Names.ADMINISTRATOR, "guess", ORIGIN, "admin", "lobby", -1))
                        .reason())
                .isEqualTo(Reason.ADMIN_KEY_REQUIRED);
        assertThat(refusal(() -> core.connect("채팅 관리자", null, ORIGIN, "admin", "lobby", -1))
                        .reason())
                .as("another spelling of the administrator's name")
                .isEqualTo(Reason.ADMIN_KEY_REQUIRED);

        assertThat(core.member(Names.ADMINISTRATOR)).isEmpty();
        assertThat(core.who("lobby")).isEmpty();
    }

    @Test
    void theAdministratorWithTheKeyConnectsAsAdministrator() {
        ChatCore.Connected<String> connected = core.connect("채팅 관리자", ADMIN_KEY, ORIGIN, "admin", "lobby", -1);

        assertThat(connected.member().role()).isEqualTo(Role.ADMIN);
        assertThat(connected.member().isAdmin()).isTrue();
        assertThat(connected.member().name()).as("shown as written").isEqualTo("채팅 관리자");
        assertThat(connected.joined().role()).isEqualTo(RoomRole.ADMIN);
        assertThat(core.who("lobby")).containsExactly(new MemberView("채팅 관리자", RoomRole.ADMIN));
        assertThat(refusal(() -> h.admin("dev")).reason())
                .as("every spelling is one name")
                .isEqualTo(Reason.NAME_TAKEN);
    }

    @Test
    void wrongKeysLockTheAddressOutForAWhile() throws Exception {
        CoreHarness locked = new CoreHarness(
                CONFIG.toBuilder().adminLockout(3, Duration.ofSeconds(60)).build());
        ChatCore<String> guarded = locked.core;
        for (int i = 0; i < 3; i++) {
            assertThat(refusal(() -> guarded.connect(Names.ADMINISTRATOR, "guess", ORIGIN, "x", "lobby", -1))
                            .reason())
                    .isEqualTo(Reason.ADMIN_KEY_REQUIRED);
        }

        Refusal lockedOut = refusal(() -> guarded.connect(Names.ADMINISTRATOR, "guess", ORIGIN, "x", "lobby", -1));
        assertThat(lockedOut.reason()).isEqualTo(Reason.ADMIN_LOCKED_OUT);
        assertThat(lockedOut.retryAfterSeconds()).isEqualTo(60);
        assertThat(lockedOut.reason().endsSession()).isFalse();

        locked.clock.advance(Duration.ofMillis(30_500));
        assertThat(refusal(() -> guarded.connect(Names.ADMINISTRATOR, "guess", ORIGIN, "x", "lobby", -1))
                        .retryAfterSeconds())
                .as("rounded up")
                .isEqualTo(30);
        assertThat(guarded.connect("bob", null, ORIGIN, "bob", "lobby", -1)
                        .member()
                        .role())
                .as("other names are not locked out")
                .isEqualTo(Role.MEMBER);

        InetAddress elsewhere = InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 1});
        assertThat(guarded.connect(Names.ADMINISTRATOR, ADMIN_KEY, elsewhere, "x", "lobby", -1)
                        .member()
                        .isAdmin())
                .as("other addresses are not locked out")
                .isTrue();
    }

    @Test
    void theAdministratorsNameWithoutAKeyIsRefusedButLocksNoOneOut() {
        CoreHarness locked = new CoreHarness(
                CONFIG.toBuilder().adminLockout(3, Duration.ofSeconds(60)).build());
        for (int i = 0; i < 10; i++) {
            assertThat(refusal(() -> locked.core.connect(Names.ADMINISTRATOR, null, ORIGIN, "x", "lobby", -1))
                            .reason())
                    .isEqualTo(Reason.ADMIN_KEY_REQUIRED);
            assertThat(refusal(() -> locked.core.connect(Names.ADMINISTRATOR, "", ORIGIN, "x", "lobby", -1))
                            .reason())
                    .isEqualTo(Reason.ADMIN_KEY_REQUIRED);
        }

        assertThat(locked.admin("lobby").isAdmin())
                .as("no key is no guess: the administrator on the same address still gets in")
                .isTrue();
    }

    @Test
    void theRightKeyGetsInDuringALockout() {
        CoreHarness locked = new CoreHarness(
                CONFIG.toBuilder().adminLockout(3, Duration.ofSeconds(60)).build());
        for (int i = 0; i < 3; i++) {
            refusal(() -> locked.core.connect(Names.ADMINISTRATOR, "guess", ORIGIN, "x", "lobby", -1));
        }
        assertThat(refusal(() -> locked.core.connect(Names.ADMINISTRATOR, "guess", ORIGIN, "x", "lobby", -1))
                        .reason())
                .isEqualTo(Reason.ADMIN_LOCKED_OUT);

        assertThat(locked.admin("lobby").isAdmin())
                .as("someone sharing the administrator's address cannot keep it out with wrong keys")
                .isTrue();
    }

    @Test
    void theLockoutEnds() {
        CoreHarness locked = new CoreHarness(
                CONFIG.toBuilder().adminLockout(1, Duration.ofSeconds(60)).build());
        refusal(() -> locked.core.connect(Names.ADMINISTRATOR, "guess", ORIGIN, "x", "lobby", -1));
        assertThat(refusal(() -> locked.core.connect(Names.ADMINISTRATOR, "guess", ORIGIN, "x", "lobby", -1))
                        .reason())
                .isEqualTo(Reason.ADMIN_LOCKED_OUT);

        locked.clock.advance(Duration.ofSeconds(60));

        assertThat(refusal(() -> locked.core.connect(Names.ADMINISTRATOR, "guess", ORIGIN, "x", "lobby", -1))
                        .reason())
                .as("a wrong key is counted again, not refused unread")
                .isEqualTo(Reason.ADMIN_KEY_REQUIRED);
    }

    @Test
    void aRefusedConnectLeavesTheNameFree() {
        CoreHarness small = new CoreHarness(CONFIG.toBuilder().roomCapacity(1).build());
        small.connect("bob", "dev");

        Refusal full = refusal(() -> small.connect("alice", "dev"));
        assertThat(full.reason()).isEqualTo(Reason.ROOM_FULL);
        assertThat(small.core.member("alice")).isEmpty();
        assertThat(refusal(() -> small.connect("alice", "no room")).reason()).isEqualTo(Reason.INVALID_ROOM);
        assertThat(small.core.member("alice")).isEmpty();

        Member<String> alice = small.connect("alice", "lobby");
        assertThat(small.core.member("ALICE")).containsSame(alice);
    }

    @Test
    void disconnectFreesTheNameForSomeoneElse() {
        Member<String> first = h.connect("alice");

        assertThat(core.disconnect(first, LeaveReason.LEFT, "", false)).isTrue();
        Member<String> second = h.connect("Alice", "dev");

        assertThat(second).isNotSameAs(first);
        assertThat(core.member("alice")).containsSame(second);
        assertThat(core.disconnect(first, LeaveReason.DISCONNECTED, "late", false))
                .as("the old member's late disconnect does not touch the new one")
                .isFalse();
        assertThat(core.member("alice")).containsSame(second);
        assertThat(core.who("dev")).extracting(MemberView::name).containsExactly("Alice");
    }

    @Test
    void closeTellsEveryMemberOnceAndClosesTheirLinks() {
        Member<String> alice = h.connect("alice");
        Member<String> bob = h.connect("bob", "dev");
        core.join(bob, "lobby", -1);
        Member<String> admin = h.admin("ops");
        h.fanout.clear();

        List<Member<String>> told = core.close("maintenance");

        assertThat(told).containsExactlyInAnyOrder(alice, bob, admin);
        assertThat(h.fanout.described())
                .containsExactlyInAnyOrder(
                        "alice <- closed: maintenance then close",
                        "bob <- closed: maintenance then close",
                        "admin <- closed: maintenance then close");
        assertThat(h.fanout.deliveries()).allSatisfy(d -> {
            assertThat(d.closed()).isTrue();
            assertThat(d.event().at()).hasToString("2026-11-25T10:15:30.123+09:00");
        });
        assertThat(core.member("alice")).isEmpty();
    }

    @Test
    void afterCloseNoOneMayConnectOrJoin() {
        Member<String> alice = h.connect("alice");
        Member<String> bob = h.connect("bob", "dev");
        core.close("");

        for (Refusal refused : List.of(
                refusal(() -> h.connect("carol")),
                refusal(() -> h.connect("dave", "dev")),
                refusal(() -> h.connect("alice")),
                refusal(() -> h.admin("lobby")),
                refusal(() -> core.join(alice, "dev", -1)),
                refusal(() -> core.join(alice, "new", -1)),
                refusal(() -> core.join(bob, "lobby", -1)))) {
            assertThat(refused.reason()).isEqualTo(Reason.SHUTTING_DOWN);
            assertThat(refused.reason().endsSession())
                    .as("the server closes every connection itself")
                    .isFalse();
        }
    }
}
