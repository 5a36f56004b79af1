package dev.tollgate.proxy.adapters.in.pgwire.frontend;

import dev.tollgate.proxy.adapters.in.pgwire.protocol.PgWire;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.ssl.SslContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The untyped first messages of a connection: SSLRequest (answered "S" and upgraded to TLS), GSSENCRequest (answered
 * "N"), CancelRequest, and the StartupMessage, capped at 10,000 bytes. After the startup it hands over to a typed-frame
 * decoder.
 */
final class StartupDecoder extends ByteToMessageDecoder {
    private final SslContext tls;
    private boolean encrypted;

    StartupDecoder(SslContext tls) {
        this.tls = tls;
    }

    /** The StartupMessage's parameters. */
    record Startup(Map<String, String> parameters) {
    }

    record Cancel(int processId, int secretKey) {
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < 8) {
            return;
        }
        int length = in.getInt(in.readerIndex());
        if (length < 8 || length > PgWire.MAX_STARTUP_LENGTH) {
            refuse(ctx, in, "invalid length of startup packet");
            return;
        }
        if (in.readableBytes() < length) {
            return;
        }
        int code = in.getInt(in.readerIndex() + 4);
        if (code == PgWire.SSL_REQUEST || code == PgWire.GSSENC_REQUEST) {
            in.skipBytes(8);
            if (in.isReadable()) {
                // Bytes sent before our answer could be injected plaintext (CVE-2021-23214 family): refuse them.
                refuse(ctx, in, "unexpected data after an encryption request");
                return;
            }
            boolean upgrade = code == PgWire.SSL_REQUEST && !encrypted;
            ctx.writeAndFlush(ctx.alloc().buffer(1).writeByte(upgrade ? 'S' : 'N'));
            if (upgrade) {
                encrypted = true;
                ctx.pipeline().addFirst("tls", tls.newHandler(ctx.alloc()));
            }
            return;
        }
        if (code == PgWire.CANCEL_REQUEST && length == 16) {
            in.skipBytes(8);
            out.add(new Cancel(in.readInt(), in.readInt()));
            return;
        }
        if (code != PgWire.PROTOCOL_3_0) {
            refuse(ctx, in, "unsupported frontend protocol " + (code >> 16) + "." + (code & 0xffff));
            return;
        }
        ByteBuf packet = in.readSlice(length);
        packet.skipBytes(8);
        Map<String, String> parameters = new LinkedHashMap<>();
        try {
            while (packet.isReadable() && packet.getByte(packet.readerIndex()) != 0) {
                parameters.put(PgWire.readCString(packet), PgWire.readCString(packet));
            }
        } catch (IllegalArgumentException malformed) {
            refuse(ctx, in, "invalid startup packet layout");
            return;
        }
        // Until the client has logged in, its messages are authentication messages: small (ClientSession widens this).
        ctx.pipeline().replace(this, "frames", new LengthFieldBasedFrameDecoder(PgWire.MAX_AUTH_MESSAGE_LENGTH, 1, 4, -4, 0, true));
        out.add(new Startup(parameters));
    }

    private static void refuse(ChannelHandlerContext ctx, ByteBuf in, String message) {
        in.skipBytes(in.readableBytes());
        ctx.writeAndFlush(PgWire.fatal(ctx.alloc(), "08P01", message)).addListener(ChannelFutureListener.CLOSE);
    }
}
