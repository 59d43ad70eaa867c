package openchat.server.ocp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import openchat.core.CoreConfig;
import openchat.core.Refusal;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.protocol.Targets;
import openchat.server.config.ServerText;
import org.junit.jupiter.api.Test;

/** Answers whose case no end-to-end test reaches cheaply. */
class OcpRefusalsTest {
    @Test
    void aRegistrationPastTheServersMostIsAnswered503WithTheMostAsCapacity() {
        OcpMessage request =
                OcpMessage.request(Methods.REGISTER, Targets.room("study")).build();

        OcpMessage answer = OcpRefusals.answer(
                        request,
                        Refusal.limit(Refusal.Reason.TOO_MANY_REGISTERED_ROOMS, CoreConfig.MAX_REGISTERED_ROOMS),
                        ServerText.in(Locale.KOREAN))
                .build();

        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.header(HeaderNames.ERROR_CODE)).contains("too-many-registered-rooms");
        assertThat(answer.header(HeaderNames.CAPACITY)).contains("10000");
        assertThat(answer.bodyText()).isEqualTo("이 서버에는 등록된 방이 이미 최대인 10,000개 있습니다. 관리자에게 문의하십시오");
    }
}
