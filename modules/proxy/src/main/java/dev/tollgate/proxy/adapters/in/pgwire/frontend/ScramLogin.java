package dev.tollgate.proxy.adapters.in.pgwire.frontend;

import dev.tollgate.proxy.adapters.in.pgwire.protocol.PgWire;
import dev.tollgate.proxy.domain.Scram;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;

/**
 * The server side of one client's SASL login: SCRAM-SHA-256 offered in AuthenticationSASL, the SASLInitialResponse
 * (client-first) and SASLResponse (client-final) read off the wire and checked by {@link Scram.ServerExchange}.
 */
final class ScramLogin {
    private final Scram.ServerExchange exchange;

    ScramLogin(Scram.Secret secret) {
        this.exchange = new Scram.ServerExchange(secret);
    }

    /** AuthenticationSASL naming the one mechanism the proxy accepts. */
    ByteBuf offer(ByteBufAllocator alloc) {
        return PgWire.authenticationSasl(alloc, Scram.MECHANISM);
    }

    /** A SASLInitialResponse's body: server-first, or null when the mechanism or the message is wrong. */
    String first(ByteBuf body) {
        String mechanism = PgWire.readCString(body);
        int length = body.readInt();
        return Scram.MECHANISM.equals(mechanism) && length >= 0 && length <= body.readableBytes()
                ? exchange.serverFirst(body.readCharSequence(length, StandardCharsets.UTF_8).toString()) : null;
    }

    /** A SASLResponse's body: server-final when the client proved it knows the password, else null. */
    String last(ByteBuf body) {
        return exchange.serverFinal(body.toString(StandardCharsets.UTF_8));
    }
}
