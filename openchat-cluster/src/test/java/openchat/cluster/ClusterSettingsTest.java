package openchat.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What a cluster address may be, and how it is shown. */
class ClusterSettingsTest {

    @ParameterizedTest
    @ValueSource(strings = {"redis://127.0.0.1:6379", "redis://redis.internal:6379/2", "redis://:secret@10.0.0.5:6380"})
    void aRedisAddressIsAccepted(String url) {
        assertThat(ClusterSettings.problem(url)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "http://127.0.0.1:6379     | is not a redis:// address",
                "redis://                  | is not an address",
                "redis:///2                | names no host",
                "redis://127.0.0.1:6379/x  | the database must be a number",
                "'   '                     | no cluster address",
            })
    void anythingElseIsRefusedSayingWhatIsExpected(String url, String problem) {
        assertThat(ClusterSettings.problem(url))
                .hasValueSatisfying(text -> assertThat(text).contains(problem).contains("redis://HOST:PORT"));
    }

    @Test
    void aPasswordIsNeverShown() {
        assertThat(ClusterSettings.redacted("redis://:secret@10.0.0.5:6380/1"))
                .isEqualTo("redis://***@10.0.0.5:6380/1");
        assertThat(ClusterSettings.redacted("redis://user:secret@h:1")).isEqualTo("redis://***@h:1");
        assertThat(ClusterSettings.redacted("redis://h:1")).isEqualTo("redis://h:1");
    }

    @Test
    void aNodeIdHasNoSpaces() {
        assertThatThrownBy(() -> ClusterSettings.of("redis://h:1", "chat 1", 5, 10, 10))
                .hasMessageContaining("without spaces");
    }
}
