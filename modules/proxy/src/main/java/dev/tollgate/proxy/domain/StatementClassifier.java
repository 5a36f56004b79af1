package dev.tollgate.proxy.domain;

/**
 * Classifies shape text (the output of {@link SqlNormalizer}: literals already {@code $n}, comments gone) as a
 * {@link StatementKind} by looking at its tokens only — string contents never reach it. Several statements
 * separated by {@code ;} (simple protocol) take the strongest kind: WRITE over SESSION over READ.
 */
public final class StatementClassifier {
    private static final int END = 0;
    private static final int WORD = 1;
    private static final int QUOTED = 2;
    private static final int PARAMETER = 3;
    private static final int SYMBOL = 4;

    private final String text;
    private final int n;
    private int pos;
    private int type;
    private int start;
    private int end;
    private int depth;

    private StatementClassifier(String text) {
        this.text = text;
        this.n = text.length();
    }

    public static StatementKind classify(String shapeText) {
        if (shapeText == null) {
            throw new IllegalArgumentException("shapeText must not be null");
        }
        StatementClassifier classifier = new StatementClassifier(shapeText);
        StatementKind strongest = StatementKind.READ;
        while (classifier.advance() != END) {
            StatementKind kind = classifier.statement();
            if (kind == StatementKind.WRITE) {
                return kind;
            }
            if (kind == StatementKind.SESSION) {
                strongest = kind;
            }
        }
        return strongest;
    }

    /** Classifies the statement whose first token is current, and consumes it up to its top-level ';'. */
    private StatementKind statement() {
        depth = isSymbol('(') ? 1 : 0; // advance() counts the parentheses after this one
        while (isSymbol('(')) {
            advance();
        }
        StatementKind kind = statementFrom();
        skipToStatementEnd();
        return kind;
    }

    private StatementKind statementFrom() {
        if (type == END || isSymbol(';')) {
            return StatementKind.READ; // an empty statement does nothing
        }
        if (type != WORD) {
            return StatementKind.WRITE;
        }
        if (is("SELECT") || is("VALUES") || is("TABLE") || is("WITH")) {
            return readUnlessItWrites();
        }
        if (is("SHOW")) {
            return StatementKind.READ;
        }
        if (is("EXPLAIN")) {
            return explain();
        }
        if (is("COPY")) {
            return copy();
        }
        if (is("COMMIT") || is("ROLLBACK")) {
            advance();
            return is("PREPARED") ? StatementKind.WRITE : StatementKind.SESSION; // two-phase commit finishes a write
        }
        if (is("PREPARE")) {
            advance();
            return is("TRANSACTION") ? StatementKind.WRITE : StatementKind.SESSION;
        }
        if (is("SET") || is("RESET") || is("BEGIN") || is("START") || is("END") || is("ABORT") || is("SAVEPOINT")
                || is("RELEASE") || is("DISCARD") || is("DEALLOCATE") || is("LISTEN") || is("UNLISTEN")
                || is("DECLARE") || is("FETCH") || is("MOVE") || is("CLOSE")) {
            return StatementKind.SESSION;
        }
        return StatementKind.WRITE;
    }

    /**
     * SELECT, VALUES, TABLE and WITH read unless a data-modifying CTE (INSERT/UPDATE/DELETE/MERGE), a locking clause
     * (FOR UPDATE / NO KEY UPDATE / SHARE / KEY SHARE), SELECT INTO or a sequence call (nextval, setval) appears.
     */
    private StatementKind readUnlessItWrites() {
        while (advance() != END && !(depth <= 0 && isSymbol(';'))) {
            if (type != WORD) {
                continue;
            }
            if (is("INSERT") || is("UPDATE") || is("DELETE") || is("MERGE") || is("INTO")) {
                return StatementKind.WRITE;
            }
            if (is("FOR")) {
                advance();
                if (is("UPDATE") || is("SHARE") || is("NO") || is("KEY")) {
                    return StatementKind.WRITE;
                }
                if (type == END || (depth <= 0 && isSymbol(';'))) {
                    break;
                }
            } else if (is("NEXTVAL") || is("SETVAL")) {
                advance();
                if (isSymbol('(')) {
                    return StatementKind.WRITE;
                }
                if (type == END || (depth <= 0 && isSymbol(';'))) {
                    break;
                }
            }
        }
        return StatementKind.READ;
    }

    /** EXPLAIN only plans; EXPLAIN ANALYZE runs the statement, so it is that statement's kind. */
    private StatementKind explain() {
        boolean analyze = false;
        advance();
        if (isSymbol('(')) {
            int outside = depth - 1;
            while (advance() != END && depth > outside) {
                analyze |= is("ANALYZE") || is("ANALYSE");
            }
            advance(); // past the closing parenthesis
        }
        while (type == WORD && (is("ANALYZE") || is("ANALYSE") || is("VERBOSE"))) {
            analyze |= !is("VERBOSE");
            advance();
        }
        return analyze ? statementFrom() : StatementKind.READ;
    }

    /** COPY … TO writes a file or the client, so it reads; COPY … FROM loads rows. */
    private StatementKind copy() {
        int outer = depth;
        while (advance() != END && !(depth <= outer && isSymbol(';'))) {
            if (type == WORD && depth == outer) {
                if (is("TO")) {
                    return StatementKind.READ;
                }
                if (is("FROM")) {
                    return StatementKind.WRITE;
                }
            }
        }
        return StatementKind.WRITE;
    }

    private void skipToStatementEnd() {
        while (type != END && !(depth <= 0 && isSymbol(';'))) {
            advance();
        }
    }

    // ---- tokens ----

    private boolean is(String keyword) {
        return type == WORD && end - start == keyword.length() && text.regionMatches(true, start, keyword, 0, keyword.length());
    }

    private boolean isSymbol(char c) {
        return type == SYMBOL && end - start == 1 && text.charAt(start) == c;
    }

    /** Moves to the next token and returns its type; tracks the parenthesis depth. */
    private int advance() {
        while (pos < n) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B') {
                pos++;
            } else if (c == '/' && pos + 1 < n && text.charAt(pos + 1) == '*') {
                int close = text.indexOf("*/", pos + 2);
                pos = close < 0 ? n : close + 2;
            } else {
                break;
            }
        }
        start = pos;
        if (pos >= n) {
            end = pos;
            return type = END;
        }
        char c = text.charAt(pos);
        if (c == '"') {
            pos++;
            while (pos < n) {
                if (text.charAt(pos) == '"' && (pos + 1 >= n || text.charAt(pos + 1) != '"')) {
                    pos++;
                    break;
                }
                pos += text.charAt(pos) == '"' ? 2 : 1;
            }
            type = QUOTED;
        } else if (c == '$' && pos + 1 < n && text.charAt(pos + 1) >= '0' && text.charAt(pos + 1) <= '9') {
            pos++;
            while (pos < n && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
                pos++;
            }
            type = PARAMETER;
        } else if (SqlNormalizer.isIdentStart(c)) {
            pos++;
            while (pos < n && SqlNormalizer.isIdentChar(text.charAt(pos))) {
                pos++;
            }
            type = WORD;
        } else {
            pos++;
            type = SYMBOL;
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            }
        }
        end = pos;
        return type;
    }
}
