package openchat.core;

import static openchat.core.CoreHarness.CONFIG;
import static openchat.core.CoreHarness.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import openchat.core.Refusal.Reason;
import org.junit.jupiter.api.Test;

/** The administrator's announcement: one notice to every member connected, in whatever room, kept nowhere. */
class AnnouncementTest {
    private final CoreHarness h = new CoreHarness();
    private final ChatCore<String> core = h.core;

    @Test
    void theAnnouncementReachesEveryConnectedMemberInEveryRoomTheAdministratorIncluded() {
        Member<String> admin = h.admin(RoomNames.LOBBY);
        h.connect("alice");
        h.connect("bob", "games");
        core.connect("carol", null, CoreHarness.ORIGIN, "carol", null, -1); // an IRC client in no channel yet
        h.fanout.clear();

        ChatEvent.Notice sent = core.announce(admin, "서버 점검이 10분 후에 있습니다");

        assertThat(sent.from()).isEqualTo(Names.ADMINISTRATOR);
        assertThat(sent.isAnnouncement()).isTrue();
        assertThat(sent.text()).isEqualTo("서버 점검이 10분 후에 있습니다");
        for (String link : List.of("admin", "alice", "bob", "carol")) {
            assertThat(h.fanout.to(link))
                    .as("%s is told once, whatever room it is in", link)
                    .containsExactly(sent);
        }
    }

    @Test
    void theAnnouncementIsNotStoredAndTakesNoRoomsSeq() {
        Member<String> admin = h.admin(RoomNames.LOBBY);
        long before = h.history.lastSeq(RoomNames.key(RoomNames.LOBBY));

        core.announce(admin, "점검 안내");

        assertThat(h.history.latest(RoomNames.key(RoomNames.LOBBY), 10)).isEmpty();
        assertThat(h.history.lastSeq(RoomNames.key(RoomNames.LOBBY))).isEqualTo(before);
        assertThat(core.room(RoomNames.LOBBY).lastSeq()).as("no room event").isEqualTo(before);
    }

    @Test
    void anyoneButTheAdministratorIsRefusedAndNoOneIsTold() {
        h.admin(RoomNames.LOBBY);
        Member<String> alice = h.connect("alice");
        h.fanout.clear();

        assertThat(refusal(() -> core.announce(alice, "I am in charge now")).reason())
                .isEqualTo(Reason.ADMIN_ONLY);
        assertThat(h.fanout.deliveries()).isEmpty();
    }

    @Test
    void aBlankAnnouncementOrOneHoldingANulIsRefusedAsAChatLineIs() {
        Member<String> admin = h.admin(RoomNames.LOBBY);
        h.connect("alice");
        h.fanout.clear();

        assertThat(refusal(() -> core.announce(admin, "")).reason()).isEqualTo(Reason.EMPTY_MESSAGE);
        assertThat(refusal(() -> core.announce(admin, " \n\u3164 ")).reason()).isEqualTo(Reason.EMPTY_MESSAGE);
        assertThat(refusal(() -> core.announce(admin, "a\0b")).reason()).isEqualTo(Reason.INVALID_MESSAGE);
        assertThat(h.fanout.deliveries()).isEmpty();
    }

    @Test
    void anAnnouncementOfSeveralLinesIsDeliveredAsWrittenAsAChatLineIs() {
        Member<String> admin = h.admin(RoomNames.LOBBY);
        h.connect("alice");

        core.announce(admin, "점검 안내\n- 10시부터\n- 30분 동안");

        assertThat(h.fanout.to("alice", ChatEvent.Notice.class))
                .extracting(ChatEvent.Notice::text)
                .containsExactly("점검 안내\n- 10시부터\n- 30분 동안");
    }

    @Test
    void theAdministratorAnnouncesPastAnyMembersFloodAllowance() {
        CoreHarness limited = new CoreHarness(
                CONFIG.toBuilder().floodControl(new FloodControl(true, 3, 1)).build());
        Member<String> admin = limited.admin(RoomNames.LOBBY);
        limited.connect("alice");

        for (int i = 0; i < 10; i++) {
            limited.core.announce(admin, "announcement " + i);
        }

        assertThat(limited.fanout.to("alice", ChatEvent.Notice.class)).hasSize(10);
    }

    @Test
    void theListenerIsToldOfEachAnnouncementWithHowManyMembersHeardIt() {
        List<String> told = new ArrayList<>();
        CoreListener console = new CoreListener() {
            @Override
            public void announced(ChatEvent.Notice announcement, int members) {
                told.add(announcement.from() + ": " + announcement.text() + " (" + members + ")");
            }
        };
        ChatCore<String> listened = new ChatCore<>(
                CONFIG,
                new RecordingFanout(),
                console,
                new InMemoryHistory(10),
                new TestClock(),
                CoreHarness.ADMIN_KEY::equals);
        Member<String> admin = listened.connect(
                        Names.ADMINISTRATOR, CoreHarness.ADMIN_KEY, CoreHarness.ORIGIN, "admin", RoomNames.LOBBY, -1)
                .member();
        listened.connect("alice", null, CoreHarness.ORIGIN, "alice", "games", -1);

        listened.announce(admin, "점검");

        assertThat(told).containsExactly(Names.ADMINISTRATOR + ": 점검 (2)");
    }

    @Test
    void aServerNoticeIsNoAnnouncement() {
        assertThat(new ChatEvent.Notice("rooms are read-only", java.time.OffsetDateTime.now()).isAnnouncement())
                .isFalse();
    }
}
