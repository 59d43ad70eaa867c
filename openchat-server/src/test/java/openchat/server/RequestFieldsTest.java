package openchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import openchat.protocol.HeaderNames;
import openchat.protocol.Headers;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.protocol.Targets;
import openchat.server.testing.TestClient;
import openchat.server.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Request fields with values PROTOCOL.md does not define are refused, end to end: a true-or-false field holding
 * anything else, {@code Clear: true} with a topic, a single-valued field given twice. Read silently, each did what
 * was not asked (a {@code Clear: yes} read the topic instead of clearing it).
 */
class RequestFieldsTest {
    private final TestServer server = TestServer.start();

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private static OcpMessage topic(String clear, String body) {
        return OcpMessage.request(Methods.TOPIC, "/rooms/study")
                .header(HeaderNames.CLEAR, clear)
                .header(HeaderNames.REQUEST_ID, "t")
                .body(body)
                .build();
    }

    @Test
    void aTrueOrFalseFieldHoldingAnythingElseIsRefused400NamingTheField() {
        TestClient owner = server.client();
        owner.connect("study", "유저1", null);
        owner.request(
                OcpMessage.request(Methods.TOPIC, "/rooms/study").body("시험").build());

        OcpMessage clearYes = owner.request(topic("yes", ""));
        OcpMessage clearEmpty = owner.request(topic("", ""));
        OcpMessage quietYes = owner.request(OcpMessage.request(Methods.LEAVE, Targets.SERVER)
                .header(HeaderNames.QUIET, "yes")
                .build());

        assertThat(clearYes.statusCode()).isEqualTo(400);
        assertThat(clearYes.header(HeaderNames.REQUEST_ID)).contains("t");
        assertThat(clearYes.bodyText()).isEqualTo("Clear 필드는 true 나 false 여야 합니다");
        assertThat(clearEmpty.statusCode()).isEqualTo(400);
        assertThat(quietYes.statusCode()).isEqualTo(400);
        assertThat(quietYes.bodyText()).isEqualTo("Quiet 필드는 true 나 false 여야 합니다");
        assertThat(owner.isOpen()).as("not left: the LEAVE was refused").isTrue();
        assertThat(server.server().core().room("study").topic()).isEqualTo("시험");
    }

    @Test
    void falseReadsAsAbsentAndTrueInAnyCaseAsTrue() {
        TestClient owner = server.client();
        owner.connect("study", "유저1", null);
        owner.request(
                OcpMessage.request(Methods.TOPIC, "/rooms/study").body("시험").build());

        OcpMessage read = owner.request(topic("FALSE", ""));
        OcpMessage cleared = owner.request(topic("True", ""));

        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.bodyText()).as("Clear: false without a body reads").isEqualTo("시험");
        assertThat(cleared.statusCode()).isEqualTo(200);
        assertThat(server.server().core().room("study").topic()).isEmpty();
    }

    @Test
    void clearTrueWithATopicIsRefusedAndChangesNothing() {
        TestClient owner = server.client();
        owner.connect("study", "유저1", null);
        owner.request(
                OcpMessage.request(Methods.TOPIC, "/rooms/study").body("시험").build());

        OcpMessage both = owner.request(topic("true", "새 주제"));

        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(both.bodyText()).isEqualTo("주제를 지우는 요청(Clear: true)에는 본문을 보내지 않습니다");
        assertThat(server.server().core().room("study").topic()).isEqualTo("시험");
    }

    @Test
    void aSingleValuedFieldGivenTwiceIsRefused400AndACONNECTsConnectionClosed() {
        TestClient member = server.joined("유저1");
        OcpMessage twoIds = member.request(OcpMessage.request(Methods.PING, Targets.SERVER)
                .headers(Headers.builder()
                        .add(HeaderNames.REQUEST_ID, "one")
                        .add(HeaderNames.REQUEST_ID, "two")
                        .build())
                .build());
        TestClient connecting = server.client();
        OcpMessage twoNames = connecting.request(OcpMessage.request(Methods.CONNECT, Targets.room("lobby"))
                .headers(Headers.builder()
                        .add(HeaderNames.NAME, "이름하나")
                        .add("name", "이름둘")
                        .build())
                .build());

        assertThat(twoIds.statusCode()).isEqualTo(400);
        assertThat(twoIds.header(HeaderNames.REQUEST_ID))
                .as("the first is echoed")
                .contains("one");
        assertThat(twoIds.bodyText()).isEqualTo("Request-Id 필드가 두 번 이상 있습니다");
        assertThat(twoNames.statusCode()).isEqualTo(400);
        assertThat(twoNames.bodyText()).isEqualTo("Name 필드가 두 번 이상 있습니다");
        connecting.awaitClosed();
        assertThat(server.server().core().member("이름하나")).isEmpty();
    }

    @Test
    void aRepeatedFieldAmongManyIsRefusedAndManyFieldsOfOtherNamesAreNot() {
        TestClient member = server.joined("유저1");
        Headers.Builder many = Headers.builder().add(HeaderNames.TO, "유저2");
        Headers.Builder manyRepeated = Headers.builder().add(HeaderNames.TO, "유저2");
        for (int i = 0; i < 30; i++) {
            many.add("X-Extra-" + i, "v"); // fields a method does not use are ignored, however many
            manyRepeated.add("X-Extra-" + i, "v");
        }
        manyRepeated.add("to", "유저3");

        OcpMessage plenty = member.request(OcpMessage.request(Methods.PING, Targets.SERVER)
                .headers(many.build())
                .build());
        OcpMessage repeated = member.request(OcpMessage.request(Methods.PING, Targets.SERVER)
                .headers(manyRepeated.build())
                .build());

        assertThat(plenty.statusCode()).isEqualTo(200);
        assertThat(repeated.statusCode()).isEqualTo(400);
        assertThat(repeated.bodyText()).isEqualTo("To 필드가 두 번 이상 있습니다");
    }
}
