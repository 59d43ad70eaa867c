package openchat.client;

import java.util.Optional;
import openchat.core.Names;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;

/**
 * What a room's members are told of its registration (docs/PROTOCOL.md, "Registered rooms"), shown as the room's other
 * events are: who registered the room, gave it a new key or dropped its registration, and what that means for the
 * reader. Such an event comes from someone else's doing (the one who did it is not told), so a key this client kept for
 * the room opens it no more: it is forgotten, and said so. The heir who comes to own a registered room by presence is
 * told that the key's holder takes it back. Called on the connection's thread.
 */
final class RegistrationNews {
    private final JoinedRooms rooms;
    private final RoomKeys keys;
    private final RoomLines roomLines;
    private final ClientText text;

    RegistrationNews(JoinedRooms rooms, RoomKeys keys, RoomLines roomLines, ClientText text) {
        this.rooms = rooms;
        this.keys = keys;
        this.roomLines = roomLines;
        this.text = text;
    }

    /**
     * A REGISTER event (a registration, or with {@code Replaced: true} a new key) or an UNREGISTER event. A key the
     * administrator got is with the administrator, who owns no room and keeps no key: the members are told so, the
     * facts only (an invitation to ask for the key would be one to every member). The owner present is told more: that
     * it owns the room until someone enters the key, and how it keeps it (ask the administrator for the key and enter
     * it), or it would find nowhere the key is, and be refused a {@code /방등록} of its own.
     */
    void told(String room, OcpMessage event) {
        boolean dropped = event.method().equals(Methods.UNREGISTER);
        rooms.update(room, r -> r.registered(!dropped));
        String by = EventFormatter.clean(event.header(HeaderNames.BY).orElse("?"));
        String said = dropped
                ? "event.unregistered"
                : RoomCommands.isTrue(event, HeaderNames.REPLACED) ? "event.rekeyed" : "event.registered";
        boolean byAdministrator = !dropped && Names.isAdministrator(by);
        if (byAdministrator) {
            said += "ByAdministrator";
        }
        roomLines.print(room, text.get(said, by));
        if (byAdministrator && rooms.find(room).filter(RoomState::owned).isPresent()) {
            roomLines.print(room, text.get("event.byAdministratorToTheOwner"));
        }
        if (keys.forget(room)) {
            roomLines.print(room, text.get("event.keptKeyDead", keys.file()));
        }
    }

    /**
     * After the line that says who owns {@code room} now (a LEFT's {@code Owner}, or an OWNER without {@code Previous}):
     * when it is this client ({@code me}) by presence, and the room is registered, that whoever enters its key takes it
     * back.
     */
    void ownerNow(String room, OcpMessage event, String me) {
        Optional<String> heir =
                switch (event.method()) {
                    case Methods.LEFT -> event.header(HeaderNames.OWNER);
                    case Methods.OWNER -> event.header(HeaderNames.PREVIOUS).isPresent()
                            ? Optional.empty() // the key's holder took it: not by presence
                            : event.header(HeaderNames.NAME);
                    default -> Optional.empty();
                };
        boolean registered = rooms.find(room).filter(RoomState::registered).isPresent();
        if (registered
                && heir.filter(name -> Names.key(name).equals(Names.key(me))).isPresent()) {
            roomLines.print(room, text.get("event.ownerMeRegistered"));
        }
    }
}
