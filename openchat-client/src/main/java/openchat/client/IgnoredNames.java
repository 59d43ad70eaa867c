package openchat.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import openchat.core.Names;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;

/**
 * {@code /ignore NAME}: the people whose chat lines, private messages and invitations this client does not show, for
 * this run of it, as irssi's {@code /ignore} does. What a flood or a pest sends from a name goes on reaching the server
 * and the others; only this reader stops seeing it. Names compare as the server compares them (every spelling), and
 * follow a rename. The administrator cannot be ignored: its lines are the chat's moderation.
 */
final class IgnoredNames {
    private final Supplier<String> me;
    private final TerminalUi ui;
    private final ClientText text;
    /** By name key, the name as it was given or last renamed to; guarded by this. */
    private final Map<String, String> ignored = new LinkedHashMap<>();

    IgnoredNames(Supplier<String> me, TerminalUi ui, ClientText text) {
        this.me = me;
        this.ui = ui;
        this.text = text;
    }

    /** {@code /ignore [NAME]}: ignores NAME, or lists who is ignored. */
    void ignore(String argument) {
        String name = argument.strip();
        if (name.isEmpty()) {
            List<String> names = names();
            ui.print(names.isEmpty() ? text.get("ignore.none") : text.get("ignore.list", String.join(", ", names)));
            return;
        }
        String shown = EventFormatter.clean(name);
        if (Names.isAdministrator(name)) {
            ui.print(text.get("ignore.administrator"));
        } else if (Names.key(name).equals(Names.key(me.get()))) {
            ui.print(text.get("ignore.self"));
        } else {
            synchronized (this) {
                ignored.put(Names.key(name), name);
            }
            ui.print(text.get("ignore.added", shown));
        }
    }

    /** {@code /unignore NAME}: shows NAME's lines again. */
    void unignore(String argument) {
        String name = argument.strip();
        String removed;
        synchronized (this) {
            removed = ignored.remove(Names.key(name));
        }
        ui.print(
                removed == null
                        ? text.get("ignore.notIgnored", EventFormatter.clean(name))
                        : text.get("ignore.removed", EventFormatter.clean(removed)));
    }

    /** Whether {@code event} (a chat line, private message or invitation) is from someone ignored. */
    boolean hides(OcpMessage event) {
        if (!event.method().equals(Methods.MESSAGE)
                && !event.method().equals(Methods.PRIVATE)
                && !event.method().equals(Methods.INVITE)) {
            return false;
        }
        Optional<String> from = event.header(HeaderNames.FROM);
        synchronized (this) {
            return from.isPresent() && !ignored.isEmpty() && ignored.containsKey(Names.key(from.get()));
        }
    }

    /** An ignored member took a new name: it stays ignored under it. */
    void renamed(String from, String to) {
        synchronized (this) {
            if (ignored.remove(Names.key(from)) != null) {
                ignored.put(Names.key(to), to);
            }
        }
    }

    private synchronized List<String> names() {
        List<String> names = new ArrayList<>();
        ignored.values().forEach(name -> names.add(EventFormatter.clean(name)));
        return names;
    }
}
