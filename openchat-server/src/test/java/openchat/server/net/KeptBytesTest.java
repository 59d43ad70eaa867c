package openchat.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeptBytesTest {

    @Test
    void aNameIsMadeOnceWhileKeptAndEveryNameGetsItsOwnBytesWhenNamesShareAPlace() {
        List<String> made = new ArrayList<>();
        KeptBytes kept = new KeptBytes(name -> {
            made.add(name);
            return ("<" + name + ">").getBytes(StandardCharsets.UTF_8);
        });

        assertThat(kept.of("유저1")).isEqualTo("<유저1>".getBytes(StandardCharsets.UTF_8));
        assertThat(kept.of("유저1")).isEqualTo("<유저1>".getBytes(StandardCharsets.UTF_8));
        assertThat(made).containsExactly("유저1");

        // "Aa" and "BB" have the same hash: the second replaces the first, and each still gets its own bytes.
        assertThat(kept.of("Aa")).isEqualTo("<Aa>".getBytes(StandardCharsets.UTF_8));
        assertThat(kept.of("BB")).isEqualTo("<BB>".getBytes(StandardCharsets.UTF_8));
        assertThat(kept.of("Aa")).isEqualTo("<Aa>".getBytes(StandardCharsets.UTF_8));
        assertThat(made).containsExactly("유저1", "Aa", "BB", "Aa");
    }
}
