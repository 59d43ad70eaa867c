package openchat.server.ocp;

import static org.assertj.core.api.Assertions.assertThat;

import openchat.protocol.HeaderNames;
import org.junit.jupiter.api.Test;

/** Which {@code Content-Type} of a SEND (or PRIVATE, AWAY) the server takes as a line of text. */
class ContentTypeTest {

    @Test
    void plainTextInUtf8IsTakenInAnySpellingTheFieldAllows() {
        assertThat(HeaderNames.TEXT_UTF8).isEqualTo("text/plain; charset=utf-8");
        for (String type : new String[] {
            HeaderNames.TEXT_UTF8,
            "text/plain",
            "TEXT/PLAIN; Charset=\"UTF-8\"",
            "text/plain;charset=utf8",
            " text/plain ; charset = utf-8 ",
            "text/plain; format=flowed",
        }) {
            assertThat(OcpSession.isPlainUtf8Text(type)).as(type).isTrue();
        }
    }

    @Test
    void anotherTypeOrCharsetIsNotText() {
        for (String type : new String[] {
            "text/html; charset=utf-8",
            "text/plain; charset=iso-8859-1",
            "text/plain; charset=utf-16",
            "application/octet-stream",
            "text/plainer; charset=utf-8",
            "",
        }) {
            assertThat(OcpSession.isPlainUtf8Text(type)).as(type).isFalse();
        }
    }
}
