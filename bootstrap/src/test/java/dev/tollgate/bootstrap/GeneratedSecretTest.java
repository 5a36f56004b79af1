package dev.tollgate.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generated secrets are never readable by others, not even for the moment between creating and restricting the file. */
class GeneratedSecretTest {
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    @TempDir
    Path dir;

    @Test
    void theFileIsOwnerOnlyBeforeTheSecretIsWrittenIntoIt() throws IOException {
        Path file = dir.resolve("secrets").resolve("internal-secret");
        GeneratedSecret secret = GeneratedSecret.loadOrCreate(file, () -> {
            // Called when the secret is about to be written: the file must already exist and be private.
            try {
                assertEquals(OWNER_ONLY, Files.getPosixFilePermissions(file));
                assertEquals(0, Files.size(file));
            } catch (IOException e) {
                throw new UncheckedIOException("the file does not exist yet", e);
            }
            return "s3cret";
        });
        assertTrue(secret.isNew());
        assertEquals("s3cret", Files.readString(file));
        assertEquals(OWNER_ONLY, Files.getPosixFilePermissions(file));

        GeneratedSecret again = GeneratedSecret.loadOrCreate(file, () -> "other");
        assertFalse(again.isNew());
        assertEquals("s3cret", again.value());
    }

    @Test
    void anEmptyFileLeftByAnInterruptedStartIsFilledAndRestricted() throws IOException {
        Path file = Files.createFile(dir.resolve("master-key"));
        GeneratedSecret secret = GeneratedSecret.loadOrCreate(file);
        assertTrue(secret.isNew());
        assertEquals(43, secret.value().length());
        assertEquals(OWNER_ONLY, Files.getPosixFilePermissions(file));
    }
}
