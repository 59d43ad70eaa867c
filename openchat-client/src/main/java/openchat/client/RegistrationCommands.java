package openchat.client;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import openchat.core.CoreConfig;
import openchat.core.Names;
import openchat.core.RoomKey;
import openchat.core.RoomNames;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.protocol.Status;
import openchat.protocol.Targets;

/**
 * The commands of a registered room (docs/PROTOCOL.md, "Registered rooms"): {@code /방등록} registers a room and shows
 * its key once, {@code /등록해제} drops the registration, {@code /열쇠 KEY} shows a key typed by hand. A key got here is
 * kept in {@link RoomKeys}, which CONNECT and JOIN show by themselves ({@link RoomCommands}).
 */
final class RegistrationCommands {
    /** The {@code Error-Code} of an owner who did not show the registered room's key. */
    private static final String NOT_KEY_HOLDER = "not-key-holder";

    /** The {@code Room-Role} of a member that owns the room. */
    private static final String OWNER = "owner";

    /** This client's name of the moment: it changes with {@code /nick}. */
    private final Supplier<String> me;

    private final ServerLink link;
    private final JoinedRooms rooms;
    private final RoomKeys keys;
    private final TerminalUi ui;
    private final ClientText text;
    private final EventFormatter formatter;

    RegistrationCommands(
            Supplier<String> me,
            ServerLink link,
            JoinedRooms rooms,
            RoomKeys keys,
            TerminalUi ui,
            ClientText text,
            EventFormatter formatter) {
        this.me = me;
        this.link = link;
        this.rooms = rooms;
        this.keys = keys;
        this.ui = ui;
        this.text = text;
        this.formatter = formatter;
    }

    /**
     * {@code /방등록 [ROOM]}: registers the room (the current one by default). The key is shown once, with where it is
     * kept and how it is used on another computer; kept, it makes this client the owner again when it reconnects. The
     * administrator, which owns no room, does not keep it: it would make it nothing when it reconnects, and would be one
     * more copy of a key that is the owner's to hold; it is told to hand the key over, and how the owner uses it (a new
     * key, that the old one, the owner's, is dead), never of keys of its own.
     */
    void register(String argument) {
        room(argument).ifPresent(room -> link.ask(OcpMessage.request(Methods.REGISTER, Targets.room(room)))
                .ifPresent(answer -> {
                    Optional<String> key = answer.header(HeaderNames.ROOM_KEY);
                    if (answer.statusCode() != Status.OK.code() || key.isEmpty()) {
                        refused(answer);
                        return;
                    }
                    String shown = EventFormatter.clean(key.get());
                    rooms.update(room, r -> r.registered(true));
                    boolean replaced = RoomCommands.isTrue(answer, HeaderNames.REPLACED);
                    List<String> lines = new ArrayList<>();
                    lines.add(text.get(replaced ? "register.rekeyed" : "register.done", named(room), shown));
                    if (Names.isAdministrator(me.get())) {
                        keys.forget(room); // one kept before opens nothing now
                        // Not register.replaced: the administrator keeps no key, on this computer or another one.
                        lines.add(text.get(
                                replaced ? "register.newKeyForTheOwner" : "register.forTheOwner", shown, named(room)));
                        // The owner may be on IRC, where the key is shown to ChanServ (docs/IRC.md).
                        lines.add(text.get("register.ownerOnIrc", shown, named(room)));
                        lines.add(text.get("register.lapse", CoreConfig.REGISTRATION_LAPSE.toDays()));
                        ui.printBlock(lines);
                        return;
                    }
                    if (replaced) {
                        lines.add(text.get("register.replaced")); // a key kept on another computer is dead too
                    }
                    try {
                        keys.keep(room, key.get());
                        lines.add(text.get("register.kept", keys.file(), shown, named(room)));
                    } catch (IOException e) {
                        lines.add(text.get("register.notKept", keys.file(), why(e), shown));
                    }
                    lines.add(text.get("register.lapse", CoreConfig.REGISTRATION_LAPSE.toDays()));
                    ui.printBlock(lines);
                }));
    }

    /** {@code /등록해제 [ROOM]}: drops the room's registration (the current room by default) and forgets its key. */
    void unregister(String argument) {
        room(argument).ifPresent(room -> link.ask(OcpMessage.request(Methods.UNREGISTER, Targets.room(room)))
                .ifPresent(answer -> {
                    if (answer.statusCode() != Status.OK.code()) {
                        refused(answer);
                        return;
                    }
                    keys.forget(room);
                    rooms.update(room, r -> r.registered(false));
                    ui.print(formatter.sentence(answer));
                }));
    }

    /**
     * {@code /등록목록}: the registered rooms, those that emptied too, with who registered each (or gave it its last key)
     * and when, its network, and when its key was last used (its lapse counts from then), in local time: every one for
     * the administrator; for anyone else those its network registered (the server names it in {@code Network}), with
     * how many that network may register.
     */
    void registrations() {
        link.ask(OcpMessage.request(Methods.REGISTRATIONS, Targets.SERVER)).ifPresent(answer -> {
            if (answer.statusCode() != Status.OK.code()) {
                ui.print(formatter.refusal(answer));
                return;
            }
            TsvTable registered = TsvTable.parse(answer.bodyText());
            Optional<String> network = answer.header(HeaderNames.NETWORK);
            if (registered.rows().isEmpty()) {
                ui.print(network.map(mine -> text.get(
                                "registrations.noneFromNetwork",
                                mine,
                                answer.header(HeaderNames.CAPACITY).orElse("?")))
                        .orElseGet(() -> text.get("registrations.none")));
                return;
            }
            Map<String, String> present = presentByRoom();
            TextTable table = new TextTable()
                    .row(
                            text.get("registrations.room"),
                            text.get("registrations.members"),
                            text.get("registrations.by"),
                            text.get("registrations.date"),
                            text.get("registrations.network"),
                            text.get("registrations.used"));
            for (List<String> row : registered.rows()) {
                String room = registered.cell(row, "room");
                table.row(
                        EventFormatter.clean(room),
                        present.getOrDefault(RoomNames.key(room), text.get("registrations.empty")),
                        EventFormatter.clean(registered.cell(row, "by")),
                        formatter.localTime(registered.cell(row, "date")),
                        EventFormatter.clean(registered.cell(row, "network")),
                        formatter.localTime(registered.cell(row, "used")));
            }
            List<String> lines = new ArrayList<>();
            lines.add(network.map(mine -> text.get(
                            "registrations.totalFromNetwork",
                            mine,
                            registered.rows().size(),
                            answer.header(HeaderNames.CAPACITY).orElse("?")))
                    .orElseGet(() ->
                            text.get("registrations.total", registered.rows().size())));
            lines.addAll(table.lines());
            ui.printBlock(lines);
        });
    }

    /**
     * How many are in each room now ({@code 2/5명}), by room key, from LIST: so that the administrator tells a
     * registered room in use from one that emptied. Empty when LIST is refused (too fast): every room then reads empty.
     */
    private Map<String, String> presentByRoom() {
        Map<String, String> present = new HashMap<>();
        link.ask(OcpMessage.request(Methods.LIST, Targets.SERVER))
                .filter(answer -> answer.statusCode() == Status.OK.code())
                .ifPresent(answer -> {
                    TsvTable rooms = TsvTable.parse(answer.bodyText());
                    for (List<String> row : rooms.rows()) {
                        present.put(
                                RoomNames.key(rooms.cell(row, "room")),
                                text.get(
                                        "registrations.present",
                                        rooms.cell(row, "members"),
                                        rooms.cell(row, "capacity")));
                    }
                });
        return present;
    }

    /**
     * {@code /열쇠 KEY}: shows the current room's key, typed by hand (one got on another computer, or written down), and
     * owns the room; the key is kept, as one {@code /방등록} gave. What cannot be a key is said so and not sent. The room
     * changing hands is said by the OWNER event that follows, with whom from: the answer's sentence is shown only when
     * none comes (this client owned the room already, or is the administrator, which owns none and keeps no key).
     */
    void claim(String argument) {
        Optional<RoomState> current = rooms.current();
        if (current.isEmpty()) {
            ui.print(text.get("noRoom"));
            return;
        }
        String room = current.get().name();
        if (RoomNames.key(room).equals(RoomNames.key(RoomNames.LOBBY))) {
            ui.print(text.get("claim.inLobby")); // no key is the lobby's: the person meant another room
            return;
        }
        Optional<String> key = RoomKeys.wellFormed(argument);
        if (key.isEmpty()) {
            ui.print(text.get("roomKey.malformed", RoomKey.LENGTH));
            return;
        }
        boolean ownedAlready = ownsNow(room);
        link.ask(OcpMessage.request(Methods.CLAIM, Targets.room(room)).header(HeaderNames.ROOM_KEY, key.get()))
                .ifPresent(answer -> {
                    if (answer.statusCode() != Status.OK.code()) {
                        refused(answer);
                        if (RoomCommands.refusesKey(answer)) {
                            // The sentence says the key made no owner: the owner present, maybe this client, stays.
                            ui.print(text.get("claim.ownerUnchanged"));
                        }
                        return;
                    }
                    boolean owner = answer.header(HeaderNames.ROOM_ROLE)
                            .filter(OWNER::equals)
                            .isPresent();
                    if (!owner) {
                        ui.print(formatter.sentence(answer));
                        return;
                    }
                    rooms.update(room, r -> r.owned(true));
                    List<String> lines = new ArrayList<>();
                    if (ownedAlready) {
                        // Not the answer's "now the owner": nothing changed hands.
                        lines.add(text.get("claim.ownedAlready", named(room)));
                    }
                    try {
                        keys.keep(room, key.get());
                        lines.add(text.get("claim.kept", keys.file()));
                    } catch (IOException e) {
                        lines.add(text.get("claim.notKept", keys.file(), why(e)));
                    }
                    ui.printBlock(lines);
                });
    }

    /** Whether this client owns {@code room} now, as its WHO says; false when it cannot tell. */
    private boolean ownsNow(String room) {
        if (!link.isUp()) {
            return false; // the CLAIM that follows says it cannot be sent
        }
        return link.ask(OcpMessage.request(Methods.WHO, Targets.room(room)))
                .filter(answer -> answer.statusCode() == Status.OK.code())
                .map(answer -> {
                    TsvTable members = TsvTable.parse(answer.bodyText());
                    return members.rows().stream()
                            .anyMatch(
                                    row -> Names.key(members.cell(row, "name")).equals(Names.key(me.get()))
                                            && members.cell(row, "role").equals(OWNER));
                })
                .orElse(false);
    }

    /** The room a command names, else the current one; empty, said why, when there is none or it is no room's name. */
    private Optional<String> room(String argument) {
        if (argument.isEmpty()) {
            Optional<String> current = rooms.current().map(RoomState::name);
            if (current.isEmpty()) {
                ui.print(text.get("noRoom"));
            }
            return current;
        }
        if (!RoomNames.isValid(argument)) {
            ui.print(text.get("invalidRoom", EventFormatter.clean(argument)));
            return Optional.empty();
        }
        return Optional.of(argument);
    }

    /** The room as this client knows it written (the server's spelling), else as typed. */
    private String named(String room) {
        return rooms.find(room).map(RoomState::name).orElse(EventFormatter.clean(room));
    }

    /** A refusal; an heir's is told how it may do it after all, with the key. */
    private void refused(OcpMessage answer) {
        ui.print(formatter.refusal(answer));
        if (EventFormatter.errorCode(answer).equals(NOT_KEY_HOLDER)) {
            ui.print(text.get("register.notKeyHolderHint"));
        }
    }

    private static String why(IOException e) {
        return EventFormatter.clean(
                String.valueOf(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    }
}
