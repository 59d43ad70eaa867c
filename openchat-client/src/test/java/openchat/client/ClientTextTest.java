package openchat.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ClientTextTest {

    private static Properties bundle(String file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = ClientTextTest.class.getResourceAsStream("/openchat/client/" + file)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    @Test
    void everyTextExistsInBothLanguages() throws IOException {
        assertThat(bundle("messages_en.properties").keySet())
                .containsExactlyInAnyOrderElementsOf(
                        bundle("messages.properties").keySet());
    }

    @Test
    void everyCommandHasAHelpLineInBothLanguages() {
        for (Locale locale : new Locale[] {Locale.KOREAN, Locale.ENGLISH}) {
            ClientText text = new ClientText(locale);
            ChatCommand.ALL.forEach(
                    command -> assertThat(text.get(command.helpKey())).isNotBlank());
        }
    }

    @Test
    void countsReadNaturallyInEnglish() {
        ClientText english = new ClientText(Locale.ENGLISH);

        assertThat(english.get("outgoing.holding", 1, 2L))
                .isEqualTo("Sending too fast; sending 1 waiting line in 2 s…");
        assertThat(english.get("outgoing.holding", 20, 1L))
                .isEqualTo("Sending too fast; sending 20 waiting lines in 1 s…");
        assertThat(new ClientText(Locale.KOREAN).get("outgoing.holding", 20, 1L))
                .isEqualTo("메세지를 너무 빨리 보내고 있습니다. 기다리는 20줄을 1초 후에 이어서 보냅니다…");
    }
}
