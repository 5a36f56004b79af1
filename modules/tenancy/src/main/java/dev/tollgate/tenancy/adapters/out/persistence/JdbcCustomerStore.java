package dev.tollgate.tenancy.adapters.out.persistence;

import static dev.tollgate.platform.persistence.Sql.instant;
import static dev.tollgate.platform.persistence.Sql.timestamp;

import dev.tollgate.platform.domain.ConflictException;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.tenancy.application.port.out.CustomerStore;
import dev.tollgate.tenancy.domain.Customer;
import dev.tollgate.tenancy.domain.CustomerFilter;
import dev.tollgate.platform.persistence.JsonColumns;
import dev.tollgate.platform.persistence.Sql;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

@Singleton
final class JdbcCustomerStore implements CustomerStore {
    private static final String COLUMNS = "id, namespace, name, description, metadata::text, key, subject_keys, primary_email, currency, "
            + "billing_address::text, created_at, updated_at, deleted_at";
    private final JdbcOperations jdbc;
    private final JsonMapper json;

    JdbcCustomerStore(JdbcOperations jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public void save(Customer c) {
        Connection connection = jdbc.getConnection();
        String upsert = """
                INSERT INTO tenancy.customers (id, namespace, name, description, metadata, key, subject_keys, primary_email, currency,
                    billing_address, created_at, updated_at, deleted_at)
                VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET name = excluded.name, description = excluded.description, metadata = excluded.metadata,
                    key = excluded.key, subject_keys = excluded.subject_keys, primary_email = excluded.primary_email,
                    currency = excluded.currency, billing_address = excluded.billing_address, updated_at = excluded.updated_at,
                    deleted_at = excluded.deleted_at""";
        try (PreparedStatement s = connection.prepareStatement(upsert)) {
            s.setObject(1, c.id());
            s.setObject(2, c.namespace());
            s.setString(3, c.name());
            s.setString(4, c.description());
            s.setString(5, c.metadata() == null ? null : JsonColumns.write(json, c.metadata()));
            s.setString(6, c.key());
            s.setArray(7, connection.createArrayOf("text", c.subjectKeys().toArray()));
            s.setString(8, c.primaryEmail());
            s.setString(9, c.currency());
            s.setString(10, c.billingAddress() == null ? null : JsonColumns.write(json, addressFields(c.billingAddress())));
            s.setTimestamp(11, timestamp(c.createdAt()));
            s.setTimestamp(12, timestamp(c.updatedAt()));
            s.setTimestamp(13, timestamp(c.deletedAt()));
            s.executeUpdate();
            try (PreparedStatement release = connection.prepareStatement("DELETE FROM tenancy.customer_attributions WHERE customer_id = ?")) {
                release.setObject(1, c.id());
                release.executeUpdate();
            }
            if (c.deletedAt() == null) {
                claim(connection, c);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not save customer " + c.id(), e);
        }
    }

    /** Claims each attributed value; the first one another customer holds fails the whole save (409). */
    private void claim(Connection connection, Customer c) throws SQLException {
        String sql = "INSERT INTO tenancy.customer_attributions (namespace, value, customer_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING";
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            for (String value : c.attributedValues()) {
                s.setObject(1, c.namespace());
                s.setString(2, value);
                s.setObject(3, c.id());
                if (s.executeUpdate() == 0) {
                    boolean isKey = value.equals(c.key());
                    throw new ConflictException(isKey ? "customer_key_conflict" : "subject_key_conflict",
                            (isKey ? "key '" : "subject key '") + value + "' already belongs to another customer");
                }
            }
        }
    }

    @Override
    public Optional<Customer> findLive(UUID namespace, UUID id) {
        return query("SELECT " + COLUMNS + " FROM tenancy.customers WHERE namespace = ? AND id = ? AND deleted_at IS NULL",
                List.of(namespace, id)).stream().findFirst();
    }

    @Override
    public Optional<Customer> findLiveByKey(UUID namespace, String key) {
        return query("SELECT " + COLUMNS + " FROM tenancy.customers WHERE namespace = ? AND key = ? AND deleted_at IS NULL",
                List.of(namespace, key)).stream().findFirst();
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
        List<Customer> items = query("SELECT " + COLUMNS + where + " ORDER BY " + order + (f.descending() ? " DESC" : " ASC")
                + ", id LIMIT ? OFFSET ?", pageParameters);
        return new Page<>(items, total, page);
    }

    @Override
    public List<Customer> ownersOf(UUID namespace, List<String> values) {
        return query("SELECT " + COLUMNS + " FROM tenancy.customers WHERE id IN (SELECT customer_id FROM tenancy.customer_attributions WHERE namespace = ? AND value = ANY(?))",
                List.of(namespace, values.toArray(String[]::new)));
    }

    private static void contains(StringBuilder where, List<Object> parameters, String column, String value) {
        if (value != null) {
            where.append(" AND ").append(column).append(" ILIKE ?");
            parameters.add(Sql.containing(value));
        }
    }


    private List<Customer> query(String sql, List<Object> parameters) {
        try (PreparedStatement s = jdbc.getConnection().prepareStatement(sql)) {
            Sql.bind(s, parameters);
            List<Customer> found = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Array subjects = rs.getArray(7);
                    found.add(new Customer(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                            JsonColumns.stringMap(json, rs.getString(5)), rs.getString(6),
                            Arrays.asList((String[]) subjects.getArray()), rs.getString(8), rs.getString(9),
                            rs.getString(10) == null ? null : address(rs.getString(10)), instant(rs.getTimestamp(11)),
                            instant(rs.getTimestamp(12)), instant(rs.getTimestamp(13))));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read customers", e);
        }
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
        fields.values().removeIf(java.util.Objects::isNull);
        return fields;
    }

    private Customer.Address address(String text) {
        Map<String, String> m = JsonColumns.stringMap(json, text);
        return new Customer.Address(m.get("country"), m.get("postalCode"), m.get("state"), m.get("city"), m.get("line1"),
                m.get("line2"), m.get("phoneNumber"));
    }


}
