package openchat.server.ocp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import openchat.core.ChatEvent;
import openchat.core.LeaveReason;
import openchat.protocol.OcpDecoder;
import openchat.protocol.OcpEncoder;
import openchat.protocol.OcpMessage;
import openchat.server.testing.EventSamples;
import org.junit.jupiter.api.Test;

class EventMessagesTest {
    private static final OffsetDateTime AT =
            OffsetDateTime.of(2026, 11, 30, 10, 15, 30, 123_000_000, ZoneOffset.ofHours(9));

    private static String viaEncoder(ChatEvent event) {
        ByteBuf bytes = OcpEncoder.encode(ByteBufAllocator.DEFAULT, EventMessages.of(event));
        try {
            return bytes.toString(StandardCharsets.UTF_8);
        } finally {
            bytes.release();
        }
    }

    private static String direct(ChatEvent event) {
        ByteBuf bytes = EventMessages.encode(ByteBufAllocator.DEFAULT, event);
        try {
            return bytes.toString(StandardCharsets.UTF_8);
        } finally {
            bytes.release();
        }
    }

    @Test
    void chatLineLiveOrReplayedWrittenStraightToBytesIsExactlyWhatTheEncoderWrites() {
        List<ChatEvent> events = List.of(
                new ChatEvent.Message("lobby", "b1", AT, 1, "hello", false),
                new ChatEvent.Message("lobby", "채팅관리자", AT, 9_876_543_210L, "안녕하세요 👋", false),
                new ChatEvent.Message("방", "유저1", AT.plusNanos(1_000_000), 10, "x".repeat(4000), false),
                new ChatEvent.Message("lobby", "a", AT, 0, "", false),
                // The longest room and name, three bytes a letter, and the largest seq: a head past 256 bytes.
                new ChatEvent.Message("방".repeat(32), "유".repeat(32), AT, Long.MAX_VALUE, "x", false),
                // Replayed (a HISTORY page, a join's replay): History: true among the fields.
                new ChatEvent.Message("lobby", "b1", AT, 1, "hello", true),
                new ChatEvent.Message("lobby", "a", AT, 0, "", true),
                new ChatEvent.Message("방".repeat(32), "유".repeat(32), AT, Long.MAX_VALUE, "x".repeat(4000), true));
        for (ChatEvent event : events) {
            assertThat(direct(event)).isEqualTo(viaEncoder(event));
        }
    }

    @Test
    void eventsEncodedIntoASharedBufferAreAppendedAsTheSameBytes() {
        List<ChatEvent> events = List.of(
                new ChatEvent.Message("lobby", "b1", AT, 1, "hello", false),
                new ChatEvent.Left("lobby", "유저2", LeaveReason.KICKED, "채팅관리자", "도배", AT, 3, 4),
                new ChatEvent.Message("방", "유저1", AT, 10, "안녕하세요 👋 ".repeat(300), false),
                new ChatEvent.Message("lobby", "a", AT, 11, "", true));
        // A small buffer that already holds bytes, as the fanout's buffer of a pass's lines does: it must grow.
        ByteBuf shared = ByteBufAllocator.DEFAULT.buffer(8).writeBytes("before|".getBytes(StandardCharsets.UTF_8));
        StringBuilder expected = new StringBuilder("before|");
        for (ChatEvent event : events) {
            EventMessages.ENCODER.encodeTo(ByteBufAllocator.DEFAULT, event, shared);
            expected.append(direct(event));
        }
        try {
            assertThat(shared.toString(StandardCharsets.UTF_8)).isEqualTo(expected.toString());
        } finally {
            shared.release();
        }
    }

    @Test
    void otherEventsGoThroughTheEncoder() {
        ChatEvent left = new ChatEvent.Left("lobby", "유저2", LeaveReason.KICKED, "채팅관리자", "도배", AT, 3, 4);
        assertThat(direct(left)).isEqualTo(viaEncoder(left)).startsWith("LEFT /rooms/lobby OCP/1.0\r\n");
    }

    @Test
    void aLeftThatPassesOwnershipCarriesTheNewOwner() {
        ChatEvent left = new ChatEvent.Left("study", "유저1", LeaveReason.PARTED, null, "", AT, 9, 2, "유저2");
        assertThat(direct(left))
                .isEqualTo("LEFT /rooms/study OCP/1.0\r\nName: 유저1\r\nReason: parted\r\n"
                        + "Date: 2026-11-30T10:15:30.123+09:00\r\nSeq: 9\r\nMembers: 2\r\nOwner: 유저2\r\n\r\n");
    }

    @Test
    void aNewOwnerIsAnOwnerEvent() {
        ChatEvent owner = new ChatEvent.NewOwner("study", "유저2", AT, 10);
        assertThat(direct(owner))
                .isEqualTo("OWNER /rooms/study OCP/1.0\r\nName: 유저2\r\n"
                        + "Date: 2026-11-30T10:15:30.123+09:00\r\nSeq: 10\r\n\r\n");
    }

    @Test
    void anOwnerWhoTookTheRoomWithItsKeyNamesThePreviousOwner() {
        ChatEvent owner = new ChatEvent.NewOwner("study", "유저1", AT, 11, "유저2");
        assertThat(direct(owner))
                .isEqualTo("OWNER /rooms/study OCP/1.0\r\nName: 유저1\r\n"
                        + "Date: 2026-11-30T10:15:30.123+09:00\r\nSeq: 11\r\nPrevious: 유저2\r\n\r\n");
    }

    @Test
    void chatLineDecodesToTheSameMessage() {
        ChatEvent.Message event = new ChatEvent.Message("lobby", "유저1", AT, 42, "안녕", false);
        EmbeddedChannel channel = new EmbeddedChannel(new OcpDecoder());
        channel.writeInbound(EventMessages.encode(ByteBufAllocator.DEFAULT, event));
        OcpMessage decoded = channel.readInbound();
        assertThat(decoded).isEqualTo(EventMessages.of(event));
        assertThat(decoded.header("Date")).contains("2026-11-30T10:15:30.123+09:00");
        channel.finishAndReleaseAll();
    }

    @Test
    void dateTextIsReusedWithinAMillisecondAndRenewedAfter() {
        String first = EventMessages.date(AT);
        assertThat(EventMessages.date(AT)).isSameAs(first);
        assertThat(EventMessages.date(AT.plusNanos(1_000_000))).isEqualTo("2026-11-30T10:15:30.124+09:00");
        assertThat(EventMessages.date(AT)).isEqualTo(first);
    }

    @Test
    void aMemberDroppedWhileTheServerGoesOnIsToldByANoticeNotAShutdown() {
        OcpMessage told = EventMessages.of(new ChatEvent.Dropped("다시 연결해 주십시오.", AT));

        assertThat(told.method()).isEqualTo("NOTICE");
        assertThat(told.target()).isEqualTo("/");
        assertThat(told.header("Date")).contains("2026-11-30T10:15:30.123+09:00");
        assertThat(told.bodyText()).isEqualTo("다시 연결해 주십시오.");
    }

    @Test
    void anAnnouncementIsANoticeFromTheAdministratorAndTheServersOwnNoticeNamesNoOne() {
        assertThat(direct(new ChatEvent.Notice("채팅관리자", "서버 점검이 10분 후에 있습니다", AT)))
                .isEqualTo("NOTICE / OCP/1.0\r\n"
                        + "From: 채팅관리자\r\n"
                        + "Date: 2026-11-30T10:15:30.123+09:00\r\n"
                        + "Content-Type: text/plain; charset=utf-8\r\n"
                        + "Content-Length: 42\r\n"
                        + "\r\n"
                        + "서버 점검이 10분 후에 있습니다");
        assertThat(EventMessages.of(new ChatEvent.Notice("rooms are read-only", AT))
                        .header("From"))
                .as("a server notice, as before: no From")
                .isEmpty();
    }

    @Test
    void aRoomBanSetSaysUntilWhenAndWhyAndALiftedOneNeither() {
        String set = viaEncoder(new ChatEvent.RoomBanChange("study", "철수", "영희", true, AT, AT.plusHours(1), "도배"));
        String lifted = viaEncoder(new ChatEvent.RoomBanChange("study", "철수", "영희", false, AT));

        assertThat(set)
                .startsWith("BAN /rooms/study OCP/1.0\r\n")
                .contains("Expires: 2026-11-30T11:15:30.123+09:00\r\n")
                .endsWith("\r\n\r\n도배");
        assertThat(lifted)
                .startsWith("UNBAN /rooms/study OCP/1.0\r\n")
                .doesNotContain("Expires")
                .endsWith("\r\n\r\n");
        assertThat(direct(new ChatEvent.RoomBanChange("study", "철수", "영희", true, AT, AT.plusHours(1), "도배")))
                .isEqualTo(set);
    }

    @Test
    void everyKindOfEventTheCoreHasIsAnOcpMessageButAnInvitationSeenByTheRoom() throws ReflectiveOperationException {
        List<Class<?>> kinds = EventSamples.kinds();
        assertThat(kinds).contains(ChatEvent.RoomRegistration.class, ChatEvent.Closed.class);
        for (Class<?> kind : kinds) {
            if (kind == ChatEvent.InviteSeen.class) {
                continue; // IRC's invite-notify: below
            }
            OcpMessage message = EventMessages.of(EventSamples.sample(kind, AT));
            assertThat(message.method())
                    .as("the method of %s", kind.getSimpleName())
                    .isNotEmpty();
        }
    }

    @Test
    void anInvitationSeenByTheRoomIsNoBytesOnOcpWhoseInviteIsTheInvitedMembersAlone() {
        ChatEvent seen = ChatEvent.InviteSeen.of(new ChatEvent.Invited("철수", "영희", "study", AT));

        assertThat(direct(seen)).isEmpty();
        ByteBuf shared = ByteBufAllocator.DEFAULT.buffer(8);
        try {
            EventMessages.ENCODER.encodeTo(ByteBufAllocator.DEFAULT, seen, shared);
            assertThat(shared.readableBytes()).isZero();
        } finally {
            shared.release();
        }
    }

    @Test
    void aRoomsRegistrationIsARegisterEventAndItsDropAnUnregisterEventNeitherWithAKey() {
        OcpMessage registered = EventMessages.of(
                new ChatEvent.RoomRegistration("study", "유저1", ChatEvent.RoomRegistration.Change.REGISTERED, AT));
        OcpMessage rekeyed = EventMessages.of(
                new ChatEvent.RoomRegistration("study", "유저1", ChatEvent.RoomRegistration.Change.REKEYED, AT));
        OcpMessage dropped = EventMessages.of(
                new ChatEvent.RoomRegistration("study", "채팅관리자", ChatEvent.RoomRegistration.Change.DROPPED, AT));

        assertThat(registered.method()).isEqualTo("REGISTER");
        assertThat(registered.target()).isEqualTo("/rooms/study");
        assertThat(registered.header("By")).contains("유저1");
        assertThat(registered.header("Replaced")).isEmpty();
        assertThat(rekeyed.header("Replaced")).contains("true");
        assertThat(dropped.method()).isEqualTo("UNREGISTER");
        assertThat(dropped.header("By")).contains("채팅관리자");
        assertThat(dropped.bodyLength()).isZero();
    }
}
