package dev.tollgate.platform.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.uuid.UUIDClock;
import java.util.ArrayList;
import java.util.List;
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

    /** A clock the test moves by hand: every id below is made at an instant the test chose. */
    private static final class StoppedClock extends UUIDClock {
        long millis = 1_700_000_000_000L;

        @Override
        public long currentTimeMillis() {
            return millis;
        }
    }

    @Test
    void idsMadeWithinOneMillisecondAscendAndDiffer() {
        StoppedClock clock = new StoppedClock();
        var generator = TypeId.generator(clock);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(TypeId.format("org", generator.generate()));
        }
        // All 1000 carry the stopped clock's millisecond as their UUIDv7 timestamp (the top 48 bits)...
        for (String id : ids) {
            assertEquals(clock.millis, TypeId.parse("org", id).getMostSignificantBits() >>> 16, id);
        }
        // ...and still each sorts strictly after the one made before it, so none repeats.
        for (int i = 1; i < ids.size(); i++) {
            assertTrue(ids.get(i - 1).compareTo(ids.get(i)) < 0, ids.get(i - 1) + " !< " + ids.get(i));
        }
    }

    @Test
    void anIdFromALaterMillisecondSortsAfter() {
        StoppedClock clock = new StoppedClock();
        var generator = TypeId.generator(clock);
        for (int i = 0; i < 100; i++) {
            String earlier = TypeId.format("org", generator.generate());
            clock.millis++;
            String later = TypeId.format("org", generator.generate());
            assertTrue(earlier.compareTo(later) < 0, earlier + " !< " + later);
        }
    }

    @Test
    void refusesForeignPrefixesAndBadCharacters() {
        assertThrows(IllegalArgumentException.class, () -> TypeId.parse("org", TypeId.generate("usr")));
        assertThrows(IllegalArgumentException.class, () -> TypeId.parse("org", "org_8zzzzzzzzzzzzzzzzzzzzzzzzz"));
        assertThrows(IllegalArgumentException.class, () -> TypeId.parse("org", "org_0000000000000000000000000u"));
    }
}
