package openchat.client;

import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * JLine's side of tab completion: hands the words before the cursor to the session's {@link Completions} and
 * offers what comes back. JLine filters by what was typed and quotes a candidate holding a space.
 */
final class ChatCompleter implements Completer {
    private volatile Completions completions = wordsBefore -> List.of();

    void use(Completions source) {
        this.completions = source;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<String> wordsBefore = line.words().subList(0, line.wordIndex());
        for (String candidate : completions.candidates(wordsBefore)) {
            candidates.add(new Candidate(candidate));
        }
    }
}
