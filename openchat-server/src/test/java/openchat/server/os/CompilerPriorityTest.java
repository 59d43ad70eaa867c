package openchat.server.os;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CompilerPriorityTest {
    @Test
    void aThreadsNiceValueIsReadFromItsStatLine() {
        String stat = "4711 (C2 CompilerThre) S 1 4711 4711 0 -1 4194368 1353 0 0 0 2318 114 0 0 20 10 18 0 "
                + "109 4052193280 21436 18446744073709551615";

        assertThat(CompilerPriority.niceOf(stat)).isEqualTo(10);
    }

    @Test
    void aThreadNameWithSpacesAndParenthesesDoesNotShiftTheFields() {
        String stat = "42 (a (b) c) R 1 42 42 0 -1 0 0 0 0 0 0 0 0 0 20 -5 1 0 7 0 0 0";

        assertThat(CompilerPriority.niceOf(stat)).isEqualTo(-5);
    }
}
