package openchat.client;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

class EventFormatterTest {
    private final EventFormatter korean = new EventFormatter(new ClientText(Locale.KOREAN), ZoneId.of("Asia/Seoul"));
    private final EventFormatter english = new EventFormatter(new ClientText(Locale.ENGLISH), ZoneId.of("UTC"));

    private static OcpMessage event(String method, String... headers) {
        OcpMessage.Builder builder = OcpMessage.request(method, "/rooms/lobby");
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder.build();
    }

    @Test
    void messageShowsLocalTimeSenderAndText() {
        OcpMessage message = OcpMessage.request(Methods.MESSAGE, "/rooms/lobby")
                .header(HeaderNames.FROM, "유저2")
                .header(HeaderNames.DATE, "2026-11-25T01:15:30.123Z")
                .header(HeaderNames.SEQ, "3")
                .body("안녕하세요")
                .build();

        assertThat(korean.format(message)).contains("[2026-11-25 10:15:30] 유저2 : 안녕하세요");
        assertThat(english.format(message)).contains("[2026-11-25 01:15:30] 유저2 : 안녕하세요");
    }

    @Test
    void anIrcActionShowsAsStarNameText() {
        OcpMessage action = OcpMessage.request(Methods.MESSAGE, "/rooms/lobby")
                .header(HeaderNames.FROM, "irssiuser")
                .header(HeaderNames.DATE, "2026-11-25T01:15:30.123Z")
                .header(HeaderNames.SEQ, "4")
                .body("\u0001ACTION waves\u0001")
                .build();

        assertThat(english.format(action)).contains("[2026-11-25 01:15:30] * irssiuser waves");
    }

    @Test
    void aNewOwnerShowsInEachLanguageAndToItselfAsItsOwnRoom() {
        OcpMessage left =
                event(Methods.LEFT, HeaderNames.NAME, "유저1", HeaderNames.REASON, "parted", HeaderNames.OWNER, "유저2");
        OcpMessage owner = event(Methods.OWNER, HeaderNames.NAME, "유저2");

        assertThat(korean.newOwner(left, "유저3", false)).contains("유저2님이 이 방의 방장이 되었습니다.");
        assertThat(english.newOwner(left, "유저3", false)).contains("유저2 is now the owner of this room.");
        assertThat(korean.format(owner)).contains("유저2님이 이 방의 방장이 되었습니다.");
        assertThat(korean.newOwner(owner, "유저２", false))
                .as("the same name, however written")
                .get(as(InstanceOfAssertFactories.STRING))
                .startsWith("이 방의 방장이 되었습니다. ");
        assertThat(korean.newOwner(
                        event(Methods.LEFT, HeaderNames.NAME, "유저1", HeaderNames.REASON, "parted"), "x", false))
                .as("a leave that passed nothing")
                .isEmpty();
    }

    /**
     * The new owner is told every command that is the owner's and no member's (README's commands table): {@code /방등록}
     * only where it may register (a room not registered, or by the key: an heir of a registered room is refused it),
     * {@code /등록해제} only by the key.
     */
    @Test
    void aDeletionSaysWhoDeletedWhoseMessagesHowManyAndWhyInEachLanguage() {
        OcpMessage three = OcpMessage.request(Methods.DELETED, "/rooms/study")
                .header(HeaderNames.BY, "철수")
                .header(HeaderNames.NAME, "트롤")
                .header(HeaderNames.SEQS, "12,13,40")
                .header(HeaderNames.DATE, "2026-12-07T05:10:00.000Z")
                .header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8)
                .body("광고")
                .build();
        OcpMessage one = event(Methods.DELETED, HeaderNames.BY, "철수", HeaderNames.NAME, "트롤", HeaderNames.SEQS, "7");

        assertThat(korean.deleted(three, "영희")).isEqualTo("철수님이 트롤님의 메세지 3개를 지웠습니다. (광고)");
        assertThat(korean.deleted(one, "영희")).isEqualTo("철수님이 트롤님의 메세지 1개를 지웠습니다.");
        assertThat(english.deleted(three, "영희")).isEqualTo("철수 deleted 3 messages from 트롤. (광고)");
        assertThat(english.deleted(one, "영희")).isEqualTo("철수 deleted 1 message from 트롤.");
        assertThat(korean.deleted(three, "트롤")).isEqualTo("철수님이 내가 보낸 메세지 3개를 지웠습니다. (광고)");
        assertThat(english.deleted(one, "트롤")).isEqualTo("철수 deleted 1 of your messages.");
    }

    /**
     * Trial 14: a terminal cannot take back the lines it printed, so a deletion says when the deleted lines it showed
     * were sent (in its zone): one time, a range, how many of them when it showed only some, the date when they are not
     * of the deletion's day; nothing more when it showed none.
     */
    @Test
    void aDeletionSaysWhenTheDeletedLinesThisTerminalShowedWereSent() {
        OcpMessage three = OcpMessage.request(Methods.DELETED, "/rooms/study")
                .header(HeaderNames.BY, "채팅관리자")
                .header(HeaderNames.NAME, "linkbot")
                .header(HeaderNames.SEQS, "12,13,40")
                .header(HeaderNames.DATE, "2026-12-07T05:10:00.000Z")
                .header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8)
                .body("광고")
                .build();
        OffsetDateTime first = OffsetDateTime.parse("2026-12-07T04:50:01Z");
        OffsetDateTime last = OffsetDateTime.parse("2026-12-07T04:54:26Z");

        assertThat(korean.deleted(three, "영희", List.of(first, first.plusSeconds(9), last)))
                .isEqualTo("채팅관리자님이 linkbot님의 메세지 3개(13:50:01~13:54:26에 보낸 것)를 지웠습니다. (광고)");
        assertThat(english.deleted(three, "영희", List.of(first, first.plusSeconds(9), last)))
                .isEqualTo("채팅관리자 deleted 3 messages from linkbot (sent between 04:50:01 and 04:54:26). (광고)");
        assertThat(korean.deleted(three, "영희", List.of(last)))
                .isEqualTo("채팅관리자님이 linkbot님의 메세지 3개(이 화면에 나온 1개는 13:54:26에 보낸 것)를 지웠습니다. (광고)");
        assertThat(english.deleted(three, "영희", List.of(first, last)))
                .isEqualTo("채팅관리자 deleted 3 messages from linkbot (2 of them shown here, sent between 04:50:01 and"
                        + " 04:54:26). (광고)");
        assertThat(korean.deleted(three, "linkbot", List.of(first, first, last)))
                .isEqualTo("채팅관리자님이 내가 보낸 메세지 3개(13:50:01~13:54:26에 보낸 것)를 지웠습니다. (광고)");
        assertThat(english.deleted(three, "영희", List.of(first.minusDays(1), last)))
                .isEqualTo("채팅관리자 deleted 3 messages from linkbot (2 of them shown here, sent between 2026-12-06"
                        + " 04:50:01 and 2026-12-07 04:54:26). (광고)");
        assertThat(korean.deleted(three, "영희", List.of())).isEqualTo("채팅관리자님이 linkbot님의 메세지 3개를 지웠습니다. (광고)");
    }

    /** Trial 14: {@code alice님이 alice님의 메세지 1개를 지웠습니다} read as if alice were two people. */
    @Test
    void aDeleterDeletingItsOwnLinesReadsAsItsOwn() {
        OcpMessage own =
                event(Methods.DELETED, HeaderNames.BY, "alice", HeaderNames.NAME, "Alice", HeaderNames.SEQS, "7");

        assertThat(korean.deleted(own, "영희")).isEqualTo("alice님이 자기 메세지 1개를 지웠습니다.");
        assertThat(english.deleted(own, "영희")).isEqualTo("alice deleted 1 of their own messages.");
        assertThat(korean.deleted(own, "영희", List.of(OffsetDateTime.parse("2026-12-07T04:54:26Z"))))
                .isEqualTo("alice님이 자기 메세지 1개(13:54:26에 보낸 것)를 지웠습니다.");
        assertThat(english.deleted(own, "영희", List.of(OffsetDateTime.parse("2026-12-07T04:54:26Z"))))
                .isEqualTo("alice deleted 1 of their own messages (sent at 04:54:26).");
    }

    @Test
    void aDeletionsNamesAndReasonAreCleanedOfWhatATerminalWouldObey() {
        OcpMessage sneaky = OcpMessage.request(Methods.DELETED, "/rooms/study")
                .header(HeaderNames.BY, "철수")
                .header(HeaderNames.NAME, "트롤")
                .header(HeaderNames.SEQS, "1,2")
                .header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8)
                .body("도배\u001b[2J")
                .build();

        assertThat(korean.deleted(sneaky, "영희")).doesNotContain("\u001b");
    }

    @Test
    void theNewOwnerIsToldEveryCommandThatIsNowItsOwn() {
        OcpMessage heir = event(Methods.OWNER, HeaderNames.NAME, "유저2");
        OcpMessage byKey = event(Methods.OWNER, HeaderNames.NAME, "유저2", HeaderNames.PREVIOUS, "유저1");

        assertThat(korean.newOwner(heir, "유저2", false))
                .contains("이 방의 방장이 되었습니다. 이제 다음 명령어를 쓸 수 있습니다: /강퇴, /주제, /방차단, /방차단해제, /인원제한, /삭제, /방등록");
        assertThat(korean.newOwner(heir, "유저2", true))
                .as("an heir of a registered room, which may not register it without the key")
                .contains("이 방의 방장이 되었습니다. 이제 다음 명령어를 쓸 수 있습니다: /강퇴, /주제, /방차단, /방차단해제, /인원제한, /삭제");
        assertThat(korean.newOwner(byKey, "유저2", true))
                .contains("방 열쇠로 이 방의 방장이 되었습니다 (이전 방장: 유저1). 이제 다음 명령어를 쓸 수 있습니다:"
                        + " /강퇴, /주제, /방차단, /방차단해제, /인원제한, /삭제, /방등록, /등록해제");
        assertThat(english.newOwner(heir, "유저2", false))
                .contains(
                        "You are now the owner of this room: /kick, /topic, /roomban, /roomunban, /limit, /delete and /register"
                                + " are yours to use.");
        assertThat(english.newOwner(heir, "유저2", true))
                .contains(
                        "You are now the owner of this room: /kick, /topic, /roomban, /roomunban, /limit and /delete are yours"
                                + " to use.");
        assertThat(english.newOwner(byKey, "유저2", true))
                .contains("You own this room now, with its key (previous owner: 유저1): /kick, /topic, /roomban,"
                        + " /roomunban, /limit, /delete, /register and /unregister are yours to use.");
    }

    /** The previous owner is told the key's holder has the room, not that it typed the key: its client may have sent it. */
    @Test
    void thePreviousOwnerIsToldTheKeysHolderHasTheRoomNotThatItTypedTheKey() {
        OcpMessage byKey = event(Methods.OWNER, HeaderNames.NAME, "민수", HeaderNames.PREVIOUS, "현우");

        assertThat(korean.newOwner(byKey, "현우", true)).contains("방 열쇠를 가진 민수님에게 이 방의 방장 자리가 넘어갔습니다.");
    }

    @Test
    void joinsAndLeavesInEachLanguage() {
        assertThat(korean.format(event(Methods.JOINED, HeaderNames.NAME, "유저1")))
                .contains("유저1님이 입장하였습니다.");
        assertThat(korean.format(event(Methods.LEFT, HeaderNames.NAME, "유저1", HeaderNames.REASON, "left")))
                .contains("유저1님이 퇴장하였습니다.");
        assertThat(korean.format(event(Methods.LEFT, HeaderNames.NAME, "유저2", HeaderNames.REASON, "kicked")))
                .contains("유저2님이 강제 퇴장되었습니다.");
        assertThat(korean.format(event(Methods.LEFT, HeaderNames.NAME, "유저3", HeaderNames.REASON, "disconnected")))
                .contains("유저3님의 연결이 끊어졌습니다.");
        assertThat(english.format(event(Methods.JOINED, HeaderNames.NAME, "Bob")))
                .contains("Bob joined.");
        assertThat(english.format(event(Methods.LEFT, HeaderNames.NAME, "Bob", HeaderNames.REASON, "kicked")))
                .contains("Bob was removed by the administrator.");
    }

    @Test
    void partingIsLeavingTheRoomNotTheChat() {
        assertThat(korean.format(event(Methods.LEFT, HeaderNames.NAME, "유저1", HeaderNames.REASON, "parted")))
                .contains("유저1님이 방을 나갔습니다.");
        assertThat(english.format(event(Methods.LEFT, HeaderNames.NAME, "Bob", HeaderNames.REASON, "parted")))
                .contains("Bob left the room.");
    }

    @Test
    void aReasonForLeavingPartingOrAKickIsShownAfterTheLineButADisconnectsDetailIsNot() {
        assertThat(korean.format(left("위챗", "left", "잘 있어요"))).contains("위챗님이 퇴장하였습니다. (잘 있어요)");
        assertThat(english.format(left("irssi", "parted", "bye \u001b[31mall")))
                .as("cleaned as any text from the wire")
                .contains("irssi left the room. (bye �[31mall)");
        assertThat(korean.format(left("유저2", "kicked", "도배"))).contains("유저2님이 강제 퇴장되었습니다. (도배)");
        assertThat(korean.format(left("유저3", "disconnected", "상대가 연결을 재설정함"))).contains("유저3님의 연결이 끊어졌습니다.");
        assertThat(korean.format(left("유저1", "left", "  "))).contains("유저1님이 퇴장하였습니다.");
    }

    private static OcpMessage left(String name, String reason, String body) {
        return OcpMessage.request(Methods.LEFT, "/rooms/lobby")
                .header(HeaderNames.NAME, name)
                .header(HeaderNames.REASON, reason)
                .body(body)
                .build();
    }

    @Test
    void kickByAnOwnerNamesTheOwner() {
        assertThat(korean.format(event(
                        Methods.LEFT, HeaderNames.NAME, "유저2", HeaderNames.REASON, "kicked", HeaderNames.BY, "유저1")))
                .contains("유저2님이 유저1님에 의해 강제 퇴장되었습니다.");
        assertThat(english.format(event(
                        Methods.LEFT, HeaderNames.NAME, "Bob", HeaderNames.REASON, "kicked", HeaderNames.BY, "Alice")))
                .contains("Alice removed Bob from this room.");
        assertThat(english.format(event(
                        Methods.LEFT, HeaderNames.NAME, "Bob", HeaderNames.REASON, "kicked", HeaderNames.BY, "채팅관리자")))
                .contains("Bob was removed by the administrator.");
    }

    @Test
    void aBannedMemberIsShownAsBannedAndTheBannedOneIsToldByWhomAndWhy() {
        assertThat(korean.format(event(Methods.LEFT, HeaderNames.NAME, "트롤", HeaderNames.REASON, "banned")))
                .contains("트롤님이 차단되어 퇴장하였습니다.");
        assertThat(english.format(event(Methods.LEFT, HeaderNames.NAME, "troll", HeaderNames.REASON, "banned")))
                .contains("troll was banned from the server.");
        OcpMessage banned = OcpMessage.request(Methods.BANNED, "/")
                .header(HeaderNames.BY, "채팅관리자")
                .header(HeaderNames.DATE, "2026-12-03T14:37:45.276Z")
                .body("도배")
                .build();
        OcpMessage withoutReason = OcpMessage.request(Methods.BANNED, "/")
                .header(HeaderNames.BY, "채팅관리자")
                .build();

        assertThat(korean.format(banned)).contains("채팅관리자님이 이 서버에 대한 접속을 차단했습니다: 도배");
        assertThat(english.format(banned)).contains("채팅관리자 banned you from this server: 도배");
        assertThat(korean.format(withoutReason)).contains("채팅관리자님이 이 서버에 대한 접속을 차단했습니다");
        assertThat(english.format(withoutReason)).contains("채팅관리자 banned you from this server");
    }

    @Test
    void topicSetAndCleared() {
        OcpMessage set = OcpMessage.request(Methods.TOPIC, "/rooms/study")
                .header(HeaderNames.NAME, "유저1")
                .body("시험 공부")
                .build();
        OcpMessage cleared = OcpMessage.request(Methods.TOPIC, "/rooms/study")
                .header(HeaderNames.NAME, "유저1")
                .build();

        assertThat(korean.format(set)).contains("유저1님이 주제를 바꿨습니다: 시험 공부");
        assertThat(korean.format(cleared)).contains("유저1님이 주제를 지웠습니다.");
        assertThat(english.format(set)).contains("유저1 set the topic: 시험 공부");
        assertThat(english.format(cleared)).contains("유저1 cleared the topic.");
    }

    @Test
    void privateMessagesAreMarkedBothWays() {
        OcpMessage received = OcpMessage.request(Methods.PRIVATE, "/")
                .header(HeaderNames.FROM, "유저2")
                .header(HeaderNames.TO, "유저1")
                .header(HeaderNames.DATE, "2026-11-25T01:15:30.123Z")
                .body("쉿")
                .build();

        assertThat(korean.format(received)).contains("[2026-11-25 10:15:30] (귓속말) 유저2 → 나 : 쉿");
        assertThat(english.format(received)).contains("[2026-11-25 01:15:30] (private) 유저2 → me : 쉿");
        assertThat(korean.privateSent("2026-11-25T01:15:30.123Z", "유저1", "유저2", "쉿"))
                .isEqualTo("[2026-11-25 10:15:30] (귓속말) 나 → 유저2 : 쉿");
        assertThat(english.privateSent("2026-11-25T01:15:30.123Z", "유저1", "유저2", "쉿"))
                .isEqualTo("[2026-11-25 01:15:30] (private) me → 유저2 : 쉿");
    }

    @Test
    void aPrivateActionIsShownAsAnActionMarkedPrivateBothWays() {
        OcpMessage received = OcpMessage.request(Methods.PRIVATE, "/")
                .header(HeaderNames.FROM, "유저2")
                .header(HeaderNames.TO, "유저1")
                .header(HeaderNames.DATE, "2026-11-25T01:15:30.123Z")
                .body("\u0001ACTION waves\u0001")
                .build();

        assertThat(korean.format(received)).contains("[2026-11-25 10:15:30] (귓속말) * 유저2 waves");
        assertThat(english.format(received)).contains("[2026-11-25 01:15:30] (private) * 유저2 waves");
        assertThat(korean.privateSent("2026-11-25T01:15:30.123Z", "유저1", "유저2", "\u0001ACTION 손을 흔듭니다\u0001"))
                .isEqualTo("[2026-11-25 10:15:30] (귓속말 → 유저2) * 유저1 손을 흔듭니다");
        assertThat(english.privateSent("2026-11-25T01:15:30.123Z", "유저1", "유저2", "\u0001ACTION waves\u0001"))
                .isEqualTo("[2026-11-25 01:15:30] (private → 유저2) * 유저1 waves");
    }

    @Test
    void renameNamesTheOldAndTheNewNameInEachLanguage() {
        OcpMessage renamed = OcpMessage.request(Methods.RENAMED, "/")
                .header(HeaderNames.NAME, "유저2")
                .header(HeaderNames.NEW_NAME, "채팅 손님")
                .header(HeaderNames.DATE, "2026-11-25T01:15:30.123Z")
                .build();

        assertThat(korean.format(renamed)).contains("유저2님이 이름을 바꿨습니다: 채팅 손님");
        assertThat(english.format(renamed))
                .as("no period after a name, which could read as part of it")
                .contains("유저2 is now known as 채팅 손님");
    }

    @Test
    void renameNamesAreCleanedOfBidiOverrides() {
        OcpMessage renamed = OcpMessage.request(Methods.RENAMED, "/")
                .header(HeaderNames.NAME, "abc\u202Edef")
                .header(HeaderNames.NEW_NAME, "x\u202Ey")
                .build();

        assertThat(english.format(renamed)).contains("abc\uFFFDdef is now known as x\uFFFDy");
    }

    @Test
    void unknownEventsAreNotShown() {
        assertThat(korean.format(event("WHATEVER"))).isEmpty();
    }

    @Test
    void malformedDateIsShownCleanedRatherThanDropped() {
        OcpMessage message = OcpMessage.request(Methods.MESSAGE, "/rooms/lobby")
                .header(HeaderNames.FROM, "x")
                .header(HeaderNames.DATE, "yesterday")
                .body("hi")
                .build();

        assertThat(korean.format(message)).contains("[yesterday] x : hi");
    }

    @Test
    void controlCharactersAndBidiOverridesAreReplaced() {
        assertThat(EventFormatter.clean("a\u001b[31mb\u0007c")).isEqualTo("a\uFFFD[31mb\uFFFDc");
        assertThat(EventFormatter.clean("line1\nline2\tx")).isEqualTo("line1 line2 x");
        assertThat(EventFormatter.clean("abc\u202Edef")).isEqualTo("abc\uFFFDdef");
        assertThat(EventFormatter.clean("한글 😀 ok")).isEqualTo("한글 😀 ok");
    }

    @Test
    void anIrcUsersBoldAndColoursAreDroppedNotShownAsGarbage() {
        OcpMessage coloured = OcpMessage.request(Methods.MESSAGE, "/rooms/lobby")
                .header(HeaderNames.FROM, "irssiuser")
                .header(HeaderNames.DATE, "2026-11-25T01:15:30.123Z")
                .header(HeaderNames.SEQ, "5")
                .body("\u0002굵게\u0002 \u000304,01빨강\u0003 \u001b[2J")
                .build();
        OcpMessage colouredAction = OcpMessage.request(Methods.MESSAGE, "/rooms/lobby")
                .header(HeaderNames.FROM, "irssiuser")
                .header(HeaderNames.DATE, "2026-11-25T01:15:30.123Z")
                .header(HeaderNames.SEQ, "6")
                .body("\u0001ACTION \u001D손을\u001D 흔듭니다\u0001")
                .build();

        assertThat(english.format(coloured)).contains("[2026-11-25 01:15:30] irssiuser : 굵게 빨강 \uFFFD[2J");
        assertThat(english.format(colouredAction)).contains("[2026-11-25 01:15:30] * irssiuser 손을 흔듭니다");
    }

    @Test
    void aCtcpQueryFromAnIrcClientReadsAsCtcpAndItsCommand() {
        OcpMessage query = OcpMessage.request(Methods.PRIVATE, "/members/유저1")
                .header(HeaderNames.FROM, "irssiuser")
                .header(HeaderNames.DATE, "2026-11-25T01:15:30.123Z")
                .body("\u0001VERSION\u0001")
                .build();

        assertThat(korean.format(query).orElseThrow()).endsWith("irssiuser → 나 : CTCP VERSION");
    }

    @Test
    void anAnnouncementShowsWhoSaidItAndAServerNoticeStaysANotice() {
        OcpMessage announcement = OcpMessage.request(Methods.NOTICE, "/")
                .header(HeaderNames.FROM, "채팅관리자")
                .header(HeaderNames.DATE, "2026-11-25T01:15:30.123Z")
                .body("점검\u001b[2J 안내")
                .build();
        OcpMessage notice =
                OcpMessage.request(Methods.NOTICE, "/").body("읽기 전용입니다").build();

        assertThat(korean.format(announcement)).contains("[공지] 채팅관리자: 점검\uFFFD[2J 안내");
        assertThat(english.format(announcement)).contains("[announcement] 채팅관리자: 점검\uFFFD[2J 안내");
        assertThat(korean.format(notice)).contains("[알림] 읽기 전용입니다");
    }
}
