package openchat.client;

import java.util.ArrayList;
import java.util.List;
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
 * The commands about rooms and people: join, part, list, who, private messages, topics, history and kicks.
 * Each sends one request, waits for its answer on the input thread, and prints the outcome; what must happen
 * before the events that follow an answer (taking a joined room as current before its history replay) runs on
 * the connection's thread as the answer arrives.
 */
final class RoomCommands {
    /** How this client came into a room, which decides what is said and whether the room becomes current. */
    enum Entry {
        /** CONNECT: the first room of a session, or of a reconnect. */
        CONNECTED,
        /** {@code /join}. */
        JOINED,
        /** JOIN again after a reconnect; the current room stays. */
        REJOINED
    }

    /** Messages {@code /history} fetches when not told how many. */
    static final int DEFAULT_HISTORY_PAGE = 20;

    /** This client's name of the moment: it changes with {@code /nick}. */
    private final Supplier<String> me;

    private final ServerLink link;
    private final JoinedRooms rooms;
    private final OutgoingLines outgoing;
    private final TerminalUi ui;
    private final ClientText text;
    private final EventFormatter formatter;
    /** The keys of registered rooms this client got: shown on JOIN, so that it owns the room it holds the key of. */
    private final RoomKeys keys;
    /** The away message the server last took from this client ({@code /away}); empty when back. */
    private volatile String awayMessage = "";

    RoomCommands(
            Supplier<String> me,
            ServerLink link,
            JoinedRooms rooms,
            OutgoingLines outgoing,
            TerminalUi ui,
            ClientText text,
            EventFormatter formatter,
            RoomKeys keys) {
        this.keys = keys;
        this.me = me;
        this.link = link;
        this.rooms = rooms;
        this.outgoing = outgoing;
        this.ui = ui;
        this.text = text;
        this.formatter = formatter;
    }

    /**
     * {@code /join ROOM [KEY]}: joins and makes it current; when already in it, just makes it current. With a key (one
     * got on another computer), joins as the room's owner and keeps the key, as {@code /claim} does from inside.
     */
    void join(String argument) {
        int space = argument.indexOf(' ') >= 0 ? argument.indexOf(' ') : argument.indexOf('\u3000');
        if (space >= 0) {
            joinWithKey(
                    argument.substring(0, space), argument.substring(space + 1).strip());
            return;
        }
        String room = argument;
        if (!RoomNames.isValid(room)) {
            ui.print(text.get("invalidRoom", EventFormatter.clean(room)));
            return;
        }
        Optional<RoomState> joined = rooms.find(room);
        if (joined.isPresent()) {
            rooms.makeCurrent(room);
            ui.print(text.get("room.current", joined.get().name()));
            return;
        }
        Optional<OcpMessage> answer = askJoin(room, null, Entry.JOINED);
        // A kept key the server refused is forgotten by then: one kept still is the one the JOIN showed.
        boolean keyShown = keys.keyOf(room).isPresent();
        answer.filter(refused -> refused.statusCode() != Status.OK.code())
                .ifPresent(refused -> joinRefused(refused, room, keyShown));
        if (!keyShown) {
            answer.ifPresent(a -> keptElsewhere(room, a.statusCode() == Status.OK.code()));
        }
    }

    /**
     * No key is kept for {@code room} on this server: when one is kept under another name of its port, says so and how
     * to use it, from inside the room ({@code inRoom}, as this client now is) or on entering it.
     */
    void keptElsewhere(String room, boolean inRoom) {
        keys.elsewhere(room)
                .ifPresent(server -> ui.print(text.get(
                        inRoom ? "roomKey.elsewhere" : "roomKey.elsewhereJoin",
                        rooms.find(room).map(RoomState::name).orElse(EventFormatter.clean(room)),
                        server,
                        RoomKeys.host(server),
                        keys.file())));
    }

    /** Why a JOIN of {@code room} was refused; {@code keyShown}: it showed the room's key. */
    private void joinRefused(OcpMessage answer, String room, boolean keyShown) {
        ui.print(joinRefusal(answer, room));
        if (keyShown) {
            fullForTheKey(answer).ifPresent(ui::print);
        }
    }

    /**
     * What follows the refusal of a room as full to a request that showed its key: the key passes the member limit an
     * heir set, not the server's capacity (which the refusal names), and what to do instead. Empty for another answer.
     */
    Optional<String> fullForTheKey(OcpMessage answer) {
        return EventFormatter.errorCode(answer).equals(EventFormatter.ROOM_FULL)
                ? Optional.of(text.get(
                        "refused.fullKey", answer.header(HeaderNames.CAPACITY).orElse("?")))
                : Optional.empty();
    }

    /**
     * JOIN of {@code room} showing {@code key}, typed by hand: the room's owner from now on, the key kept for it. A
     * refused key is said, as the server says it, and nothing is joined: the person typed it, and may join without it.
     */
    private void joinWithKey(String room, String typed) {
        if (!RoomKeys.meantAsKey(typed)) {
            // "/입장 사진 토론": a room's name with a space, not the room 사진 with a key.
            ui.print(text.get("invalidRoom", EventFormatter.clean(room + " " + typed)));
            return;
        }
        if (!RoomNames.isValid(room)) {
            ui.print(text.get("invalidRoom", EventFormatter.clean(room)));
            return;
        }
        if (rooms.find(room).isPresent()) {
            rooms.makeCurrent(room);
            ui.print(text.get("join.keyInRoom", rooms.find(room).get().name()));
            return;
        }
        Optional<String> wellFormed = RoomKeys.wellFormed(typed);
        if (wellFormed.isEmpty()) {
            ui.print(text.get("roomKey.malformed", RoomKey.LENGTH));
            return;
        }
        String key = wellFormed.get();
        OcpMessage.Builder join =
                OcpMessage.request(Methods.JOIN, Targets.room(room)).header(HeaderNames.ROOM_KEY, key);
        Optional<OcpMessage> answer = link.ask(join, a -> {
            if (a.statusCode() == Status.OK.code()) {
                entered(a, room, Entry.JOINED, true);
            }
        });
        if (answer.isEmpty()) {
            return;
        }
        if (answer.get().statusCode() != Status.OK.code()) {
            joinRefused(answer.get(), room, true);
            return;
        }
        if (Names.isAdministrator(me.get())) {
            return; // it owns no room: the key would make it nothing (RegistrationCommands#register)
        }
        try {
            keys.keep(room, key);
            ui.print(text.get("claim.kept", keys.file()));
        } catch (java.io.IOException e) {
            ui.print(text.get("claim.notKept", keys.file(), EventFormatter.clean(String.valueOf(e.getMessage()))));
        }
    }

    /**
     * JOIN of {@code room}, asking for what was missed since {@code catchUp}'s last Seq (null: nothing), and showing
     * the key kept for it, if any, so that this client owns the room it holds the key of. A kept key the server refuses
     * (the room has a new key, or is registered no more) is forgotten, said, and the room joined without it: a stale
     * key never keeps this client out.
     */
    private Optional<OcpMessage> askJoin(String room, RoomState catchUp, Entry entry) {
        OcpMessage.Builder join = OcpMessage.request(Methods.JOIN, Targets.room(room));
        if (catchUp != null) {
            catchUpFrom(join, catchUp);
        }
        Optional<String> key = keys.keyOf(room);
        key.ifPresent(shown -> join.header(HeaderNames.ROOM_KEY, shown));
        Optional<OcpMessage> answer = link.ask(join, a -> {
            if (a.statusCode() == Status.OK.code()) {
                entered(a, room, entry, key.isPresent());
            }
        });
        if (key.isPresent() && answer.filter(RoomCommands::refusesKey).isPresent()) {
            forgetRefusedKey(room);
            return askJoin(room, catchUp, entry);
        }
        return answer;
    }

    /** Whether {@code answer} refuses the room key shown ({@code wrong-room-key}). */
    static boolean refusesKey(OcpMessage answer) {
        return EventFormatter.errorCode(answer).equals(EventFormatter.WRONG_ROOM_KEY);
    }

    /** The key kept for {@code room} was refused: forgotten, and the person told that it joins without it. */
    void forgetRefusedKey(String room) {
        keys.forget(room);
        ui.print(text.get("roomKey.stale", EventFormatter.clean(room)));
    }

    /**
     * The key kept for {@code room} was refused on connecting: forgotten now, and said once the connect without it is
     * done ({@code roomKey.staleForgotten}), after the line that says whether this client connected.
     */
    void forgetRefusedKeyQuietly(String room) {
        keys.forget(room);
    }

    /** The key kept for {@code room}, to show on CONNECT. */
    Optional<String> keyOf(String room) {
        return keys.keyOf(room);
    }

    /**
     * After a reconnect: joins a room this client was in, asking for what it missed there. When refused, the
     * room is forgotten.
     */
    void rejoin(RoomState room) {
        Optional<OcpMessage> answer = askJoin(room.name(), room, Entry.REJOINED);
        if (answer.isEmpty() || answer.get().statusCode() != Status.OK.code()) {
            answer.ifPresent(a -> {
                ui.print(text.get("room.notRejoined", room.name(), joinRefusal(a, room.name())));
                if (keys.keyOf(room.name()).isPresent()) {
                    fullForTheKey(a).ifPresent(ui::print);
                }
            });
            rooms.left(room.name());
        }
    }

    /** Asks for the messages after the newest Seq seen in {@code room}, if any was seen. */
    static void catchUpFrom(OcpMessage.Builder request, RoomState room) {
        if (room.newestSeq() != RoomState.NONE) {
            request.header(HeaderNames.HISTORY_AFTER, room.newestSeq());
        }
    }

    /**
     * The answer to a CONNECT or JOIN arrived (on the connection's thread, before the room's history replay):
     * records the room and its Seq, says so, makes it current unless rejoined, shows its topic, and asks who is
     * in it.
     */
    void entered(OcpMessage answer, String requested, Entry entry, boolean keyShown) {
        // The server names the room as its creator wrote it; anything but a room name is not shown.
        String room = answer.header(HeaderNames.ROOM).filter(RoomNames::isValid).orElse(requested);
        RoomState state = rooms.entered(room);
        Numbers.header(answer, HeaderNames.SEQ).ifPresent(seq -> rooms.update(room, r -> r.sawSeq(seq)));
        state.registered(isTrue(answer, HeaderNames.REGISTERED));
        boolean owner = answer.header(HeaderNames.ROOM_ROLE).orElse("").equals("owner");
        state.owned(owner);
        if (entry != Entry.REJOINED) {
            rooms.makeCurrent(room);
        }
        ui.print(
                entry == Entry.CONNECTED
                        ? text.get("connected", answer.header(HeaderNames.NAME).orElseGet(me))
                        : text.get(
                                "room.joined",
                                state.name(),
                                answer.header(HeaderNames.MEMBERS).orElse("?"),
                                answer.header(HeaderNames.CAPACITY).orElse("?")));
        answer.header(HeaderNames.TOPIC)
                .ifPresent(topic -> ui.print(text.get("topic.is", state.name(), EventFormatter.clean(topic))));
        if (state.registered() && !keyShown && owner) {
            // The first into an emptied registered room owns it by presence, as an heir does: until the key comes.
            // Tagged as the lines before it are, whichever room is current (a rejoin keeps another one).
            ui.print(RoomLines.tagged(state.name(), text.get("event.ownerMeRegistered")));
        }
        learnMembers(room);
    }

    /** Asks who is in {@code room}, for tab completion and for the rooms a departure is tagged with; says nothing. */
    private void learnMembers(String room) {
        link.request(OcpMessage.request(Methods.WHO, Targets.room(room))).thenAccept(who -> {
            if (who.statusCode() == Status.OK.code()) {
                TsvTable table = TsvTable.parse(who.bodyText());
                List<String> names = table.rows().stream()
                        .map(row -> table.cell(row, "name"))
                        .toList();
                rooms.update(room, r -> r.membersAre(names));
            }
        });
    }

    /**
     * {@code name} joined {@code room} (a JOINED, on the connection's thread). Where this client also knew it in another
     * of its rooms, it may have left quietly, which nobody is told, and come back: it is forgotten there at once, so that
     * its next departure is not tagged with a room it is no longer in, and each such room is asked who is in it, which
     * puts it back where it still is.
     */
    void joinedElsewhere(String name, String room) {
        rooms.forgetElsewhere(name, room).forEach(this::learnMembers);
    }

    /** {@code /part [ROOM]}: leaves the room (the current one by default) and stays connected. */
    void part(String argument) {
        Optional<RoomState> target = argument.isEmpty() ? rooms.current() : rooms.find(argument);
        if (target.isEmpty()) {
            ui.print(
                    argument.isEmpty()
                            ? text.get("noRoom")
                            : text.get("room.notJoined", EventFormatter.clean(argument)));
            return;
        }
        String room = target.get().name();
        link.ask(OcpMessage.request(Methods.PART, Targets.room(room))).ifPresent(answer -> {
            if (answer.statusCode() != Status.OK.code()) {
                ui.print(formatter.refusal(answer));
                return;
            }
            outgoing.dropRoom(room);
            boolean othersStay = target.get().members().stream()
                    .anyMatch(name -> !Names.key(name).equals(Names.key(me.get())));
            Optional<String> current = rooms.left(room);
            // A room that empties disappears: Tab offers it only while someone is still in it.
            if (othersStay) {
                rooms.exists(room);
            } else {
                rooms.gone(room);
            }
            ui.print(text.get("room.parted", room));
            if (rooms.isEmpty()) {
                ui.print(text.get("noRoom"));
            } else {
                current.ifPresent(name -> ui.print(text.get("room.current", name)));
            }
        });
    }

    /**
     * Asks for the server's rooms without showing them, so that Tab completes {@code /join st} to a room this client
     * has not listed yet ({@code /rooms} refreshes the list). One round trip, when connecting.
     */
    void learnRooms() {
        // Not asked and waited for: a refusal (a cluster node's rooms read-only for now) would hold the session, and
        // the command typed next, for the seconds it says to wait, for a list that only serves Tab.
        link.request(OcpMessage.request(Methods.LIST, Targets.SERVER)).thenAccept(answer -> {
            if (answer.statusCode() == Status.OK.code()) {
                remember(TsvTable.parse(answer.bodyText()));
            }
        });
    }

    /** The rooms of a LIST answer, kept for Tab. */
    private void remember(TsvTable listed) {
        rooms.listed(listed.rows().stream().map(row -> listed.cell(row, "room")).toList());
    }

    /** {@code /rooms}: every room on the server as an aligned table. */
    void rooms() {
        link.ask(OcpMessage.request(Methods.LIST, Targets.SERVER)).ifPresent(answer -> {
            if (answer.statusCode() != Status.OK.code()) {
                ui.print(formatter.refusal(answer));
                return;
            }
            TsvTable listed = TsvTable.parse(answer.bodyText());
            remember(listed);
            // A registered room is marked (LIST's registered column), in a column shown when one is: a server that has
            // none, or is older than the column, lists as before.
            boolean marks = listed.rows().stream().anyMatch(row -> isRegistered(listed, row));
            TextTable table = new TextTable()
                    .row(listRow(
                            marks,
                            text.get("rooms.room"),
                            text.get("rooms.members"),
                            text.get("rooms.owner"),
                            text.get("rooms.registered"),
                            text.get("rooms.topic")));
            for (List<String> row : listed.rows()) {
                table.row(listRow(
                        marks,
                        EventFormatter.clean(listed.cell(row, "room")),
                        listed.cell(row, "members") + "/" + listed.cell(row, "capacity"),
                        EventFormatter.clean(listed.cell(row, "owner")),
                        isRegistered(listed, row) ? text.get("rooms.registeredMark") : "",
                        EventFormatter.clean(listed.cell(row, "topic"))));
            }
            ui.printBlock(table.lines());
        });
    }

    /** {@code /who [ROOM]}: the members of a room (the current one by default) and their roles. */
    void who(String argument) {
        Optional<String> room = argument.isEmpty() ? rooms.current().map(RoomState::name) : Optional.of(argument);
        if (room.isEmpty()) {
            ui.print(text.get("noRoom"));
            return;
        }
        if (!RoomNames.isValid(room.get())) {
            ui.print(text.get("invalidRoom", EventFormatter.clean(room.get())));
            return;
        }
        link.ask(OcpMessage.request(Methods.WHO, Targets.room(room.get()))).ifPresent(answer -> {
            if (answer.statusCode() == Status.NOT_FOUND.code()) {
                rooms.gone(room.get());
                ui.print(text.get("room.noSuchRoom", EventFormatter.clean(room.get())));
                return;
            }
            if (answer.statusCode() != Status.OK.code()) {
                ui.print(formatter.refusal(answer));
                return;
            }
            TsvTable members = TsvTable.parse(answer.bodyText());
            List<String> names = members.rows().stream()
                    .map(row -> members.cell(row, "name"))
                    .toList();
            rooms.update(room.get(), r -> r.membersAre(names));
            if (rooms.find(room.get()).isEmpty()) {
                rooms.exists(room.get());
            }
            List<String> lines = new ArrayList<>();
            // Whether the room is registered is known of the rooms this client is in (WHO's answer does not say it).
            Optional<RoomState> joined = rooms.find(room.get());
            lines.add(text.get(
                    joined.filter(RoomState::registered).isPresent() ? "who.headerRegistered" : "who.header",
                    joined.map(RoomState::name).orElse(room.get()),
                    names.size()));
            TextTable table = new TextTable();
            for (List<String> row : members.rows()) {
                String away = members.cell(row, "away");
                table.row(
                        "  " + EventFormatter.clean(members.cell(row, "name")),
                        roleText(members.cell(row, "role")),
                        away.isEmpty() ? "" : text.get("who.away", EventFormatter.clean(away)),
                        EventFormatter.clean(members.cell(row, "address"))); // the administrator's WHO only
            }
            lines.addAll(table.lines());
            ui.printBlock(lines);
        });
    }

    /**
     * {@code /w NAME TEXT}: a private message, queued behind the lines typed before it, since the server's flood
     * control counts both: a pasted burst of them is held back and sent in order instead of refused and lost.
     */
    void whisper(String argument) {
        if (!link.isUp()) {
            ui.print(text.get("cannotSend"));
            return;
        }
        ChatCommand.NameAndText whisper = ChatCommand.nameAndText(argument).orElseThrow();
        outgoing.addPrivate(whisper.name(), whisper.text());
    }

    /**
     * The server's answer to a private message to {@code name}: it is shown once the server took it, on the
     * connection's thread as the answer arrives, so that it comes before the events that follow the answer (a message
     * to oneself: the outgoing line, then the incoming one).
     */
    void whispered(String name, String message, OcpMessage answer) {
        switch (Status.of(answer.statusCode()).orElse(Status.BAD_REQUEST)) {
            case OK -> {
                String to = answer.header(HeaderNames.TO).orElse(name);
                ui.print(formatter.privateSent(answer.header(HeaderNames.DATE).orElse(""), me.get(), to, message));
                answer.header(HeaderNames.AWAY)
                        .ifPresent(away -> ui.print(
                                text.get("whisper.away", EventFormatter.clean(to), EventFormatter.clean(away))));
            }
            case NOT_FOUND -> ui.print(text.get("noSuchMember", EventFormatter.clean(name)) + nowNamed(answer));
            case CONTENT_TOO_LARGE -> ui.print(TooLong.explain(text, message, 0));
            default -> ui.print(formatter.refusal(answer));
        }
    }

    /**
     * {@code /away [TEXT]}: away with that message, or back without one; the members sharing a room are told.
     * Says what the server answered.
     */
    void away(String argument) {
        OcpMessage.Builder request = OcpMessage.request(Methods.AWAY, Targets.SERVER)
                .header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8)
                .body(argument);
        link.ask(request).ifPresent(answer -> {
            if (answer.statusCode() == Status.OK.code()) {
                awayMessage = argument;
            }
            ui.print(formatter.sentence(answer));
        });
    }

    /**
     * After a reconnect: away again with the message it had, since a new connection is a new member, back until
     * it says otherwise; the others would see it back and its private messages would say nothing of its absence.
     */
    void awayAgain() {
        if (!awayMessage.isEmpty()) {
            away(awayMessage);
        }
    }

    /**
     * {@code /limit [N]}: sets how many members the current room holds (its owner's, the administrator's), or without
     * N gives it back the server's; LIMIT's {@code Limit} or {@code Clear: true}.
     */
    void limit(String argument) {
        Optional<RoomState> current = rooms.current();
        if (current.isEmpty()) {
            ui.print(text.get("noRoom"));
            return;
        }
        OcpMessage.Builder request =
                OcpMessage.request(Methods.LIMIT, Targets.room(current.get().name()));
        if (argument.isEmpty()) {
            request.header(HeaderNames.CLEAR, "true");
        } else {
            request.header(HeaderNames.LIMIT, argument);
        }
        link.ask(request).ifPresent(answer -> ui.print(formatter.sentence(answer)));
    }

    /**
     * {@code /topic [TEXT]}: shows the current room's topic, or sets it; {@code /topic ""} (or {@code ''}) clears it,
     * with TOPIC's {@code Clear: true}, as an empty line cannot be typed as the topic.
     */
    void topic(String argument) {
        Optional<RoomState> current = rooms.current();
        if (current.isEmpty()) {
            ui.print(text.get("noRoom"));
            return;
        }
        String room = current.get().name();
        OcpMessage.Builder request = OcpMessage.request(Methods.TOPIC, Targets.room(room));
        boolean clear = isEmptyQuotes(argument);
        if (clear) {
            request.header(HeaderNames.CLEAR, "true");
        } else if (!argument.isEmpty()) {
            request.header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8).body(argument);
        }
        link.ask(request).ifPresent(answer -> {
            if (answer.statusCode() != Status.OK.code()) {
                ui.print(formatter.refusal(answer));
            } else if (clear) {
                ui.print(text.get("topic.cleared", room));
            } else if (!argument.isEmpty()) {
                ui.print(text.get("topic.changed", room, EventFormatter.clean(argument)));
            } else if (answer.bodyText().isEmpty()) {
                ui.print(text.get("topic.none", room));
            } else {
                String topic = EventFormatter.clean(answer.bodyText());
                Optional<String> by = answer.header(HeaderNames.NAME);
                Optional<String> at = answer.header(HeaderNames.DATE);
                ui.print(
                        by.isPresent() && at.isPresent()
                                ? text.get(
                                        "topic.by",
                                        room,
                                        topic,
                                        EventFormatter.clean(by.get()),
                                        formatter.localTime(at.get()))
                                : text.get("topic.is", room, topic));
            }
        });
    }

    /** {@code ""} or {@code ''}, white space inside or not: nothing, quoted so that it can be typed. */
    private static boolean isEmptyQuotes(String argument) {
        return !argument.isEmpty() && ChatCommand.unquote(argument).isEmpty();
    }

    /**
     * {@code /history [N]}: the N messages before the oldest this client has seen in the current room (the
     * latest N when it has seen none). They arrive as replayed MESSAGE events, printed as history.
     */
    void history(String argument) {
        Optional<Integer> asked =
                argument.isEmpty() ? Optional.of(DEFAULT_HISTORY_PAGE) : ChatCommand.historyCount(argument);
        if (asked.isEmpty()) {
            ui.print(text.get("history.badCount", EventFormatter.clean(argument), CoreConfig.MAX_HISTORY_PAGE));
            return;
        }
        Optional<RoomState> current = rooms.current();
        if (current.isEmpty()) {
            ui.print(text.get("noRoom"));
            return;
        }
        int count = asked.get();
        OcpMessage.Builder request = OcpMessage.request(
                        Methods.HISTORY, Targets.room(current.get().name()))
                .header(HeaderNames.LIMIT, count);
        long oldest = current.get().oldestMessageSeq();
        if (oldest != RoomState.NONE) {
            request.header(HeaderNames.BEFORE, oldest);
        }
        link.ask(request).ifPresent(answer -> {
            if (answer.statusCode() != Status.OK.code()) {
                ui.print(formatter.refusal(answer));
            } else if (Numbers.header(answer, HeaderNames.COUNT).orElse(0L) == 0) {
                ui.print(text.get("history.none"));
            }
        });
    }

    /** {@code /invite NAME}: tells NAME, wherever it is, that it is invited into the current room. */
    void invite(String argument) {
        Optional<RoomState> current = rooms.current();
        if (current.isEmpty()) {
            ui.print(text.get("noRoom"));
            return;
        }
        String target = ChatCommand.unquote(argument);
        link.ask(OcpMessage.request(Methods.INVITE, Targets.room(current.get().name()))
                        .header(HeaderNames.NAME, target))
                .ifPresent(answer -> ui.print(
                        answer.statusCode() == Status.NOT_FOUND.code()
                                ? text.get("noSuchUser", EventFormatter.clean(target)) + nowNamed(answer)
                                : formatter.sentence(answer)));
    }

    /**
     * {@code (지금 이름: tommy)} after a private message's or an invitation's "no one of that name", when the server says
     * whom the name's last holder renamed itself to ({@code New-Name}); empty otherwise.
     */
    private String nowNamed(OcpMessage answer) {
        return answer.header(HeaderNames.NEW_NAME)
                .map(now -> text.get("nowNamed", EventFormatter.clean(now)))
                .orElse("");
    }

    /**
     * {@code /kick NAME [REASON]}: removes NAME from the current room (its owner or the administrator). The reason,
     * as IRC's KICK carries one, is shown to the one removed and to the room.
     */
    void kick(String argument) {
        Optional<RoomState> current = rooms.current();
        if (current.isEmpty()) {
            ui.print(text.get("noRoom"));
            return;
        }
        String room = current.get().name();
        ChatCommand.NameAndText kick = ChatCommand.nameAndReason(argument, current.get()::hasMember);
        String target = kick.name();
        if (!target.isEmpty() && Names.key(target).equals(Names.key(me.get()))) {
            // The server would put its own kicker out of the room (the administrator, out of its last room, out of
            // the chat): a slip, as ignoring oneself is. Leaving is /퇴장.
            ui.print(text.get("kick.self"));
            return;
        }
        OcpMessage.Builder request =
                OcpMessage.request(Methods.KICK, Targets.room(room)).header(HeaderNames.NAME, target);
        if (!kick.text().isEmpty()) {
            request.header(HeaderNames.CONTENT_TYPE, HeaderNames.TEXT_UTF8).body(kick.text());
        }
        link.ask(request).ifPresent(answer -> {
            // The lobby has no owner: there only the administrator may, as in the one-room chat.
            boolean lobby = RoomNames.key(room).equals(RoomNames.key(RoomNames.LOBBY));
            if (answer.statusCode() == Status.NOT_FOUND.code()) {
                // The server's sentence tells a name nobody has from a member who is not in this room.
                ui.print(EventFormatter.clean(answer.bodyText()));
                if (Names.isAdministrator(me.get())) {
                    // A room it is not in may be full, and the administrator counts towards its limit: its way to
                    // put out a member of another room is the server-wide one.
                    ui.print(text.get("kickElsewhere", EventFormatter.clean(target)));
                }
            } else if (lobby && EventFormatter.errorCode(answer).equals(EventFormatter.NOT_MODERATOR)) {
                ui.print(text.get("adminOnly"));
            } else if (answer.statusCode() != Status.OK.code()) {
                ui.print(formatter.refusal(answer));
            }
        });
    }

    /** A row of {@code /rooms}: its cells, but the registered mark's when no room is {@code marks}ed. */
    private static String[] listRow(
            boolean marks, String room, String members, String owner, String mark, String topic) {
        return marks ? new String[] {room, members, owner, mark, topic} : new String[] {room, members, owner, topic};
    }

    /** Whether LIST's row marks its room registered (a server older than the column marks none). */
    private static boolean isRegistered(TsvTable listed, List<String> row) {
        return "true".equalsIgnoreCase(listed.cell(row, "registered"));
    }

    /** Whether {@code message}'s {@code field} says {@code true} (absent: false). */
    static boolean isTrue(OcpMessage message, String field) {
        return message.header(field).filter("true"::equalsIgnoreCase).isPresent();
    }

    /** Why a JOIN of {@code room} was refused, in the person's words. */
    private String joinRefusal(OcpMessage answer, String room) {
        return switch (Status.of(answer.statusCode()).orElse(Status.BAD_REQUEST)) {
            case SERVICE_UNAVAILABLE -> answer.header(HeaderNames.ERROR_CODE)
                            .filter("too-many-rooms-from-address"::equals)
                            .isPresent()
                    ? text.get(
                            "room.tooManyRoomsFromAddress",
                            answer.header(HeaderNames.CAPACITY).orElse("?"))
                    : answer.header(HeaderNames.MEMBERS).isPresent()
                            ? text.get(
                                    "refused.full",
                                    answer.header(HeaderNames.MEMBERS).get(),
                                    answer.header(HeaderNames.CAPACITY).orElse("?"))
                            : answer.header(HeaderNames.CAPACITY)
                                    .map(limit -> text.get("room.tooManyRooms", limit))
                                    .orElse(formatter.refusal(answer));
            case FORBIDDEN -> EventFormatter.errorCode(answer).equals(EventFormatter.ROOM_BANNED)
                    ? formatter.roomBanned(answer, room, false)
                    : answer.header(HeaderNames.CAPACITY)
                            .map(most -> text.get("room.tooManyJoined", most))
                            .orElseGet(() -> formatter.refusal(answer)); // a wrong key, in the server's words
            default -> formatter.refusal(answer);
        };
    }

    private String roleText(String role) {
        return switch (role) {
            case "admin", "owner", "member" -> text.get("role." + role);
            default -> EventFormatter.clean(role);
        };
    }
}
