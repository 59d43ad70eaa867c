package openchat.server.history;

import java.util.List;

/**
 * Delete these messages of one room ({@code seqs}, ascending), a moderator's deletion: queued to the writer, as an
 * {@link Expiry} is, so that it is one more write on the one writing connection, after the messages it deletes.
 */
record DeletedSeqs(String roomKey, List<Long> seqs) {
    DeletedSeqs {
        seqs = List.copyOf(seqs);
        if (seqs.isEmpty()) {
            throw new IllegalArgumentException("nothing to delete");
        }
    }

    long first() {
        return seqs.get(0);
    }

    long last() {
        return seqs.get(seqs.size() - 1);
    }
}
