package dev.tollgate.catalog.adapters.out.persistence;

import dev.tollgate.platform.domain.DomainException;
import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * The catalog's unique indexes decide the races its services cannot (a second draft of a key, a feature key taken
 * twice, an add-on offered twice): their violation (SQLSTATE 23505), however the repository wraps it, becomes the
 * domain's answer.
 */
final class UniqueViolations {
    private UniqueViolations() {
    }

    static void translate(Runnable write, Supplier<? extends DomainException> answer) {
        try {
            write.run();
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                    throw answer.get();
                }
            }
            throw e;
        }
    }
}
