package dev.tollgate.proxy.adapters.in.pgwire.protocol;

import io.netty.buffer.ByteBuf;

/**
 * Spots SQL that changes session state a pooled server would carry to its next client: a statement starting with
 * {@code SET}, {@code RESET}, {@code DISCARD}, {@code DEALLOCATE} or {@code PREPARE}, a call of {@code set_config},
 * and what only {@code DISCARD ALL} undoes ({@link #SESSION}). It reads the
 * query text without decoding it; comments and string literals are skipped. A false alarm only costs a reset.
 */
public final class SessionChanges {
    /** Settings may differ from what the proxy believes: reset them before the server is pooled. */
    public static final int SETTINGS = 1;
    /** Prepared statements may be gone: forget and drop them before the server is pooled. */
    public static final int STATEMENTS = 2;
    /**
     * State that RESET ALL leaves behind: a role or session authorization, temporary tables, LISTEN, session-level
     * advisory locks, cursors WITH HOLD, loaded libraries, and what a DO block or set_config may set. Only DISCARD ALL
     * removes it all. (A function that does such things inside is not seen; session pooling is for such clients.)
     */
    public static final int SESSION = 4;

    private static final int OTHER = 0;
    private static final int SET = 1;
    private static final int CREATE_OR_SELECT = 2;
    private static final int DECLARE = 3;

    private SessionChanges() {
    }

    /** Flags for the NUL-terminated query text starting at {@code from}. */
    public static int scan(ByteBuf sql, int from) {
        int end = sql.writerIndex();
        int flags = 0;
        boolean statementStart = true;
        int statement = OTHER;
        int words = 0;
        int i = from;
        while (i < end) {
            byte b = sql.getByte(i);
            if (b == 0) {
                break;
            }
            if (b == ';') {
                statementStart = true;
                i++;
            } else if (b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f') {
                i++;
            } else if (b == '-' && i + 1 < end && sql.getByte(i + 1) == '-') {
                i = skipTo(sql, i + 2, end, (byte) '\n');
            } else if (b == '/' && i + 1 < end && sql.getByte(i + 1) == '*') {
                i = skipComment(sql, i + 2, end);
            } else if (b == '\'' || b == '"') {
                if (b == '"' && statement == SET && words < 2) {
                    flags |= SESSION; // SET "role" = …: a quoted setting name could be any of them
                }
                i = skipTo(sql, i + 1, end, b);
                statementStart = false;
            } else if (identifierStart(b)) {
                int start = i;
                while (i < end && identifierPart(sql.getByte(i))) {
                    i++;
                }
                int length = i - start;
                if (statementStart) {
                    words = 0;
                    statement = OTHER;
                    if (is(sql, start, length, "set")) {
                        flags |= SETTINGS;
                        statement = SET;
                    } else if (is(sql, start, length, "reset")) {
                        flags |= SETTINGS;
                    } else if (is(sql, start, length, "discard")) {
                        flags |= SETTINGS | STATEMENTS;
                    } else if (is(sql, start, length, "deallocate") || is(sql, start, length, "prepare")) {
                        flags |= STATEMENTS;
                    } else if (is(sql, start, length, "listen") || is(sql, start, length, "load") || is(sql, start, length, "do")) {
                        flags |= SESSION;
                    } else if (is(sql, start, length, "create") || is(sql, start, length, "select")) {
                        statement = CREATE_OR_SELECT;
                    } else if (is(sql, start, length, "declare")) {
                        statement = DECLARE;
                    }
                } else {
                    words++;
                    flags |= sessionWord(sql, start, length, statement, words);
                }
                if (is(sql, start, length, "set_config")) {
                    flags |= SETTINGS | SESSION; // set_config('role', …) or ('session_authorization', …) outlive RESET ALL
                }
                if (is(sql, start, length, "pg_temp")) {
                    flags |= SESSION; // CREATE TABLE pg_temp.t, CREATE FUNCTION pg_temp.f: temporary without the word
                }
                if (isAdvisoryLock(sql, start, length)) {
                    flags |= SESSION;
                }
                statementStart = false;
            } else {
                statementStart = false;
                i++;
            }
        }
        return flags;
    }

    /** SET ROLE, SET SESSION AUTHORIZATION, CREATE TEMP …, SELECT … INTO TEMP …, DECLARE … WITH HOLD. */
    private static int sessionWord(ByteBuf sql, int start, int length, int statement, int words) {
        boolean session = switch (statement) {
            case SET -> words <= 2 && (is(sql, start, length, "role") || is(sql, start, length, "authorization")
                    || is(sql, start, length, "session_authorization"));
            case CREATE_OR_SELECT -> is(sql, start, length, "temp") || is(sql, start, length, "temporary");
            case DECLARE -> is(sql, start, length, "hold");
            default -> false;
        };
        return session ? SESSION : 0;
    }

    /** The session-level advisory lock functions (the _xact_ ones end with their transaction). */
    private static boolean isAdvisoryLock(ByteBuf sql, int start, int length) {
        return is(sql, start, length, "pg_advisory_lock") || is(sql, start, length, "pg_advisory_lock_shared")
                || is(sql, start, length, "pg_try_advisory_lock") || is(sql, start, length, "pg_try_advisory_lock_shared");
    }

    private static int skipTo(ByteBuf sql, int i, int end, byte terminator) {
        while (i < end && sql.getByte(i) != terminator && sql.getByte(i) != 0) {
            i++;
        }
        return i < end && sql.getByte(i) == terminator ? i + 1 : i;
    }

    private static int skipComment(ByteBuf sql, int i, int end) {
        while (i + 1 < end && sql.getByte(i) != 0 && !(sql.getByte(i) == '*' && sql.getByte(i + 1) == '/')) {
            i++;
        }
        return Math.min(i + 2, end);
    }

    private static boolean identifierStart(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || b == '_' || b < 0;
    }

    private static boolean identifierPart(byte b) {
        return identifierStart(b) || (b >= '0' && b <= '9') || b == '$';
    }

    private static boolean is(ByteBuf sql, int start, int length, String word) {
        if (length != word.length()) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            int c = sql.getByte(start + k);
            if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
