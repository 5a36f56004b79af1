package dev.tollgate.proxy.adapters.in.pgwire.relay;

import dev.tollgate.proxy.adapters.in.pgwire.backend.ServerConnection;
import dev.tollgate.proxy.adapters.in.pgwire.protocol.PgWire;
import dev.tollgate.proxy.adapters.in.pgwire.protocol.StatementNames;
import dev.tollgate.proxy.adapters.in.pgwire.relay.ReplyQueue.Kind;
import io.netty.buffer.ByteBuf;
import java.util.HashMap;
import java.util.Map;

/**
 * A client's named prepared statements across the servers it is given: each is renamed to the pool's name for its
 * query ({@link StatementNames}) and prepared on whichever server runs it (a Parse injected before Bind or Describe,
 * its ParseComplete swallowed). A Parse the server already has, and every Close of a statement, are answered by the
 * proxy in order: the server keeps the statement for the next client that prepares the same query.
 */
final class StatementRenaming {
    /**
     * A client's named statement: the pool's name for it, the Parse that prepares it under that name, and what its SQL
     * changes in a session ({@link dev.tollgate.proxy.adapters.in.pgwire.protocol.SessionChanges} flags), owed again by
     * every execution.
     */
    private record ClientStatement(String serverName, ByteBuf parse, int sessionFlags) {
    }

    private final ClientRelay relay;
    private final Flow flow;
    private final ServerLease lease;
    private final ReplyQueue replies;
    private final StatementNames names;
    private final Map<String, ClientStatement> statements = new HashMap<>();

    StatementRenaming(ClientRelay relay, Flow flow, ServerLease lease, ReplyQueue replies, StatementNames names) {
        this.relay = relay;
        this.flow = flow;
        this.lease = lease;
        this.replies = replies;
        this.names = names;
    }

    void parse(ByteBuf message) {
        int body = message.readerIndex() + 5;
        String name = PgWire.cStringAt(message, body);
        if (name.isEmpty()) {
            lease.noteSessionChanges(message, body + 1);
            relay.expect(Kind.PARSE);
            flow.toServer(message);
            return;
        }
        int definition = PgWire.afterCString(message, body);
        PgWire.afterCString(message, definition); // the query text ends with its NUL, or the message is malformed
        int end = message.readerIndex() + message.readableBytes();
        int flags = lease.noteSessionChanges(message, definition);
        String serverName = names.nameFor(message.slice(definition, end - definition));
        ByteBuf parse = flow.alloc().buffer(6 + serverName.length() + end - definition);
        parse.writeByte('P').writeInt(0);
        PgWire.cstring(parse, serverName);
        parse.writeBytes(message, definition, end - definition);
        parse.setInt(1, parse.writerIndex() - 1);
        message.release();
        ClientStatement previous = statements.put(name, new ClientStatement(serverName, parse, flags));
        if (previous != null) {
            previous.parse().release();
        }
        if (relay.skippingToSync()) {
            return; // the server skips it after an error; so do we
        }
        ServerConnection server = relay.server();
        if (server.hasStatement(serverName)) {
            replies.expect(Kind.SYNTHETIC_PARSE_COMPLETE);
            replies.answerSynthetic();
        } else {
            server.preparing(serverName);
            replies.expectParse(Kind.PARSE, serverName);
            flow.toServer(parse.retainedDuplicate());
        }
    }

    void bind(ByteBuf message) {
        int body = message.readerIndex() + 5;
        int statementAt = PgWire.afterCString(message, body);
        String name = PgWire.cStringAt(message, statementAt);
        ClientStatement statement = name.isEmpty() ? null : statements.get(name);
        if (statement == null) {
            relay.expect(Kind.BIND);
            flow.toServer(message); // unnamed, or unknown: the server answers as it would without the proxy
            return;
        }
        prepareOnServer(statement);
        lease.changedSession(statement.sessionFlags()); // a named statement taking a lock, say, takes it at every execution
        int rest = PgWire.afterCString(message, statementAt);
        int end = message.readerIndex() + message.readableBytes();
        ByteBuf bind = flow.alloc().buffer(message.readableBytes() + statement.serverName().length());
        bind.writeByte('B').writeInt(0);
        bind.writeBytes(message, body, statementAt - body);
        PgWire.cstring(bind, statement.serverName());
        bind.writeBytes(message, rest, end - rest);
        bind.setInt(1, bind.writerIndex() - 1);
        message.release();
        relay.expect(Kind.BIND);
        flow.toServer(bind);
    }

    void describe(ByteBuf message) {
        int body = message.readerIndex() + 5;
        if (PgWire.byteAt(message, body) != 'S') {
            relay.expect(Kind.DESCRIBE_PORTAL);
            flow.toServer(message);
            return;
        }
        String name = PgWire.cStringAt(message, body + 1);
        ClientStatement statement = name.isEmpty() ? null : statements.get(name);
        if (statement == null) {
            relay.expect(Kind.DESCRIBE_STATEMENT);
            flow.toServer(message);
            return;
        }
        message.release();
        prepareOnServer(statement);
        ByteBuf describe = flow.alloc().buffer(7 + statement.serverName().length());
        describe.writeByte('D').writeInt(0).writeByte('S');
        PgWire.cstring(describe, statement.serverName());
        describe.setInt(1, describe.writerIndex() - 1);
        relay.expect(Kind.DESCRIBE_STATEMENT);
        flow.toServer(describe);
    }

    void close(ByteBuf message) {
        int body = message.readerIndex() + 5;
        String name = PgWire.cStringAt(message, body + 1);
        if (PgWire.byteAt(message, body) != 'S' || name.isEmpty()) {
            relay.expect(Kind.CLOSE);
            flow.toServer(message);
            return;
        }
        // The server keeps the statement for the next client that prepares the same query; the client is told it is closed.
        message.release();
        ClientStatement statement = statements.remove(name);
        if (statement != null) {
            statement.parse().release();
        }
        if (!relay.skippingToSync()) {
            replies.expect(Kind.SYNTHETIC_CLOSE_COMPLETE);
            replies.answerSynthetic();
        }
    }

    /** Injects the statement's Parse when the current server does not have it yet; its ParseComplete is swallowed. */
    private void prepareOnServer(ClientStatement statement) {
        ServerConnection server = relay.server();
        if (!relay.skippingToSync() && !server.hasStatement(statement.serverName())) {
            server.preparing(statement.serverName());
            replies.expectParse(Kind.PARSE_SILENT, statement.serverName());
            flow.toServer(statement.parse().retainedDuplicate());
        }
    }

    /** The client is gone: its statements' Parse messages are released. */
    void releaseAll() {
        statements.values().forEach(statement -> statement.parse().release());
        statements.clear();
    }
}
