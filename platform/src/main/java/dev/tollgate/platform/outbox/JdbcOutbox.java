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
        if (transactions.findTransactionStatus().isEmpty()) {
            // Outside a transaction the event could exist without the change, or the change without the event.
            throw new IllegalStateException("an outbox event is published inside the transaction of the change it announces");
        }
        UUID id = IDS.generate();
        String payload = JsonColumns.write(json, event);
        jdbc.prepareStatement("INSERT INTO outbox.events (id, type, aggregate, payload, created_at) VALUES (?, ?, ?, ?::jsonb, now())",
                statement -> {
                    statement.setObject(1, id);
                    statement.setString(2, event.getClass().getName());
                    statement.setString(3, aggregate);
                    statement.setString(4, payload);
                    return statement.executeUpdate();
                });
        appended.publishEvent(new OutboxAppended(id, event.getClass()));
    }
}
