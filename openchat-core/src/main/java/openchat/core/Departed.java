package openchat.core;

import java.time.OffsetDateTime;

/**
 * A name someone had and gave up at {@code at}: by leaving the chat, or by taking {@code renamedTo} (null when it
 * left). What IRC's WHOWAS shows.
 */
public record Departed(String name, OffsetDateTime at, String renamedTo) {}
