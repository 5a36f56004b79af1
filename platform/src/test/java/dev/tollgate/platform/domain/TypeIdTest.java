package dev.tollgate.platform.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class TypeIdTest {
    @Test
    void roundTripsThroughTheTextForm() {
        for (int i = 0; i < 1000; i++) {
            UUID uuid = TypeId.newUuid();
            String id = TypeId.format("org", uuid);
            assertTrue(id.matches("org_[0-7][0-9a-hjkmnp-tv-z]{25}"), id);
            assertEquals(uuid, TypeId.parse("org", id));
        }
    }

    @Test
    void matchesTheTypeIdSpecificationExamples() {
        // From the TypeID spec's valid test vectors.
        assertEquals("00000000000000000000000000", TypeId.encode(new UUID(0, 0)));
        assertEquals("7zzzzzzzzzzzzzzzzzzzzzzzzz", TypeId.encode(new UUID(-1, -1)));
        assertEquals("01h455vb4pex5vsknk084sn02q",
                TypeId.encode(UUID.fromString("01890a5d-ac96-774b-bcce-b302099a8057")));
    }

    @Test
    void idsAreTimeOrdered() {
        String first = TypeId.generate("org");
        String second = TypeId.generate("org");
        assertTrue(first.compareTo(second) < 0 || first.substring(0, 14).equals(second.substring(0, 14)));
    }

    @Test
    void refusesForeignPrefixesAndBadCharacters() {
        assertThrows(IllegalArgumentException.class, () -> TypeId.parse("org", TypeId.generate("usr")));
        assertThrows(IllegalArgumentException.class, () -> TypeId.parse("org", "org_8zzzzzzzzzzzzzzzzzzzzzzzzz"));
        assertThrows(IllegalArgumentException.class, () -> TypeId.parse("org", "org_0000000000000000000000000u"));
    }
}
