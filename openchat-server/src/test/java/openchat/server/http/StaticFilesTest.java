package openchat.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import openchat.server.config.ServerConfig;
import org.junit.jupiter.api.Test;

/** The page's files as served: as they are in the jar, but for the page's name when the network has one. */
class StaticFilesTest {
    private static byte[] inTheJar(String name) throws IOException {
        try (InputStream in = StaticFilesTest.class.getResourceAsStream("/openchat/web/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void withoutANetworkNameThePageIsServedByteForByteAsInTheJar() throws IOException {
        StaticFiles files = new StaticFiles(ServerConfig.DEFAULT_NETWORK_NAME);

        assertThat(files.get("/").orElseThrow().bytes()).isEqualTo(inTheJar("index.html"));
        assertThat(files.get("/i18n.js").orElseThrow().bytes()).isEqualTo(inTheJar("i18n.js"));
    }

    @Test
    void aNetworkNameTitlesThePageAndNamesItsBrandAndChangesNothingElse() throws IOException {
        StaticFiles files = new StaticFiles("ExampleNet");

        String page = new String(files.get("/").orElseThrow().bytes(), StandardCharsets.UTF_8);

        String original = new String(inTheJar("index.html"), StandardCharsets.UTF_8);
        assertThat(page)
                .contains("<title>ExampleNet</title>", "<h1 class=\"brand\">ExampleNet</h1>")
                .contains("<span class=\"brand\">ExampleNet</span>")
                .doesNotContain(">openchat<");
        assertThat(page.replace("ExampleNet", "openchat")).isEqualTo(original);
        assertThat(files.get("/app.js").orElseThrow().bytes()).isEqualTo(inTheJar("app.js"));
    }
}
