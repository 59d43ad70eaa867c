package openchat.client;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import openchat.core.OpenchatHome;
import openchat.core.RoomNames;
import openchat.protocol.OcpDecoderConfig;
import openchat.protocol.OcpMessage;

/**
 * What the client needs to start: who, where, in which room and in which language.
 *
 * @param adminKeyFile where the administrator's key is, or null for {@code $HOME/.openchat/admin.key}
 * @param tls          how to check the server over TLS, or {@link ClientTls#OFF}
 * @param room         the room to join first; {@link RoomNames#LOBBY} unless told
 * @param roomKeysFile where the keys of registered rooms this client got are kept ({@link RoomKeys}), or null for
 *                     {@code $HOME/.openchat/room-keys}
 */
public record ClientConfig(
        String name,
        String host,
        int port,
        Path adminKeyFile,
        Locale locale,
        ClientTls tls,
        String room,
        Path roomKeysFile) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = OcpMessage.DEFAULT_PORT;
    /** The largest chat line the server accepts, in UTF-8 bytes: its default body limit. */
    public static final int MAX_MESSAGE_BYTES = OcpDecoderConfig.DEFAULT_MAX_BODY_SIZE;

    public ClientConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(room, "room");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535: " + port);
        }
        RoomNames.checkNew(room).ifPresent(problem -> {
            throw new IllegalArgumentException("room '" + room + "': " + problem.english());
        });
    }

    /** With the room keys in {@code $HOME/.openchat/room-keys}. */
    public ClientConfig(
            String name, String host, int port, Path adminKeyFile, Locale locale, ClientTls tls, String room) {
        this(name, host, port, adminKeyFile, locale, tls, room, null);
    }

    /** Starting in the lobby. */
    public ClientConfig(String name, String host, int port, Path adminKeyFile, Locale locale, ClientTls tls) {
        this(name, host, port, adminKeyFile, locale, tls, RoomNames.LOBBY);
    }

    /** Plain TCP, starting in the lobby. */
    public ClientConfig(String name, String host, int port, Path adminKeyFile, Locale locale) {
        this(name, host, port, adminKeyFile, locale, ClientTls.OFF);
    }

    /** The key file to read: the one given, or {@code $HOME/.openchat/admin.key} (HOME from the environment). */
    public Path adminKeyFileOrDefault() {
        if (adminKeyFile != null) {
            return adminKeyFile;
        }
        return OpenchatHome.adminKeyFile();
    }

    /** The room keys' file: the one given, or {@code $HOME/.openchat/room-keys} (HOME from the environment). */
    public Path roomKeysFileOrDefault() {
        return roomKeysFile != null ? roomKeysFile : OpenchatHome.directory().resolve(RoomKeys.FILE_NAME);
    }

    /** This configuration with its room keys kept in {@code file}. */
    public ClientConfig withRoomKeysFile(Path file) {
        return new ClientConfig(name, host, port, adminKeyFile, locale, tls, room, file);
    }
}
