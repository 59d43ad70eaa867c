package openchat.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import openchat.core.Names;
import openchat.core.RoomNames;

/**
 * The rooms this client is in, which of them is current (where typed lines go), and the other rooms it knows to
 * exist: listed at connect and by {@code /rooms}, invited to, shown by {@code /who}, found full, or left while
 * others stayed in them. A room it knows to be gone (it left it last, {@code /who} found none) is forgotten. The connection's thread updates it from events and answers while the input thread reads it, so
 * every method holds its monitor. Rooms are kept across a lost connection: a reconnect joins them again.
 *
 * <p>A change of the current room is announced after the monitor is released: the listener redraws the prompt,
 * which takes the terminal's lock, and the terminal's thread calls in here (tab completion) holding it.
 */
final class JoinedRooms {
    /** By room key, in the order they were joined. */
    private final Map<String, RoomState> rooms = new LinkedHashMap<>();
    /** Names of other rooms known to exist, by key: candidates for completion. */
    private final Map<String, String> listed = new TreeMap<>();

    private final Runnable currentChanged;
    private String currentKey;

    /** {@code currentChanged} runs after every change of the current room; it reads {@link #current}. */
    JoinedRooms(Runnable currentChanged) {
        this.currentChanged = currentChanged;
    }

    /** Records being in {@code name} (again, after a reconnect); returns its state. */
    synchronized RoomState entered(String name) {
        return rooms.computeIfAbsent(RoomNames.key(name), key -> new RoomState(name));
    }

    void makeCurrent(String name) {
        String key = RoomNames.key(name);
        synchronized (this) {
            if (!rooms.containsKey(key) || key.equals(currentKey)) {
                return;
            }
            currentKey = key;
        }
        currentChanged.run();
    }

    /**
     * Forgets {@code name}. When it was current, the most recently joined other room becomes current and is
     * returned; empty when the current room stayed, or when no room is left ({@link #isEmpty}).
     */
    Optional<String> left(String name) {
        String key = RoomNames.key(name);
        Optional<String> current;
        synchronized (this) {
            if (rooms.remove(key) == null || !key.equals(currentKey)) {
                return Optional.empty();
            }
            List<String> remaining = new ArrayList<>(rooms.keySet());
            currentKey = remaining.isEmpty() ? null : remaining.get(remaining.size() - 1);
            current = current().map(RoomState::name);
        }
        currentChanged.run();
        return current;
    }

    synchronized Optional<RoomState> current() {
        return Optional.ofNullable(currentKey == null ? null : rooms.get(currentKey));
    }

    synchronized Optional<RoomState> find(String name) {
        return Optional.ofNullable(rooms.get(RoomNames.key(name)));
    }

    synchronized boolean isCurrent(String name) {
        return RoomNames.key(name).equals(currentKey);
    }

    synchronized boolean isEmpty() {
        return rooms.isEmpty();
    }

    /** Every room this client is in, the current one first: the order a reconnect joins them in. */
    synchronized List<RoomState> currentFirst() {
        List<RoomState> all = new ArrayList<>(rooms.values());
        current().ifPresent(current -> {
            all.remove(current);
            all.add(0, current);
        });
        return all;
    }

    /** Applies {@code change} to the state of {@code name}, if this client is in it. */
    synchronized void update(String name, Consumer<RoomState> change) {
        RoomState state = rooms.get(RoomNames.key(name));
        if (state != null) {
            change.accept(state);
        }
    }

    /**
     * The rooms this client is in with {@code name}, as far as it knows their members, and {@code room}, in the order
     * they were joined, each as the server shows it.
     */
    synchronized List<String> sharedWith(String name, String room) {
        String roomKey = RoomNames.key(room);
        return rooms.entrySet().stream()
                .filter(entry ->
                        entry.getKey().equals(roomKey) || entry.getValue().hasMember(name))
                .map(entry -> entry.getValue().name())
                .toList();
    }

    /**
     * Forgets {@code name} in every room this client is in but {@code room}, which it just joined; returns the rooms it
     * was forgotten in, each as the server shows it. A quiet leave tells nobody: a member this client knew in one room
     * that joins another may have left unseen and connected again, and be in that other room alone.
     */
    synchronized List<String> forgetElsewhere(String name, String room) {
        String roomKey = RoomNames.key(room);
        List<String> forgotten = new ArrayList<>();
        rooms.forEach((key, state) -> {
            if (!key.equals(roomKey) && state.hasMember(name)) {
                state.memberOut(name);
                forgotten.add(state.name());
            }
        });
        return forgotten;
    }

    /** {@code from} is now called {@code to} in every room this client is in with it. */
    synchronized void memberRenamed(String from, String to) {
        rooms.values().forEach(room -> room.memberRenamed(from, to));
    }

    /** The server's rooms, all of them: what was known of other rooms before is replaced. */
    synchronized void listed(List<String> names) {
        listed.clear();
        names.forEach(this::exists);
    }

    /** {@code name} is a room on the server (the server's spelling of it wins over an earlier one). */
    synchronized void exists(String name) {
        listed.put(RoomNames.key(name), name);
    }

    /** {@code name} is no room on the server, or no longer: it emptied when this client left, or was not found. */
    synchronized void gone(String name) {
        listed.remove(RoomNames.key(name));
    }

    /** Rooms this client is in, then others it knows to exist. */
    synchronized List<String> roomNames() {
        Set<String> names = new LinkedHashSet<>();
        rooms.values().forEach(room -> names.add(room.name()));
        listed.forEach((key, name) -> {
            if (!rooms.containsKey(key)) {
                names.add(name);
            }
        });
        return new ArrayList<>(names);
    }

    /** Members of the current room but {@code me}. */
    synchronized List<String> currentMembers(String me) {
        return current().map(room -> others(room.members(), me)).orElse(List.of());
    }

    /** Members of {@code room} but {@code me}; none when this client is not in it. */
    synchronized List<String> membersOf(String room, String me) {
        RoomState state = rooms.get(RoomNames.key(room));
        return state == null ? List.of() : others(state.members(), me);
    }

    /** The rooms this client is in, in the order it joined them. */
    synchronized List<String> joinedNames() {
        return rooms.values().stream().map(RoomState::name).toList();
    }

    /** Members of every room this client is in but {@code me}, each once. */
    synchronized List<String> allMembers(String me) {
        Map<String, String> all = new LinkedHashMap<>();
        currentFirst().forEach(room -> room.members().forEach(name -> all.putIfAbsent(Names.key(name), name)));
        return others(new ArrayList<>(all.values()), me);
    }

    private static List<String> others(List<String> members, String me) {
        String myKey = Names.key(me);
        return members.stream().filter(name -> !Names.key(name).equals(myKey)).toList();
    }
}
