package openchat.server.net;

import openchat.core.Ban;
import openchat.core.Chat;
import openchat.server.config.ServerText;

/** What the administrator is told of a ban it made, in the server's language, on every listener alike. */
public final class BanAnswer {
    private BanAnswer() {}

    /**
     * {@code 트롤 이름을 차단했습니다 (접속 중이던 1명을 내보냈습니다). 트롤의 주소는 127.0.0.1 입니다 (...)}: the ban, how
     * many it put out, and for a connected member's name its address, in the words of {@code addressHintKey} (each
     * protocol names its own command for banning the address).
     */
    public static StringBuilder of(Chat.BanResult result, ServerText text, String addressHintKey) {
        Ban ban = result.ban();
        StringBuilder said = new StringBuilder(
                text.get(ban.kind() == Ban.Kind.NAME ? "answer.bannedName" : "answer.bannedAddress", ban.target()));
        if (!result.disconnected().isEmpty()) {
            said.append(" (")
                    .append(text.get("answer.bannedOut", result.disconnected().size()))
                    .append(')');
        }
        if (result.address() != null) {
            said.append(". ").append(text.get(addressHintKey, ban.target(), result.address()));
        }
        return said;
    }
}
