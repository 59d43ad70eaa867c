package openchat.server.net;

import java.time.format.DateTimeFormatter;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.server.room.RoomEvent;

/** Room events as OCP/1.0 messages (docs/PROTOCOL.md, section 3). */
final class EventMessages {
    /** RFC 3339 with milliseconds and the UTC offset ({@code Z} for UTC). */
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX");

    private EventMessages() {
    }

    static OcpMessage of(RoomEvent event) {
        if (event instanceof RoomEvent.Message m) {
            return OcpMessage.request(Methods.MESSAGE, roomTarget(m.room()))
                    .header(HeaderNames.FROM, m.from())
                    .header(HeaderNames.DATE, DATE.format(m.at()))
                    .header(HeaderNames.SEQ, m.seq())
                    .header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8)
                    .body(m.text())
                    .build();
        }
        if (event instanceof RoomEvent.Joined j) {
            return OcpMessage.request(Methods.JOINED, roomTarget(j.room()))
                    .header(HeaderNames.NAME, j.name())
                    .header(HeaderNames.DATE, DATE.format(j.at()))
                    .header(HeaderNames.SEQ, j.seq())
                    .header(HeaderNames.MEMBERS, j.members())
                    .build();
        }
        if (event instanceof RoomEvent.Left l) {
            return OcpMessage.request(Methods.LEFT, roomTarget(l.room()))
                    .header(HeaderNames.NAME, l.name())
                    .header(HeaderNames.REASON, l.reason().wireName())
                    .header(HeaderNames.DATE, DATE.format(l.at()))
                    .header(HeaderNames.SEQ, l.seq())
                    .header(HeaderNames.MEMBERS, l.members())
                    .body(l.detail())
                    .build();
        }
        RoomEvent.Closed c = (RoomEvent.Closed) event;
        return OcpMessage.request(Methods.SHUTDOWN, "/")
                .header(HeaderNames.DATE, DATE.format(c.at()))
                .body(c.reason())
                .build();
    }

    static String roomTarget(String room) {
        return "/rooms/" + room;
    }
}
