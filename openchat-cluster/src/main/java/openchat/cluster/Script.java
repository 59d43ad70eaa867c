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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Lua script of {@code openchat/cluster/*.lua}, run by its SHA-1. Every script is loaded into Redis when the
 * node registers and whenever Redis is back after being away ({@link #loadAll}), since a restarted Redis has an
 * empty script cache. A call that still meets an unknown script is sent again whole when it waits for its answer;
 * one that does not wait ({@link #runLater}) fails instead, because a resend would land after the commands issued
 * behind it and a member's lines would lose their order.
 *
 * <p>A {@link #fenced} script is the same script inside the {@link Fence}'s wrapper: it takes the node's operation
 * records as its first key, and an operation id and a deadline as its first two arguments, before its own.
 */
final class Script {
    /** Every script made, for {@link #loadAll}. */
    private static final List<Script> ALL = new CopyOnWriteArrayList<>();

    /**
     * Before the script: an operation already recorded answers as it did (a resend is not carried out twice; a
     * settled one that never ran answers EXPIRED forever), and one past its deadline, in Redis's clock, does nothing.
     * After it: its answer is recorded under the operation's id, error or not. KEYS/ARGV without the fence's own are
     * handed to the script as its KEYS/ARGV.
     */
    private static final String FENCE_BEFORE =
            """
            local fence_records, fence_op, fence_deadline = KEYS[1], ARGV[1], tonumber(ARGV[2])
            local fence_kept = redis.call('HGET', fence_records, fence_op)
            if fence_kept then
              local kept = cjson.decode(fence_kept)
              if kept.e then
                return redis.error_reply(kept.e)
              end
              if kept.v == nil or kept.v == cjson.null then
                return false
              end
              return kept.v
            end
            if fence_deadline > 0 then
              local now = redis.call('TIME')
              if tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000) >= fence_deadline then
                return redis.error_reply('EXPIRED')
              end
            end
            local fence_keys, fence_argv = {}, {}
            for i = 2, #KEYS do
              fence_keys[i - 1] = KEYS[i]
            end
            for i = 3, #ARGV do
              fence_argv[i - 2] = ARGV[i]
            end
            local fence_answer = (function(KEYS, ARGV)
            """;

    private static final String FENCE_AFTER =
            """

            end)(fence_keys, fence_argv)
            if type(fence_answer) == 'table' and fence_answer.err then
              redis.call('HSET', fence_records, fence_op, cjson.encode({e = fence_answer.err}))
            else
              redis.call('HSET', fence_records, fence_op, cjson.encode({v = fence_answer}))
            end
            return fence_answer
            """;

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

    /** A line that includes another script's source ({@link #read}). */
    private static final Pattern INCLUDE = Pattern.compile("(?m)^--@include ([a-z-]+)\\n");

    static Script load(String name) {
        return made(name, read(name));
    }

    /** The script inside the fence (see the class comment), for the node's writes through the {@link Fence}. */
    static Script fenced(String name) {
        return made(name + " (fenced)", FENCE_BEFORE + read(name) + FENCE_AFTER);
    }

    private static Script made(String name, String source) {
        Script script = new Script(name, source);
        ALL.add(script);
        return script;
    }

    /**
     * A script's source, each line {@code --@include NAME} replaced by the source of {@code NAME.lua}: Redis runs each
     * script on its own, so code two scripts share (passing a room's ownership on) is written once and put in both.
     */
    private static String read(String name) {
        String source;
        try (InputStream in = Script.class.getResourceAsStream(name + ".lua")) {
            if (in == null) {
                throw new IllegalStateException("missing script " + name + ".lua");
            }
            source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher include = INCLUDE.matcher(source);
        StringBuilder included = new StringBuilder();
        while (include.find()) {
            include.appendReplacement(included, Matcher.quoteReplacement(read(include.group(1))));
        }
        return include.appendTail(included).toString();
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
