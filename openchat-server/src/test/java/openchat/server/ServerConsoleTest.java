package openchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import openchat.core.ChatEvent;
import openchat.server.config.ServerText;
import org.junit.jupiter.api.Test;

/** The console's lines as a person reads them: their text, their order, and nothing lost on close. */
class ServerConsoleTest {
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final OffsetDateTime AT = OffsetDateTime.of(2026, 11, 25, 1, 15, 30, 0, ZoneOffset.UTC);

    private final ByteArrayOutputStream written = new ByteArrayOutputStream();

    private ServerConsole console(boolean chatLines) {
        return new ServerConsole(
                new PrintStream(written, true, StandardCharsets.UTF_8),
                new ServerText(Locale.KOREAN),
                SEOUL,
                chatLines);
    }

    private static ChatEvent.Message message(String room, String from, OffsetDateTime at, long seq, String text) {
        return new ChatEvent.Message(room, from, at, seq, text, false, false);
    }

    private List<String> lines() {
        return written.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void chatLinesShowTheServersLocalTimeTheSenderAndTheTextAndNameTheirRoomOutsideTheLobby() {
        try (ServerConsole console = console(true)) {
            console.posted(message("lobby", "유저1", AT, 1, "안녕하세요 😀"));
            console.posted(message("게임방", "유저2", AT.plusSeconds(1), 1, "ㅋㅋ"));
            console.posted(message("lobby", "유저1", AT.plusSeconds(1), 2, "line one\nline two"));
        }
        assertThat(lines())
                .containsExactly(
                        "[2026-11-25 10:15:30] 유저1 : 안녕하세요 😀",
                        "[2026-11-25 10:15:31] [게임방] 유저2 : ㅋㅋ",
                        "[2026-11-25 10:15:31] 유저1 : line one",
                        "  line two");
    }

    @Test
    void aMembersEscapeSequencesCannotDriveTheOperatorsTerminalNorForgeAStatusLine() {
        try (ServerConsole console = console(true)) {
            console.posted(message("lobby", "evil", AT, 1, "\u001b]0;pwned\u0007\u001b[2Jgone\r[CONNECT] 채팅관리자"));
        }
        assertThat(written.toString(StandardCharsets.UTF_8)).doesNotContain("\u001b", "\u0007", "\r");
        assertThat(lines())
                .containsExactly("[2026-11-25 10:15:30] evil : \uFFFD]0;pwned\uFFFD\uFFFD[2Jgone", "  [CONNECT] 채팅관리자");
    }

    @Test
    void anIrcUsersFormattingIsDroppedAndAnActionReadsStarNameText() {
        try (ServerConsole console = console(true)) {
            console.posted(message("lobby", "irssiuser", AT, 1, "\u0002굵게\u0002 \u000304빨강\u0003"));
            console.posted(message("게임방", "irssiuser", AT, 1, "\u0001ACTION 손을 흔듭니다\u0001"));
            console.posted(message("lobby", "irssiuser", AT, 2, "\u0001VERSION\u0001"));
        }
        assertThat(lines())
                .containsExactly(
                        "[2026-11-25 10:15:30] irssiuser : 굵게 빨강",
                        "[2026-11-25 10:15:30] [게임방] * irssiuser 손을 흔듭니다",
                        "[2026-11-25 10:15:30] irssiuser : CTCP VERSION");
    }

    @Test
    void aBurstOfChatAndStatusLinesIsPrintedWholeAndInOrderBeforeCloseReturns() {
        List<String> expected = new ArrayList<>();
        try (ServerConsole console = console(true)) {
            for (int i = 1; i <= 20_000; i++) {
                if (i % 1000 == 0) {
                    console.println("[CONNECT] 유저" + i);
                    expected.add("[CONNECT] 유저" + i);
                }
                OffsetDateTime at = AT.plusNanos(i * 1_000_000L);
                console.posted(message("lobby", "유저1", at, i, "메시지 " + i));
                expected.add("[2026-11-25 10:15:" + (30 + i / 1000) + "] 유저1 : 메시지 " + i);
            }
        }
        assertThat(lines()).isEqualTo(expected);
    }

    @Test
    void noLineIsLostOrReorderedWhenTheConsoleClosesWhileAnotherThreadIsPrinting() throws InterruptedException {
        ServerConsole console = console(true);
        CountDownLatch halfway = new CountDownLatch(1);
        Thread talker = new Thread(() -> {
            for (int i = 1; i <= 20_000; i++) {
                console.posted(message("lobby", "유저1", AT, i, "메시지 " + i));
                if (i == 10_000) {
                    halfway.countDown();
                }
            }
        });
        talker.start();
        assertThat(halfway.await(10, TimeUnit.SECONDS)).isTrue();
        console.close();
        talker.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(talker.isAlive()).isFalse();
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 20_000; i++) {
            expected.add("[2026-11-25 10:15:30] 유저1 : 메시지 " + i);
        }
        assertThat(lines()).isEqualTo(expected);
    }

    @Test
    void withoutChatLinesOnlyStatusLinesArePrinted() {
        try (ServerConsole console = console(false)) {
            console.println("[CONNECT] 유저1");
            console.posted(message("lobby", "유저1", AT, 1, "보이지 않아요"));
            console.println("[LEAVE] 유저1");
        }
        assertThat(lines()).containsExactly("[CONNECT] 유저1", "[LEAVE] 유저1");
    }

    @Test
    void linesGivenAfterCloseArePrintedAtOnce() {
        ServerConsole console = console(true);
        console.close();
        console.posted(message("lobby", "유저1", AT, 1, "늦게"));
        console.println("[LEAVE] 유저1");
        assertThat(lines()).containsExactly("[2026-11-25 10:15:30] 유저1 : 늦게", "[LEAVE] 유저1");
    }

    @Test
    void aRoomsRegistrationItsNewKeyItsDropAndAWrongKeyAreRegisterLinesInEitherLanguage() {
        OffsetDateTime at = OffsetDateTime.parse("2026-12-06T10:00:00+09:00");
        try (ServerConsole console = console(false)) {
            console.roomRegistration(
                    new ChatEvent.RoomRegistration("study", "유저1", ChatEvent.RoomRegistration.Change.REGISTERED, at));
            console.roomRegistration(
                    new ChatEvent.RoomRegistration("study", "유저1", ChatEvent.RoomRegistration.Change.REKEYED, at));
            console.roomRegistration(
                    new ChatEvent.RoomRegistration("study", "채팅관리자", ChatEvent.RoomRegistration.Change.DROPPED, at));
        }
        try (ServerConsole english = new ServerConsole(
                new PrintStream(written, true, StandardCharsets.UTF_8), new ServerText(Locale.ENGLISH), SEOUL, false)) {
            english.roomRegistration(
                    new ChatEvent.RoomRegistration("study", "alice", ChatEvent.RoomRegistration.Change.REGISTERED, at));
            english.roomRegistration(
                    new ChatEvent.RoomRegistration("study", "alice", ChatEvent.RoomRegistration.Change.REKEYED, at));
            english.roomRegistration(
                    new ChatEvent.RoomRegistration("study", "alice", ChatEvent.RoomRegistration.Change.DROPPED, at));
        }
        assertThat(lines())
                .containsExactly(
                        "[REGISTER] study: 유저1님이 방을 등록했습니다",
                        "[REGISTER] study: 유저1님이 방에 새 열쇠를 주었습니다 (전의 열쇠는 이제 열리지 않습니다)",
                        "[REGISTER] study: 채팅관리자님이 방 등록을 지웠습니다",
                        "[REGISTER] study: registered by alice",
                        "[REGISTER] study: given a new key by alice (the key before opens nothing now)",
                        "[REGISTER] study: registration dropped by alice");
    }

    @Test
    void anOwnerWhoTookTheRoomWithItsKeyIsAnOwnerLineNamingWhomItTookItFrom() {
        try (ServerConsole console = console(false)) {
            console.owner("study", "유저1", "유저2");
            console.owner("study", "유저3", null);
        }
        try (ServerConsole english = new ServerConsole(
                new PrintStream(written, true, StandardCharsets.UTF_8), new ServerText(Locale.ENGLISH), SEOUL, false)) {
            english.owner("study", "alice", "bob");
        }
        assertThat(lines())
                .containsExactly(
                        "[OWNER] study: 유저1님이 방 열쇠로 방장이 되었습니다 (이전 방장: 유저2)",
                        "[OWNER] study: 유저3님이 방장이 되었습니다",
                        "[OWNER] study: alice is now the owner, by the room's key (it was bob)");
    }

    @Test
    void anAnnouncementOfSeveralLinesIsIndentedSoThatNoLineCanPassForAStatusLine() {
        try (ServerConsole console = console(false)) {
            console.announced(new ChatEvent.Notice("채팅관리자", "점검 안내\n[SHUTDOWN] 가짜", AT), 12);
        }
        assertThat(lines()).containsExactly("[ANNOUNCE] 채팅관리자 → 접속자 12명: 점검 안내", "  [SHUTDOWN] 가짜");
    }

    @Test
    void withTimestampsEveryStatusLineStartsWithItsTimeAndAChatLineStillHasOne() {
        try (ServerConsole console = new ServerConsole(
                new PrintStream(written, true, StandardCharsets.UTF_8),
                new ServerText(Locale.KOREAN),
                SEOUL,
                true,
                java.time.Clock.fixed(AT.toInstant(), SEOUL))) {
            console.println("[CONNECT] 유저1");
            console.posted(message("lobby", "유저1", AT, 1, "안녕하세요"));
            console.println("[LEAVE] 유저1");
        }
        assertThat(lines())
                .containsExactly(
                        "[2026-11-25 10:15:30] [CONNECT] 유저1",
                        "[2026-11-25 10:15:30] 유저1 : 안녕하세요",
                        "[2026-11-25 10:15:30] [LEAVE] 유저1");
    }
}
