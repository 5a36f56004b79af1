package dev.tollgate.tenancy.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuditEntryTest {
    @Test
    void fieldsNamingASecretAreRedactedAtAnyDepthButFieldsAboutOneAreKept() {
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("name", "ci");
        after.put("password", "hunter2");
        after.put("plainText", "pscale_pw_x");
        after.put("webhook_secret", "whsec_x");
        after.put("token_id", "tok_1");
        after.put("password_expires_at", "2027-01-01T00:00:00Z");
        after.put("upstream", Map.of("db_password", "s3cret", "host", "db.example.com"));
        after.put("no_secret_here", null);
        AuditEntry e = new AuditEntry(UUID.randomUUID(), UUID.randomUUID(), "user", "u", "database", "db_1", "database.created", null,
                null, after, null, Instant.EPOCH);
        assertEquals(AuditEntry.REDACTED, e.after().get("password"));
        assertEquals(AuditEntry.REDACTED, e.after().get("plainText"));
        assertEquals(AuditEntry.REDACTED, e.after().get("webhook_secret"));
        assertEquals(AuditEntry.REDACTED, ((Map<?, ?>) e.after().get("upstream")).get("db_password"));
        assertEquals("db.example.com", ((Map<?, ?>) e.after().get("upstream")).get("host"));
        assertEquals("tok_1", e.after().get("token_id"));
        assertEquals("2027-01-01T00:00:00Z", e.after().get("password_expires_at"));
        assertFalse(e.after().toString().contains("hunter2"));
        assertEquals("database.created", e.summary(), "a missing summary reads as the type");
        assertTrue(e.publicId().startsWith("aud_"));
    }

    @Test
    void anEntryNamesItsActorAndResource() {
        assertThrows(IllegalArgumentException.class, () -> new AuditEntry(UUID.randomUUID(), UUID.randomUUID(), "user", " ", "team", "t",
                "team.created", "x", null, null, null, Instant.EPOCH));
    }

    @Test
    void idsAscendWithTimeAndWithinAMillisecondInTheOrderMade() {
        Instant at = Instant.parse("2026-12-07T10:00:00.123Z");
        UUID first = AuditEntry.idAt(at);
        UUID second = AuditEntry.idAt(at);
        UUID later = AuditEntry.idAt(at.plusMillis(1));
        assertTrue(Long.compareUnsigned(first.getMostSignificantBits(), second.getMostSignificantBits()) < 0);
        assertTrue(Long.compareUnsigned(second.getMostSignificantBits(), later.getMostSignificantBits()) < 0);
        assertEquals(7, first.version());
        assertEquals(2, first.variant());
        // every id of a millisecond sorts at or after that millisecond's first id, and before the next one's
        assertTrue(Long.compareUnsigned(AuditEntry.firstIdAt(at).getMostSignificantBits(), first.getMostSignificantBits()) <= 0);
        assertTrue(Long.compareUnsigned(later.getMostSignificantBits(), AuditEntry.firstIdAt(at.plusMillis(2)).getMostSignificantBits()) < 0);
    }
}
