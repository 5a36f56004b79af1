package dev.tollgate.proxy.application.port.out;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Tollgate's backup store (ADR 0072): where the dumps of branches are kept, by key. The default adapter is a directory
 * ({@code tollgate.backups.directory}, else {@code <data-dir>/backups}); an object store fits the same port, staging
 * through a local file as {@code pg_dump} and {@code pg_restore} need one.
 */
public interface BackupFiles {
    /** {@code writer} fills a local file, which is then kept as {@code key} (replacing one there); returns its size in bytes. */
    long write(String key, Writer writer) throws IOException;

    /** Hands {@code reader} a local file holding {@code key}'s bytes. */
    <T> T read(String key, Reader<T> reader) throws IOException;

    /** Removes {@code key}; nothing there is no error. */
    void delete(String key) throws IOException;

    @FunctionalInterface
    interface Writer {
        void fill(Path file) throws IOException;
    }

    @FunctionalInterface
    interface Reader<T> {
        T read(Path file) throws IOException;
    }
}
