package dev.tollgate.proxy.domain;

import java.util.Arrays;

/**
 * Turns SQL text as a client sent it (a simple-protocol Query or an extended-protocol Parse) into its shape text
 * (ADR 0052): one pass of a PostgreSQL-16-compatible lexer that replaces every literal with {@code $n}, drops
 * comments, canonicalises whitespace and collapses {@code IN} lists of constants, keeping everything else as written.
 *
 * <p>Allocation: one {@link StringBuilder} sized to the input and the resulting {@link String}; no regex, no token
 * objects. Text in which a {@code $} is followed by a digit is scanned once more beforehand, to find its highest
 * existing parameter.
 * Malformed text (an unterminated string, comment or quoted identifier) never throws: the rest of the input is taken
 * as that token.
 */
public final class SqlNormalizer {
    /** What an {@code IN} list of constants becomes after its first element: PostgreSQL 18's pg_stat_statements form. */
    static final String SQUASHED_LIST_TAIL = " /*, ... */)";

    private static final int PREV_NONE = 0;
    /** An operand ended here (identifier, literal, parameter, closing bracket): a following '-' is binary. */
    private static final int PREV_OPERAND = 1;
    /** An operator, opening bracket, comma or keyword ended here: a following '-' is unary. */
    private static final int PREV_OTHER = 2;

    private static final int LIST_NONE = 0;
    private static final int LIST_SAW_IN = 1;
    private static final int LIST_EXPECT_ELEMENT = 2;
    private static final int LIST_AFTER_ELEMENT = 3;
    private static final int LIST_EXPECT_TYPE = 4;

    /**
     * Keywords after which '-' followed by a number is a negative constant (the grammar folds it into the constant).
     * Mostly reserved words: an unreserved one (FIRST, ROWS, ...) may be a column name, where '-' is subtraction.
     */
    private static final String[] UNARY_CONTEXT_KEYWORDS = {
        "SELECT", "WHERE", "AND", "OR", "NOT", "WHEN", "THEN", "ELSE", "CASE", "LIMIT", "OFFSET", "BETWEEN",
        "HAVING", "ON", "RETURNING", "DISTINCT", "BY", "LIKE", "ILIKE", "TO", "ALL", "ANY", "SOME", "IS", "AS",
        "VALUES", "IN", "FROM"
    };

    /** {@link #UNARY_CONTEXT_KEYWORDS} by initial letter, so that an identifier is compared with one or two. */
    private static final String[][] UNARY_CONTEXT_KEYWORDS_BY_INITIAL = new String[26][];

    static {
        for (String keyword : UNARY_CONTEXT_KEYWORDS) {
            int initial = keyword.charAt(0) - 'A';
            String[] bucket = UNARY_CONTEXT_KEYWORDS_BY_INITIAL[initial];
            bucket = bucket == null ? new String[1] : Arrays.copyOf(bucket, bucket.length + 1);
            bucket[bucket.length - 1] = keyword;
            UNARY_CONTEXT_KEYWORDS_BY_INITIAL[initial] = bucket;
        }
    }

    private final String in;
    private final int n;
    private final StringBuilder out;
    private int pos;
    /** The last {@code $n} number handed out (starts at the highest parameter already in the text). */
    private int lastNumber;
    private boolean pendingSpace;
    private boolean tightAfter;
    private int prev = PREV_NONE;

    private int list = LIST_NONE;
    private int listNumberBefore;
    private int listFirstEnd;
    private boolean listFirstIsParameter;

    private SqlNormalizer(String sql) {
        this.in = sql;
        this.n = sql.length();
        this.out = new StringBuilder(n + 16);
    }

    /** The shape text of {@code sql}; an empty string for text that holds only whitespace and comments. */
    public static String normalize(String sql) {
        if (sql == null) {
            throw new IllegalArgumentException("sql must not be null");
        }
        SqlNormalizer normalizer = new SqlNormalizer(sql);
        if (mayHoldParameters(sql)) {
            normalizer.lastNumber = normalizer.highestParameter();
        }
        normalizer.run();
        return normalizer.out.toString();
    }

    /** Cheap test before the pre-scan: some '$' is followed by a digit (perhaps inside a string; the scan tells). */
    private static boolean mayHoldParameters(String sql) {
        for (int i = sql.indexOf('$'); i >= 0 && i + 1 < sql.length(); i = sql.indexOf('$', i + 1)) {
            if (isDigit(sql.charAt(i + 1))) {
                return true;
            }
        }
        return false;
    }

    private void run() {
        while (pos < n) {
            char c = in.charAt(pos);
            char next = pos + 1 < n ? in.charAt(pos + 1) : 0;
            if (isSpace(c)) {
                pos++;
                pendingSpace = true;
            } else if (c == '-' && next == '-') {
                pos = skipLineComment(pos);
                pendingSpace = true;
            } else if (c == '/' && next == '*') {
                pos = skipBlockComment(pos);
                pendingSpace = true;
            } else if (c == '\'') {
                literal(scanString(pos + 1, false));
            } else if (c == '"') {
                word(pos, scanQuotedIdentifier(pos + 1), false);
            } else if (c == '$') {
                dollar(next);
            } else if (isDigit(c) || (c == '.' && isDigit(next))) {
                literal(scanNumber(pos));
            } else if (isIdentStart(c)) {
                identifierOrPrefixedString(c, next);
            } else if (isOperatorChar(c)) {
                operator();
            } else {
                punctuation(c, next);
            }
        }
    }

    // ---- token kinds ----

    private void dollar(char next) {
        if (isDigit(next)) {
            int end = scanDigits(pos + 1);
            int start = pos;
            separate('$', false);
            out.append(in, start, end);
            pos = end;
            element(true);
            prev = PREV_OPERAND;
            return;
        }
        int tagEnd = dollarTagEnd(pos);
        if (tagEnd > 0) {
            literal(scanDollarQuoted(pos, tagEnd));
        } else {
            // A lone '$' is not SQL; keep it as punctuation.
            separate('$', false);
            out.append('$');
            pos++;
            endOther();
        }
    }

    private void identifierOrPrefixedString(char c, char next) {
        char third = pos + 2 < n ? in.charAt(pos + 2) : 0;
        if (next == '\'' && (c == 'e' || c == 'E')) {
            literal(scanString(pos + 2, true));
        } else if (next == '\'' && (c == 'b' || c == 'B' || c == 'x' || c == 'X' || c == 'n' || c == 'N')) {
            literal(scanString(pos + 2, false));
        } else if ((c == 'u' || c == 'U') && next == '&' && third == '\'') {
            literal(scanUescape(scanString(pos + 3, false)));
        } else if ((c == 'u' || c == 'U') && next == '&' && third == '"') {
            word(pos, scanQuotedIdentifier(pos + 3), false);
        } else {
            int end = scanIdentifier(pos);
            boolean keyword = isUnaryContextKeyword(pos, end);
            if (isIn(pos, end)) {
                word(pos, end, true);
                list = LIST_SAW_IN;
            } else {
                word(pos, end, keyword);
            }
        }
    }

    private void word(int start, int end, boolean keyword) {
        separate(in.charAt(start), false);
        out.append(in, start, end);
        pos = end;
        if (list == LIST_EXPECT_TYPE && !keyword) {
            list = LIST_AFTER_ELEMENT;
        } else {
            list = LIST_NONE;
        }
        prev = keyword ? PREV_OTHER : PREV_OPERAND;
    }

    /** Replaces the literal {@code in[pos, end)} with the next {@code $n}. */
    private void literal(int end) {
        separate('$', false);
        out.append('$').append(++lastNumber);
        pos = end;
        element(false);
        prev = PREV_OPERAND;
    }

    private void operator() {
        int end = scanOperator(pos);
        if (end == pos + 1 && in.charAt(pos) == '-' && prev != PREV_OPERAND && numberStartsAt(pos + 1)) {
            literal(scanNumber(pos + 1));
            return;
        }
        separate(in.charAt(pos), false);
        out.append(in, pos, end);
        pos = end;
        endOther();
    }

    private void punctuation(char c, char next) {
        switch (c) {
            case '(' -> {
                separate(c, false);
                out.append(c);
                pos++;
                tightAfter = true;
                prev = PREV_OTHER;
                if (list == LIST_SAW_IN) {
                    list = LIST_EXPECT_ELEMENT;
                    listNumberBefore = lastNumber;
                    listFirstEnd = -1;
                } else {
                    list = LIST_NONE;
                }
            }
            case '[' -> {
                separate(c, false);
                out.append(c);
                pos++;
                tightAfter = true;
                prev = PREV_OTHER;
                list = LIST_NONE;
            }
            case ')', ']' -> {
                if (c == ')' && list == LIST_AFTER_ELEMENT) {
                    squashList();
                } else {
                    separate(c, true);
                    out.append(c);
                    list = LIST_NONE;
                }
                pos++;
                prev = PREV_OPERAND;
            }
            case ',' -> {
                separate(c, true);
                out.append(c);
                pos++;
                if (list == LIST_AFTER_ELEMENT) {
                    if (listFirstEnd < 0) {
                        listFirstEnd = out.length() - 1;
                    }
                    list = LIST_EXPECT_ELEMENT;
                } else {
                    list = LIST_NONE;
                }
                prev = PREV_OTHER;
                pendingSpace = true;
            }
            case ';' -> {
                separate(c, true);
                out.append(c);
                pos++;
                endOther();
            }
            case '.' -> {
                separate(c, true);
                out.append(c);
                pos++;
                tightAfter = true;
                prev = PREV_OTHER;
                list = LIST_NONE;
            }
            case ':' -> {
                if (next == ':') {
                    separate(c, true);
                    out.append("::");
                    pos += 2;
                    tightAfter = true;
                    prev = PREV_OTHER;
                    list = list == LIST_AFTER_ELEMENT ? LIST_EXPECT_TYPE : LIST_NONE;
                } else {
                    separate(c, false);
                    out.append(c);
                    pos++;
                    endOther();
                }
            }
            default -> {
                separate(c, false);
                out.append(c);
                pos++;
                endOther();
            }
        }
    }

    private void endOther() {
        prev = PREV_OTHER;
        list = LIST_NONE;
    }

    /** A literal or parameter was written: it may be an element of an IN list. */
    private void element(boolean parameter) {
        if (list == LIST_EXPECT_ELEMENT) {
            if (listFirstEnd < 0) {
                listFirstIsParameter = parameter; // no comma yet: this is the first element
            }
            list = LIST_AFTER_ELEMENT;
        } else {
            list = LIST_NONE;
        }
    }

    /** {@code IN (c1, c2, ...)} of constants only: keep the first element, then PostgreSQL 18's squashed tail. */
    private void squashList() {
        if (listFirstEnd >= 0) {
            out.setLength(listFirstEnd);
        } else {
            // One element: trim a pending space the separator may have left.
            while (out.length() > 0 && out.charAt(out.length() - 1) == ' ') {
                out.setLength(out.length() - 1);
            }
        }
        lastNumber = listFirstIsParameter ? listNumberBefore : listNumberBefore + 1;
        out.append(SQUASHED_LIST_TAIL);
        pendingSpace = false;
        tightAfter = false;
        list = LIST_NONE;
    }

    /** Writes the single space (or none) owed before a token starting with {@code first}. */
    private void separate(char first, boolean tightBefore) {
        int length = out.length();
        if (length > 0) {
            char last = out.charAt(length - 1);
            boolean space = pendingSpace && !tightBefore && !tightAfter;
            if (!space && isIdentChar(last) && isIdentChar(first)) {
                space = true; // e.g. date'2024-01-01' -> date $1, never date$1
            }
            if (space) {
                out.append(' ');
            }
        }
        pendingSpace = false;
        tightAfter = false;
    }

    private boolean isUnaryContextKeyword(int start, int end) {
        int initial = (in.charAt(start) | 0x20) - 'a';
        String[] bucket = initial >= 0 && initial < 26 ? UNARY_CONTEXT_KEYWORDS_BY_INITIAL[initial] : null;
        if (bucket != null) {
            for (String keyword : bucket) {
                if (keyword.length() == end - start && equalsIgnoringAsciiCase(start, keyword)) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean isIn(int start, int end) {
        return end - start == 2 && equalsIgnoringAsciiCase(start, "IN");
    }

    /** {@code in[start, start + upper.length())} equals {@code upper} (an upper-case ASCII keyword), ignoring case. */
    private boolean equalsIgnoringAsciiCase(int start, String upper) {
        for (int k = 0; k < upper.length(); k++) {
            char c = in.charAt(start + k);
            if (c >= 'a' && c <= 'z') {
                c -= 32;
            }
            if (c != upper.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    // ---- scanners: each returns the index just past its token (n if unterminated) ----

    private int skipLineComment(int p) {
        int i = p + 2;
        while (i < n && in.charAt(i) != '\n' && in.charAt(i) != '\r') {
            i++;
        }
        return i;
    }

    /** Block comments nest in PostgreSQL: {@code /* a /* b *}{@code / c *}{@code /} is one comment. */
    private int skipBlockComment(int p) {
        int depth = 1;
        int i = p + 2;
        while (i < n) {
            char c = in.charAt(i);
            if (c == '/' && i + 1 < n && in.charAt(i + 1) == '*') {
                depth++;
                i += 2;
            } else if (c == '*' && i + 1 < n && in.charAt(i + 1) == '/') {
                i += 2;
                if (--depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return n;
    }

    /**
     * The body of a quoted string from {@code p} (just past the opening quote): {@code ''} is a quote; with
     * {@code backslashEscapes} (E'...') a backslash escapes the next character, otherwise (standard_conforming_strings)
     * it is an ordinary character. Two strings separated by whitespace that includes a newline are one literal (SQL
     * string continuation), as in PostgreSQL's lexer.
     */
    private int scanString(int p, boolean backslashEscapes) {
        int i = p;
        while (i < n) {
            char c = in.charAt(i);
            if (c == '\\' && backslashEscapes) {
                i += 2;
            } else if (c == '\'') {
                if (i + 1 < n && in.charAt(i + 1) == '\'') {
                    i += 2;
                } else {
                    int continued = continuation(i + 1);
                    if (continued < 0) {
                        return i + 1;
                    }
                    i = continued + 1;
                }
            } else {
                i++;
            }
        }
        return n;
    }

    /** Index of the quote that continues a string closed just before {@code p}, or -1. */
    private int continuation(int p) {
        int i = p;
        while (i < n && isHorizontalSpace(in.charAt(i))) {
            i++;
        }
        if (i >= n || (in.charAt(i) != '\n' && in.charAt(i) != '\r')) {
            return -1;
        }
        while (i < n) {
            char c = in.charAt(i);
            if (isSpace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && in.charAt(i + 1) == '-') {
                i = skipLineComment(i);
                if (i >= n) {
                    return -1;
                }
            } else {
                break;
            }
        }
        return i < n && in.charAt(i) == '\'' ? i : -1;
    }

    /** {@code U&'...' UESCAPE '!'}: the escape clause belongs to the literal. */
    private int scanUescape(int p) {
        int i = p;
        while (i < n && isSpace(in.charAt(i))) {
            i++;
        }
        if (i + 7 <= n && in.regionMatches(true, i, "UESCAPE", 0, 7) && (i + 7 == n || !isIdentChar(in.charAt(i + 7)))) {
            int j = i + 7;
            while (j < n && isSpace(in.charAt(j))) {
                j++;
            }
            if (j < n && in.charAt(j) == '\'') {
                return scanString(j + 1, false);
            }
        }
        return p;
    }

    private int scanQuotedIdentifier(int p) {
        int i = p;
        while (i < n) {
            if (in.charAt(i) == '"') {
                if (i + 1 < n && in.charAt(i + 1) == '"') {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return n;
    }

    /** End of {@code $tag$} / {@code $$} starting at {@code p}, or -1 when no dollar-quote opens there. */
    private int dollarTagEnd(int p) {
        int i = p + 1;
        if (i < n && in.charAt(i) == '$') {
            return i + 1;
        }
        if (i >= n || !isIdentStart(in.charAt(i))) {
            return -1;
        }
        i++;
        while (i < n && (isIdentStart(in.charAt(i)) || isDigit(in.charAt(i)))) {
            i++;
        }
        return i < n && in.charAt(i) == '$' ? i + 1 : -1;
    }

    /** The body runs to the same tag; other tags inside are content. */
    private int scanDollarQuoted(int tagStart, int tagEnd) {
        int tagLength = tagEnd - tagStart;
        for (int i = tagEnd; i + tagLength <= n; i++) {
            if (in.charAt(i) == '$' && in.regionMatches(i, in, tagStart, tagLength)) {
                return i + tagLength;
            }
        }
        return n;
    }

    private int scanIdentifier(int p) {
        int i = p + 1;
        while (i < n && isIdentChar(in.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Longest run of operator characters, cut as PostgreSQL's lexer cuts it. */
    private int scanOperator(int p) {
        int i = p;
        while (i < n && isOperatorChar(in.charAt(i))) {
            char c = in.charAt(i);
            if (i > p && ((c == '-' && in.charAt(i - 1) == '-') || (c == '*' && in.charAt(i - 1) == '/'))) {
                i--; // a comment starts inside the run
                break;
            }
            i++;
        }
        int length = i - p;
        if (length > 1 && (in.charAt(p + length - 1) == '+' || in.charAt(p + length - 1) == '-')) {
            boolean special = false;
            for (int k = p; k < p + length - 1 && !special; k++) {
                special = "~!@#^&|`?%".indexOf(in.charAt(k)) >= 0;
            }
            if (!special) {
                // A multi-character operator cannot end in + or - unless it holds one of ~ ! @ # ^ & | ` ? %,
                // so that e.g. a=-1 reads as a = -1.
                do {
                    length--;
                } while (length > 1 && (in.charAt(p + length - 1) == '+' || in.charAt(p + length - 1) == '-'));
            }
        }
        return p + Math.max(length, 1);
    }

    private boolean numberStartsAt(int p) {
        if (p >= n) {
            return false;
        }
        char c = in.charAt(p);
        return isDigit(c) || (c == '.' && p + 1 < n && isDigit(in.charAt(p + 1)));
    }

    /**
     * PostgreSQL 16 numeric literals: decimal integers with single underscores between digits, {@code 0x}/{@code 0o}/
     * {@code 0b} integers, decimals ({@code 1.}, {@code .5}, {@code 1.5}) and an exponent ({@code 1.5e-10}).
     */
    private int scanNumber(int p) {
        if (in.charAt(p) == '0' && p + 1 < n) {
            int radix = switch (in.charAt(p + 1)) {
                case 'x', 'X' -> 16;
                case 'o', 'O' -> 8;
                case 'b', 'B' -> 2;
                default -> 0;
            };
            if (radix != 0) {
                int i = p + 2;
                if (i < n && in.charAt(i) == '_') {
                    i++;
                }
                if (i < n && isRadixDigit(in.charAt(i), radix)) {
                    return scanRadixDigits(i, radix);
                }
            }
        }
        int i = scanDigits(p);
        if (i < n && in.charAt(i) == '.' && !(i + 1 < n && in.charAt(i + 1) == '.')) {
            i = scanDigits(i + 1);
        }
        if (i < n && (in.charAt(i) == 'e' || in.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < n && (in.charAt(j) == '+' || in.charAt(j) == '-')) {
                j++;
            }
            if (j < n && isDigit(in.charAt(j))) {
                i = scanDigits(j);
            }
        }
        return i;
    }

    private int scanDigits(int p) {
        return scanRadixDigits(p, 10);
    }

    private int scanRadixDigits(int p, int radix) {
        int i = p;
        while (i < n) {
            char c = in.charAt(i);
            if (isRadixDigit(c, radix)) {
                i++;
            } else if (c == '_' && i > p && i + 1 < n && isRadixDigit(in.charAt(i + 1), radix)) {
                i += 2;
            } else {
                break;
            }
        }
        return i;
    }

    /** Highest {@code $n} parameter already in the text, skipping strings, comments and quoted identifiers. */
    private int highestParameter() {
        int highest = 0;
        int p = 0;
        while (p < n) {
            char c = in.charAt(p);
            char next = p + 1 < n ? in.charAt(p + 1) : 0;
            if (c == '-' && next == '-') {
                p = skipLineComment(p);
            } else if (c == '/' && next == '*') {
                p = skipBlockComment(p);
            } else if (c == '\'') {
                p = scanString(p + 1, false);
            } else if (c == '"') {
                p = scanQuotedIdentifier(p + 1);
            } else if (c == '$') {
                if (isDigit(next)) {
                    int end = scanDigits(p + 1);
                    int value = 0;
                    for (int i = p + 1; i < end; i++) {
                        char d = in.charAt(i);
                        if (isDigit(d)) {
                            value = value >= 100_000_000 ? value : value * 10 + (d - '0');
                        }
                    }
                    highest = Math.max(highest, value);
                    p = end;
                } else {
                    int tagEnd = dollarTagEnd(p);
                    p = tagEnd > 0 ? scanDollarQuoted(p, tagEnd) : p + 1;
                }
            } else if (isDigit(c) || (c == '.' && isDigit(next))) {
                p = scanNumber(p);
            } else if (isIdentStart(c)) {
                char third = p + 2 < n ? in.charAt(p + 2) : 0;
                if (next == '\'' && (c == 'e' || c == 'E')) {
                    p = scanString(p + 2, true);
                } else if (next == '\'' && "bBxXnN".indexOf(c) >= 0) {
                    p = scanString(p + 2, false);
                } else if ((c == 'u' || c == 'U') && next == '&' && third == '\'') {
                    p = scanString(p + 3, false);
                } else if ((c == 'u' || c == 'U') && next == '&' && third == '"') {
                    p = scanQuotedIdentifier(p + 3);
                } else {
                    p = scanIdentifier(p);
                }
            } else {
                p++;
            }
        }
        return highest;
    }

    // ---- character classes (PostgreSQL's scan.l) ----

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B';
    }

    private static boolean isHorizontalSpace(char c) {
        return c == ' ' || c == '\t' || c == '\f' || c == '\u000B';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isRadixDigit(char c, int radix) {
        return switch (radix) {
            case 16 -> isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            case 8 -> c >= '0' && c <= '7';
            case 2 -> c == '0' || c == '1';
            default -> isDigit(c);
        };
    }

    /** Letters, underscore and every non-ASCII character start an identifier. */
    static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    /** ... and digits and '$' continue one. */
    static boolean isIdentChar(char c) {
        return isIdentStart(c) || isDigit(c) || c == '$';
    }

    private static boolean isOperatorChar(char c) {
        return switch (c) {
            case '~', '!', '@', '#', '^', '&', '|', '`', '?', '+', '-', '*', '/', '%', '<', '>', '=' -> true;
            default -> false;
        };
    }
}
