package dev.tollgate.metering.adapters.out.persistence;

import static dev.tollgate.platform.persistence.Sql.timestamp;

import dev.tollgate.metering.domain.CloudEvent;
import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Group commit for event appends. Concurrent small appends (many single-event requests, say) queue up and a few
 * writer threads store whatever has queued in one transaction each, so N requests cost one commit rather than N;
 * large appends commit on their own thread. There is no
 * waiting for company: a writer takes what is there the moment it is free. An append returns only after the
 * transaction holding its events has committed, and fails if that transaction failed; a failed group is retried one
 * append at a time, so one bad append does not fail its neighbours.
 */
@Singleton
final class GroupCommitAppender {
    /** A writer stops adding appends to its transaction once it holds this many events. */
    static final int MAX_EVENTS_PER_COMMIT = 5_000;
    /** Events whose data is smaller than this (as jsonb) are "compact": the meter index covers them (migration V5). */
    static final int COMPACT_BYTES = 2000;
    /** Appends this large already amortize their commit: they commit on the caller's thread, in parallel. */
    static final int GROUP_BELOW = 50;

    private record Pending(UUID namespace, List<CloudEvent> events, Instant ingestedAt, CompletableFuture<Integer> stored) {
    }

    private final TransactionOperations<Connection> transactions;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean running = true;

    GroupCommitAppender(TransactionOperations<Connection> transactions, @Value("${tollgate.metering.ingest-writers:4}") int writers) {
        this.transactions = transactions;
        for (int i = 0; i < Math.max(1, writers); i++) {
            Thread writer = new Thread(this::write, "metering-writer-" + i);
            writer.setDaemon(true);
            writer.start();
            this.writers.add(writer);
        }
    }

    /** Stores the events not stored yet; returns how many were new once they are committed. */
    int append(UUID namespace, List<CloudEvent> events, Instant ingestedAt) {
        if (!running) {
            throw new IllegalStateException("event ingestion is shutting down");
        }
        Pending pending = new Pending(namespace, events, ingestedAt, new CompletableFuture<>());
        if (events.size() >= GROUP_BELOW) {
            commit(List.of(pending));
        } else {
            queue.add(pending);
        }
        try {
            // Bounded, so that a caller is never stuck when the writers are gone (the connection pool gives up sooner).
            return pending.stored().get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the events were not stored within 60 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the events were being stored", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException("could not store events", e.getCause());
        }
    }

    private void write() {
        while (running || !queue.isEmpty()) {
            Pending first;
            try {
                first = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                continue; // stop() interrupts only after running is false: drain what is left
            }
            if (first == null) {
                continue;
            }
            List<Pending> group = new ArrayList<>();
            group.add(first);
            int events = first.events().size();
            for (Pending next; events < MAX_EVENTS_PER_COMMIT && (next = queue.poll()) != null; ) {
                group.add(next);
                events += next.events().size();
            }
            commit(group);
        }
    }

    private void commit(List<Pending> group) {
        try {
            int[] stored = transactions.executeWrite(status -> insert(status.getConnection(), group));
            for (int i = 0; i < group.size(); i++) {
                group.get(i).stored().complete(stored[i]);
            }
        } catch (RuntimeException e) {
            if (group.size() == 1) {
                group.get(0).stored().completeExceptionally(e);
            } else {
                group.forEach(pending -> commit(List.of(pending)));
            }
        }
    }

    /** Stores the events on {@code connection}, in whatever transaction it is in; returns how many were new. */
    static int insertOn(Connection connection, UUID namespace, List<CloudEvent> events, Instant ingestedAt) {
        return insert(connection, List.of(new Pending(namespace, events, ingestedAt, new CompletableFuture<>())))[0];
    }

    /** One event of a group, with the append it came from. */
    private record Row(int append, UUID namespace, Instant ingestedAt, CloudEvent event) {
    }

    /**
     * Rows are inserted in key order (namespace, source, id), whatever order the requests gave them: two transactions
     * holding some of the same new keys then wait for each other in one direction only, instead of deadlocking (the
     * loser's request failing) when each inserted first a key the other inserts later.
     */
    private static final java.util.Comparator<Row> KEY_ORDER = java.util.Comparator.comparing((Row r) -> r.namespace())
            .thenComparing(r -> r.event().source()).thenComparing(r -> r.event().id());

    /** One batched INSERT for the whole group; how many rows of each append were new. */
    private static int[] insert(Connection connection, List<Pending> group) {
        // The data is parsed once, then both stored and measured for the compact flag.
        String sql = """
                INSERT INTO metering.events (namespace, source, id, type, subject, time, data, ingested_at, compact)
                SELECT ?, ?, ?, ?, ?, ?, d, ?, coalesce(pg_column_size(d), 0) < %d FROM (SELECT CAST(? AS jsonb) AS d) AS parsed
                ON CONFLICT DO NOTHING""".formatted(COMPACT_BYTES);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < group.size(); i++) {
            Pending pending = group.get(i);
            for (CloudEvent e : pending.events()) {
                rows.add(new Row(i, pending.namespace(), pending.ingestedAt(), e));
            }
        }
        rows.sort(KEY_ORDER);
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            for (Row row : rows) {
                CloudEvent e = row.event();
                s.setObject(1, row.namespace());
                s.setString(2, e.source());
                s.setString(3, e.id());
                s.setString(4, e.type());
                s.setString(5, e.subject());
                s.setTimestamp(6, timestamp(e.time()));
                s.setTimestamp(7, timestamp(row.ingestedAt()));
                s.setString(8, e.data());
                s.addBatch();
            }
            int[] inserted = s.executeBatch();
            int[] stored = new int[group.size()];
            for (int r = 0; r < rows.size(); r++) {
                stored[rows.get(r).append()] += Math.max(inserted[r], 0);
            }
            return stored;
        } catch (SQLException e) {
            throw new IllegalStateException("could not store events", e);
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        for (Thread writer : writers) {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        }
    }
}
