package openchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.protocol.Targets;
import openchat.server.testing.TestClient;
import openchat.server.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** DELETE /rooms/NAME over OCP, end to end: by Seq or by name, the DELETED event, history after it, refusals. */
class DeleteMessagesTest {
    private final TestServer server = TestServer.start();

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private TestClient in(String room, String name) {
        TestClient client = server.client();
        OcpMessage answer = client.connect(room, name, null);
        assertThat(answer.statusCode()).as("%s: %s", name, answer.bodyText()).isEqualTo(200);
        return client;
    }

    private static long say(TestClient client, String room, String text) {
        OcpMessage answer = client.request(OcpMessage.request(Methods.SEND, Targets.room(room))
                .header(HeaderNames.REQUEST_ID, "s")
                .header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8)
                .body(text)
                .build());
        assertThat(answer.statusCode()).isEqualTo(200);
        return Long.parseLong(answer.header(HeaderNames.SEQ).orElseThrow());
    }

    private static OcpMessage delete(TestClient by, String room, String field, String value, String reason) {
        OcpMessage.Builder delete =
                OcpMessage.request(Methods.DELETE, Targets.room(room)).header(field, value);
        if (!reason.isEmpty()) {
            delete.header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8).body(reason);
        }
        return by.request(delete.build());
    }

    private static List<String> history(TestClient client, String room) {
        OcpMessage answer = client.request(OcpMessage.request(Methods.HISTORY, Targets.room(room))
                .header(HeaderNames.LIMIT, 50)
                .build());
        assertThat(answer.statusCode()).isEqualTo(200);
        List<String> texts = new ArrayList<>();
        int count = Integer.parseInt(answer.header(HeaderNames.COUNT).orElseThrow());
        for (int i = 0; i < count; i++) {
            texts.add(client.nextEvent(Methods.MESSAGE).bodyText());
        }
        return texts;
    }

    @Test
    void theOwnerDeletesOneMessageBySeqTheOthersAreToldAndHistoryNoLongerHasIt() {
        TestClient owner = in("study", "철수");
        TestClient troll = in("study", "트롤");
        TestClient other = in("study", "영희");
        say(troll, "study", "안녕");
        long spam = say(troll, "study", "싸게 팝니다 http://spam.example");

        OcpMessage answer = delete(owner, "study", HeaderNames.SEQ, Long.toString(spam), "광고");

        assertThat(answer.statusCode()).as(answer.bodyText()).isEqualTo(200);
        assertThat(answer.header(HeaderNames.NAME)).contains("트롤");
        assertThat(answer.header(HeaderNames.SEQS)).contains(Long.toString(spam));
        assertThat(answer.bodyText()).isEqualTo("트롤님의 메세지 1개를 지웠습니다");
        OcpMessage told = other.nextMatching(m -> m.method().equals(Methods.DELETED));
        assertThat(told.target()).isEqualTo("/rooms/study");
        assertThat(told.header(HeaderNames.BY)).contains("철수");
        assertThat(told.header(HeaderNames.NAME)).contains("트롤");
        assertThat(told.header(HeaderNames.SEQS)).contains(Long.toString(spam));
        assertThat(told.bodyText()).isEqualTo("광고");
        assertThat(troll.nextMatching(m -> m.method().equals(Methods.DELETED)).header(HeaderNames.SEQS))
                .contains(Long.toString(spam));
        assertThat(history(other, "study")).containsExactly("안녕");
        server.console().awaitLineContaining("[DELETE] study: 트롤님의 메세지 1개 (철수) 광고");
    }

    @Test
    void aNamesRecentMessagesGoAtOnceAndStayGoneAfterARestart() throws Exception {
        TestClient owner = in("study", "철수");
        TestClient troll = in("study", "트롤");
        say(owner, "study", "어서 오십시오");
        List<String> seqs = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            seqs.add(Long.toString(say(troll, "study", "도배 " + i)));
        }

        OcpMessage answer = delete(owner, "study", HeaderNames.NAME, "트롤", "");

        assertThat(answer.statusCode()).as(answer.bodyText()).isEqualTo(200);
        assertThat(answer.header(HeaderNames.SEQS)).contains(String.join(",", seqs));
        assertThat(answer.bodyText()).isEqualTo("트롤님의 메세지 3개를 지웠습니다");

        server.restart();

        TestClient back = server.client();
        OcpMessage joined = back.connect("study", "영희", null);
        assertThat(joined.header(HeaderNames.HISTORY)).contains("1");
        assertThat(back.nextEvent(Methods.MESSAGE).bodyText()).isEqualTo("어서 오십시오");
    }

    @Test
    void theAdministratorDeletesFromOutsideTheRoom() {
        TestClient owner = in("study", "철수");
        long line = say(owner, "study", "지울 줄");
        TestClient admin = server.client();
        assertThat(admin.connect("lobby", "채팅관리자", server.adminKeyText()).statusCode())
                .isEqualTo(200);

        OcpMessage answer = delete(admin, "study", HeaderNames.SEQ, Long.toString(line), "");

        assertThat(answer.statusCode()).as(answer.bodyText()).isEqualTo(200);
        assertThat(owner.nextMatching(m -> m.method().equals(Methods.DELETED)).header(HeaderNames.BY))
                .contains("채팅관리자");
    }

    @Test
    void aMemberWhoIsNotTheOwnerIsRefusedAndNothingIsDeleted() {
        in("study", "철수");
        TestClient member = in("study", "영희");
        long line = say(member, "study", "내 줄");

        OcpMessage refused = delete(member, "study", HeaderNames.SEQ, Long.toString(line), "");

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.header(HeaderNames.ERROR_CODE)).contains("not-moderator");
        assertThat(history(member, "study")).containsExactly("내 줄");
    }

    @Test
    void anHeirByPresenceIsToldWhatItCouldNotDeleteAndStays() {
        TestClient founder = in("study", "철수");
        TestClient troll = in("study", "트롤");
        long before = say(troll, "study", "들어오기 전 도배");
        troll.request(OcpMessage.request(Methods.PART, Targets.room("study")).build());
        TestClient heir = in("study", "영희"); // there longest once the founder leaves, as the troll came back later
        assertThat(troll.joinRoom("study").statusCode()).isEqualTo(200);
        say(troll, "study", "들어온 뒤 도배");
        founder.request(OcpMessage.request(Methods.PART, Targets.room("study")).build());
        heir.nextMatching(m -> m.method().equals(Methods.LEFT));

        OcpMessage older = delete(heir, "study", HeaderNames.SEQ, Long.toString(before), "");
        OcpMessage byName = delete(heir, "study", HeaderNames.NAME, "트롤", "");

        assertThat(older.statusCode()).isEqualTo(403);
        assertThat(older.header(HeaderNames.ERROR_CODE)).contains("sent-before-joined");
        assertThat(older.bodyText()).isEqualTo("이 방에 들어오기 전에 보낸 메세지는 관리자나, 방 열쇠를 입력한 방장만 지울 수 있습니다");
        assertThat(byName.statusCode()).isEqualTo(200);
        assertThat(byName.header(HeaderNames.PASSED_OVER)).contains("1");
        assertThat(byName.bodyText())
                .isEqualTo("트롤님의 메세지 1개를 지웠습니다. 이 방에 들어오기 전에 보낸 1개는 관리자나, 방 열쇠를 입력한 방장만 지울 수 있어" + " 대화 기록에 남아 있습니다");
        assertThat(history(heir, "study")).containsExactly("들어오기 전 도배");
    }

    @Test
    void aSeqOrNameTheHistoryDoesNotHoldIsNotFound() {
        TestClient owner = in("study", "철수");

        OcpMessage noSeq = delete(owner, "study", HeaderNames.SEQ, "999", "");
        OcpMessage noName = delete(owner, "study", HeaderNames.NAME, "아무도", "");

        assertThat(noSeq.statusCode()).isEqualTo(404);
        assertThat(noSeq.header(HeaderNames.ERROR_CODE)).contains("no-such-message");
        assertThat(noSeq.bodyText()).isEqualTo("study 방의 대화 기록에 999번 메세지가 없습니다");
        assertThat(noName.statusCode()).isEqualTo(404);
        assertThat(noName.bodyText()).isEqualTo("study 방의 대화 기록에 그 기간 동안 아무도님이 보낸 메세지가 없습니다");
    }

    @Test
    void fieldsThatDoNotSayWhatToDeleteAreRefusedAsBadRequests() {
        TestClient owner = in("study", "철수");
        long line = say(owner, "study", "줄");

        OcpMessage neither = owner.request(
                OcpMessage.request(Methods.DELETE, Targets.room("study")).build());
        OcpMessage both = owner.request(OcpMessage.request(Methods.DELETE, Targets.room("study"))
                .header(HeaderNames.SEQ, line)
                .header(HeaderNames.NAME, "철수")
                .build());
        OcpMessage withinWithSeq = owner.request(OcpMessage.request(Methods.DELETE, Targets.room("study"))
                .header(HeaderNames.SEQ, line)
                .header(HeaderNames.WITHIN, 60)
                .build());
        OcpMessage zero = delete(owner, "study", HeaderNames.SEQ, "0", "");
        OcpMessage letters = delete(owner, "study", HeaderNames.SEQ, "abc", "");

        assertThat(neither.statusCode()).isEqualTo(400);
        assertThat(neither.bodyText()).isEqualTo("지울 메세지의 번호(Seq)나 보낸 사람의 이름(Name) 중 하나를 보내 주십시오");
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(withinWithSeq.statusCode()).isEqualTo(400);
        assertThat(withinWithSeq.bodyText()).isEqualTo("기간(Within)은 이름(Name)으로 지울 때만 씁니다");
        assertThat(zero.statusCode()).isEqualTo(400);
        assertThat(letters.statusCode()).isEqualTo(400);
        assertThat(history(owner, "study")).containsExactly("줄");
    }
}
