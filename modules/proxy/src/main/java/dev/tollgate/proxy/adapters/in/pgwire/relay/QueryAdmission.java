package dev.tollgate.proxy.adapters.in.pgwire.relay;

import dev.tollgate.proxy.adapters.in.pgwire.protocol.PgWire;
import dev.tollgate.proxy.adapters.in.pgwire.relay.ReplyQueue.Kind;
import dev.tollgate.proxy.domain.OrganizationQuota.Refusal;
import io.netty.buffer.ByteBuf;

/**
 * The tier limits one client's queries pass ({@link QueryLimits}), checked before each Query and Execute it sends,
 * and the refusals. A Query that arrives while the client holds no server is checked before a server is taken for it
 * (a refused one is answered at once and never takes one), and is then not checked a second time when it is sent.
 * A refused Query or Execute sent while holding a server is replaced with one sure to fail, so the transaction fails
 * (or the batch is skipped up to Sync) exactly as PostgreSQL would after an error; that error is answered with the
 * refusal ({@link ReplyQueue}).
 */
final class QueryAdmission {
    private final Flow flow;
    private final ReplyQueue replies;
    private final QueryLimits.Admission admission;
    /** The next Query was admitted before a server was taken for it. */
    private boolean admittedAhead;

    QueryAdmission(Flow flow, ReplyQueue replies, QueryLimits.Admission admission) {
        this.flow = flow;
        this.replies = replies;
        this.admission = admission;
    }

    /**
     * A Query read while the client holds no server: true when it was refused and answered (ErrorResponse, then
     * ReadyForQuery with the client's last transaction status) and released; false when it may take a server.
     */
    boolean refusedBeforeLease(ByteBuf query, char status) {
        Refusal refusal = checkBeforeLease();
        if (refusal == null) {
            return false;
        }
        query.release();
        flow.toClient(PgWire.error(flow.alloc(), refusal.sqlState(), refusal.message()));
        flow.toClient(PgWire.readyForQuery(flow.alloc(), status));
        flow.flushClient();
        return true;
    }

    /** The Query admitted before a lease was answered from the result cache: the next one is checked again. */
    void answeredWithoutServer() {
        admittedAhead = false;
    }

    /** A Query about to be sent: true when it was refused, released and replaced with one that fails. */
    boolean refusedQuery(ByteBuf query) {
        return refused(query, Kind.REFUSED_QUERY);
    }

    /** An Execute about to be sent: true when it was refused, released and replaced with one that fails. */
    boolean refusedExecute(ByteBuf execute) {
        return refused(execute, Kind.REFUSED_EXECUTE);
    }

    /** Checks the limits; a refusal is queued with its expectation, and the server is sent a failing stand-in. */
    private boolean refused(ByteBuf message, Kind kind) {
        Refusal refusal = check();
        if (refusal == null) {
            return false;
        }
        replies.expectRefusal(kind, PgWire.error(flow.alloc(), refusal.sqlState(), refusal.message()));
        message.release();
        flow.toServer(kind == Kind.REFUSED_QUERY ? PgWire.query(flow.alloc(), "tollgate refused this query")
                : PgWire.execute(flow.alloc(), "tollgate refused this execute"));
        return true;
    }

    /** Before taking a server for a Query: null when it may run, or why not. */
    private Refusal checkBeforeLease() {
        Refusal refusal = admission.check();
        if (refusal == null) {
            admittedAhead = true;
        }
        return refusal;
    }

    /** Before sending a Query or Execute: null when it may run, or why not. */
    private Refusal check() {
        if (admittedAhead) {
            admittedAhead = false;
            return null;
        }
        return admission.check();
    }
}
