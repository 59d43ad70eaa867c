package openchat.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Headers, start lines and messages refuse what could not be written on the wire. */
class MessageModelTest {

    @Test
    void headerNamesCompareWithoutCase() {
        Headers headers = Headers.builder().add("Request-Id", "7").build();

        assertThat(headers.get("request-id")).contains("7");
        assertThat(headers.get("REQUEST-ID")).contains("7");
        assertThat(headers.get("Name")).isEmpty();
    }

    @Test
    void setReplacesEveryFieldOfThatName() {
        Headers headers =
                Headers.builder().add("X", "1").add("x", "2").set("X", "3").build();

        assertThat(headers.fields()).hasSize(1);
        assertThat(headers.get("x")).contains("3");
    }

    @Test
    void contentLengthIsRefusedAsAHeader() {
        assertThatThrownBy(() -> Headers.builder().add("content-length", "3"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Content-Length");
    }

    @Test
    void lineBreaksAndControlsInValuesAreRefused() {
        assertThatThrownBy(() -> Headers.builder().add("X", "a\r\nInjected: yes"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("X");
        assertThatThrownBy(() -> Headers.builder().add("X", "a\u0000")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void invalidHeaderNamesAreRefused() {
        assertThatThrownBy(() -> Headers.builder().add("Bad Name", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Bad Name");
        assertThatThrownBy(() -> Headers.builder().add("", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void startLinesAreChecked() {
        assertThatThrownBy(() -> new RequestLine("SE ND", "/")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RequestLine("SEND", "rooms")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RequestLine("SEND", "/a b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StatusLine(42, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StatusLine(200, "O\nK")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new RequestLine("CONNECT", "/rooms/방").target()).isEqualTo("/rooms/방");
    }

    @Test
    void messagesAreValuesWithACopiedBody() {
        byte[] body = {1, 2, 3};
        OcpMessage message = OcpMessage.request("SEND", "/").body(body).build();
        body[0] = 9;

        assertThat(message.body()).containsExactly(1, 2, 3);
        assertThat(message)
                .isEqualTo(OcpMessage.request("SEND", "/")
                        .body(new byte[] {1, 2, 3})
                        .build());
        assertThat(message.isRequest()).isTrue();
        assertThat(message.statusCode()).isZero();
        assertThat(OcpMessage.response(Status.OK).build().method()).isEmpty();
    }

    @Test
    void statusCodesAreFoundByNumber() {
        assertThat(Status.of(429)).contains(Status.TOO_MANY_REQUESTS);
        assertThat(Status.of(418)).isEmpty();
        assertThat(Status.OK.isSuccess()).isTrue();
        assertThat(Status.FORBIDDEN.isSuccess()).isFalse();
    }
}
