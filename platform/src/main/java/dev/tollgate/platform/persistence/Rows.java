package dev.tollgate.platform.persistence;

import io.micronaut.data.repository.CrudRepository;

/** Small helpers every module's persistence adapter needs. */
public final class Rows {
    private Rows() {
    }

    /** Stores an aggregate's row: an update when a row with {@code id} exists, an insert otherwise. */
    public static <R, I> void upsert(CrudRepository<R, I> rows, I id, R row) {
        if (rows.existsById(id)) {
            rows.update(row);
        } else {
            rows.save(row);
        }
    }
}
