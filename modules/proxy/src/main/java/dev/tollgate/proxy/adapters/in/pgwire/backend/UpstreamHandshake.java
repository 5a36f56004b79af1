package dev.tollgate.proxy.adapters.in.pgwire.backend;

import dev.tollgate.proxy.application.port.in.ResolveProxyRouteUseCase.ProxyRoute;
import dev.tollgate.proxy.domain.Scram;
import dev.tollgate.proxy.adapters.in.pgwire.protocol.PgWire;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Logs the proxy in to the upstream as the registered user (trust, cleartext, md5 or SCRAM-SHA-256), collects the
 * ParameterStatus messages and BackendKeyData, and reports readiness at the first ReadyForQuery.
 */
final class UpstreamHandshake extends ChannelInboundHandlerAdapter {
    /** What the client must be told once the upstream is ready. */
    record Ready(List<ByteBuf> parameterStatuses, int processId, int secretKey, ByteBuf readyForQuery) {
    }

    private final ProxyRoute route;
    private final Map<String, String> clientParameters;
    private final Consumer<Ready> onReady;
    private final Consumer<ByteBuf> onError;
    private final List<ByteBuf> parameterStatuses = new ArrayList<>();
    private final UpstreamLogins logins;
    private Scram.ClientExchange scram;
    private boolean scramVerified;
    /** Set once the login failed: nothing read after that may still complete it. */
    private boolean finished;
    private int processId;
    private int secretKey;

    UpstreamHandshake(ProxyRoute route, UpstreamLogins logins, Map<String, String> clientParameters, Consumer<Ready> onReady,
                      Consumer<ByteBuf> onError) {
        this.route = route;
        this.logins = logins;
        this.clientParameters = clientParameters;
        this.onReady = onReady;
        this.onError = onError;
    }

    /** Sends the StartupMessage; called once the connection (and TLS, if any) is up. */
    void start(ChannelHandlerContext ctx) {
        Map<String, String> startup = new LinkedHashMap<>();
        startup.put("user", route.username());
        startup.put("database", route.database());
        for (String replayed : List.of("application_name", "client_encoding", "DateStyle", "TimeZone", "extra_float_digits", "search_path")) {
            if (clientParameters.containsKey(replayed)) {
                startup.put(replayed, clientParameters.get(replayed));
            }
        }
        if (route.queryTimeoutMs() > 0) {
            startup.put("options", "-c statement_timeout=" + route.queryTimeoutMs());
        }
        ctx.writeAndFlush(PgWire.startup(ctx.alloc(), startup));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        if (finished) {
            frame.release(); // read in the same batch as the error that ended the login: it must not also succeed
            return;
        }
        char type = (char) frame.getByte(frame.readerIndex());
        try {
            switch (type) {
                case 'R' -> authentication(ctx, frame.slice(frame.readerIndex() + 5, frame.readableBytes() - 5));
                case 'S' -> parameterStatuses.add(frame.retain());
                case 'K' -> {
                    processId = frame.getInt(frame.readerIndex() + 5);
                    secretKey = frame.getInt(frame.readerIndex() + 9);
                }
                case 'Z' -> {
                    ctx.pipeline().remove(this);
                    onReady.accept(new Ready(parameterStatuses, processId, secretKey, frame.retain()));
                }
                case 'E' -> {
                    finished = true;
                    onError.accept(frame.retain());
                }
                default -> { } // NoticeResponse and the like during startup: nothing the client needs
            }
        } finally {
            frame.release();
        }
    }

    private void authentication(ChannelHandlerContext ctx, ByteBuf body) {
        int code = body.readInt();
        switch (code) {
            case 0 -> {
                if (scram != null && !scramVerified) {
                    // An upstream that started SCRAM must prove it knows the password before it is believed.
                    fail(ctx, "28000", "the upstream server reported success before completing SCRAM authentication");
                }
            }
            case 3, 5 -> {
                if (!route.sslMode().mayRevealPassword()) {
                    fail(ctx, "28000", "the upstream asks for the password in " + (code == 3 ? "clear text" : "MD5")
                            + " over a connection whose server certificate was not verified; use ssl_mode verify-full (or disable, "
                            + "if the network is trusted), or SCRAM-SHA-256 on the server");
                } else if (code == 3) {
                    ctx.writeAndFlush(PgWire.password(ctx.alloc(), (route.password() + "\0").getBytes(StandardCharsets.UTF_8)));
                } else {
                    byte[] salt = new byte[4];
                    body.readBytes(salt);
                    ctx.writeAndFlush(PgWire.password(ctx.alloc(), (md5Password(salt) + "\0").getBytes(StandardCharsets.UTF_8)));
                }
            }
            case 10 -> {
                List<String> offered = mechanisms(body);
                if (!offered.contains(Scram.MECHANISM)) {
                    // Only SCRAM-SHA-256-PLUS, say: the proxy cannot bind the client's channel to this one, and answering
                    // with a mechanism the server did not offer is not SCRAM the server asked for.
                    fail(ctx, "28000", "the upstream offers no SASL mechanism the proxy supports (SCRAM-SHA-256 without channel "
                            + "binding): " + String.join(", ", offered));
                    return;
                }
                scram = new Scram.ClientExchange();
                ctx.writeAndFlush(PgWire.saslInitialResponse(ctx.alloc(), Scram.MECHANISM, scram.clientFirst()));
            }
            case 11 -> continueScram(ctx, body.toString(StandardCharsets.UTF_8));
            case 12 -> {
                if (scram == null || !scram.verifyServerFinal(body.toString(StandardCharsets.UTF_8))) {
                    fail(ctx, "28000", "the upstream server failed SCRAM verification");
                } else {
                    scramVerified = true;
                }
            }
            default -> fail(ctx, "28000", "unsupported upstream authentication method " + code);
        }
    }

    /** AuthenticationSASL's list: NUL-terminated names, ended by an empty one (or by the end of the message). */
    private static List<String> mechanisms(ByteBuf body) {
        List<String> names = new ArrayList<>();
        while (body.isReadable() && body.getByte(body.readerIndex()) != 0) {
            int end = body.indexOf(body.readerIndex(), body.writerIndex(), (byte) 0);
            if (end < 0) {
                break; // unterminated: not a name
            }
            names.add(body.readCharSequence(end - body.readerIndex(), StandardCharsets.UTF_8).toString());
            body.skipBytes(1);
        }
        return names;
    }

    /** Validates the server's challenge, derives the key off the event loop (remembered per salt), answers on it. */
    private void continueScram(ChannelHandlerContext ctx, String serverFirst) {
        Scram.Challenge challenge;
        try {
            if (scram == null) {
                throw new Scram.Refused("the upstream continued SCRAM it never started");
            }
            challenge = scram.challenge(serverFirst);
        } catch (Scram.Refused refused) {
            fail(ctx, "28000", refused.getMessage());
            return;
        }
        logins.saltedPassword(route.password(), challenge).whenComplete((salted, error) -> ctx.executor().execute(() -> {
            if (finished || !ctx.channel().isActive()) {
                return;
            }
            if (error != null) {
                fail(ctx, "08006", "could not log in to the upstream: " + error.getMessage());
                return;
            }
            ctx.writeAndFlush(PgWire.password(ctx.alloc(), scram.clientFinal(challenge, salted).getBytes(StandardCharsets.UTF_8)));
        }));
    }

    private void fail(ChannelHandlerContext ctx, String sqlState, String message) {
        finished = true;
        onError.accept(PgWire.fatal(ctx.alloc(), sqlState, message));
        ctx.close();
    }

    /** PostgreSQL's md5: "md5" + md5(md5(password + user) + salt). */
    private String md5Password(byte[] salt) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            String inner = HexFormat.of().formatHex(md5.digest((route.password() + route.username()).getBytes(StandardCharsets.UTF_8)));
            md5.reset();
            md5.update(inner.getBytes(StandardCharsets.UTF_8));
            md5.update(salt);
            return "md5" + HexFormat.of().formatHex(md5.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        onError.accept(PgWire.fatal(ctx.alloc(), "08006", "upstream connection failed: " + cause.getMessage()));
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        onError.accept(PgWire.fatal(ctx.alloc(), "08006", "the upstream server closed the connection during login"));
    }
}
