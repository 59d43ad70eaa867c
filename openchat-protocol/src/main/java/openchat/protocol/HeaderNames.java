package openchat.protocol;

/** The header fields OCP/1.0 defines. Names compare case-insensitively on the wire. */
public final class HeaderNames {
    public static final String ADMIN_KEY = "Admin-Key";
    public static final String CAPACITY = "Capacity";
    public static final String CONTENT_LENGTH = "Content-Length";
    public static final String CONTENT_TYPE = "Content-Type";
    public static final String DATE = "Date";
    public static final String FROM = "From";
    public static final String MEMBERS = "Members";
    public static final String NAME = "Name";
    public static final String QUIET = "Quiet";
    public static final String REASON = "Reason";
    public static final String REQUEST_ID = "Request-Id";
    public static final String RETRY_AFTER = "Retry-After";
    public static final String ROLE = "Role";
    public static final String SEQ = "Seq";

    /** The one Content-Type a SEND carries and a MESSAGE event repeats. */
    public static final String TEXT_UTF8 = "text/plain; charset=utf-8";

    private HeaderNames() {
    }
}
