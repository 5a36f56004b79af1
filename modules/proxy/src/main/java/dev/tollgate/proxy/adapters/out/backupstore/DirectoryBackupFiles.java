package dev.tollgate.proxy.adapters.out.backupstore;

import dev.tollgate.proxy.application.port.out.BackupFiles;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Pattern;

/**
 * The default backup store (ADR 0072): a directory, {@code tollgate.backups.directory}, else {@code backups} under
 * {@code tollgate.data-dir}, else under the temporary directory. A dump is written beside its final name and moved
 * there once complete, so a reader never sees half a dump; files are the owner's only.
 */
@Singleton
final class DirectoryBackupFiles implements BackupFiles {
    private static final Pattern KEY = Pattern.compile("[a-z0-9_]+\\.dump");
    private final Path directory;

    DirectoryBackupFiles(@Nullable @Value("${tollgate.backups.directory:}") String directory,
                         @Nullable @Value("${tollgate.data-dir:}") String dataDir) {
        this.directory = (directory != null && !directory.isBlank() ? Path.of(directory.strip())
                : dataDir != null && !dataDir.isBlank() ? Path.of(dataDir.strip()).resolve("backups")
                : Path.of(System.getProperty("java.io.tmpdir"), "tollgate-backups")).toAbsolutePath();
    }

    Path directory() {
        return directory;
    }

    @Override
    public long write(String key, Writer writer) throws IOException {
        Path target = path(key);
        Files.createDirectories(directory);
        Path partial = directory.resolve(key + ".partial");
        Files.deleteIfExists(partial);
        try {
            Files.createFile(partial, ownerOnly());
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(partial);
        }
        try {
            writer.fill(partial);
            long size = Files.size(partial);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return size;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    @Override
    public <T> T read(String key, Reader<T> reader) throws IOException {
        Path file = path(key);
        if (!Files.isRegularFile(file)) {
            throw new IOException("the backup store has no " + key);
        }
        return reader.read(file);
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(path(key));
        Files.deleteIfExists(directory.resolve(key + ".partial"));
    }

    /** Keys are Tollgate's own ({@code bkp_….dump}); anything else never becomes a path. */
    private Path path(String key) {
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("not a backup key: " + key);
        }
        return directory.resolve(key);
    }

    private static java.nio.file.attribute.FileAttribute<?> ownerOnly() {
        return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    }
}
