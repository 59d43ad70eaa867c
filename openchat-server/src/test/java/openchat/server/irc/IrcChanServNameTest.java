package openchat.server.irc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which PRIVMSG targets reach ChanServ: its name in any spelling a member's name would match, never a channel. */
class IrcChanServNameTest {
    @Test
    void chanServIsFoundInAnyCaseOrWidth() {
        assertThat(IrcChanServ.is("ChanServ")).isTrue();
        assertThat(IrcChanServ.is("chanserv")).isTrue();
        assertThat(IrcChanServ.is("CHANSERV")).isTrue();
        assertThat(IrcChanServ.is("ＣｈａｎＳｅｒｖ")).isTrue(); // full-width, as a member's name would match
    }

    @Test
    void aChannelIsNeverChanServ() {
        assertThat(IrcChanServ.is("#chanserv")).isFalse();
        assertThat(IrcChanServ.is("#ChanServ")).isFalse();
        assertThat(IrcChanServ.is("#lobby")).isFalse();
        assertThat(IrcChanServ.is("＃chanserv")).isFalse(); // a full-width # is a leading mark too
    }

    @Test
    void otherNicksAreNotChanServ() {
        assertThat(IrcChanServ.is("NickServ")).isFalse();
        assertThat(IrcChanServ.is("chanserv2")).isFalse();
        assertThat(IrcChanServ.is("채팅관리자")).isFalse();
    }
}
