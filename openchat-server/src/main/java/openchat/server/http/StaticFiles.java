package openchat.server.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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

    /** A file's bytes and content type. */
    record File(byte[] bytes, String contentType) {}

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
