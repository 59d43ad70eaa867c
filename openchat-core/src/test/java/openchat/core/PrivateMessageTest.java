package openchat.core;

import static openchat.core.CoreHarness.CONFIG;
import static openchat.core.CoreHarness.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import openchat.core.Refusal.Reason;
import org.junit.jupiter.api.Test;

/** Private messages: to one member wherever it is, never stored, never numbered. */
class PrivateMessageTest {
    private final CoreHarness h = new CoreHarness();
    private final ChatCore<String> core = h.core;

    @Test
    void aPrivateMessageGoesToTheNamedMemberOnly() {
        Member<String> alice = h.connect("alice");
        h.connect("bob");
        h.connect("carol");
        h.fanout.clear();

        ChatEvent.Private sent = core.whisper(alice, "BOB", "psst");

        assertThat(sent.from()).isEqualTo("alice");
        assertThat(sent.to()).as("the name as its owner wrote it").isEqualTo("bob");
        assertThat(sent.text()).isEqualTo("psst");
        assertThat(sent.at()).hasToString("2026-11-25T10:15:30.123+09:00");
        assertThat(h.fanout.described()).containsExactly("bob <- private alice -> bob: psst");
        assertThat(h.fanout.to("bob").get(0)).isSameAs(sent);
    }

    @Test
    void aPrivateMessageReachesAMemberInAnotherRoom() {
        Member<String> alice = h.connect("alice", "red");
        h.connect("bob", "blue");
        h.fanout.clear();

        core.whisper(alice, "bob", "over here");

        assertThat(h.fanout.described()).containsExactly("bob <- private alice -> bob: over here");
    }

    @Test
    void aPrivateMessageIsNeitherStoredNorNumbered() {
        Member<String> alice = h.connect("alice", "dev");
        h.connect("bob", "dev");

        core.whisper(alice, "bob", "secret");

        assertThat(h.history.latest("dev", CoreConfig.MAX_HISTORY_PAGE)).isEmpty();
        assertThat(h.history.latest("lobby", CoreConfig.MAX_HISTORY_PAGE)).isEmpty();
        assertThat(h.history.lastSeq("dev")).as("the two joins, marked").isEqualTo(2);
        assertThat(core.room("dev").lastSeq()).as("only the two joins").isEqualTo(2);
        assertThat(core.post(alice, "dev", "public").seq()).isEqualTo(3);
    }

    @Test
    void aPrivateMessageToNoOneConnectedIsRefused() {
        Member<String> alice = h.connect("alice");
        Member<String> bob = h.connect("bob");
        core.disconnect(bob, LeaveReason.LEFT, "", true);
        h.fanout.clear();

        Refusal nobody = refusal(() -> core.whisper(alice, "nobody", "hello?"));
        assertThat(nobody.reason()).isEqualTo(Reason.NO_SUCH_MEMBER);
        assertThat(nobody.subject()).isEqualTo("nobody");
        assertThat(refusal(() -> core.whisper(alice, "bob", "gone?")).reason()).isEqualTo(Reason.NO_SUCH_MEMBER);
        assertThat(refusal(() -> core.whisper(alice, "carol", "")).reason()).isEqualTo(Reason.EMPTY_MESSAGE);
        assertThat(refusal(() -> core.whisper(alice, "carol", "   ")).reason()).isEqualTo(Reason.EMPTY_MESSAGE);
        assertThat(h.fanout.deliveries()).isEmpty();
    }

    @Test
    void privateMessagesCountAgainstFloodControl() {
        CoreHarness limited = new CoreHarness(
                CONFIG.toBuilder().floodControl(new FloodControl(true, 3, 1)).build());
        Member<String> alice = limited.connect("alice");
        limited.connect("bob");

        limited.core.whisper(alice, "bob", "1");
        limited.core.post(alice, "lobby", "2");
        limited.core.whisper(alice, "bob", "3");

        assertThat(refusal(() -> limited.core.whisper(alice, "bob", "4")).reason())
                .isEqualTo(Reason.TOO_FAST);
        assertThat(refusal(() -> limited.core.post(alice, "lobby", "5")).reason())
                .isEqualTo(Reason.TOO_FAST);
        assertThat(limited.fanout.to("bob", ChatEvent.Private.class))
                .extracting(ChatEvent.Private::text)
                .containsExactly("1", "3");
    }
}
