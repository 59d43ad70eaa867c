package openchat.core;

/**
 * What is wrong with a member's name, a room's name or a topic ({@link Names#check}, {@link RoomNames#check},
 * {@code Checks.requireValidTopic}). Each user interface words it in its own language from {@link #kind} and its
 * {@link #argument}: {@link #limit}, or for a name too like a reserved one that name ({@link #like}); {@link #english}
 * is for logs and the command line.
 */
public record TextProblem(Kind kind, int limit, String like) {

    /** A problem with a limit (or none: 0), not about a name it looks like. */
    public TextProblem(Kind kind, int limit) {
        this(kind, limit, "");
    }

    public enum Kind {
        EMPTY,
        /** More code points than {@code limit}. */
        TOO_LONG,
        /** White space at the start or the end. */
        EDGE_SPACE,
        /** A control, format, unassigned, surrogate or private-use character. */
        BAD_CHARACTER,
        /** A room name with something besides letters, digits, '-', '_', '.' and '+'. */
        ROOM_CHARACTERS,
        /** A room name of nothing but dots ({@code .}, {@code ..}), which a URL path reads as a step. */
        ONLY_DOTS,
        /** A control character in a topic, which is one line of text. */
        CONTROL_CHARACTER,
        /** A member's name that is the server's ({@link Names#SERVER}), in some spelling. */
        RESERVED,
        /** A member's name that is an IRC service's ({@link Names#SERVICES}), in some spelling. */
        SERVICE,
        /** A name mixing the Latin, Greek and Cyrillic alphabets ({@link Names#mixesLookalikeAlphabets}). */
        MIXED_ALPHABETS,
        /** A room name holding full- or half-width letters or ligatures: {@link RoomNames#checkNew}. */
        COMPATIBILITY_FORM,
        /**
         * A member's name holding a colon or something that looks like one ({@link Names#holdsColon}): the colon
         * separates the sender from the text in every chat line.
         */
        COLON,
        /**
         * A member's name that holds a spelling of the administrator's and more ({@code 채팅관리자님},
         * {@code 진짜 채팅관리자}, {@code [공지] 채팅관리자}): beside the administrator's own lines it passes for them.
         */
        ADMINISTRATOR_NAME,
        /**
         * A member's name that starts with {@code [} or {@code (}, as the clients' own lines do ({@code [알림]},
         * {@code [공지]}, {@code (귓속말)}), or is a word for the chat itself ({@link Names#SYSTEM_WORDS}).
         */
        SYSTEM_LOOKALIKE,
        /** A member's name that is a word the clients show for the reader itself ({@link Names#SELF_WORDS}). */
        SELF_WORD,
        /**
         * A member's name that looks like a name no member may have ({@link #like}: the administrator's, the server's,
         * an IRC service's, a self word or a system word) without being a spelling of it: the same
         * {@link Names#skeleton} ({@code ѕуѕор} in Cyrillic letters looks like {@code sysop}).
         */
        RESERVED_LOOKALIKE
    }

    static TextProblem of(Kind kind) {
        return new TextProblem(kind, 0);
    }

    /** "it is longer than 32 characters": the problem of a text the sentence around it has named. */
    public String english() {
        return switch (kind) {
            case EMPTY -> "it is empty";
            case TOO_LONG -> "it is longer than " + limit + " characters";
            case EDGE_SPACE -> "it starts or ends with white space";
            case BAD_CHARACTER -> "it holds a control, format or unassigned character";
            case ROOM_CHARACTERS -> "a room name holds only letters, digits, '-', '_', '.' and '+'";
            case ONLY_DOTS -> "a room name is not dots alone";
            case CONTROL_CHARACTER -> "it holds a control character";
            case RESERVED -> "it is the server's name";
            case SERVICE -> "it is the name of an IRC service, which IRC clients send passwords to; this server has none";
            case MIXED_ALPHABETS -> "it mixes Latin, Greek or Cyrillic letters, which look alike";
            case COMPATIBILITY_FORM -> "it holds full-width or half-width letters, ligatures or other compatibility forms";
            case COLON -> "it holds a colon or a character that looks like one, which separates the name from the text"
                    + " in every chat line";
            case ADMINISTRATOR_NAME -> "it holds the administrator's name";
            case SYSTEM_LOOKALIKE -> "it looks like the chat's own lines: it starts with [ or (, or is a word such as"
                    + " admin, server or notice";
            case SELF_WORD -> "it is a word the chat shows in place of your own name ('나', 'me')";
            case RESERVED_LOOKALIKE -> "it looks too much like '" + like + "', a name the chat keeps for itself";
        };
    }

    /**
     * What its sentence ({@link #textKey}) takes as argument 0: the name it looks like for
     * {@link Kind#RESERVED_LOOKALIKE}, else {@link #limit}.
     */
    public Object argument() {
        return kind == Kind.RESERVED_LOOKALIKE ? like : limit;
    }

    /** The key of its sentence in a message bundle: {@code problem.tooLong}, with {@link #limit} as argument 0. */
    public String textKey() {
        return switch (kind) {
            case EMPTY -> "problem.empty";
            case TOO_LONG -> "problem.tooLong";
            case EDGE_SPACE -> "problem.edgeSpace";
            case BAD_CHARACTER -> "problem.badCharacter";
            case ROOM_CHARACTERS -> "problem.roomCharacters";
            case ONLY_DOTS -> "problem.onlyDots";
            case CONTROL_CHARACTER -> "problem.controlCharacter";
            case RESERVED -> "problem.reserved";
            case SERVICE -> "problem.service";
            case MIXED_ALPHABETS -> "problem.mixedAlphabets";
            case COMPATIBILITY_FORM -> "problem.compatibilityForm";
            case COLON -> "problem.colon";
            case ADMINISTRATOR_NAME -> "problem.administratorName";
            case SYSTEM_LOOKALIKE -> "problem.systemLookalike";
            case SELF_WORD -> "problem.selfWord";
            case RESERVED_LOOKALIKE -> "problem.reservedLookalike";
        };
    }
}
