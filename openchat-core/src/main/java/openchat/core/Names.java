package openchat.core;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The rules for member names, shared by server and client.
 *
 * <p>A name is 1 to {@code maxLength} code points, holds no control or format characters and has no
 * leading or trailing white space, and does not mix the Latin, Greek and Cyrillic alphabets (whose letters look
 * alike: {@code Аlice} with a Cyrillic А beside {@code Alice}). Two names are the same when their
 * {@link #key keys} are equal: NFKC normalisation (so that a full-width {@code 유저１} or {@code ｕser} is
 * {@code 유저1} or {@code user}), case folding, and each separator as {@code _} ({@link #plainForm}): {@code Kim Min},
 * {@code kim.min} and {@code Kim_Min} are one name, which a protocol that cannot carry the separators (IRC) shows
 * as {@code Kim_Min}. Every spelling of the administrator's name ({@code 채팅관리자}, {@code 채팅 관리자},
 * {@code 채팅_관리자}, any spacing, separators or width) maps to one key and is reserved for the key holder. Names
 * that are not the same may still look alike ({@code аӏісе} in Cyrillic letters, {@code a1ice}, {@code alice}): their
 * {@link #skeleton} is the same, and no two members' names, nor a member's and a reserved name, may have one. The
 * server's own name ({@link #SERVER}) is no one's: a member holding it would look like the server where the server
 * speaks under its name (IRC's server notices, {@code :openchat NOTICE ...}).
 *
 * <p>What a chat line shows around a name may not be put in one either. A name holds no colon nor anything that looks
 * like one ({@link #holdsColon}): every chat line is {@code [time] NAME : text}, so a member named
 * {@code 채팅관리자 : 서버를 곧 종료합니다.} would have every line read as the administrator's. A name that begins with a
 * spelling of the administrator's ({@code 채팅관리자님}, {@code 채팅 관리자2}) is no one's. Nor are the words the clients
 * show in place of the reader's own name ({@link #SELF_WORDS}: {@code (귓속말) 나 → 한가함 : ...}).
 */
public final class Names {
    /** The administrator's name, as the original chat spelled it. */
    public static final String ADMINISTRATOR = "채팅관리자";

    /**
     * The server's name, as IRC shows it in numerics, server notices and the host of every address, unless the operator
     * names the server otherwise ({@code --server-name}, which must hold a dot, so that no nickname is ever it). Every
     * spelling its {@link #key} folds together ({@code OpenChat}, {@code OPENCHAT}) is refused as a member's name
     * ({@link TextProblem.Kind#RESERVED}), on every protocol and whatever the server's name: irssi shows a NOTICE from
     * {@code openchat!openchat@openchat} much as the server's own.
     */
    public static final String SERVER = "openchat";

    /**
     * The names of the services IRC networks run (ergo's, Anope's, Atheme's): refused as members' names
     * ({@link TextProblem.Kind#SERVICE}) in every spelling their {@link #key} folds together. openchat has no services,
     * and IRC clients configured for another network send passwords to these names on their own
     * ({@code PRIVMSG NickServ :IDENTIFY ...}): a member holding one would collect them.
     */
    public static final List<String> SERVICES = List.of(
            "NickServ",
            "ChanServ",
            "MemoServ",
            "OperServ",
            "HostServ",
            "BotServ",
            "SaslServ",
            "HelpServ",
            "InfoServ",
            "HistServ",
            "StatServ");

    public static final int DEFAULT_MAX_LENGTH = 32;

    /**
     * The words the terminal client and the web page show where the reader's own name would be ({@code (귓속말) 유저1 →
     * 나 : ...}, {@code (private) me → 유저1 : ...}). Every spelling its {@link #key} folds together ({@code ME},
     * full-width {@code ｍｅ}) is refused as a member's name ({@link TextProblem.Kind#SELF_WORD}): a member called
     * {@code 나} would show another's private message as {@code 나 → 나}. Each client's catalog holds these words and no
     * other in those places, which its tests check.
     */
    public static final List<String> SELF_WORDS = List.of("나", "me");

    /**
     * Words for the chat itself, refused as members' names ({@link TextProblem.Kind#SYSTEM_LOOKALIKE}): a line from
     * {@code 서버} or {@code admin} reads as the server's or the administrator's.
     */
    public static final List<String> SYSTEM_WORDS = List.of(
            "관리자",
            "운영자",
            "서버",
            "시스템",
            "알림",
            "공지",
            "admin",
            "administrator",
            "operator",
            "sysop",
            "root",
            "server",
            "system",
            "notice",
            "announcement");

    /** What a name may not start with, as the clients' own lines do ({@code [알림]}, {@code (귓속말)}). */
    private static final String SYSTEM_LINE_STARTS = "[(";

    /**
     * What an administrator's spelling may hold besides its five letters: white space and the separators. Compiled
     * once: every CONNECT checks its name against the administrator's.
     */
    private static final Pattern SPACING = Pattern.compile("[\\s_,*?!@.]+");

    /** The separators a name may hold anywhere: {@link #plainForm} writes each as {@code _}. */
    private static final String SEPARATORS = ",*?!@.";

    /**
     * What looks like a colon, which separates the sender from the text in every chat line, and NFKC keeps as it is
     * (it makes the full-width {@code ：}, the small {@code ﹕} and the vertical {@code ︓} a colon): Unicode's
     * confusables of {@code :} ({@code ∶} ratio, {@code ꞉ ː ˸} modifier letters, {@code ׃} Hebrew sof pasuq,
     * {@code ܃ ܄} Syriac, {@code ᛬} runic, {@code ։} Armenian, {@code ⁚} two-dot punctuation, {@code ︰} the vertical
     * two-dot leader, whose NFKC is {@code ..}, {@code ᠃ ᠉} Mongolian, {@code ꓽ} Lisu) and the Ethiopic wordspace
     * {@code ፡}. The visargas, which look alike too, are in {@link #VISARGAS}.
     */
    private static final String COLON_LOOKALIKES =
            ":\u2236\uA789\u02D0\u02F8\u05C3\u0703\u0704\u16EC\u0589\u205A\uFE30\u1803\u1809\uA4FD\u1361";

    /**
     * The Devanagari and Gujarati visargas ({@code ः}, {@code ઃ}), which look like a colon and are one where they stand
     * alone; after a letter of their script they are part of a word ({@code दुःख}), and a name may hold them there.
     */
    private static final String VISARGAS = "\u0903\u0A83";

    /** What a name may not start with where it is a nickname: {@link #plainForm} writes it as {@code _} there. */
    private static final String LEADING_MARKS = "#&:$+~%";

    /** {@link #isSeparator} for ASCII, tabled: every chat line's sender is shown in its plain form over IRC. */
    private static final boolean[] ASCII_SEPARATOR = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            ASCII_SEPARATOR[c] = isSeparator(c);
        }
    }

    private static final String ADMINISTRATOR_KEY = fold(ADMINISTRATOR);

    private static final String SERVER_KEY = key(SERVER);

    private static final Set<String> SERVICE_KEYS =
            SERVICES.stream().map(Names::key).collect(Collectors.toUnmodifiableSet());

    private static final Set<String> SELF_KEYS =
            SELF_WORDS.stream().map(Names::key).collect(Collectors.toUnmodifiableSet());

    private static final Set<String> SYSTEM_KEYS =
            SYSTEM_WORDS.stream().map(Names::key).collect(Collectors.toUnmodifiableSet());

    private Names() {}

    /** Whether {@code name} is a spelling of one of the {@link #SERVICES}' names. */
    public static boolean isService(String name) {
        return SERVICE_KEYS.contains(key(name));
    }

    /** What is wrong with {@code name} as a member's name, or empty when nothing is. */
    public static Optional<TextProblem> check(String name, int maxLength) {
        return Optional.ofNullable(checked(name, maxLength).problem());
    }

    /**
     * A name {@link #check checked}: what is wrong with it, or for a name with nothing wrong its {@link #skeleton},
     * which the check computes and a claim of the name needs: computed once.
     */
    record Checked(TextProblem problem, String skeleton) {
        private static Checked wrong(TextProblem.Kind kind) {
            return new Checked(TextProblem.of(kind), null);
        }
    }

    /** {@link #check}, with the skeleton of a name that passes. */
    static Checked checked(String name, int maxLength) {
        if (name == null || name.isEmpty()) {
            return Checked.wrong(TextProblem.Kind.EMPTY);
        }
        int length = name.codePointCount(0, name.length());
        if (length > maxLength) {
            return new Checked(new TextProblem(TextProblem.Kind.TOO_LONG, maxLength), null);
        }
        if (!name.strip().equals(name)) {
            return Checked.wrong(TextProblem.Kind.EDGE_SPACE);
        }
        boolean invalid = name.codePoints().anyMatch(c -> {
            int type = Character.getType(c);
            return type == Character.CONTROL
                    || type == Character.FORMAT
                    || type == Character.UNASSIGNED
                    || type == Character.SURROGATE
                    || type == Character.PRIVATE_USE
                    || isInvisible(c);
        });
        if (invalid) {
            return Checked.wrong(TextProblem.Kind.BAD_CHARACTER);
        }
        String folded = fold(name);
        String key = keyOfFolded(folded);
        if (key.equals(SERVER_KEY)) {
            return Checked.wrong(TextProblem.Kind.RESERVED);
        }
        if (SERVICE_KEYS.contains(key)) {
            return Checked.wrong(TextProblem.Kind.SERVICE);
        }
        if (holdsColon(name) || holdsColon(folded)) {
            return Checked.wrong(TextProblem.Kind.COLON);
        }
        if (holdsAdministrator(folded)) {
            return Checked.wrong(TextProblem.Kind.ADMINISTRATOR_NAME);
        }
        if (SELF_KEYS.contains(key)) {
            return Checked.wrong(TextProblem.Kind.SELF_WORD);
        }
        if (SYSTEM_LINE_STARTS.indexOf(folded.charAt(0)) >= 0 || SYSTEM_KEYS.contains(key)) {
            return Checked.wrong(TextProblem.Kind.SYSTEM_LOOKALIKE);
        }
        if (isAdministratorKey(folded)) {
            return new Checked(null, ADMINISTRATOR_KEY); // its key proves it: Admission asks for it
        }
        String skeleton = skeletonOf(name);
        String reserved = Reserved.BY_SKELETON.get(skeleton);
        if (reserved == null && holdsHangul(name)) {
            String drawn = drawnOf(name);
            reserved = Reserved.BY_DRAWING.get(drawn);
            if (reserved == null && drawn.contains(Reserved.ADMINISTRATOR_DRAWN)) {
                return Checked.wrong(TextProblem.Kind.ADMINISTRATOR_NAME);
            }
        }
        if (reserved == null && holdsHangul(name)) {
            if (nearAdministrator(folded)) {
                reserved = ADMINISTRATOR;
            } else if (holdsStaffWord(folded)) {
                return Checked.wrong(TextProblem.Kind.SYSTEM_LOOKALIKE);
            }
        }
        if (reserved != null) {
            return new Checked(new TextProblem(TextProblem.Kind.RESERVED_LOOKALIKE, 0, reserved), null);
        }
        if (mixesLookalikeAlphabets(name)) {
            return Checked.wrong(TextProblem.Kind.MIXED_ALPHABETS);
        }
        return new Checked(null, skeleton);
    }

    /**
     * How {@code name} looks, for telling apart names that pass for one another where their {@link #key keys} differ:
     * {@code аӏісе} in Cyrillic letters, {@code ᴡebcarol} with a small capital, {@code a1ice} with a digit, all of
     * which look like {@code alice}. It is Unicode's confusable skeleton (UTS #39) of the name after NFKC (so that
     * full-width letters are the letters they stand for), then case folded and in its {@link #plainForm}: a name's
     * look and the key it is found by, as ergo does it. The skeleton is taken before the case is folded, since folding
     * first would lose what a capital looks like: {@code AIice} with a capital I is {@code alice}'s skeleton, whose
     * key {@code aiice} it is not. Hangul is kept as it is ({@code Lookalikes.skeleton}), so that Korean names that
     * differ stay apart; the digits and letters around it are mapped ({@code 유저1} looks like {@code 유저l}).
     * Every spelling of the administrator's name has its key as its skeleton. A name in capitals looks like its
     * capitals: {@code ALICE} is another look than {@code alice} (its I looks like an l), though the same name, which
     * its key keeps to one member.
     *
     * <p>Digits count as UTS #39 counts them: {@code 1} looks like {@code l} and {@code I}, {@code 0} like {@code O}
     * and {@code o}, so that {@code a1ice} and {@code alice} are one look; {@code rn} looks like {@code m}. Two
     * members whose names have one skeleton are never connected at once ({@code NAME_LOOKALIKE}), and no member's
     * name has the skeleton of a reserved name ({@link TextProblem.Kind#RESERVED_LOOKALIKE}). A few ordinary names
     * meet this too ({@code bob0} beside {@code bobo}): that is the price of every {@code a1ice}, and the first to
     * connect keeps the name.
     */
    public static String skeleton(String name) {
        String folded = fold(name);
        String skeleton = isAdministratorKey(folded) ? ADMINISTRATOR_KEY : skeletonOf(name);
        return skeleton.equals(name) ? name : skeleton;
    }

    /**
     * The looks a ban compares ({@link Ban#looks}): {@code look}, a name's {@link #skeleton} as written, and the
     * skeleton of its {@code key} (the name in small letters), one when they are the same. {@code trolI} (a capital I)
     * looks like {@code troll} as written, its key {@code troli} like itself; {@code AL1CE} has the look of
     * {@code ALICE} as written and of {@code allce} in small letters.
     */
    static List<String> looks(String look, String key) {
        String ofKey = skeleton(key);
        return ofKey.equals(look) ? List.of(look) : List.of(look, ofKey);
    }

    /**
     * The looks a ban of a name keeps out ({@link Ban#looks}): its {@link #looks}, and the look of the name in
     * capitals, which a name in capitals with a look-alike in it has: a ban of {@code alice} keeps out {@code AL1CE},
     * whose look is that of {@code ALICE}. A name in small letters that looks like the capitals is kept out with them
     * ({@code allce}), as it is from the room while a member named {@code ALICE} is in.
     */
    static List<String> banLooks(String look, String key) {
        List<String> looks = looks(look, key);
        String inCapitals = skeleton(key.toUpperCase(Locale.ROOT));
        return looks.contains(inCapitals)
                ? looks
                : Stream.concat(looks.stream(), Stream.of(inCapitals)).toList();
    }

    private static String skeletonOf(String name) {
        return plainForm(fold(Lookalikes.skeleton(Normalizer.normalize(name, Normalizer.Form.NFKC))));
    }

    /**
     * How a name holding Hangul is drawn, to be compared with the Korean names the chat keeps for itself
     * ({@link Reserved#BY_DRAWING}): {@link Lookalikes#drawn}, in small letters, its spacing left out, and the strokes
     * that pass for Hangul's vowels {@code ㅣ} and {@code ㅡ} written as them ({@code l}, which is also {@code I},
     * {@code 1} and {@code |}; {@code -}). {@code 채팅관ᄅl자} draws as {@code 채팅관리자} does.
     */
    private static String drawnOf(String name) {
        String drawn = Lookalikes.drawn(Normalizer.normalize(name, Normalizer.Form.NFKC))
                .toUpperCase(Locale.ROOT)
                .toLowerCase(Locale.ROOT)
                .replace('l', '\u4E28')
                .replace('-', '\u30FC');
        return SPACING.matcher(drawn).replaceAll("");
    }

    private static boolean holdsHangul(String name) {
        return name.codePoints().anyMatch(Lookalikes::isHangul);
    }

    /**
     * Loads Unicode's confusables now, which takes 0.1 to 0.2 s once, rather than when the first name
     * is checked: a server calls it as it starts, so that no member's connect waits for it.
     */
    public static void loadLookalikes() {
        Reserved.load();
    }

    /**
     * The names no member may have ({@link #ADMINISTRATOR} but with the key, {@link #SERVER}, {@link #SERVICES},
     * {@link #SELF_WORDS}, {@link #SYSTEM_WORDS}) by their {@link #skeleton}: a name that looks like one of them
     * passes for it as well as the name itself would ({@code ѕуѕор} in Cyrillic letters is {@code sysop}). Made when
     * first asked for, with the confusables' data.
     */
    private static final class Reserved {
        static final Map<String, String> BY_SKELETON = bySkeleton();

        /**
         * The reserved names holding Hangul by how they are {@link #drawnOf drawn}: a name holding Hangul that draws as
         * one of them passes for it ({@code 채팅관ᄅ丨자}, {@code 관ᄅl자}).
         */
        static final Map<String, String> BY_DRAWING = byDrawing();

        /** How the administrator's name is drawn: a name holding Hangul whose drawing holds it passes for it. */
        static final String ADMINISTRATOR_DRAWN = drawnOf(ADMINISTRATOR);

        /** Nothing but the class's initialisation, which loads the confusables to make {@link #BY_SKELETON}. */
        static void load() {}

        private static Map<String, String> bySkeleton() {
            return byLook(word -> true, Names::skeleton);
        }

        private static Map<String, String> byDrawing() {
            return byLook(Names::holdsHangul, Names::drawnOf);
        }

        /** The reserved names {@code which} keeps, by {@code look}: the first of those that look alike. */
        private static Map<String, String> byLook(
                java.util.function.Predicate<String> which, java.util.function.UnaryOperator<String> look) {
            Map<String, String> out = new HashMap<>();
            Stream.of(List.of(ADMINISTRATOR, SERVER), SERVICES, SELF_WORDS, SYSTEM_WORDS)
                    .flatMap(List::stream)
                    .filter(which)
                    .forEach(word -> out.putIfAbsent(look.apply(word), word));
            return Map.copyOf(out);
        }
    }

    /**
     * Whether {@code text} holds a colon or a character that looks like one ({@link #COLON_LOOKALIKES}), or a visarga
     * that does not follow a letter of its script. The name is checked as given and after NFKC (which makes
     * {@code ：} a colon, and {@code ︰} two dots).
     */
    static boolean holdsColon(String text) {
        int previous = -1;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (COLON_LOOKALIKES.indexOf(c) >= 0
                    || VISARGAS.indexOf(c) >= 0
                            && (previous < 0
                                    || Character.UnicodeScript.of(previous) != Character.UnicodeScript.of(c))) {
                return true;
            }
            previous = c;
        }
        return false;
    }

    /**
     * Whether a {@link #fold folded} name begins with a spelling of the administrator's name and goes on past it
     * ({@code 채팅관리자님}, {@code 채팅 관리자 2}, {@code 채팅관리자 : 공지}): in a chat line it reads as the administrator
     * saying something. The spellings are those {@link #isAdministrator} knows.
     */
    private static boolean holdsAdministrator(String folded) {
        String compact = compact(folded);
        return compact.length() > ADMINISTRATOR_KEY.length() && compact.contains(ADMINISTRATOR_KEY);
    }

    /**
     * The Korean words for the chat's staff, which a name may not hold ({@code 채팅운영자}, {@code 서버관리자},
     * {@code 운영진2}): with them a member passes for staff in every line it says (trial 13: {@code 채팅운영자} whispered
     * to a room's owner for its key). {@link #SYSTEM_WORDS} keeps the words alone.
     */
    static final List<String> STAFF_WORDS = List.of("관리자", "운영자", "운영진");

    private static boolean holdsStaffWord(String folded) {
        String compact = compact(folded);
        return STAFF_WORDS.stream().anyMatch(compact::contains);
    }

    /** The administrator's name as the jamo its syllables are written with (Unicode's conjoining jamo). */
    private static final String ADMINISTRATOR_JAMO = jamoOf(ADMINISTRATOR);

    /**
     * Whether a {@link #fold folded} name holds, among its Hangul, the administrator's name with one jamo changed,
     * added or left out ({@code 채팅관리쟈}, {@code 채팅관라자}, {@code 채팅괸리자}, {@code 채팅과리자}): a stroke apart, it
     * reads as the administrator's at a glance (trial 13 spoke and whispered as {@code 채팅관리쟈} beside the
     * administrator), where the confusables' skeletons see different letters.
     */
    private static boolean nearAdministrator(String folded) {
        String jamo = jamoOf(folded);
        int length = ADMINISTRATOR_JAMO.length();
        for (int start = 0; start + length - 1 <= jamo.length(); start++) {
            for (int taken = length - 1; taken <= length + 1 && start + taken <= jamo.length(); taken++) {
                if (withinOneEdit(jamo.substring(start, start + taken), ADMINISTRATOR_JAMO)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code text}'s Hangul as conjoining jamo, everything else left out. */
    private static String jamoOf(String text) {
        StringBuilder jamo = new StringBuilder();
        Normalizer.normalize(text, Normalizer.Form.NFD).codePoints().forEach(c -> {
            if (c >= 0x1100 && c <= 0x11FF) {
                jamo.appendCodePoint(c);
            }
        });
        return jamo.toString();
    }

    /** Whether {@code a} becomes {@code b} by changing, adding or leaving out at most one character. */
    private static boolean withinOneEdit(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        if (Math.abs(a.length() - b.length()) > 1) {
            return false;
        }
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return a.substring(a.length() == b.length() || a.length() > b.length() ? i + 1 : i)
                .equals(b.substring(a.length() == b.length() || b.length() > a.length() ? i + 1 : i));
    }

    /**
     * Whether {@code name} holds letters of more than one of the Latin, Greek and Cyrillic alphabets, whose capitals
     * and many small letters look the same ({@code А}/{@code A}, {@code о}/{@code o}, {@code Ρ}/{@code P}): a name
     * mixing them is how one member passes for another. Hangul, kana, Han and digits mix with any of them freely.
     */
    static boolean mixesLookalikeAlphabets(String name) {
        Character.UnicodeScript seen = null;
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            i += Character.charCount(c);
            if (!Character.isLetter(c)) {
                continue;
            }
            Character.UnicodeScript script = Character.UnicodeScript.of(c);
            if (script != Character.UnicodeScript.LATIN
                    && script != Character.UnicodeScript.GREEK
                    && script != Character.UnicodeScript.CYRILLIC) {
                continue;
            }
            if (seen != null && seen != script) {
                return true;
            }
            seen = script;
        }
        return false;
    }

    /**
     * Characters that show as nothing although Unicode does not class them as format characters: the Hangul fillers
     * (letters, so that {@code 채팅관리자} followed by U+3164 looked exactly like the administrator's name), the
     * combining grapheme joiner, the Khmer inherent vowels, the variation selectors and the Braille blank. With the
     * format characters these are Unicode's default-ignorable code points, and no name or room name may hold one.
     */
    public static boolean isInvisible(int c) {
        return c == 0x115F
                || c == 0x1160
                || c == 0x3164
                || c == 0xFFA0
                || c == 0x034F
                || c == 0x17B4
                || c == 0x17B5
                || c >= 0x180B && c <= 0x180F
                || c >= 0xFE00 && c <= 0xFE0F
                || c >= 0xE0100 && c <= 0xE01EF
                || c == 0x2800;
    }

    public static boolean isValid(String name, int maxLength) {
        return check(name, maxLength).isEmpty();
    }

    /**
     * The identity of a name: NFC, then full case folding (approximated as upper- then lower-casing, which
     * folds ß to ss and final sigma), then NFC again, then its {@link #plainForm}. Administrator spellings all map
     * to one key.
     */
    public static String key(String name) {
        String key = keyOfFolded(fold(name));
        return key.equals(name) ? name : key; // one string, not two, for every member whose name is its own key
    }

    private static String keyOfFolded(String folded) {
        return isAdministratorKey(folded) ? ADMINISTRATOR_KEY : plainForm(folded);
    }

    /**
     * The name with each separator written {@code _}: white space and {@code , * ? ! @ .} anywhere, and
     * {@code # & : $ + ~ %} first. It is the form a name takes where those characters cannot go (an IRC nickname),
     * and names with the same plain form (and case) are one name, so that no two members ever look alike there.
     * A name without separators is its own plain form.
     */
    public static String plainForm(String name) {
        StringBuilder out = null; // made at the first separator: most names have none
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean separator = (c < 128 ? ASCII_SEPARATOR[c] : isSeparator(c)) || i == 0 && isLeadingMark(c);
            if (separator && out == null) {
                out = new StringBuilder(name.length()).append(name, 0, i);
            }
            if (out != null) {
                out.append(separator ? '_' : c);
            }
        }
        return out == null ? name : out.toString();
    }

    /**
     * Whether {@code c} is one of {@link #LEADING_MARKS}, or a compatibility form of one (the full-width {@code ＃},
     * the small {@code ﹟}): {@code ＃chan} as a nickname would read as a channel in an IRC client.
     */
    private static boolean isLeadingMark(char c) {
        if (c < 128) {
            return LEADING_MARKS.indexOf(c) >= 0;
        }
        String nfkc = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFKC);
        return nfkc.length() == 1 && LEADING_MARKS.indexOf(nfkc.charAt(0)) >= 0;
    }

    private static boolean isSeparator(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || SEPARATORS.indexOf(c) >= 0;
    }

    /** True for every spelling of the administrator's name: compatibility forms, any spacing or separators inside. */
    public static boolean isAdministrator(String name) {
        return isAdministratorKey(fold(name));
    }

    private static boolean isAdministratorKey(String folded) {
        return compact(folded).equals(ADMINISTRATOR_KEY);
    }

    /**
     * A folded name without white space and separators anywhere, nor leading marks: the form in which every spelling
     * of the administrator's name is {@link #ADMINISTRATOR_KEY}.
     */
    private static String compact(String folded) {
        String compact = SPACING.matcher(Normalizer.normalize(folded, Normalizer.Form.NFKC))
                .replaceAll("");
        // A leading mark is a separator too (plainForm writes ~채팅관리자 as _채팅관리자), so it is spacing here.
        int start = 0;
        while (start < compact.length() && LEADING_MARKS.indexOf(compact.charAt(start)) >= 0) {
            start++;
        }
        return compact.substring(start);
    }

    /**
     * NFKC, so that compatibility forms (full-width letters and digits, ligatures, circled digits) are the letters they
     * stand for, then case folding.
     */
    private static String fold(String name) {
        String nfkc = Normalizer.normalize(name, Normalizer.Form.NFKC);
        String folded = nfkc.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        return Normalizer.normalize(folded, Normalizer.Form.NFKC);
    }
}
