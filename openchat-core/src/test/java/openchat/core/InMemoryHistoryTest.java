package openchat.core;

/** {@link InMemoryHistory} against the {@link HistoryStore} contract: it keeps nothing across close. */
class InMemoryHistoryTest extends HistoryStoreContract {
    @Override
    protected HistoryStore open(int maxPerRoom, HistoryAge age) {
        return new InMemoryHistory(maxPerRoom, age);
    }
}
