package dev.tollgate.tenancy.api;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A module's part of a workspace data export (Centrali's export jobs). Every module that keeps data of an organization
 * provides one bean of this type, and the export writes each of its resources as the JSON document
 * {@code <section>/<resource>.json}: so a module's data is exported by the module that knows it, and a new module's
 * data is exported by adding its source, not by changing tenancy.
 */
public interface WorkspaceExportSource {
    /** The module's name: its folder in the archive, whose sections are in name order. */
    String section();

    /** Its resources, in archive order; names unique within the section and safe as file names. */
    List<String> resources();

    /**
     * Hands every record of {@code resource} of the organization to {@code sink}, one at a time and in a stable order,
     * in constant memory however many there are. Values are strings, numbers, booleans, nulls, {@code Instant}s,
     * lists and maps of them; never a password, key, token or signing secret, nor a hash of one.
     */
    void write(UUID organizationId, String resource, Consumer<Map<String, ?>> sink);

    /** A record's fields in the order given, nulls kept (an exported record shows every field it has): {@code record("id", id, ...)}. */
    static Map<String, Object> record(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("fields come in name/value pairs");
        }
        Map<String, Object> record = new java.util.LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            record.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return record;
    }
}
