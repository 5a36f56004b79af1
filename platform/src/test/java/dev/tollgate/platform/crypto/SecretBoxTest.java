package dev.tollgate.platform.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretBoxTest {
    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private final SecretBox box = new SecretBox(KEY);

    @Test
    void roundTripsWithoutRevealingThePlaintext() {
        String sealed = box.seal("s3cret-password", "db_1");
        assertFalse(sealed.contains("s3cret"));
        assertNotEquals(sealed, box.seal("s3cret-password", "db_1"), "a fresh nonce every time");
        assertEquals("s3cret-password", box.open(sealed, "db_1"));
    }

    @Test
    void aCiphertextMovedToAnotherRowOrKeyDoesNotOpen() {
        String sealed = box.seal("s3cret-password", "db_1");
        assertThrows(IllegalStateException.class, () -> box.open(sealed, "db_2"));
        byte[] other = new byte[32];
        other[0] = 1;
        assertThrows(IllegalStateException.class, () -> new SecretBox(Base64.getEncoder().encodeToString(other)).open(sealed, "db_1"));
    }

    @Test
    void refusesAMasterKeyOfTheWrongSize() {
        assertThrows(IllegalArgumentException.class, () -> new SecretBox(Base64.getEncoder().encodeToString(new byte[16])));
    }
}
