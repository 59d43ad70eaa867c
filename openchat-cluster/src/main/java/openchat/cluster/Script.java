package openchat.cluster;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * One Lua script of {@code openchat/cluster/*.lua}: run by its SHA-1, and sent whole when the store does not know
 * it (after a restart the script cache is empty).
 */
final class Script {
    private final String name;
    private final String source;
    private final String sha;

    private Script(String name, String source) {
        this.name = name;
        this.source = source;
        try {
            this.sha = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-1 in this JVM", e);
        }
    }

    static Script load(String name) {
        try (InputStream in = Script.class.getResourceAsStream(name + ".lua")) {
            if (in == null) {
                throw new IllegalStateException("missing script " + name + ".lua");
            }
            return new Script(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    <T> T run(RedisCommands<String, String> redis, ScriptOutputType type, String[] keys, String... args) {
        try {
            return redis.evalsha(sha, type, keys, args);
        } catch (RedisNoScriptException notLoaded) {
            return redis.eval(source, type, keys, args);
        }
    }

    /** {@link #run} without waiting; Lettuce answers on its own thread. */
    <T> CompletionStage<T> runLater(
            RedisAsyncCommands<String, String> redis, ScriptOutputType type, String[] keys, String... args) {
        CompletionStage<T> bySha = redis.evalsha(sha, type, keys, args);
        return bySha.handle((result, failure) -> failure == null ? null : failure)
                .thenCompose(failure -> {
                    if (failure == null) {
                        return bySha;
                    }
                    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                    return cause instanceof RedisNoScriptException ? redis.<T>eval(source, type, keys, args) : bySha;
                });
    }

    @Override
    public String toString() {
        return name + ".lua";
    }
}
