package openchat.core;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * What the core tells members. Room events ({@link Numbered}) take the next number of the room's sequence;
 * a private message and the shutdown have none.
 */
public sealed interface ChatEvent {

    OffsetDateTime at();

    /** Events that take the next number of a room's sequence. */
    sealed interface Numbered extends ChatEvent {
        String room();

        long seq();
    }

    /**
     * {@code members}: the room's head count after the join; {@code away}: the joiner's away message, empty when it
     * is not away (so that those who learn of a member from its join know it is away, as IRC's away-notify does).
     */
    record Joined(String room, String name, OffsetDateTime at, long seq, int members, String away) implements Numbered {

        /** The join of a member that is not away. */
        public Joined(String room, String name, OffsetDateTime at, long seq, int members) {
            this(room, name, at, seq, members, "");
        }
    }

    /**
     * A chat line; {@code replay} marks one sent again from history (on join or on request). {@code textUtf8}: the
     * text's UTF-8 bytes, made once with the message so that the console, history and every protocol write them
     * without encoding the text again (a busy server encoded each line two to four times); to be read, never changed.
     * Being the text's, they take no part in {@link #equals}.
     */
    record Message(
            String room,
            String from,
            OffsetDateTime at,
            long seq,
            String text,
            boolean replay,
            boolean notice,
            byte[] textUtf8)
            implements Numbered {

        public Message {
            Objects.requireNonNull(textUtf8, "textUtf8");
        }

        /**
         * A chat line. ({@code notice}: sent as IRC's NOTICE, an automatic message that clients must not answer
         * automatically; history keeps it, and replays a notice as one.)
         */
        public Message(
                String room, String from, OffsetDateTime at, long seq, String text, boolean replay, boolean notice) {
            this(room, from, at, seq, text, replay, notice, text.getBytes(StandardCharsets.UTF_8));
        }

        public Message(String room, String from, OffsetDateTime at, long seq, String text, boolean replay) {
            this(room, from, at, seq, text, replay, false);
        }

        /** This message as history replays it. */
        public Message asReplay() {
            return replay ? this : new Message(room, from, at, seq, text, true, notice, textUtf8);
        }

        static Message of(StoredMessage stored) {
            return new Message(
                    stored.room(),
                    stored.from(),
                    stored.at(),
                    stored.seq(),
                    stored.text(),
                    true,
                    stored.notice(),
                    stored.textUtf8());
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Message that
                    && seq == that.seq
                    && replay == that.replay
                    && notice == that.notice
                    && room.equals(that.room)
                    && from.equals(that.from)
                    && at.equals(that.at)
                    && text.equals(that.text);
        }

        @Override
        public int hashCode() {
            return Objects.hash(room, from, at, seq, text, replay, notice);
        }

        @Override
        public String toString() {
            return "Message[room=" + room + ", from=" + from + ", at=" + at + ", seq=" + seq + ", text=" + text
                    + ", replay=" + replay + ", notice=" + notice + "]";
        }
    }

    /**
     * {@code by}: who kicked (null otherwise); {@code detail}: the kicker's reason, what broke for a
     * disconnect, or empty. {@code owner}: the member the room's ownership passed to with this leave, when the member
     * who left owned it and others remain (null otherwise: the room's owner did not change). {@code toldBefore}: the
     * member left the whole chat ({@link LeaveReason#leavesTheChat}) and the recipients of this copy were told so in
     * another room they share with it, as a protocol that announces a departure once per client (IRC's QUIT) needs to
     * know; a room's members get one copy or the other, with one seq.
     */
    record Left(
            String room,
            String name,
            LeaveReason reason,
            String by,
            String detail,
            OffsetDateTime at,
            long seq,
            int members,
            String owner,
            boolean toldBefore)
            implements Numbered {
        /** A leave that passed no ownership on. */
        public Left(
                String room,
                String name,
                LeaveReason reason,
                String by,
                String detail,
                OffsetDateTime at,
                long seq,
                int members) {
            this(room, name, reason, by, detail, at, seq, members, null, false);
        }

        /** A leave; {@code owner}: the room's new owner, or null. */
        public Left(
                String room,
                String name,
                LeaveReason reason,
                String by,
                String detail,
                OffsetDateTime at,
                long seq,
                int members,
                String owner) {
            this(room, name, reason, by, detail, at, seq, members, owner, false);
        }

        /**
         * This event for the member it is about (a kicked one), who has no more to do with the room's ownership: an IRC
         * client would be told of a mode change in a channel it is no longer in.
         */
        public Left forTheLeaver() {
            return owner == null ? this : new Left(room, name, reason, by, detail, at, seq, members, null, toldBefore);
        }

        /** This event for recipients told of the same departure in another room. */
        public Left asToldBefore() {
            return new Left(room, name, reason, by, detail, at, seq, members, owner, true);
        }
    }

    /**
     * The room's ownership passed to {@code name} without a {@link Left} to carry it: its owner left quietly (or
     * unannounced), or a member joined a room that held only the administrator, which never owns. Told to every
     * member of the room, the new owner included. (When the owner's leave is told, its {@link Left#owner} says it.)
     * Or the holder of the room's key ({@link Chat#registerRoom}) joined or showed it ({@link Chat#claimRoom}) and took
     * the room from {@code previous}, its owner till then, who stays as a member; {@code previous} is null otherwise.
     */
    record NewOwner(String room, String name, OffsetDateTime at, long seq, String previous) implements Numbered {
        /** Ownership passed on because its owner left, or came to a member of a room that had none. */
        public NewOwner(String room, String name, OffsetDateTime at, long seq) {
            this(room, name, at, seq, null);
        }
    }

    /**
     * The room's registration ({@link Chat#registerRoom}) changed on {@code by}'s order (its owner or the administrator):
     * told to the room's members present but {@code by}, so that an owner who believes the room protected learns at once
     * when it is not, and the others learn whose key now takes it back. Never the key. Not numbered: history does not
     * keep it.
     */
    record RoomRegistration(String room, String by, Change change, OffsetDateTime at, String owner)
            implements ChatEvent {
        /** A change told without the room's owner (one made where no member is told: the console's). */
        public RoomRegistration(String room, String by, Change change, OffsetDateTime at) {
            this(room, by, change, at, null);
        }

        /**
         * The owner present whom the administrator's registration or new key concerns ({@code owner}, the room's owner
         * when it was made, or null): it owns the room for now, and whoever enters the key the administrator holds
         * takes it. Null for every other change.
         */
        public String ownerToldToKeepIt() {
            return change != Change.DROPPED
                            && owner != null
                            && Names.isAdministrator(by)
                            && !Names.isAdministrator(owner)
                    ? owner
                    : null;
        }

        /** What became of the registration. */
        public enum Change {
            /** The room was registered: it had no key before. */
            REGISTERED,
            /** The registered room was given a new key: the key before opens nothing any more. */
            REKEYED,
            /** The registration was dropped: no key opens the room, and its owner holds it by presence alone. */
            DROPPED
        }
    }

    /** The room's topic was set by {@code by} (empty topic: cleared). */
    record Topic(String room, String by, OffsetDateTime at, long seq, String topic) implements Numbered {}

    /**
     * A room's ban was set ({@code added}) or lifted by {@code by} (its owner or the administrator): told to the
     * room's other members present, as IRC's {@code MODE #room +b mask}. {@code target}: the name or mask as kept.
     * Not numbered: history does not keep it, and a ban that lapses by itself is told to no one. A ban set carries its
     * end ({@code expires}, null for one until lifted) and {@code reason} (may be empty), so that a banned member present
     * learns how long it holds; a lifted one has neither.
     */
    record RoomBanChange(
            String room,
            String by,
            String target,
            boolean added,
            OffsetDateTime at,
            OffsetDateTime expires,
            String reason)
            implements ChatEvent {
        /** A ban lifted, or one set without an end or a reason. */
        public RoomBanChange(String room, String by, String target, boolean added, OffsetDateTime at) {
            this(room, by, target, added, at, null, "");
        }
    }

    /**
     * A room's member limit was set to {@code limit} by {@code by} (its owner or the administrator), or given back the
     * server's capacity ({@code reset}, {@code limit} that capacity): told to the room's other members present, as
     * IRC's {@code MODE #room +l N} or {@code -l}. Not numbered: history does not keep it.
     */
    record RoomLimit(String room, String by, int limit, boolean reset, OffsetDateTime at) implements ChatEvent {}

    /**
     * Messages were deleted from a room's history by {@code by} (its owner or the administrator): {@code seqs}, their
     * numbers, ascending; {@code from}, their sender, as the first of them names it (a deletion takes one message, or one
     * name's messages); {@code reason}, may be empty. Told to the room's other members present, so that a client
     * showing those lines can take them away (IRC's {@code REDACT}). Not numbered: history does not keep it; later
     * joiners never see the lines. {@code firstSent} and {@code lastSent}: when the first and the last of them were
     * sent (null when not known: an event read from a cluster's stream), so that a client that cannot take lines back
     * says which went; {@code passedOver}: how many more fitted but were sent before the deleter may reach (for its
     * answer only: {@link Room#deletableAbove}).
     */
    record Deleted(
            String room,
            String by,
            String from,
            List<Long> seqs,
            OffsetDateTime at,
            String reason,
            OffsetDateTime firstSent,
            OffsetDateTime lastSent,
            int passedOver)
            implements ChatEvent {
        public Deleted {
            seqs = List.copyOf(seqs);
        }

        /** A deletion whose messages' times are not known, nothing passed over. */
        public Deleted(String room, String by, String from, List<Long> seqs, OffsetDateTime at, String reason) {
            this(room, by, from, seqs, at, reason, null, null, 0);
        }
    }

    /**
     * One member to another; never stored, no sequence. {@code notice}: an automatic message (IRC's NOTICE), which
     * clients must never answer automatically.
     */
    record Private(String from, String to, OffsetDateTime at, String text, boolean notice) implements ChatEvent {}

    /**
     * {@code from}, a member of {@code room}, invites the member it is delivered to ({@code to}, as that member writes
     * its name) into the room; never stored, no sequence. Rooms are open to all, so an invitation points the way and
     * grants nothing.
     */
    record Invited(String from, String to, String room, OffsetDateTime at) implements ChatEvent {}

    /**
     * {@code from} invited {@code to} into {@code room} ({@link Invited}), as the room's other members present see it:
     * every member may invite into an open room, so every one may know who was asked (IRC's invite-notify, which
     * InspIRCd sends to a channel without {@code +i} alike). On a cluster, the members connected to the inviter's node.
     * Never stored, no sequence.
     */
    record InviteSeen(String from, String to, String room, OffsetDateTime at) implements ChatEvent {
        /** The invitation as its room sees it. */
        public static InviteSeen of(Invited invited) {
            return new InviteSeen(invited.from(), invited.to(), invited.room(), invited.at());
        }
    }

    /**
     * {@code name} is away, saying {@code message}, or back when it is empty: told once to each member that shares a
     * room with it; not stored, no sequence.
     */
    record Away(String name, String message, OffsetDateTime at) implements ChatEvent {}

    /**
     * The member {@code from} is now called {@code to}: told once to each member that shares a room with it (on this
     * server), not stored, no sequence. Its earlier lines keep the name they were said under.
     */
    record Renamed(String from, String to, OffsetDateTime at) implements ChatEvent {}

    /**
     * A notice to every member connected to the server, not tied to a room; not stored, no sequence. {@code from}:
     * empty for the server's own (a cluster node telling its members that rooms are read-only while it cannot reach
     * the cluster's store, and when they are writable again); the administrator's name for its announcement
     * ({@link Chat#announce}), which reaches every member of every node.
     */
    record Notice(String from, String text, OffsetDateTime at) implements ChatEvent {

        /** The server's own notice. */
        public Notice(String text, OffsetDateTime at) {
            this("", text, at);
        }

        /** Whether the administrator said it ({@link Chat#announce}), not the server. */
        public boolean isAnnouncement() {
            return !from.isEmpty();
        }
    }

    /**
     * The member it is delivered to is banned by {@code by} (the administrator), with {@code reason} (may be empty),
     * until {@code expires} (null: until the ban is lifted); its connection is closed after it.
     */
    record Banned(String by, String reason, OffsetDateTime at, OffsetDateTime expires) implements ChatEvent {}

    /**
     * The member it is delivered to is disconnected by {@code by} (the administrator) with {@code reason} (may be
     * empty), and not banned: it may connect again at once. Its connection is closed after it.
     */
    record Killed(String by, String reason, OffsetDateTime at) implements ChatEvent {}

    /**
     * The server is stopping: {@code reason}, the server's sentence saying so, may be empty; {@code detail}, empty
     * unless the administrator stopped it giving words, says who and with what words ({@code 채팅관리자: 점검});
     * {@code by} is the administrator's name when it ordered the stop, and empty when the server stops on its own (its
     * operator's signal, often a restart).
     */
    record Closed(String reason, String detail, String by, OffsetDateTime at) implements ChatEvent {}

    /**
     * The member it is delivered to is disconnected while the server goes on (a cluster node whose store lost its
     * members), and should connect again; {@code reason} says so, for a person. Its connection is closed after it.
     */
    record Dropped(String reason, OffsetDateTime at) implements ChatEvent {}
}
