package openchat.client;

import java.util.List;

/** The words a person may want next on the line, for tab completion; the terminal asks, the session knows. */
@FunctionalInterface
interface Completions {

    /** Candidates for the word being typed, given the words before it on the line (none at its start). */
    List<String> candidates(List<String> wordsBefore);
}
