package dev.tollgate.platform.persistence;

import dev.tollgate.platform.domain.DomainException;
import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * Unique indexes decide the races services cannot (two creates of one key at once): their violation (SQLSTATE 23505),
 * however a repository or driver wraps it, becomes the domain's conflict.
 */
public final class UniqueViolations {
    private UniqueViolations() {
    }

    public static void translate(Runnable write, Supplier<? extends DomainException> conflict) {
        try {
            write.run();
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                    throw conflict.get();
                }
            }
            throw e;
        }
    }
}
