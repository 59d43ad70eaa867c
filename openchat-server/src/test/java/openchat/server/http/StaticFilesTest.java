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

    @Test
    void eachFileIsTaggedByItsBytesAsServedSoARenamedPageHasATagOfItsOwn() {
        StaticFiles plain = new StaticFiles(ServerConfig.DEFAULT_NETWORK_NAME);
        StaticFiles named = new StaticFiles("ExampleNet");

        String page = plain.get("/").orElseThrow().etag();
        assertThat(page).matches("\"[A-Za-z0-9_-]{22}\"");
        assertThat(plain.get("/app.js").orElseThrow().etag()).isNotEqualTo(page);
        assertThat(named.get("/").orElseThrow().etag())
                .as("the page with the network's name")
                .isNotEqualTo(page);
        assertThat(named.get("/app.js").orElseThrow().etag())
                .isEqualTo(plain.get("/app.js").orElseThrow().etag());
        assertThat(StaticFiles.etagOf("a".getBytes(StandardCharsets.UTF_8)))
                .as("the first 128 bits of SHA-256(\"a\")")
                .isEqualTo("\"ypeBEsobvcr6wjGzmiPcTQ\"");
    }

    @Test
    void ifNoneMatchNamesATagAloneInAListWeaklyOrByAStar() {
        String tag = "\"ypeBEsobvcr6wjGzmiPcTQ\"";

        assertThat(StaticFiles.matches(tag, tag)).isTrue();
        assertThat(StaticFiles.matches("\"old\", " + tag, tag)).isTrue();
        assertThat(StaticFiles.matches("W/" + tag, tag)).as("weak comparison").isTrue();
        assertThat(StaticFiles.matches("*", tag)).isTrue();
        assertThat(StaticFiles.matches(null, tag)).as("no If-None-Match").isFalse();
        assertThat(StaticFiles.matches("\"old\"", tag)).isFalse();
        assertThat(StaticFiles.matches("ypeBEsobvcr6wjGzmiPcTQ", tag))
                .as("unquoted")
                .isFalse();
        assertThat(StaticFiles.matches("", tag)).isFalse();
    }
}
