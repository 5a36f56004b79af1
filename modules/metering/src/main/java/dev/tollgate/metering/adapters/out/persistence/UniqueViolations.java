package dev.tollgate.metering.adapters.out.persistence;

import dev.tollgate.platform.domain.DomainException;
import java.sql.SQLException;
import java.util.function.Supplier;

/** Turns a PostgreSQL unique violation (SQLSTATE 23505) into the domain's conflict, whatever wraps it. */
final class UniqueViolations {
    private UniqueViolations() {
    }

    static void translate(Runnable write, Supplier<? extends DomainException> conflict) {
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
