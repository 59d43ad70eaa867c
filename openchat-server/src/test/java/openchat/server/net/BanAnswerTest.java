package openchat.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import openchat.core.CoreConfig;
import openchat.core.Refusal;
import openchat.server.config.ServerText;
import org.junit.jupiter.api.Test;

/** What a full list of a room's bans is told: the room's list, or the server's bound in all. */
class BanAnswerTest {

    @Test
    void aFullRoomAndAServerFullOfRoomBansAreToldApart() {
        ServerText korean = new ServerText(Locale.KOREAN);
        ServerText english = new ServerText(Locale.ENGLISH);
        Refusal room = Refusal.limit(Refusal.Reason.TOO_MANY_ROOM_BANS, CoreConfig.MAX_ROOM_BANS);
        Refusal inAll = Refusal.limit(Refusal.Reason.TOO_MANY_ROOM_BANS, CoreConfig.MAX_ROOM_BANS_IN_ALL);

        assertThat(BanAnswer.tooManyRoomBans(room, korean)).isEqualTo("이 방의 차단 목록이 가득 찼습니다 (최대 100개): 먼저 하나를 푸십시오");
        assertThat(BanAnswer.tooManyRoomBans(inAll, korean))
                .isEqualTo("서버의 방 차단이 모두 10,000개로 가득 찼고, 비워진 방의 차단이 남아 있지 않습니다: 먼저 하나를 푸십시오");
        assertThat(BanAnswer.tooManyRoomBans(inAll, english))
                .isEqualTo("The server holds its 10,000 rooms' bans, none of them an emptied room's: lift one first");
    }
}
