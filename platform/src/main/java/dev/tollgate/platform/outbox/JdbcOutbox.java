package dev.tollgate.platform.outbox;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import dev.tollgate.platform.persistence.JsonColumns;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Appends events to {@code outbox.events} on the caller's transaction's connection. */
@Singleton
final class JdbcOutbox implements Outbox {
    private static final TimeBasedEpochGenerator IDS = Generators.timeBasedEpochGenerator();
    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;
    private final JsonMapper json;
    private final ApplicationEventPublisher<OutboxAppended> appended;

    JdbcOutbox(JdbcOperations jdbc, TransactionOperations<Connection> transactions, JsonMapper json,
               ApplicationEventPublisher<OutboxAppended> appended) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.json = json;
        this.appended = appended;
    }

    @Override
    public void publish(String aggregate, Record event) {
        publishAll(aggregate, List.of(event));
    }

    /** One JDBC batch (one round trip): the events get increasing positions in the order given. */
    @Override
    public void publishAll(String aggregate, List<? extends Record> events) {
        if (transactions.findTransactionStatus().isEmpty()) {
            // Outside a transaction the event could exist without the change, or the change without the event.
            throw new IllegalStateException("an outbox event is published inside the transaction of the change it announces");
        }
        if (events.isEmpty()) {
            return;
        }
        List<UUID> ids = new ArrayList<>();
        jdbc.prepareStatement("INSERT INTO outbox.events (id, type, aggregate, payload, created_at) VALUES (?, ?, ?, ?::jsonb, now())",
                statement -> {
                    for (Record event : events) {
                        UUID id = IDS.generate();
                        ids.add(id);
                        statement.setObject(1, id);
                        statement.setString(2, event.getClass().getName());
                        statement.setString(3, aggregate);
                        statement.setString(4, JsonColumns.write(json, event));
                        statement.addBatch();
                    }
                    return statement.executeBatch();
                });
        for (int i = 0; i < events.size(); i++) {
            appended.publishEvent(new OutboxAppended(ids.get(i), events.get(i).getClass()));
        }
    }
}
