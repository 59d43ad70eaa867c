package openchat.server;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version the build wrote into {@code openchat-version.properties} (in the application's jar). */
final class ServerVersion {
    private ServerVersion() {}

    /** {@code openchat-VERSION}, or {@code openchat-dev} when run from the modules' classes (tests). */
    static String text() {
        return "openchat-" + number();
    }

    /** The version alone ({@code 1.2.0}), or {@code dev} when run from the modules' classes (tests). */
    static String number() {
        try (InputStream in = ServerVersion.class.getResourceAsStream("/openchat-version.properties")) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                return properties.getProperty("version", "dev");
            }
        } catch (IOException e) {
            // fall through: the version is only shown, never relied on
        }
        return "dev";
    }
}
