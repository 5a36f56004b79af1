package dev.tollgate.tenancy.adapters.out.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JWT signing key file is private from the moment it exists, before the private key is written into it. */
class SigningKeyFileTest {
    @TempDir
    Path dataDir;

    @Test
    void theKeyFileIsOwnerOnlyBeforeThePrivateKeyIsWritten() throws Exception {
        Path file = dataDir.resolve("keys").resolve("jwt-signing-key.json");
        RSAKey created = JwtAccessTokens.loadOrCreate(file, () -> {
            try {
                assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file));
                assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(file.getParent()));
                assertEquals(0, Files.size(file));
                return new RSAKeyGenerator(2048).keyID("k1").generate();
            } catch (IOException e) {
                throw new UncheckedIOException("the key file does not exist yet", e);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file));
        RSAKey loaded = JwtAccessTokens.loadOrCreate(file, () -> {
            throw new AssertionError("an existing key is loaded, not replaced");
        });
        assertEquals(created.getKeyID(), loaded.getKeyID());
        assertEquals(created.toRSAPrivateKey(), loaded.toRSAPrivateKey());
    }
}
