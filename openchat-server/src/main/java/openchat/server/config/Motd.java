package openchat.server.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The message of the day: the operator's text (the rules, where to ask for help, the next maintenance) that every
 * member is shown as it connects, over IRC as the MOTD (375/372/376), over OCP and the web page as a NOTICE. Read
 * from a UTF-8 file at start and again on SIGHUP, all or nothing, as the administrator key is.
 *
 * <p>The text is the file's lines, each without its line end and trailing white space, a tab made a space, blank
 * lines at the end dropped; at most {@link ServerConfig#MAX_MOTD_BYTES} bytes joined by LF. IRC's formatting codes
 * (bold, colour...) may be used, as ergo and InspIRCd allow in a MOTD: IRC clients show them and OCP clients drop them.
 * Any other control character (an ESC would drive a terminal) is refused, naming the line.
 */
public record Motd(Path file, List<String> lines) {
    /** No file given: IRC clients get the server's own short MOTD, OCP clients nothing. */
    public static final Motd NONE = new Motd(null, List.of());

    /** IRC's formatting codes: bold, colour, hex colour, reset, monospace, italics, strikethrough, underline, reverse. */
    private static final String IRC_FORMATTING = "\u0002\u0003\u0004\u000f\u0011\u001d\u001e\u001f\u0016";

    /**
     * The most of a file read: twice the text's limit, room for CR LF line ends and trailing blanks, which the text
     * drops; a file longer than that is refused unread.
     */
    private static final int MOST_READ = 2 * ServerConfig.MAX_MOTD_BYTES;

    public Motd {
        lines = List.copyOf(lines);
    }

    /** Whether a file was given (an empty one included: it says there is no message today). */
    public boolean configured() {
        return file != null;
    }

    /** The lines joined by LF: the NOTICE's body. */
    public String text() {
        return String.join("\n", lines);
    }

    /**
     * Reads {@code file}; the StartRefusal names it and says what is wrong (missing, a directory, not a regular file,
     * one of {@code secrets}, unreadable, not UTF-8, too long, a control character on line N). A pipe or a device is
     * refused before it is opened (a FIFO would hold the start, or a reload, for ever; {@code /dev/zero} would fill
     * the memory), and at most a few times the limit is read. {@code secrets} are the files the server keeps secret
     * (the administrator key, the TLS key): a MOTD that is one of them, through a link say, would show it to everyone.
     */
    public static Motd load(Path file, java.util.Collection<Path> secrets) throws IOException {
        if (Files.isDirectory(file)) {
            throw new StartRefusal(Sentence.of("start.motd.directory", file));
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new StartRefusal(Sentence.of("start.motd.notFile", file));
        }
        for (Path secret : secrets) {
            if (secret != null && Files.exists(secret) && Files.exists(file) && Files.isSameFile(file, secret)) {
                throw new StartRefusal(Sentence.of("start.motd.secret", file, secret));
            }
        }
        byte[] bytes;
        try (java.io.InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MOST_READ + 1);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new StartRefusal(Sentence.of("start.motd.missing", file), e);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new StartRefusal(Sentence.of("start.motd.denied", file), e);
        } catch (IOException e) {
            throw new StartRefusal(Sentence.of("start.motd.other", file, e.getMessage()), e);
        }
        if (bytes.length > MOST_READ) {
            throw new StartRefusal(
                    Sentence.of("start.motd.tooLong", file, Files.size(file), ServerConfig.MAX_MOTD_BYTES));
        }
        String content;
        try {
            content = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new StartRefusal(Sentence.of("start.motd.notUtf8", file), e);
        }
        if (content.startsWith("\uFEFF")) {
            content = content.substring(1); // a byte order mark some editors write
        }
        List<String> lines = new ArrayList<>();
        String[] raw = content.split("\r?\n", -1);
        for (int i = 0; i < raw.length; i++) {
            String line = raw[i].replace('\t', ' ').stripTrailing();
            int bad = firstControl(line);
            if (bad >= 0) {
                throw new StartRefusal(
                        Sentence.of("start.motd.control", file, i + 1, String.format("U+%04X", line.codePointAt(bad))));
            }
            lines.add(line);
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        Motd motd = new Motd(file, lines);
        int size = motd.text().getBytes(StandardCharsets.UTF_8).length;
        if (size > ServerConfig.MAX_MOTD_BYTES) {
            throw new StartRefusal(Sentence.of("start.motd.tooLong", file, size, ServerConfig.MAX_MOTD_BYTES));
        }
        return motd;
    }

    /** The index of the line's first control character or bidirectional override that is not IRC formatting, or -1. */
    private static int firstControl(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (openchat.core.DisplayText.isSpecial(c) && IRC_FORMATTING.indexOf(c) < 0) {
                return i;
            }
        }
        return -1;
    }
}
