package dev.tollgate.proxy.adapters.out.backupstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default backup store (ADR 0072): whole dumps only, owner-readable, keys that are Tollgate's own. */
class DirectoryBackupFilesTest {
    @TempDir
    Path dir;

    @Test
    void aDumpIsKeptWhenItsWriterCompletesAndReadBackAsAFile() throws IOException {
        DirectoryBackupFiles files = new DirectoryBackupFiles(dir.resolve("store").toString(), null);
        long size = files.write("bkp_abc.dump", file -> Files.writeString(file, "PGDMP..."));
        assertEquals(8, size);
        Path kept = dir.resolve("store/bkp_abc.dump");
        assertTrue(Files.isRegularFile(kept));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(kept)));
        assertEquals("PGDMP...", files.read("bkp_abc.dump", Files::readString));
        files.delete("bkp_abc.dump");
        assertFalse(Files.exists(kept));
        files.delete("bkp_abc.dump"); // nothing there is no error
        assertThrows(IOException.class, () -> files.read("bkp_abc.dump", Files::readString));
    }

    @Test
    void aFailedWriterLeavesNothingBehind() {
        DirectoryBackupFiles files = new DirectoryBackupFiles(dir.toString(), null);
        assertThrows(IOException.class, () -> files.write("bkp_x.dump", file -> {
            Files.writeString(file, "half");
            throw new IOException("pg_dump exited with 1");
        }));
        assertFalse(Files.exists(dir.resolve("bkp_x.dump")));
        assertFalse(Files.exists(dir.resolve("bkp_x.dump.partial")));
    }

    @Test
    void onlyTollgatesKeysBecomePathsAndTheDataDirectoryIsTheDefault() {
        DirectoryBackupFiles files = new DirectoryBackupFiles("", dir.toString());
        assertEquals(dir.resolve("backups").toAbsolutePath(), files.directory());
        assertThrows(IllegalArgumentException.class, () -> files.delete("../escape.dump"));
        assertThrows(IllegalArgumentException.class, () -> files.read("/etc/passwd", Files::readString));
    }
}
