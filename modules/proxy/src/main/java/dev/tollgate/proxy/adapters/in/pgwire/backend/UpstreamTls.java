package dev.tollgate.proxy.adapters.in.pgwire.backend;

import dev.tollgate.proxy.domain.SslMode;
import dev.tollgate.proxy.adapters.in.pgwire.protocol.PgWire;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * The upstream side of libpq's {@code sslmode}: sends SSLRequest, reads the one-byte answer and, on 'S', puts TLS in
 * front of the connection. {@code require} (and {@code prefer}/{@code allow}) encrypt without checking the
 * certificate, {@code verify-ca} checks it against the JVM's trusted CAs, {@code verify-full} also checks the host
 * name. A server that declines TLS is refused for {@code require} and stricter, used in plain text otherwise.
 */
final class UpstreamTls extends ByteToMessageDecoder {
    private static final SslContext UNVERIFIED = build(true);
    private static final SslContext VERIFIED = build(false);

    private final SslMode mode;
    private final String host;
    private final int port;
    private final Runnable ready;
    private final java.util.function.Consumer<String> refused;

    UpstreamTls(SslMode mode, String host, int port, Runnable ready, java.util.function.Consumer<String> refused) {
        this.mode = mode;
        this.host = host;
        this.port = port;
        this.ready = ready;
        this.refused = refused;
    }

    static boolean wanted(SslMode mode) {
        return mode != SslMode.DISABLE && mode != SslMode.ALLOW;
    }

    void start(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(PgWire.sslRequest(ctx.alloc()));
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        byte answer = in.readByte();
        if (answer == 'S') {
            boolean verify = mode == SslMode.VERIFY_CA || mode == SslMode.VERIFY_FULL;
            SSLEngine engine = (verify ? VERIFIED : UNVERIFIED).newEngine(ctx.alloc(), host, port);
            if (mode == SslMode.VERIFY_FULL) {
                SSLParameters parameters = engine.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                engine.setSSLParameters(parameters);
            }
            SslHandler tls = new SslHandler(engine);
            ctx.pipeline().replace(this, "upstream-tls", tls);
            tls.handshakeFuture().addListener(done -> {
                if (done.isSuccess()) {
                    ready.run();
                } else {
                    refused.accept("TLS with the upstream failed: " + done.cause().getMessage());
                }
            });
        } else if (mode == SslMode.PREFER) {
            ctx.pipeline().remove(this);
            ready.run();
        } else {
            refused.accept("the upstream server does not accept TLS, but the database's ssl_mode is " + mode.wireName());
        }
    }

    private static SslContext build(boolean trustAll) {
        try {
            SslContextBuilder builder = SslContextBuilder.forClient();
            if (trustAll) {
                builder.trustManager(InsecureTrustManagerFactory.INSTANCE);
            }
            return builder.build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS for upstream connections", e);
        }
    }
}
