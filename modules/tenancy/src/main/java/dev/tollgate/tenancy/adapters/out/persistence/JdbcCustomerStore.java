package dev.tollgate.tenancy.adapters.out.persistence;

import dev.tollgate.platform.domain.ConflictException;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.persistence.Rows;
import dev.tollgate.platform.persistence.Sql;
import dev.tollgate.tenancy.application.port.out.CustomerStore;
import dev.tollgate.tenancy.domain.Customer;
import dev.tollgate.tenancy.domain.CustomerFilter;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Customers through their repository; the filtered listing and the owners of attributed values are explicit SQL (ADR 0029). */
@Singleton
final class JdbcCustomerStore implements CustomerStore {
    private final CustomerRowRepository rows;
    private final JdbcOperations jdbc;

    JdbcCustomerStore(CustomerRowRepository rows, JdbcOperations jdbc) {
        this.rows = rows;
        this.jdbc = jdbc;
    }

    @Override
    public void save(Customer c) {
        Rows.upsert(rows, c.id(), toRow(c));
        rows.releaseAttributions(c.id());
        if (c.deletedAt() == null) {
            claim(c);
        }
    }

    /** Claims each attributed value; the first one another customer holds fails the whole save (409). */
    private void claim(Customer c) {
        for (String value : c.attributedValues()) {
            if (rows.claimAttribution(c.namespace(), value, c.id()) == 0) {
                boolean isKey = value.equals(c.key());
                throw new ConflictException(isKey ? "customer_key_conflict" : "subject_key_conflict",
                        (isKey ? "key '" : "subject key '") + value + "' already belongs to another customer");
            }
        }
    }

    @Override
    public Optional<Customer> findLive(UUID namespace, UUID id) {
        return rows.findByNamespaceAndIdAndDeletedAtIsNull(namespace, id).map(JdbcCustomerStore::toDomain);
    }

    @Override
    public List<Customer> findLive(UUID namespace, java.util.Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return query("SELECT * FROM tenancy.customers WHERE namespace = ? AND id = ANY(?) AND deleted_at IS NULL",
                List.of(namespace, ids.toArray(UUID[]::new)));
    }

    @Override
    public Optional<Customer> findLiveByKey(UUID namespace, String key) {
        return rows.findByNamespaceAndKeyAndDeletedAtIsNull(namespace, key).map(JdbcCustomerStore::toDomain);
    }

    @Override
    public Page<Customer> list(UUID namespace, CustomerFilter f, PageRequest page) {
        StringBuilder where = new StringBuilder(" FROM tenancy.customers WHERE namespace = ?");
        List<Object> parameters = new ArrayList<>(List.of(namespace));
        if (!f.includeDeleted()) {
            where.append(" AND deleted_at IS NULL");
        }
        contains(where, parameters, "key", f.key());
        contains(where, parameters, "name", f.name());
        contains(where, parameters, "primary_email", f.primaryEmail());
        if (f.subject() != null) {
            where.append(" AND EXISTS (SELECT 1 FROM unnest(subject_keys) s WHERE s ILIKE ?)");
            parameters.add(Sql.containing(f.subject()));
        }
        long total = Sql.count(jdbc.getConnection(), where.toString(), parameters);
        String order = switch (f.orderBy()) {
            case "name" -> "name";
            case "createdAt" -> "created_at";
            default -> "id";
        };
        List<Object> pageParameters = new ArrayList<>(parameters);
        pageParameters.add(page.limit());
        pageParameters.add(page.offset());
        return new Page<>(query("SELECT *" + where + " ORDER BY " + order + (f.descending() ? " DESC" : " ASC") + ", id LIMIT ? OFFSET ?",
                pageParameters), total, page);
    }

    @Override
    public List<Customer> ownersOf(UUID namespace, List<String> values) {
        return query("SELECT * FROM tenancy.customers WHERE id IN (SELECT customer_id FROM tenancy.customer_attributions WHERE namespace = ? AND value = ANY(?))",
                List.of(namespace, values.toArray(String[]::new)));
    }

    private static void contains(StringBuilder where, List<Object> parameters, String column, String value) {
        if (value != null) {
            where.append(" AND ").append(column).append(" ILIKE ?");
            parameters.add(Sql.containing(value));
        }
    }

    private List<Customer> query(String sql, List<Object> parameters) {
        return Sql.rows(jdbc, CustomerRow.class, sql, parameters).stream().map(JdbcCustomerStore::toDomain).toList();
    }

    private static CustomerRow toRow(Customer c) {
        return new CustomerRow(c.id(), c.namespace(), c.name(), c.description(), c.metadata(), c.key(), c.subjectKeys().toArray(String[]::new),
                c.primaryEmail(), c.currency(), c.billingAddress() == null ? null : addressFields(c.billingAddress()), c.createdAt(),
                c.updatedAt(), c.deletedAt());
    }

    private static Customer toDomain(CustomerRow r) {
        return new Customer(r.id(), r.namespace(), r.name(), r.description(), r.metadata(), r.key(), Arrays.asList(r.subjectKeys()),
                r.primaryEmail(), r.currency(), r.billingAddress() == null ? null : address(r.billingAddress()), r.createdAt(), r.updatedAt(),
                r.deletedAt());
    }

    private static Map<String, String> addressFields(Customer.Address a) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("country", a.country());
        fields.put("postalCode", a.postalCode());
        fields.put("state", a.state());
        fields.put("city", a.city());
        fields.put("line1", a.line1());
        fields.put("line2", a.line2());
        fields.put("phoneNumber", a.phoneNumber());
        fields.values().removeIf(Objects::isNull);
        return fields;
    }

    private static Customer.Address address(Map<String, String> m) {
        return new Customer.Address(m.get("country"), m.get("postalCode"), m.get("state"), m.get("city"), m.get("line1"),
                m.get("line2"), m.get("phoneNumber"));
    }
}
