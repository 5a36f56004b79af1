package dev.tollgate.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A real primary and a real hot standby streaming from it, for the tests of replica routing. The standby is made the
 * way {@code pg_basebackup -R} makes one, with PostgreSQL's low-level backup API and the same binaries as the primary
 * (the machine's own pg_basebackup may be of another major version): a physical replication slot, pg_backup_start, a
 * copy of the data directory, pg_backup_stop's label, standby.signal and primary_conninfo. Both stop on {@link #close}.
 */
public final class StreamingReplica implements AutoCloseable {
    /** What pg_basebackup leaves out of a copy: the running server's own files and its WAL (streamed instead). */
    private static final Set<String> NOT_COPIED = Set.of("postmaster.pid", "postmaster.opts", "pg_wal", "pg_replslot", "pg_stat_tmp",
            "pg_dynshmem", "pg_notify", "pg_serial", "pg_snapshots", "pg_subtrans");

    private final Path directory;
    private final EmbeddedPostgres primary;
    private final EmbeddedPostgres standby;

    private StreamingReplica(Path directory, EmbeddedPostgres primary, EmbeddedPostgres standby) {
        this.directory = directory;
        this.primary = primary;
        this.standby = standby;
    }

    public static StreamingReplica start() {
        try {
            Path directory = Files.createTempDirectory("tollgate-replication");
            Path primaryData = directory.resolve("primary");
            Path standbyData = directory.resolve("standby");
            EmbeddedPostgres primary = EmbeddedPostgres.builder().setDataDirectory(primaryData).setCleanDataDirectory(false)
                    .setServerConfig("wal_level", "replica").setServerConfig("max_wal_senders", "5")
                    .setServerConfig("max_replication_slots", "5").setServerConfig("max_connections", "100").start();
            String label;
            try (Connection c = primary.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("SELECT pg_create_physical_replication_slot('tollgate_standby', true)");
                s.execute("SELECT pg_backup_start('tollgate standby', true)");
                copy(primaryData, standbyData);
                try (ResultSet rs = s.executeQuery("SELECT labelfile FROM pg_backup_stop(false)")) {
                    rs.next();
                    label = rs.getString(1);
                }
            }
            // PostgreSQL starts only on a data directory nobody else may read.
            Files.setPosixFilePermissions(standbyData, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            Files.writeString(standbyData.resolve("backup_label"), label);
            Files.createFile(standbyData.resolve("standby.signal"));
            Files.writeString(standbyData.resolve("postgresql.auto.conf"), "\nprimary_conninfo = 'host=localhost port=" + primary.getPort()
                    + " user=postgres application_name=tollgate_standby'\nprimary_slot_name = 'tollgate_standby'\nhot_standby = on\n",
                    java.nio.file.StandardOpenOption.APPEND);
            EmbeddedPostgres standby = EmbeddedPostgres.builder().setDataDirectory(standbyData).setCleanDataDirectory(false)
                    .setServerConfig("max_connections", "100").start();
            return new StreamingReplica(directory, primary, standby);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start a primary with a streaming standby", e);
        } catch (SQLException e) {
            throw new IllegalStateException("could not take the standby's base backup", e);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path target = to.resolve(from.relativize(dir).toString());
                Files.createDirectories(target);
                boolean skipContents = !dir.equals(from) && dir.getParent().equals(from) && NOT_COPIED.contains(dir.getFileName().toString());
                return skipContents ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (file.getParent().equals(from) && NOT_COPIED.contains(file.getFileName().toString())) {
                    return FileVisitResult.CONTINUE;
                }
                try {
                    Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
                } catch (NoSuchFileException gone) {
                    // a temporary file the server removed while it was being copied: WAL replay does not need it
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // gone meanwhile, as above
            }
        });
    }

    public EmbeddedPostgres primary() {
        return primary;
    }

    public EmbeddedPostgres standby() {
        return standby;
    }

    /** Stops applying the WAL it receives (the standby falls behind) or applies it again. */
    public void pauseReplay(boolean paused) {
        try (Connection c = standby.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute(paused ? "SELECT pg_wal_replay_pause()" : "SELECT pg_wal_replay_resume()");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            standby.close();
            primary.close();
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
