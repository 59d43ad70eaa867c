package openchat.server.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * A web origin as {@code --allowed-origins} takes it and a browser sends it (RFC 6454): scheme, host and port, compared
 * in one spelling. Scheme and host in lower case (they are case-insensitive), no default port ({@code :80} for http,
 * {@code :443} for https), and no trailing {@code /}, which names no path: {@code HTTP://LOCALHOST:42050/} is
 * {@code http://localhost:42050}. A path, a query, a fragment or user information is no part of an origin, and is
 * refused with a sentence that names it.
 */
public final class WebOrigin {
    private WebOrigin() {}

    /** {@code origin} in its one spelling, or {@code *}; throws a {@link ConfigRefusal} saying what is wrong. */
    public static String normalize(String origin) {
        if (origin.equals("*")) {
            return origin;
        }
        Problem problem = problem(origin).orElse(null);
        if (problem != null) {
            throw new ConfigRefusal("refusal.allowedOrigins." + problem.kind(), origin, problem.detail());
        }
        return parsed(origin).orElseThrow();
    }

    /** What is wrong with an origin: a catalog key's last word ({@code refusal.allowedOrigins.path}) and its detail. */
    private record Problem(String kind, String detail) {}

    /** What a browser's {@code Origin} header holds, in the same spelling; as it came when it is no origin. */
    public static String lenient(String origin) {
        return parsed(origin).orElse(origin);
    }

    private static Optional<Problem> problem(String origin) {
        URI uri;
        try {
            uri = new URI(origin);
        } catch (URISyntaxException e) {
            return Optional.of(new Problem("notUrl", e.getReason()));
        }
        if (uri.getScheme() == null || uri.isOpaque()) {
            return Optional.of(new Problem("noScheme", ""));
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of(new Problem("scheme", uri.getScheme()));
        }
        if (uri.getHost() == null) {
            return Optional.of(new Problem("noHost", ""));
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of(new Problem("userInfo", uri.getRawUserInfo()));
        }
        if (uri.getRawPath() != null
                && !uri.getRawPath().isEmpty()
                && !uri.getRawPath().equals("/")) {
            return Optional.of(new Problem("path", uri.getRawPath()));
        }
        if (uri.getRawQuery() != null) {
            return Optional.of(new Problem("query", uri.getRawQuery()));
        }
        if (uri.getRawFragment() != null) {
            return Optional.of(new Problem("fragment", uri.getRawFragment()));
        }
        return Optional.empty();
    }

    private static Optional<String> parsed(String origin) {
        if (problem(origin).isPresent()) {
            return Optional.empty();
        }
        URI uri = URI.create(origin);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort =
                port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
    }
}
