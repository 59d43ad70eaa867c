package openchat.server.net;

import java.time.Duration;
import java.util.StringJoiner;
import openchat.core.Ban;
import openchat.core.Chat;
import openchat.core.CoreConfig;
import openchat.core.Refusal;
import openchat.core.RoomBan;
import openchat.server.config.ServerText;

/** What the administrator is told of a ban it made, in the server's language, on every listener alike. */
public final class BanAnswer {
    private BanAnswer() {}

    /**
     * {@code 트롤 이름을 차단했습니다 (풀 때까지; 접속 중이던 1명을 내보냈습니다). 트롤의 주소는 127.0.0.1 입니다 (...)}: the
     * ban, how long it lasts (until lifted when it does not end), how many it put out, and for a connected member's name its address, in the words of {@code addressHintKey} (each
     * protocol names its own command for banning the address).
     */
    public static StringBuilder of(Chat.BanResult result, ServerText text, String addressHintKey) {
        Ban ban = result.ban();
        StringBuilder said = new StringBuilder(text.get(
                switch (ban.kind()) {
                    case NAME -> "answer.bannedName";
                    case MASK -> "answer.bannedMask";
                    case ADDRESS -> "answer.bannedAddress";
                },
                ban.target()));
        StringJoiner aside = new StringJoiner("; ", " (", ")").setEmptyValue("");
        aside.add(
                ban.isPermanent()
                        ? text.get("answer.banUntilLifted")
                        : text.get("answer.banLasting", text.lasting(ban.lasting())));
        if (!result.disconnected().isEmpty()) {
            aside.add(text.get("answer.bannedOut", result.disconnected().size()));
        }
        said.append(aside);
        if (result.address() != null) {
            said.append(". ").append(text.get(addressHintKey, ban.target(), result.address()));
        }
        return said;
    }

    /**
     * {@code study 방에서 트롤 이름을 차단했습니다 (풀 때까지)}: what a room's owner or the administrator is told of a
     * room's ban it made, and for the administrator the address kept with it.
     */
    public static String ofRoom(RoomBan made, ServerText text) {
        Ban ban = made.ban();
        StringBuilder said = new StringBuilder(text.get(
                ban.kind() == Ban.Kind.MASK ? "answer.roomBannedMask" : "answer.roomBannedName", ban.target()));
        said.append(" (")
                .append(
                        ban.isPermanent()
                                ? text.get("answer.banUntilLifted")
                                : text.get("answer.banLasting", text.lasting(ban.lasting())))
                .append(')');
        if (made.address() != null) {
            said.append(". ").append(text.get("answer.roomBanAddress", ban.target(), made.address()));
        }
        return said.toString();
    }

    /**
     * A room's ban refused for a full list ({@link Refusal.Reason#TOO_MANY_ROOM_BANS}): the room's, or past the
     * server's bound in all ({@link CoreConfig#MAX_ROOM_BANS_IN_ALL}), told apart by the maximum the refusal names.
     */
    public static String tooManyRoomBans(Refusal refusal, ServerText text) {
        return text.get(
                refusal.capacity() == CoreConfig.MAX_ROOM_BANS
                        ? "answer.tooManyRoomBans"
                        : "answer.tooManyRoomBansInAll",
                refusal.capacity());
    }

    /**
     * What a member kept out by a ban is told ({@link Refusal.Reason#BANNED} at connect): {@code 이 서버에서
     * 차단되었습니다: 도배 (29m 뒤에 풀립니다)}, the reason when there is one and for a timed ban how long it still holds.
     */
    public static String refused(Refusal refusal, ServerText text) {
        String said = refusal.subject().isEmpty()
                ? text.get("answer.banned")
                : text.get("answer.bannedFor", refusal.subject());
        return withTimeLeft(said, refusal, text);
    }

    /** {@code said}, and for a timed ban how long it still holds: {@code … (29m 뒤에 풀립니다)}. */
    public static String withTimeLeft(String said, Refusal refusal, ServerText text) {
        long seconds = refusal.retryAfterSeconds();
        return seconds > 0
                ? said + " (" + text.get("answer.bannedLeft", text.lasting(Duration.ofSeconds(seconds))) + ")"
                : said;
    }
}
