package openchat.server.irc;

import io.netty.channel.Channel;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import openchat.core.Ban;
import openchat.core.Chat;
import openchat.core.ChatEvent;
import openchat.core.DisplayText;
import openchat.core.JoinResult;
import openchat.core.Member;
import openchat.core.MemberView;
import openchat.core.Refusal;
import openchat.core.RoomBan;
import openchat.core.RoomNames;
import openchat.core.RoomRole;
import openchat.core.RoomView;

/**
 * The channel commands, a channel being a room of the core: JOIN, PART, NAMES, TOPIC, KICK and MODE (a channel's
 * fixed modes, or the client's own user modes).
 */
final class IrcChannels {
    /** The channel modes every room has and none changes: its capacity, no messages from outside, topic by operators. */
    private static final String FIXED_MODES = "lnt";

    private final IrcSession session;
    private final Chat<Channel> core;
    private final IrcClientState client;
    private final IrcRefusals refusals;

    IrcChannels(IrcSession session, Chat<Channel> core, IrcClientState client, IrcRefusals refusals) {
        this.session = session;
        this.core = core;
        this.client = client;
        this.refusals = refusals;
    }

    /**
     * JOIN of a list of channels, or of {@code 0} (part every channel). Over the allowance for joins and parts, the
     * channels done so far are answered and the rest is held until it refills ({@link IrcSession.HeldRest}), so the
     * client hears of every channel it enters or leaves, in order.
     */
    void join(IrcMessage message) {
        String channels = message.params().get(0);
        if (channels.equals("0")) {
            for (String room : client.member.roomNames()) {
                try {
                    long shown = lastSeqBeforeLeaving(room);
                    core.part(client.member, room);
                    leftHavingSeen(room, shown);
                } catch (Refusal refusal) {
                    if (refusal.reason() == Refusal.Reason.TOO_FAST) {
                        throw IrcSession.HeldRest.of(message, List.of("0"), 0, refusal); // the rest: what is left
                    }
                    throw refusal;
                }
                session.replyAsEvent(
                        IrcMessage.of(session.names().source(client.member.name()), "PART", IrcNames.channel(room)),
                        OffsetDateTime.now());
            }
            return;
        }
        List<String> list = Arrays.asList(channels.split(","));
        // The keys pair with the channels by position (RFC 2812 3.2.1): a registered room's key makes the joiner its
        // owner (Chat#join); a channel without one has none.
        List<String> keys =
                message.param(1).map(k -> Arrays.asList(k.split(",", -1))).orElse(List.of());
        for (int i = 0; i < list.size(); i++) {
            String channel = list.get(i);
            Optional<String> room = IrcNames.room(channel);
            if (room.isEmpty()) {
                // ERR_BADCHANNAME, as solanum and charybdis answer a name that cannot be a channel: irssi prints a
                // 403 as "No such channel" whatever its text says, and a 479 with its text, the rule.
                session.numeric("479", channel, session.text("irc.badChannelName"));
                continue;
            }
            String key = i < keys.size() ? IrcChanServ.shownKey(keys.get(i)) : null;
            try {
                if (key != null && client.member.isIn(room.get())) {
                    claim(channel, room.get(), key); // IRC servers ignore a JOIN to a channel joined: not with a key
                    continue;
                }
                // A client that fetches history itself (draft/chathistory) gets no replay: it would see it twice.
                // Nor does a bot (+B), which would take old lines for live ones and answer old commands again.
                long replay = client.capabilities.contains(IrcCapability.CHATHISTORY) || client.isBot()
                        ? Chat.NO_REPLAY
                        : replayAfter(room.get());
                session.answerBeforeWhatFollows();
                JoinResult joined;
                boolean keyRefused = false;
                boolean roomHadKey = true;
                try {
                    joined = core.join(client.member, room.get(), replay, key);
                } catch (Refusal wrong) {
                    if (key == null || wrong.reason() != Refusal.Reason.WRONG_ROOM_KEY) {
                        throw wrong;
                    }
                    // A key an IRC client keeps for its autojoin and the room no longer takes (a new key, or the
                    // registration dropped): a 475 would keep it out at every connect until its user edits the
                    // config. It joins as a member, as the terminal client and the web page retry, and is told.
                    joined = core.join(client.member, room.get(), replay, null);
                    keyRefused = true;
                    roomHadKey = wrong.roomRegistered();
                }
                client.shownUpTo.remove(RoomNames.key(room.get()));
                RoomView view = joined.room();
                session.registeredRooms().saw(view.name(), view.registered());
                session.replyAsEvent(
                        IrcMessage.of(
                                session.names().source(client.member.name()), "JOIN", IrcNames.channel(view.name())),
                        OffsetDateTime.now());
                if (!view.topic().isEmpty()) {
                    topic(view);
                }
                names(view.name(), core.who(view.name())); // part of the join: no read of its own
                if (keyRefused) {
                    session.serverNoticeAbout(
                            channel,
                            session.text(
                                    roomHadKey ? "irc.staleRoomKey" : "irc.staleRoomKeyUnregistered",
                                    IrcNames.channel(view.name())));
                }
                if (ownsByPresence(joined, key != null && !keyRefused)) {
                    session.serverNoticeAbout(
                            channel, session.text("irc.ownRegisteredByPresence", IrcNames.channel(view.name())));
                } else if (joined.role() == RoomRole.MEMBER && view.registered() && !keyRefused) {
                    // An owner whose client rejoined by itself without the key (WeeChat after a dropped connection)
                    // would otherwise sit there a member, not knowing why: the way to show the key from inside.
                    session.serverNoticeAbout(
                            channel, session.text("irc.memberOfRegistered", IrcNames.channel(view.name())));
                }
            } catch (Refusal refusal) {
                if (refusal.reason() == Refusal.Reason.TOO_FAST && i > 0) {
                    throw IrcSession.HeldRest.of(keysFrom(message, keys, i), list, i, refusal);
                }
                if (refusal.reason() == Refusal.Reason.TOO_FAST
                        || refusal.reason().endsSession()) {
                    throw refusal;
                }
                refusals.tell(IrcMessage.of(null, "JOIN", channel), refusal);
                if (key != null && refusal.reason() == Refusal.Reason.ROOM_FULL) {
                    // 471 alone reads as a broken key to the key's holder: the key passes an heir's limit, not this.
                    session.serverNoticeAbout(
                            channel, session.text("irc.keyNotPastFull", channel, String.valueOf(refusal.capacity())));
                }
            }
        }
    }

    /**
     * Whether the join made the member the owner of a registered room by presence alone (an emptied room; {@code
     * keyShown}: it joined with the room's key, and holds it by that): it is told that the key's holder takes the room
     * back on coming. In a room that held others (the administrator), the change of owner tells everyone so.
     */
    private static boolean ownsByPresence(JoinResult joined, boolean keyShown) {
        return joined.role() == RoomRole.OWNER
                && joined.room().registered()
                && !keyShown
                && joined.room().members() == 1;
    }

    /**
     * {@code JOIN #room <key>} from a member in the room: it shows the key ({@link Chat#claimRoom}) and owns the room,
     * which every member sees as the server's MODE; a server notice in the channel says the key was right (also to an
     * owner that held the room already, which no MODE tells). A wrong key is 475, as on joining.
     */
    private void claim(String channel, String room, String key) {
        RoomRole role = core.claimRoom(client.member, room, key);
        session.serverNoticeAbout(channel, session.chanServ.claimed(role, IrcNames.channel(asWritten(room))));
    }

    /** A JOIN held for its channels from {@code from} on keeps their keys only, so that they pair as before. */
    private static IrcMessage keysFrom(IrcMessage message, List<String> keys, int from) {
        if (message.params().size() < 2) {
            return message;
        }
        List<String> params = new ArrayList<>(message.params().subList(0, 1));
        if (from < keys.size()) {
            params.add(String.join(",", keys.subList(from, keys.size())));
        }
        return new IrcMessage(message.tags(), message.source(), message.command(), params);
    }

    /**
     * PART of a list of channels. A part is never refused for coming too fast: over the allowance it waits, as a
     * JOIN does, and the channels left before are answered at once.
     */
    void part(IrcMessage message) {
        String reason = message.param(1).orElse("");
        List<String> list = Arrays.asList(message.params().get(0).split(","));
        for (int i = 0; i < list.size(); i++) {
            String channel = list.get(i);
            Optional<String> room = IrcNames.room(channel);
            try {
                if (room.isEmpty()) {
                    session.numeric("403", channel, session.text("irc.noSuchChannel"));
                    continue;
                }
                String parted = IrcNames.channel(asWritten(room.get()));
                long shown = lastSeqBeforeLeaving(room.get());
                core.part(client.member, room.get(), reason);
                leftHavingSeen(room.get(), shown);
                String me = session.names().source(client.member.name());
                session.replyAsEvent(
                        reason.isEmpty()
                                ? IrcMessage.of(me, "PART", parted)
                                : IrcMessage.of(me, "PART", parted, reason),
                        OffsetDateTime.now());
            } catch (Refusal refusal) {
                if (refusal.reason() == Refusal.Reason.TOO_FAST) {
                    throw i > 0 ? IrcSession.HeldRest.of(message, list, i, refusal) : refusal;
                }
                refusals.tell(IrcMessage.of(null, "PART", channel), refusal);
            }
        }
    }

    /**
     * What a join replays, as {@link Chat#join}'s {@code historyAfter}: on a first join of the room on this connection
     * the last {@code --history-on-join} messages (-1); on a rejoin only those said since the client left it
     * ({@link IrcClientState#shownUpTo}) or was kicked from it ({@link openchat.core.Member#shownWhenKicked}), and no
     * more of them than a first join would replay.
     */
    private long replayAfter(String room) {
        String key = RoomNames.key(room);
        Long shown = client.shownUpTo.get(key);
        if (shown == null) {
            shown = client.member.shownWhenKicked(key);
        }
        int onJoin = core.config().historyOnJoin();
        if (shown == null || onJoin == 0) {
            return -1;
        }
        try {
            return Math.max(shown, core.room(room).lastSeq() - onJoin);
        } catch (Refusal gone) {
            return shown; // emptied and gone meanwhile: nothing was said since; or out of reach, and the join says so
        }
    }

    /**
     * The room's last Seq as the client is about to leave it, every line up to it having reached the client (in its
     * replay or live); -1 when the client fetches history itself or the room cannot be read. Read before the leave,
     * so that a line said while the client leaves is replayed on a rejoin rather than never shown.
     */
    private long lastSeqBeforeLeaving(String room) {
        if (client.capabilities.contains(IrcCapability.CHATHISTORY)) {
            return -1;
        }
        try {
            return core.room(room).lastSeq();
        } catch (Refusal unreadable) {
            return -1;
        }
    }

    /**
     * How far the client has been shown each room it is in, by room key, as it quits ({@link IrcReplayMarks}); empty
     * when it fetches history itself.
     */
    Map<String, Long> shownAtQuit() {
        Map<String, Long> shown = new HashMap<>();
        for (String room : client.member.roomNames()) {
            long seq = lastSeqBeforeLeaving(room);
            if (seq >= 0) {
                shown.put(RoomNames.key(room), seq);
            }
        }
        return shown;
    }

    /**
     * How far the client had been shown each room it was in as a clean stop closed the chat ({@link
     * openchat.core.Member#shownWhenClosed}), by room key, as it is closed ({@link IrcReplayMarks}); empty when it
     * fetches history itself.
     */
    Map<String, Long> shownWhenClosed() {
        return client.capabilities.contains(IrcCapability.CHATHISTORY) ? Map.of() : client.member.shownWhenClosed();
    }

    /** The client left {@code room} having been shown its lines up to {@code shown} (-1: unknown). */
    private void leftHavingSeen(String room, long shown) {
        if (shown >= 0) {
            client.shownUpTo.put(RoomNames.key(room), shown);
        }
    }

    /**
     * A room the member is in, by its name as written (its creator's spelling), which every line about the room
     * carries: its JOIN and the others' lines say {@code #Straße}, so a PART echoed as typed ({@code #STRASSE})
     * would name a channel the client does not know. {@code room} itself when the member is not in it.
     */
    private String asWritten(String room) {
        return session.joinedAsWritten(room).orElse(room);
    }

    void names(IrcMessage message) {
        if (message.params().isEmpty()) {
            session.numeric("366", "*", session.text("irc.endOfNames"));
            return;
        }
        // Every channel read first: a read refused for coming too fast is held and made again whole, so nothing is
        // replied before all of them are made.
        List<Runnable> replies = new ArrayList<>();
        for (String channel : message.params().get(0).split(",")) {
            Optional<String> room = IrcNames.room(channel);
            if (room.isPresent()) {
                try {
                    String name = core.room(room.get()).name();
                    List<MemberView> members = core.who(client.member, name);
                    replies.add(() -> names(name, members));
                    continue;
                } catch (Refusal refusal) {
                    if (refusal.reason() == Refusal.Reason.TOO_FAST) {
                        throw refusal; // over the read allowance: the session holds the command (fakelag)
                    }
                    if (refusal.reason() != Refusal.Reason.NO_SUCH_ROOM) {
                        replies.add(() -> refusals.tell(message, refusal)); // before the end, which a client waits for
                    } // else emptied meanwhile: end of an empty list
                }
            }
            replies.add(() -> session.numeric("366", channel, session.text("irc.endOfNames")));
        }
        replies.forEach(Runnable::run);
    }

    /** 353 lines of a room's members (owner and administrator marked {@code @}), then 366. */
    private void names(String room, List<MemberView> members) {
        String channel = IrcNames.channel(room);
        boolean full = client.capabilities.contains(IrcCapability.USERHOST_IN_NAMES);
        String me = IrcNames.nick(client.member.name());
        int budget = IrcLineDecoder.MAX_LINE_BYTES
                - (":" + session.serverName() + " 353 " + me + " = " + channel + " :")
                        .getBytes(StandardCharsets.UTF_8)
                        .length;
        StringBuilder line = new StringBuilder();
        int lineBytes = 0;
        for (MemberView view : members) {
            if (!view.announced() && !view.name().equals(client.member.name())) {
                continue; // past the presence limit: IRC clients learn of it when it first speaks (but it knows itself)
            }
            String entry = (view.role().mayModerate() ? "@" : "")
                    + (full ? session.names().source(view.name()) : IrcNames.nick(view.name()));
            int entryBytes = entry.getBytes(StandardCharsets.UTF_8).length + 1;
            if (lineBytes + entryBytes > budget && line.length() > 0) {
                session.numeric("353", "=", channel, line.toString());
                line.setLength(0);
                lineBytes = 0;
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(entry);
            lineBytes += entryBytes;
        }
        if (line.length() > 0) {
            session.numeric("353", "=", channel, line.toString());
        }
        session.numeric("366", channel, session.text("irc.endOfNames"));
    }

    /** A room's topic as a join and a TOPIC query show it: 332, then who set it and when (333, RPL_TOPICWHOTIME). */
    private void topic(RoomView view) {
        String channel = IrcNames.channel(view.name());
        session.numeric("332", channel, view.topic());
        if (view.topicBy() != null && view.topicAt() != null) {
            session.numeric(
                    "333",
                    channel,
                    session.names().source(view.topicBy()),
                    String.valueOf(view.topicAt().toEpochSecond()));
        }
    }

    void topic(IrcMessage message) {
        String channel = message.params().get(0);
        String room = IrcNames.room(channel).orElseThrow(() -> Refusal.of(Refusal.Reason.NO_SUCH_ROOM, channel));
        if (message.params().size() < 2) {
            RoomView view = core.room(room);
            if (view.topic().isEmpty()) {
                session.numeric("331", IrcNames.channel(view.name()), session.text("irc.noTopic"));
            } else {
                topic(view);
            }
            return;
        }
        boolean inRoom = client.member.isIn(room);
        // IRC clients colour topics; the room's topic is one line of plain text for every protocol. Past TOPICLEN it
        // is cut, as InspIRCd and ergo cut it (irssi would print a refusal as a raw FAIL line).
        String text = DisplayText.withoutFormatting(message.params().get(1));
        if (text.codePointCount(0, text.length()) > Chat.MAX_TOPIC_LENGTH) {
            text = text.substring(0, text.offsetByCodePoints(0, Chat.MAX_TOPIC_LENGTH));
        }
        ChatEvent.Topic set = core.setTopic(client.member, room, text);
        if (inRoom) {
            session.replyAsEvent(
                    IrcMessage.of(
                            session.names().source(client.member.name()),
                            "TOPIC",
                            IrcNames.channel(set.room()),
                            set.topic()),
                    set.at());
        } else {
            // The administrator, from outside the room: as for its KICK from there, the room's TOPIC line does not
            // reach it (a client drops a line for a channel it has not joined), so a notice says it was done.
            String shown = IrcNames.channel(set.room()); // as its creator wrote it, as every line about it
            session.serverNotice(
                    set.topic().isEmpty()
                            ? session.text("irc.topicClearedElsewhere", shown)
                            : session.text("irc.topicSetElsewhere", shown, set.topic()));
        }
    }

    void kick(IrcMessage message) {
        String channel = message.params().get(0);
        String targets = message.params().get(1);
        String reason = message.param(2).orElse("");
        String room = IrcNames.room(channel).orElseThrow(() -> Refusal.of(Refusal.Reason.NO_SUCH_ROOM, channel));
        if (!client.member.isAdmin() && !client.member.isIn(room)) {
            // As RFC 2812 orders KICK's errors: 403 for a channel that does not exist, then 442 for one the kicker is
            // not on, before 482 (not an operator), which would tell it to ask for a right it could not use there.
            core.room(room);
            throw Refusal.of(Refusal.Reason.NOT_IN_ROOM, room);
        }
        for (String target : targets.split(",")) {
            Optional<String> known = core.member(target).map(Member::name);
            String name = known.orElse(target);
            try {
                // The administrator kicking from a room it is not in gets no KICK from the room; a KICK line of a
                // channel it has not joined would be dropped by WeeChat, so a notice says it was done, naming the room
                // as every line about it does (read before the kick, which may empty it).
                String elsewhere =
                        client.member.isIn(room) ? null : core.room(room).name();
                String kicked = core.kick(client.member, room, name, reason);
                if (elsewhere != null) {
                    session.serverNotice(
                            session.text("irc.kickedElsewhere", IrcNames.nick(kicked), IrcNames.channel(elsewhere)));
                }
            } catch (Refusal refusal) {
                if (refusal.reason() == Refusal.Reason.NO_SUCH_MEMBER && known.isEmpty()) {
                    session.numeric("401", target, session.text("irc.noSuchNick")); // connected nowhere: as ergo
                } else if (refusal.reason() == Refusal.Reason.NO_SUCH_MEMBER) {
                    session.numeric("441", target, channel, session.text("irc.userNotInChannel"));
                } else {
                    refusals.tell(message, refusal);
                }
            }
        }
    }

    /**
     * INVITE: the member (by name or nick, on any node) gets {@code INVITE} from the inviter; the inviter gets 341.
     * Rooms are open to all, so as on a channel without {@code +i} the invitation points the way and grants nothing.
     */
    void invite(IrcMessage message) {
        String channel = message.params().get(1);
        String room = IrcNames.room(channel).orElseThrow(() -> Refusal.of(Refusal.Reason.NO_SUCH_ROOM, channel));
        ChatEvent.Invited sent =
                core.invite(client.member, room, message.params().get(0));
        session.numeric("341", IrcNames.nick(sent.to()), IrcNames.channel(sent.room()));
    }

    void mode(IrcMessage message) {
        String target = message.params().get(0);
        if (target.startsWith(IrcNames.CHANNEL_PREFIX)) {
            channelMode(message, target);
        } else {
            userMode(message, target);
        }
    }

    /**
     * A channel's modes: {@code +lnt} with the room's member limit, {@code l} set by its owner ({@code +l N}, {@code
     * -l}), {@code n} and {@code t} fixed, and {@code r} for a registered room, which ChanServ sets; its ban list the
     * room's bans, its except and invite lists empty.
     */
    private void channelMode(IrcMessage message, String target) {
        String room = IrcNames.room(target).orElseThrow(() -> Refusal.of(Refusal.Reason.NO_SUCH_ROOM, target));
        RoomView view;
        try {
            view = core.room(room);
        } catch (Refusal refusal) {
            if (refusal.reason() != Refusal.Reason.UNAVAILABLE
                    || message.params().size() != 2
                    || !isListQuery(message.params().get(1))) {
                throw refusal;
            }
            // While the cluster's store is unreachable a list query still gets its end numeric, which irssi
            // waits for before it counts the channel synced.
            refusals.tell(message, refusal);
            endList(target, message.params().get(1));
            return;
        }
        String channel = IrcNames.channel(view.name());
        session.registeredRooms().saw(view.name(), view.registered());
        if (message.params().size() < 2) {
            // r: registered (ChanServ), the mode UnrealIRCd and InspIRCd show for a channel their services registered.
            session.numeric("324", channel, view.registered() ? "+lnrt" : "+lnt", String.valueOf(view.capacity()));
            if (view.created() != null) {
                // RPL_CREATIONTIME: irssi waits for it after 324 before it counts the channel synced.
                session.numeric("329", channel, String.valueOf(view.created().getEpochSecond()));
            }
            return;
        }
        String modes = message.params().get(1);
        boolean listQuery = message.params().size() == 2;
        if (listQuery && modes.matches("\\+?b")) {
            banList(room, channel);
        } else if (listQuery && isListQuery(modes)) {
            endList(channel, modes);
        } else if (modes.matches("[+-]?b")) {
            ban(room, channel, !modes.startsWith("-"), IrcSession.required(message, 2));
        } else if (modes.equals("-l")) {
            limit(room, Chat.SERVER_LIMIT);
        } else if (modes.matches("\\+?l")) {
            String asked = message.param(2).orElse("");
            if (!asked.matches("\\d{1,9}")) {
                session.serverNoticeAbout(
                        target,
                        session.text("irc.limitNeedsNumber", core.config().roomCapacity(), asked));
                return;
            }
            int limit = Integer.parseInt(asked);
            if (limit < 1) { // 0 would read as Chat.SERVER_LIMIT
                throw Refusal.invalidLimit(limit, core.config().roomCapacity());
            }
            limit(room, limit);
        } else {
            String letters = modes.replaceAll("[+-]", "");
            if (letters.indexOf('r') >= 0) {
                // r says the room is registered: ChanServ's to change, as only services set it on UnrealIRCd, which
                // answers anyone else ERR_ONLYSERVERSCANCHANGE. Before 482: it points the owner to ChanServ too.
                session.numeric("468", channel, session.text("irc.modeRegistered", channel));
                letters = letters.replace("r", "");
                if (letters.isEmpty()) {
                    return;
                }
            }
            boolean moderator = core.who(room).stream()
                    .anyMatch(v ->
                            v.name().equals(client.member.name()) && v.role().mayModerate());
            if (!moderator) {
                session.numeric("482", channel, session.text("irc.notOperator"));
            } else if (letters.indexOf('o') >= 0 || letters.indexOf('v') >= 0) {
                // irssi's /op, /deop, /voice: o is in PREFIX, so 472 ("Unknown mode character o") would be wrong.
                // A room has one owner, who is its @ and passes it on by leaving; the notice says so.
                session.serverNoticeAbout(target, session.text("irc.statusFixed", channel));
            } else {
                fixedOrUnknown(target, letters.isEmpty() ? modes : letters);
            }
        }
    }

    /**
     * {@code MODE #room +l N} or {@code -l}: the room's member limit set, or given back the server's. The setter sees its
     * MODE line, the room's other members theirs from the core's event; a refusal is told as {@link IrcRefusals} tells
     * it (482 to a member who is not the owner, a notice for a limit out of range).
     */
    private void limit(String room, int limit) {
        ChatEvent.RoomLimit set = core.setRoomLimit(client.member, room, limit);
        if (client.member.isIn(room)) {
            session.replyAsEvent(IrcEvents.limitMode(session.names().source(client.member.name()), set), set.at());
        } else { // the administrator from outside: a MODE of a channel it has not joined would be dropped
            session.serverNotice(session.text(set.reset() ? "answer.limitReset" : "answer.limitSet", set.limit()));
        }
    }

    /**
     * A change of modes a room does not change: {@code n} and {@code t}, which it has, are fixed ({@code l} too, but
     * alone, as {@code +l N}), which a
     * notice says (472, "Unknown mode character t", would be wrong of a mode MODE #room shows); any other letter gets
     * its 472, one each, as InspIRCd answers, since irssi shows the numeric's parameter as the unknown character, with
     * a text naming it and the modes there are.
     */
    private void fixedOrUnknown(String target, String letters) {
        letters.codePoints()
                .distinct()
                .filter(c -> FIXED_MODES.indexOf(c) < 0)
                .forEach(c -> session.numeric(
                        "472",
                        Character.toString(c),
                        // A key (+k) is what a channel's key is elsewhere; here a room's key comes from ChanServ.
                        session.text(c == 'k' ? "irc.modeKey" : "irc.modeUnknown", Character.toString(c))));
        if (letters.codePoints().anyMatch(c -> FIXED_MODES.indexOf(c) >= 0)) {
            session.serverNoticeAbout(target, session.text("irc.modeFixed"));
        }
    }

    /**
     * {@code MODE #room +b mask} or {@code -b mask} (irssi's /ban, /kickban, /unban): the room's ban of the name the
     * mask's nick part names ({@link #banTarget}). The setter sees its MODE line, the room's other members theirs from
     * the core's event; a refusal is told as {@link IrcRefusals} tells it (482 to a member who is not the owner).
     */
    private void ban(String room, String channel, boolean adding, String mask) {
        Optional<String> target = banTarget(mask);
        if (target.isEmpty()) {
            session.serverNoticeAbout(
                    channel,
                    session.text("irc.roomBanMask", mask, session.names().server()));
            return;
        }
        RoomBan done = adding
                ? core.roomBan(client.member, room, target.get(), null, "")
                : core.roomUnban(client.member, room, target.get());
        String shown = banMask(done.ban().target());
        if (client.member.isIn(room)) {
            session.replyAsEvent(
                    IrcMessage.of(
                            session.names().source(client.member.name()), "MODE", channel, adding ? "+b" : "-b", shown),
                    // A ban lifted is the one set then: its lifting is now, as the room's others are told it.
                    adding ? done.ban().at() : OffsetDateTime.now());
        } else { // the administrator from outside: a MODE of a channel it has not joined would be dropped
            session.serverNotice(session.text(
                    adding ? "answer.roomBannedName" : "answer.roomUnbanned",
                    done.ban().target()));
        }
    }

    /**
     * The name (or mask over names) a channel ban's mask names. Every member is {@code nick!nick@openchat}, so a mask
     * counts by its nick part ({@code troll!*@*}, {@code bot*}), as WHO reads one; a nick part of {@code *} counts by
     * the user part, which is the nick, less the {@code *} clients put before it for an ident's {@code ~}
     * ({@code *!*troll@openchat}, irssi's /ban). Empty for a mask that names no one in particular ({@code *!*@*}) or
     * a host other than this server's (an address: members never see each other's).
     */
    private Optional<String> banTarget(String mask) {
        int at = mask.lastIndexOf('@');
        String host = at >= 0 ? mask.substring(at + 1) : "*";
        String userAndNick = at >= 0 ? mask.substring(0, at) : mask;
        int bang = userAndNick.indexOf('!');
        String nick = bang >= 0 ? userAndNick.substring(0, bang) : userAndNick;
        String user = bang >= 0 ? userAndNick.substring(bang + 1) : "*";
        // Every member's host is the server's name, so a host mask that fits it (irssi's /ban writes *.example.org
        // for a host irc.example.org) names everyone here, and a ban counts by the nick.
        String server = session.names().server().toLowerCase(Locale.ROOT);
        if (!IrcMasks.pattern(host.toLowerCase(Locale.ROOT), (run, first) -> run)
                .matcher(server)
                .matches()) {
            return Optional.empty();
        }
        if (onlyWildcards(nick)) {
            nick = user.startsWith("*") && !onlyWildcards(user) ? user.substring(1) : user;
        }
        return onlyWildcards(nick) ? Optional.empty() : Optional.of(nick);
    }

    private static boolean onlyWildcards(String text) {
        return text.chars().allMatch(c -> c == '*' || c == '?');
    }

    /**
     * How a room's ban of {@code target} (a name, or a mask with wildcards) shows on IRC: {@code nick!*@*}, a name in
     * its nick form, a mask as written.
     */
    static String banMask(String target) {
        boolean mask = target.indexOf('*') >= 0 || target.indexOf('?') >= 0;
        return (mask ? target : IrcNames.nick(target)) + "!*@*";
    }

    /** {@code MODE #room b}: the room's bans (367 each, with who set it and when), then 368. */
    private void banList(String room, String channel) {
        for (RoomBan held : core.roomBans(client.member, room)) {
            Ban ban = held.ban();
            session.numeric(
                    "367",
                    channel,
                    banMask(ban.target()),
                    IrcNames.nick(ban.by()),
                    String.valueOf(ban.at().toEpochSecond()));
        }
        session.numeric("368", channel, session.text("irc.endOfBanList"));
    }

    private static boolean isListQuery(String modes) {
        return modes.matches("\\+?[beI]");
    }

    /** The end of a list query's answer ({@code MODE #room b}, {@code e} or {@code I}): the lists are empty. */
    private void endList(String channel, String modes) {
        switch (modes.charAt(modes.length() - 1)) {
            case 'b' -> session.numeric("368", channel, session.text("irc.endOfBanList"));
            case 'e' -> session.numeric("349", channel, session.text("irc.endOfExceptList"));
            default -> session.numeric("347", channel, session.text("irc.endOfInviteList"));
        }
    }

    /**
     * The client's own user modes: {@code B}, {@code i} and {@code w} as it sets them, {@code o} for the
     * administrator, and {@code s}, the administrator's server notices ({@link IrcServerNotices}).
     */
    private void userMode(IrcMessage message, String target) {
        if (!openchat.core.Names.key(target).equals(client.member.key())) {
            session.numeric("502", session.text("irc.usersDontMatch"));
            return;
        }
        if (message.params().size() < 2) {
            session.numeric("221", "+" + sortedModes(client.userModes + (client.member.isAdmin() ? "o" : "")));
            return;
        }
        // i (invisible) and w (wallops) are kept as clients expect, and change nothing here: no one can list
        // members by mask, and there are no wallops. B (bot) stops the history replay on JOIN and shows in WHOIS
        // and WHO. o is the administrator's, by name and key alone. s is the administrator's too (a snomask given
        // after it, InspIRCd's "+s +cCkq", is taken for all of them: every status line of the console comes).
        StringBuilder changed = new StringBuilder();
        boolean adding = true;
        char lastSign = 0;
        for (char mode : message.params().get(1).toCharArray()) {
            if (mode == '+' || mode == '-') {
                adding = mode == '+';
            } else if (mode == IrcServerNotices.MODE && !client.member.isAdmin()) {
                // InspIRCd's answer to an oper-only mode from a user who is no operator: 481, saying whose mode it is.
                // ergo drops it without a word, and 501 would say there is no such mode, which 004 says there is.
                session.numeric("481", session.text("irc.serverNoticesAdminOnly"));
            } else if (mode == 'i' || mode == 'w' || mode == IrcClientState.BOT_MODE || mode == IrcServerNotices.MODE) {
                boolean has = client.userModes.indexOf(String.valueOf(mode)) >= 0;
                if (adding != has) {
                    client.userModes = adding
                            ? sortedModes(client.userModes + mode)
                            : client.userModes.replace(String.valueOf(mode), "");
                    if (mode == IrcServerNotices.MODE) {
                        if (adding) {
                            session.serverNotices.start();
                        } else {
                            session.serverNotices.stop();
                        }
                    }
                    char sign = adding ? '+' : '-';
                    if (sign != lastSign) {
                        changed.append(sign);
                        lastSign = sign;
                    }
                    changed.append(mode);
                }
            } else {
                session.numeric("501", session.text("irc.umodeUnknown"));
            }
        }
        if (changed.length() > 0) {
            String me = IrcNames.nick(client.member.name());
            session.reply(IrcMessage.of(session.names().source(client.member.name()), "MODE", me, changed.toString()));
        }
    }

    private static String sortedModes(String modes) {
        char[] chars = modes.toCharArray();
        Arrays.sort(chars);
        return new String(chars);
    }
}
