package openchat.protocol;

/** The first line of a message: a request line or a status line. */
public sealed interface StartLine permits RequestLine, StatusLine {}
