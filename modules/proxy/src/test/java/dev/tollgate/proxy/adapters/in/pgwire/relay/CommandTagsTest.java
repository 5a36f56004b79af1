package dev.tollgate.proxy.adapters.in.pgwire.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CommandTagsTest {
    private static long rows(String tag) {
        byte[] text = tag.getBytes(StandardCharsets.US_ASCII);
        ByteBuf frame = Unpooled.buffer().writeByte('C').writeInt(4 + text.length + 1).writeBytes(text).writeByte(0);
        try {
            return CommandTags.rows(frame);
        } finally {
            frame.release();
        }
    }

    @Test
    void theCountIsTheTagsLastNumber() {
        assertEquals(5, rows("SELECT 5"));
        assertEquals(3, rows("INSERT 0 3"));
        assertEquals(1234567, rows("UPDATE 1234567"));
        assertEquals(0, rows("DELETE 0"));
        assertEquals(42, rows("COPY 42"));
    }

    @Test
    void tagsWithoutACountCountNothing() {
        assertEquals(0, rows("CREATE TABLE"));
        assertEquals(0, rows("BEGIN"));
        assertEquals(0, rows(""));
        assertEquals(0, rows("9"), "a number that is not after a space is not a count");
    }
}
