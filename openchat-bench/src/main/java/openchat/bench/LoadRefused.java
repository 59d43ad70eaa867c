package openchat.bench;

import java.io.IOException;

/**
 * The server refused the load: it throttled a sender (OCP's 429, or an IRC server's ERROR for flooding). The run
 * stops there, since every message after it would be refused too and reported as lost; the message says what
 * the server answered and how to start it for a load test.
 */
public final class LoadRefused extends IOException {
    private static final long serialVersionUID = 1L;

    LoadRefused(String message) {
        super(message);
    }
}
