package openchat.cluster;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For each test, a {@link RedisServer} emptied (FLUSHALL) and a Lettuce connection to it, closed after the test.
 * Registered beside the class's server: {@code @RegisterExtension final FreshRedis fresh = new FreshRedis(server);}.
 */
final class FreshRedis implements BeforeEachCallback, AfterEachCallback {
    private final RedisServer server;
    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;

    FreshRedis(RedisServer server) {
        this.server = server;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        server.flushAll();
        client = RedisClient.create(server.url());
        connection = client.connect();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        connection.close();
        client.shutdown();
    }

    /** This test's connection's commands. */
    RedisCommands<String, String> redis() {
        return connection.sync();
    }
}
