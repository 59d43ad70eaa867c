package openchat.server.irc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How member names look as IRC nicknames: what IRC cannot carry becomes {@code _}, the rest stays. */
class IrcNamesTest {
    @Test
    void aNameIrcCanCarryIsItsOwnNickname() {
        assertThat(IrcNames.nick("alice")).isEqualTo("alice");
        assertThat(IrcNames.nick("유저1")).isEqualTo("유저1");
        assertThat(IrcNames.nick("a-b_c[d]{e}|f^g`h")).isEqualTo("a-b_c[d]{e}|f^g`h");
        assertThat(IrcNames.nick("x#&:$+~%")).isEqualTo("x#&:$+~%");
    }

    @Test
    void everyCharacterIrcForbidsBecomesAnUnderscore() {
        assertThat(IrcNames.nick("a b")).isEqualTo("a_b");
        assertThat(IrcNames.nick("a,b*c?d!e@f.g")).isEqualTo("a_b_c_d_e_f_g");
        assertThat(IrcNames.nick("a\tb\u001fc")).isEqualTo("a_b_c");
        assertThat(IrcNames.nick("김\u00a0철\u3000수")).isEqualTo("김_철_수"); // no-break and ideographic spaces
    }

    @Test
    void aLeadingChannelOrPrefixCharacterBecomesAnUnderscore() {
        for (char c : "#&:$+~%".toCharArray()) {
            assertThat(IrcNames.nick(c + "name")).isEqualTo("_name");
        }
    }

    @Test
    void aMembersSourceIsNickBangNickAtTheServer() {
        assertThat(IrcNames.DEFAULT.source("유저 1")).isEqualTo("유저_1!유저_1@openchat");
    }
}
