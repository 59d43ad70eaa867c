package openchat.server.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import openchat.server.config.ServerConfig;

/**
 * The web client's files, read once from the classpath folder {@code openchat/web/} (in the jar; nothing is fetched
 * from elsewhere and nothing is built at run time). A path names a file directly under that folder: no
 * subfolders, no {@code ..}, nothing else on the classpath can be reached.
 *
 * <p>The page is named after the network ({@code --network-name}): {@code index.html}'s title and its two brand
 * headings say {@code openchat}, the default name, and are given the configured one instead; the page's script keeps
 * the title it finds ({@code i18n.js}). Unnamed, the files are served exactly as they are.
 *
 * <p>Each file has an entity tag made from its bytes as served, so that a browser holding a file asks whether it
 * changed ({@code If-None-Match}) and is answered 304 without the file while it has not: a reload fetches a few hundred
 * bytes instead of the page's scripts, and a new version of the server is seen at the next load all the same.
 */
final class StaticFiles {
    private static final String FOLDER = "openchat/web/";
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "mjs", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "json", "application/json",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "txt", "text/plain; charset=utf-8");

    /** A file's bytes, content type and entity tag (quoted: {@code "…"}, as it is sent). */
    record File(byte[] bytes, String contentType, String etag) {
        File(byte[] bytes, String contentType) {
            this(bytes, contentType, etagOf(bytes));
        }
    }

    private final Map<String, Optional<File>> cache = new ConcurrentHashMap<>();
    /** The network's name, which the page is titled after. */
    private final String network;

    /**
     * {@code network}: a valid network name ({@link ServerConfig#networkNameProblem}), which holds no character HTML
     * would read as markup ({@code < > & " '}).
     */
    StaticFiles(String network) {
        this.network = network;
    }

    /** The file a request path names ({@code /} is {@code index.html}), if there is one. */
    Optional<File> get(String path) {
        String name = path.equals("/") ? "index.html" : path.substring(1);
        if (!name.matches("[A-Za-z0-9_-][A-Za-z0-9_.-]*") || name.contains("..")) {
            return Optional.empty();
        }
        return cache.computeIfAbsent(name, this::load);
    }

    private Optional<File> load(String name) {
        Optional<File> file = read(name);
        if (!name.equals("index.html") || network.equals(ServerConfig.DEFAULT_NETWORK_NAME)) {
            return file;
        }
        return file.map(page -> new File(
                new String(page.bytes(), StandardCharsets.UTF_8)
                        .replace("<title>openchat</title>", "<title>" + network + "</title>")
                        .replace("class=\"brand\">openchat<", "class=\"brand\">" + network + "<")
                        .getBytes(StandardCharsets.UTF_8),
                page.contentType()));
    }

    /** A strong entity tag for {@code bytes}: the first 128 bits of their SHA-256, in base64url. */
    static String etagOf(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return '"' + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16)) + '"';
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * Whether an {@code If-None-Match} field's value names {@code etag}: {@code *}, or the tag among its list, compared
     * weakly (RFC 9110, 13.1.2: a {@code W/} in front is ignored). Null (no such field) names nothing.
     */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String trimmed = tag.strip();
            if (trimmed.equals("*") || (trimmed.startsWith("W/") ? trimmed.substring(2) : trimmed).equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private static Optional<File> read(String name) {
        int dot = name.lastIndexOf('.');
        String type = dot < 0 ? null : TYPES.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
        if (type == null) {
            return Optional.empty();
        }
        try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(FOLDER + name)) {
            return in == null ? Optional.empty() : Optional.of(new File(in.readAllBytes(), type));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the web client's " + name, e);
        }
    }
}
