package dev.tollgate.billing.adapters.out.persistence;

import dev.tollgate.billing.application.port.out.InvoiceStore;
import dev.tollgate.billing.domain.invoice.Invoice;
import dev.tollgate.billing.domain.invoice.InvoiceFilter;
import dev.tollgate.billing.domain.invoice.InvoiceLine;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.persistence.Sql;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.time.Instant;

/** Invoices as a header row plus line rows (ADR 0029: an aggregate with its own rows; run-time queries by column name). */
@Singleton
final class JdbcInvoiceStore implements InvoiceStore {
    private static final Map<String, String> ORDER_COLUMNS = Map.of("created_at", "i.created_at", "updated_at", "i.updated_at",
            "issued_at", "i.issued_at", "state", "i.state", "period_from", "i.period_from", "customer_name", "i.customer->>'name'");
    private final InvoiceRowRepository invoices;
    private final InvoiceLineRowRepository lines;
    private final JdbcOperations jdbc;

    JdbcInvoiceStore(InvoiceRowRepository invoices, InvoiceLineRowRepository lines, JdbcOperations jdbc) {
        this.invoices = invoices;
        this.lines = lines;
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Invoice> find(UUID namespace, UUID id) {
        return invoices.findById(id).filter(row -> row.namespace().equals(namespace)).map(this::withLines);
    }

    @Override
    public void lockCustomer(UUID namespace, String customerId) {
        jdbc.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", statement -> {
            Sql.bind(statement, List.of("billing.customer:" + namespace + ":" + customerId));
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        });
    }

    @Override
    public void lockCustomers(UUID namespace, Collection<String> customerIds) {
        // unnest yields the sorted keys in order and each row takes its lock as it is produced: one fixed order for everyone.
        String[] keys = customerIds.stream().distinct().sorted().map(id -> "billing.customer:" + namespace + ":" + id).toArray(String[]::new);
        if (keys.length == 0) {
            return;
        }
        Sql.query(jdbc, "SELECT pg_advisory_xact_lock(hashtextextended(k, 0))::text FROM unnest(?::text[]) AS k", List.of((Object) keys),
                rs -> rs.getString(1));
    }

    @Override
    public Optional<Invoice> lock(UUID namespace, UUID id) {
        return Sql.rows(jdbc, InvoiceRow.class, "SELECT * FROM billing.invoices WHERE id = ? AND namespace = ? FOR UPDATE",
                List.of(id, namespace)).stream().findFirst().map(this::withLines);
    }

    @Override
    public Optional<Invoice> lockGathering(UUID namespace, String customerId, String currency) {
        return Sql.rows(jdbc, InvoiceRow.class, "SELECT * FROM billing.invoices WHERE namespace = ? AND customer_id = ? AND currency = ?"
                + " AND state = 'gathering' AND deleted_at IS NULL FOR UPDATE", List.of(namespace, customerId, currency)).stream().findFirst()
                .map(this::withLines);
    }

    @Override
    public List<Invoice> lockGatherings(UUID namespace, Collection<String> customerIds) {
        if (customerIds.isEmpty()) {
            return List.of();
        }
        return withLines(Sql.rows(jdbc, InvoiceRow.class, "SELECT * FROM billing.invoices WHERE namespace = ? AND customer_id = ANY(?)"
                + " AND state = 'gathering' AND deleted_at IS NULL ORDER BY id FOR UPDATE",
                List.of(namespace, customerIds.stream().distinct().toArray(String[]::new))));
    }

    @Override
    public List<String> gatheringCurrencies(UUID namespace, String customerId) {
        return jdbc.prepareStatement("SELECT currency FROM billing.invoices WHERE namespace = ? AND customer_id = ?"
                + " AND state = 'gathering' AND deleted_at IS NULL ORDER BY currency", statement -> {
                    Sql.bind(statement, List.of(namespace, customerId));
                    List<String> out = new ArrayList<>();
                    try (ResultSet rs = statement.executeQuery()) {
                        while (rs.next()) {
                            out.add(rs.getString(1));
                        }
                    }
                    return out;
                });
    }

    @Override
    public void insert(Invoice invoice) {
        invoices.save(InvoiceRows.row(invoice));
        lines.saveAll(InvoiceRows.lineRows(invoice));
    }

    @Override
    public Invoice save(Invoice invoice) {
        Invoice next = InvoiceRows.bumped(invoice);
        invoices.update(InvoiceRows.row(next));
        lines.deleteByInvoiceId(invoice.id());
        lines.saveAll(InvoiceRows.lineRows(next));
        return next;
    }

    @Override
    public Invoice saveWithout(Invoice invoice, Collection<UUID> removedLineIds) {
        Invoice next = InvoiceRows.bumped(invoice);
        invoices.update(InvoiceRows.row(next));
        if (!removedLineIds.isEmpty()) {
            // The remaining lines keep their stored positions: gaps are harmless, lines are read in position order.
            Sql.update(jdbc, "DELETE FROM billing.invoice_lines WHERE invoice_id = ? AND id = ANY(?)",
                    List.of(invoice.id(), removedLineIds.toArray(UUID[]::new)));
        }
        return next;
    }

    @Override
    public void saveAllAppended(List<Appending> appendings) {
        if (appendings.isEmpty()) {
            return;
        }
        List<InvoiceRow> headers = new ArrayList<>();
        for (Appending appending : appendings) {
            headers.add(InvoiceRows.row(InvoiceRows.bumped(appending.invoice())));
        }
        invoices.updateAll(headers);
        UUID[] ids = appendings.stream().map(a -> a.invoice().id()).toArray(UUID[]::new);
        Map<UUID, Integer> last = Sql.query(jdbc, "SELECT invoice_id, max(position) FROM billing.invoice_lines WHERE invoice_id = ANY(?)"
                + " GROUP BY invoice_id", List.of((Object) ids), rs -> Map.entry(rs.getObject(1, UUID.class), rs.getInt(2))).stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        List<InvoiceLineRow> rows = new ArrayList<>();
        for (Appending appending : appendings) {
            // After the stored lines, whatever gaps their positions have: lines are read in position order.
            rows.addAll(InvoiceRows.lineRows(appending.invoice(), appending.added(), last.getOrDefault(appending.invoice().id(), -1) + 1));
        }
        lines.saveAll(rows);
    }

    @Override
    public void delete(Invoice invoice) {
        lines.deleteByInvoiceId(invoice.id());
        invoices.deleteById(invoice.id());
    }

    @Override
    public Page<Invoice> list(UUID namespace, InvoiceFilter filter, PageRequest page, boolean withLines) {
        StringBuilder where = new StringBuilder(" FROM billing.invoices i WHERE i.namespace = ?");
        List<Object> parameters = new ArrayList<>(List.of(namespace));
        if (!filter.includeDeleted()) {
            where.append(" AND i.deleted_at IS NULL");
        }
        if (!filter.statuses().isEmpty()) {
            where.append(" AND split_part(i.state, '.', 1) = ANY(?)");
            parameters.add(filter.statuses().toArray(String[]::new));
        }
        if (!filter.extendedStatuses().isEmpty()) {
            where.append(" AND i.state = ANY(?)");
            parameters.add(filter.extendedStatuses().toArray(String[]::new));
        }
        if (!filter.customers().isEmpty()) {
            where.append(" AND i.customer_id = ANY(?)");
            parameters.add(filter.customers().toArray(String[]::new));
        }
        range(where, parameters, "i.issued_at", filter.issuedAfter(), filter.issuedBefore());
        range(where, parameters, "i.period_from", filter.periodStartAfter(), filter.periodStartBefore());
        range(where, parameters, "i.created_at", filter.createdAfter(), filter.createdBefore());
        String column = ORDER_COLUMNS.getOrDefault(filter.orderBy(), "i.created_at");
        String direction = filter.descending() ? " DESC" : " ASC";
        String order = " ORDER BY " + column + direction + " NULLS LAST, i.id" + direction;
        List<Object> paged = new ArrayList<>(parameters);
        paged.add(page.limit());
        paged.add(page.offset());
        List<InvoiceRow> rows = Sql.rows(jdbc, InvoiceRow.class, "SELECT i.*" + where + order + " LIMIT ? OFFSET ?", paged);
        List<Invoice> items = withLines ? withLines(rows) : rows.stream().map(row -> InvoiceRows.invoice(row, List.of())).toList();
        return new Page<>(items, Sql.count(jdbc.getConnection(), where.toString(), parameters), page);
    }

    @Override
    public List<Invoice> claimWaiting(Instant now, int limit) {
        return withLines(Sql.rows(jdbc, InvoiceRow.class, "SELECT * FROM billing.invoices WHERE deleted_at IS NULL AND ("
                + "(state = 'draft.waiting_for_collection' AND collection_at <= ?)"
                + " OR (state = 'draft.waiting_auto_approval' AND draft_until <= ?)) ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED",
                List.of(Sql.timestamp(now), Sql.timestamp(now), limit)));
    }

    @Override
    public List<Invoice> findSyncing(int limit) {
        return Sql.rows(jdbc, InvoiceRow.class, "SELECT * FROM billing.invoices WHERE deleted_at IS NULL"
                + " AND state IN ('draft.syncing', 'issuing.syncing') ORDER BY updated_at LIMIT ?", List.of(limit)).stream()
                .map(row -> InvoiceRows.invoice(row, List.of())).toList();
    }

    @Override
    public List<Invoice> claimGatheringDue(Instant now, int limit) {
        // Headers only, not locked: the caller invoices each customer under the customer's lock and reads the lines then.
        return Sql.rows(jdbc, InvoiceRow.class, "SELECT * FROM billing.invoices WHERE state = 'gathering' AND deleted_at IS NULL"
                + " AND next_line_at <= ? ORDER BY next_line_at LIMIT ?", List.of(Sql.timestamp(now), limit)).stream()
                .map(row -> InvoiceRows.invoice(row, List.of())).toList();
    }

    @Override
    public long nextNumber(UUID namespace, String series) {
        return jdbc.prepareStatement("INSERT INTO billing.invoice_number_series (namespace, series, last_value) VALUES (?, ?, 1)"
                + " ON CONFLICT (namespace, series) DO UPDATE SET last_value = billing.invoice_number_series.last_value + 1"
                + " RETURNING last_value", statement -> {
                    Sql.bind(statement, List.of(namespace, series));
                    try (ResultSet rs = statement.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                });
    }

    private static void range(StringBuilder where, List<Object> parameters, String column, Instant after, Instant before) {
        if (after != null) {
            where.append(" AND ").append(column).append(" >= ?");
            parameters.add(Sql.timestamp(after));
        }
        if (before != null) {
            where.append(" AND ").append(column).append(" <= ?");
            parameters.add(Sql.timestamp(before));
        }
    }

    private Invoice withLines(InvoiceRow row) {
        return InvoiceRows.invoice(row, lines.findByInvoiceIdOrderByPosition(row.id()).stream().map(InvoiceRows::line).toList());
    }

    /** One query for the lines of all the rows, not one per invoice. */
    private List<Invoice> withLines(List<InvoiceRow> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Collection<UUID> ids = rows.stream().map(InvoiceRow::id).toList();
        Map<UUID, List<InvoiceLine>> byInvoice = lines.findByInvoiceIdInOrderByPosition(ids).stream()
                .collect(Collectors.groupingBy(InvoiceLineRow::invoiceId, LinkedHashMap::new,
                        Collectors.mapping(InvoiceRows::line, Collectors.toList())));
        return rows.stream().map(row -> InvoiceRows.invoice(row, byInvoice.getOrDefault(row.id(), List.of()))).toList();
    }

    @Override
    public java.util.Set<String> invoicedSubscriptionLines(UUID namespace, Collection<String> identities) {
        if (identities.isEmpty()) {
            return java.util.Set.of();
        }
        // The identities by equality, served by the identity index whatever the collation and plan; a LIKE on the
        // subscription's prefix could not use it and read every line of the namespace (the billing benchmark).
        return jdbc.prepareStatement("SELECT l.child_unique_reference_id FROM billing.invoice_lines l JOIN billing.invoices i ON i.id = l.invoice_id"
                + " WHERE l.namespace = ? AND l.child_unique_reference_id = ANY(?) AND i.state <> 'gathering'", statement -> {
                    Sql.bind(statement, List.of(namespace, identities.toArray(String[]::new)));
                    java.util.Set<String> out = new java.util.HashSet<>();
                    try (ResultSet rs = statement.executeQuery()) {
                        while (rs.next()) {
                            out.add(rs.getString(1));
                        }
                    }
                    return out;
                });
    }

    @Override
    public void scheduleLineSync(UUID namespace, UUID subscriptionId, Instant at) {
        Sql.update(jdbc, "INSERT INTO billing.subscription_line_sync (subscription_id, namespace, next_sync_at) VALUES (?, ?, ?)"
                + " ON CONFLICT (subscription_id) DO UPDATE SET next_sync_at = LEAST(billing.subscription_line_sync.next_sync_at, EXCLUDED.next_sync_at)",
                List.of(subscriptionId, namespace, Sql.timestamp(at)));
    }

    @Override
    public List<SubscriptionDue> dueLineSyncs(Instant now, int limit) {
        return jdbc.prepareStatement("SELECT namespace, subscription_id FROM billing.subscription_line_sync WHERE next_sync_at <= ?"
                + " ORDER BY next_sync_at LIMIT ?", statement -> {
                    Sql.bind(statement, List.of(Sql.timestamp(now), limit));
                    List<SubscriptionDue> out = new ArrayList<>();
                    try (ResultSet rs = statement.executeQuery()) {
                        while (rs.next()) {
                            out.add(new SubscriptionDue(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)));
                        }
                    }
                    return out;
                });
    }

    @Override
    public java.util.Set<UUID> lockLineSyncs(Collection<UUID> subscriptionIds, Instant now) {
        if (subscriptionIds.isEmpty()) {
            return java.util.Set.of();
        }
        return new java.util.HashSet<>(Sql.query(jdbc, "SELECT subscription_id FROM billing.subscription_line_sync WHERE subscription_id = ANY(?)"
                + " AND next_sync_at <= ? ORDER BY subscription_id FOR UPDATE SKIP LOCKED",
                List.of(subscriptionIds.toArray(UUID[]::new), Sql.timestamp(now)), rs -> rs.getObject(1, UUID.class)));
    }

    @Override
    public void lineSyncsDone(Map<UUID, Instant> next) {
        UUID[] finished = next.entrySet().stream().filter(e -> e.getValue() == null).map(Map.Entry::getKey).toArray(UUID[]::new);
        if (finished.length > 0) {
            Sql.update(jdbc, "DELETE FROM billing.subscription_line_sync WHERE subscription_id = ANY(?)", List.of((Object) finished));
        }
        List<Map.Entry<UUID, Instant>> rescheduled = next.entrySet().stream().filter(e -> e.getValue() != null).toList();
        if (!rescheduled.isEmpty()) {
            jdbc.prepareStatement("UPDATE billing.subscription_line_sync SET next_sync_at = ? WHERE subscription_id = ?", statement -> {
                for (Map.Entry<UUID, Instant> each : rescheduled) {
                    Sql.bind(statement, List.of(Sql.timestamp(each.getValue()), each.getKey()));
                    statement.addBatch();
                }
                return statement.executeBatch();
            });
        }
    }
}
