package openchat.protocol;

/**
 * Limits of the {@link OcpDecoder}.
 *
 * <table>
 *   <caption>Defaults</caption>
 *   <tr><th>limit</th><th>default</th><th>over it</th></tr>
 *   <tr><td>{@code maxHeaderSize}: start line, header fields and the empty line, in bytes</td>
 *       <td>8192</td><td>431, connection closed</td></tr>
 *   <tr><td>{@code maxBodySize}: {@code Content-Length}, in bytes</td><td>4096</td>
 *       <td>413, the body is skipped and the connection kept (closed for 2^63 bytes or more)</td></tr>
 * </table>
 */
public record OcpDecoderConfig(int maxHeaderSize, int maxBodySize) {
    public static final int DEFAULT_MAX_HEADER_SIZE = 8 * 1024;
    public static final int DEFAULT_MAX_BODY_SIZE = 4 * 1024;
    public static final OcpDecoderConfig DEFAULT = new OcpDecoderConfig(DEFAULT_MAX_HEADER_SIZE, DEFAULT_MAX_BODY_SIZE);

    public OcpDecoderConfig {
        if (maxHeaderSize < 64) {
            throw new IllegalArgumentException("maxHeaderSize must be at least 64 bytes: " + maxHeaderSize);
        }
        if (maxBodySize < 0) {
            throw new IllegalArgumentException("maxBodySize must not be negative: " + maxBodySize);
        }
    }
}
