package dev.tollgate.proxy.adapters.in.pgwire.relay;

import io.netty.buffer.ByteBuf;

/** Reads the row count a CommandComplete reports ("SELECT 5", "INSERT 0 5", "UPDATE 2") without decoding its tag. */
final class CommandTags {
    private CommandTags() {
    }

    /** The count at the end of the tag of a whole CommandComplete frame; 0 when the tag has none ("CREATE TABLE"). */
    static long rows(ByteBuf commandComplete) {
        int start = commandComplete.readerIndex() + 5;
        int end = commandComplete.readerIndex() + commandComplete.readableBytes(); // past the tag's NUL
        int i = end - 1;
        if (i >= start && commandComplete.getByte(i) == 0) {
            i--;
        }
        long rows = 0;
        long scale = 1;
        int digits = 0;
        for (; i >= start; i--) {
            byte b = commandComplete.getByte(i);
            if (b < '0' || b > '9' || digits == 18) {
                break;
            }
            rows += (b - '0') * scale;
            scale *= 10;
            digits++;
        }
        return digits > 0 && i >= start && commandComplete.getByte(i) == ' ' ? rows : 0;
    }
}
