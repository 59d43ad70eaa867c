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
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One Lua script of {@code openchat/cluster/*.lua}, run by its SHA-1. Every script is loaded into Redis when the
 * node registers and whenever Redis is back after being away ({@link #loadAll}), since a restarted Redis has an
 * empty script cache. A call that still meets an unknown script is sent again whole when it waits for its answer;
 * one that does not wait ({@link #runLater}) fails instead, because a resend would land after the commands issued
 * behind it and a member's lines would lose their order.
 */
final class Script {
    /** Every script made, for {@link #loadAll}. */
    private static final List<Script> ALL = new CopyOnWriteArrayList<>();

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
            Script script = new Script(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            ALL.add(script);
            return script;
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

    /**
     * {@link #run} without waiting; Lettuce answers on its own thread. Redis not knowing the script fails it with
     * {@link io.lettuce.core.RedisNoScriptException} (see the class comment).
     */
    <T> CompletionStage<T> runLater(
            RedisAsyncCommands<String, String> redis, ScriptOutputType type, String[] keys, String... args) {
        return redis.evalsha(sha, type, keys, args);
    }

    /** Loads every script into Redis's cache (SCRIPT LOAD is idempotent). */
    static void loadAll(RedisCommands<String, String> redis) {
        for (Script script : ALL) {
            redis.scriptLoad(script.source);
        }
    }

    @Override
    public String toString() {
        return name + ".lua";
    }
}
