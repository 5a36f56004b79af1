package dev.tollgate.proxy.adapters.in.pgwire;

import io.netty.buffer.ByteBuf;

/**
 * Spots SQL that changes session state a pooled server would carry to its next client: a statement starting with
 * {@code SET}, {@code RESET}, {@code DISCARD} or {@code DEALLOCATE}, or a call of {@code set_config}. It reads the
 * query text without decoding it; comments and string literals are skipped. A false alarm only costs a reset.
 */
final class SessionChanges {
    /** Settings may differ from what the proxy believes: reset them before the server is pooled. */
    static final int SETTINGS = 1;
    /** Prepared statements may be gone: forget and drop them before the server is pooled. */
    static final int STATEMENTS = 2;

    private SessionChanges() {
    }

    /** Flags for the NUL-terminated query text starting at {@code from}. */
    static int scan(ByteBuf sql, int from) {
        int end = sql.writerIndex();
        int flags = 0;
        boolean statementStart = true;
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
                i = skipTo(sql, i + 1, end, b);
                statementStart = false;
            } else if (identifierStart(b)) {
                int start = i;
                while (i < end && identifierPart(sql.getByte(i))) {
                    i++;
                }
                int length = i - start;
                if (statementStart) {
                    if (is(sql, start, length, "set") || is(sql, start, length, "reset")) {
                        flags |= SETTINGS;
                    } else if (is(sql, start, length, "discard")) {
                        flags |= SETTINGS | STATEMENTS;
                    } else if (is(sql, start, length, "deallocate")) {
                        flags |= STATEMENTS;
                    }
                }
                if (is(sql, start, length, "set_config")) {
                    flags |= SETTINGS;
                }
                statementStart = false;
            } else {
                statementStart = false;
                i++;
            }
        }
        return flags;
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
