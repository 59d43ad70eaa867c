package openchat.protocol;

/**
 * What the {@link OcpDecoder} emits instead of a message when the bytes break the protocol.
 * A value, not an exception: the handler answers {@code status} and, unless {@code recoverable},
 * closes the connection (the decoder discards whatever else arrives).
 *
 * @param status      the answer code (400, 413, 431, 505)
 * @param detail      what was wrong, in English, for the answer body and the log
 * @param recoverable true when the decoder skipped just this message and can read the next one
 * @param requestId   the {@code Request-Id} of the refused message when its headers could be read, or null
 */
public record MalformedMessage(Status status, String detail, boolean recoverable, String requestId) {}
