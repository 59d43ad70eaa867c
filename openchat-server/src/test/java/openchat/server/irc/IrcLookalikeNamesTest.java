package openchat.server.irc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Over IRC: a nick that looks like a connected member's ({@code Names.skeleton}) gets 433, as ergo answers a nick
 * whose skeleton is in use, naming the member, whether it is sent before registration, held between NICK and USER, or
 * asked for as a rename; a nick that looks like a reserved name gets 432 saying which.
 */
class IrcLookalikeNamesTest extends IrcTestBase {
    /** {@code аӏісе}: every letter Cyrillic, U+0430 U+04CF U+0456 U+0441 U+0435. */
    private static final String CYRILLIC_ALICE = "\u0430\u04CF\u0456\u0441\u0435";

    @Test
    void aNickThatLooksLikeAConnectedMembersGets433AtOnceNamingThatMember() {
        ocp("alice");
        IrcTestClient client = irc();

        client.send("NICK " + CYRILLIC_ALICE);

        assertThat(client.nextLine())
                .isEqualTo(":openchat 433 * " + CYRILLIC_ALICE + " :접속해 있는 alice 님의 닉네임과 너무 닮은 닉네임입니다");
        client.send("USER u 0 * :Real Name");
        assertThat(client.sync())
                .as("no nick was accepted: registration waits for one")
                .isEmpty();
        client.send("NICK a1ice");
        assertThat(client.nextLine()).isEqualTo(":openchat 433 * a1ice :접속해 있는 alice 님의 닉네임과 너무 닮은 닉네임입니다");
        client.send("NICK 앨리스");
        assertThat(client.nextLine()).startsWith(":openchat 001 앨리스 ");
    }

    @Test
    void aLookAlikeTakenBetweenNickAndUserGets433AtRegistration() {
        IrcTestClient client = irc();
        client.send("NICK " + CYRILLIC_ALICE);
        assertThat(client.sync()).isEmpty();
        irc("Alice");

        client.send("USER u 0 * :Real Name");

        assertThat(client.nextLine())
                .isEqualTo(":openchat 433 * " + CYRILLIC_ALICE + " :접속해 있는 Alice 님의 닉네임과 너무 닮은 닉네임입니다");
    }

    @Test
    void aRenameToALookAlikeGets433AndTheHolderMayRespellItsOwnLook() {
        IrcTestClient alice = irc("alice");
        IrcTestClient bob = irc("bob");

        bob.send("NICK " + CYRILLIC_ALICE);
        assertThat(bob.nextLine())
                .isEqualTo(":openchat 433 bob " + CYRILLIC_ALICE + " :접속해 있는 alice 님의 닉네임과 너무 닮은 닉네임입니다");

        alice.send("NICK a1ice");
        assertThat(alice.expect(" NICK ")).isEqualTo(":alice!alice@openchat NICK a1ice");
        bob.send("NICK alice");
        assertThat(bob.nextLine()).isEqualTo(":openchat 433 bob alice :접속해 있는 a1ice 님의 닉네임과 너무 닮은 닉네임입니다");
        alice.send("NICK Alice");
        assertThat(alice.expect(" NICK ")).isEqualTo(":a1ice!a1ice@openchat NICK Alice");
    }

    @Test
    void aNickThatLooksLikeAReservedNameGets432SayingWhich() {
        IrcTestClient client = irc();

        client.send("NICK \u0455\u0443\u0455\u043E\u0440"); // ѕуѕор: Cyrillic letters that spell sysop

        assertThat(client.nextLine())
                .isEqualTo(
                        ":openchat 432 * \u0455\u0443\u0455\u043E\u0440 :쓸 수 없는 닉네임입니다: 채팅이 따로 남겨 둔 이름인 'sysop'와(과) 너무 닮았습니다");
    }
}
