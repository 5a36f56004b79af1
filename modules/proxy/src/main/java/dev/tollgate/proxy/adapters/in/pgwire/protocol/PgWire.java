package dev.tollgate.proxy.adapters.in.pgwire.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Builds and reads PostgreSQL v3 protocol messages (the few the proxy writes or inspects itself). */
public final class PgWire {
    public static final int PROTOCOL_3_0 = 196608;
    public static final int SSL_REQUEST = 80877103;
    public static final int GSSENC_REQUEST = 80877104;
    public static final int CANCEL_REQUEST = 80877102;
    public static final int MAX_STARTUP_LENGTH = 10_000;
    /** Before login: a SASL message (PostgreSQL caps its token at 64 KiB) or a password. */
    public static final int MAX_AUTH_MESSAGE_LENGTH = 64 * 1024;
    /** From an upstream server (the tenant's own database): a large row still fits. */
    public static final int MAX_MESSAGE_LENGTH = 256 * 1024 * 1024;

    private PgWire() {
    }

    /** A FATAL ErrorResponse: what a client sees when it is turned away. */
    public static ByteBuf fatal(ByteBufAllocator alloc, String sqlState, String message) {
        ByteBuf body = alloc.buffer();
        field(body, 'S', "FATAL");
        field(body, 'V', "FATAL");
        field(body, 'C', sqlState);
        field(body, 'M', message);
        body.writeByte(0);
        return message(alloc, 'E', body);
    }

    /** An ERROR-level ErrorResponse: the statement failed, the connection stays usable. */
    public static ByteBuf error(ByteBufAllocator alloc, String sqlState, String message) {
        ByteBuf body = alloc.buffer();
        field(body, 'S', "ERROR");
        field(body, 'V', "ERROR");
        field(body, 'C', sqlState);
        field(body, 'M', message);
        body.writeByte(0);
        return message(alloc, 'E', body);
    }

    public static ByteBuf parameterStatus(ByteBufAllocator alloc, String name, String value) {
        ByteBuf body = alloc.buffer();
        cstring(body, name);
        cstring(body, value);
        return message(alloc, 'S', body);
    }

    /** An Execute message for {@code portal}, all rows. */
    public static ByteBuf execute(ByteBufAllocator alloc, String portal) {
        ByteBuf body = alloc.buffer();
        cstring(body, portal);
        body.writeInt(0);
        return message(alloc, 'E', body);
    }

    public static ByteBuf readyForQuery(ByteBufAllocator alloc, char status) {
        return alloc.buffer(6).writeByte('Z').writeInt(5).writeByte(status);
    }

    /** A message with no body, such as ParseComplete ('1') or CloseComplete ('3'). */
    public static ByteBuf empty(ByteBufAllocator alloc, char type) {
        return alloc.buffer(5).writeByte(type).writeInt(4);
    }

    /** A simple-protocol Query. */
    public static ByteBuf query(ByteBufAllocator alloc, String sql) {
        ByteBuf body = alloc.buffer();
        cstring(body, sql);
        return message(alloc, 'Q', body);
    }

    public static ByteBuf authentication(ByteBufAllocator alloc, int code, byte[] payload) {
        ByteBuf body = alloc.buffer(4 + payload.length).writeInt(code).writeBytes(payload);
        return message(alloc, 'R', body);
    }

    public static ByteBuf authenticationSasl(ByteBufAllocator alloc, String mechanism) {
        return authentication(alloc, 10, (mechanism + "\0\0").getBytes(StandardCharsets.UTF_8));
    }

    public static ByteBuf backendKeyData(ByteBufAllocator alloc, int processId, int secretKey) {
        return message(alloc, 'K', alloc.buffer(8).writeInt(processId).writeInt(secretKey));
    }

    public static ByteBuf startup(ByteBufAllocator alloc, Map<String, String> parameters) {
        ByteBuf body = alloc.buffer();
        body.writeInt(0).writeInt(PROTOCOL_3_0);
        parameters.forEach((k, v) -> {
            cstring(body, k);
            cstring(body, v);
        });
        body.writeByte(0);
        body.setInt(0, body.readableBytes());
        return body;
    }

    public static ByteBuf sslRequest(ByteBufAllocator alloc) {
        return alloc.buffer(8).writeInt(8).writeInt(SSL_REQUEST);
    }

    public static ByteBuf cancelRequest(ByteBufAllocator alloc, int processId, int secretKey) {
        return alloc.buffer(16).writeInt(16).writeInt(CANCEL_REQUEST).writeInt(processId).writeInt(secretKey);
    }

    /** A password-family message ({@code p}) carrying raw bytes. */
    public static ByteBuf password(ByteBufAllocator alloc, byte[] data) {
        return message(alloc, 'p', alloc.buffer(data.length).writeBytes(data));
    }

    public static ByteBuf saslInitialResponse(ByteBufAllocator alloc, String mechanism, String data) {
        byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        ByteBuf body = alloc.buffer();
        cstring(body, mechanism);
        body.writeInt(bytes.length).writeBytes(bytes);
        return message(alloc, 'p', body);
    }

    public static ByteBuf message(ByteBufAllocator alloc, char type, ByteBuf body) {
        ByteBuf out = alloc.buffer(5 + body.readableBytes());
        out.writeByte(type).writeInt(4 + body.readableBytes()).writeBytes(body);
        body.release();
        return out;
    }

    public static String readCString(ByteBuf in) {
        int end = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) 0);
        if (end < 0) {
            throw new IllegalArgumentException("unterminated string");
        }
        String value = in.toString(in.readerIndex(), end - in.readerIndex(), StandardCharsets.UTF_8);
        in.readerIndex(end + 1);
        return value;
    }

    /** The byte at {@code index}, which must lie within the message (a buffer's capacity may reach further). */
    public static byte byteAt(ByteBuf in, int index) {
        if (index >= in.writerIndex()) {
            throw new IllegalArgumentException("message too short");
        }
        return in.getByte(index);
    }

    /** The index just past the NUL-terminated string at {@code index}, found without decoding it. */
    public static int afterCString(ByteBuf in, int index) {
        int end = index < in.writerIndex() ? in.indexOf(index, in.writerIndex(), (byte) 0) : -1;
        if (end < 0) {
            throw new IllegalArgumentException("unterminated string");
        }
        return end + 1;
    }

    /** Reads a NUL-terminated string at {@code index} without moving the reader index. */
    public static String cStringAt(ByteBuf in, int index) {
        int end = index < in.writerIndex() ? in.indexOf(index, in.writerIndex(), (byte) 0) : -1;
        if (end < 0) {
            throw new IllegalArgumentException("unterminated string");
        }
        return in.toString(index, end - index, StandardCharsets.UTF_8);
    }

    /** The fields of an ErrorResponse frame (type byte and length already consumed). */
    public static String errorField(ByteBuf body, char code) {
        ByteBuf copy = body.duplicate();
        while (copy.isReadable()) {
            byte type = copy.readByte();
            if (type == 0) {
                break;
            }
            String value = readCString(copy);
            if (type == code) {
                return value;
            }
        }
        return null;
    }

    private static void field(ByteBuf body, char code, String value) {
        body.writeByte(code);
        cstring(body, value);
    }

    public static void cstring(ByteBuf body, String value) {
        body.writeBytes(value.getBytes(StandardCharsets.UTF_8)).writeByte(0);
    }
}
