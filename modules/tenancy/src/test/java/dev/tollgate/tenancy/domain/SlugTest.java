package dev.tollgate.tenancy.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.platform.domain.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SlugTest {
    @Test
    void derivedSlugsAreUrlSafeWithARandomSuffix() {
        Slug slug = Slug.fromName("Ácme Corp!  Europe");
        assertTrue(slug.value().matches("acme-corp-europe-[a-z0-9]{6}"), slug.value());
    }

    @Test
    void namesWithoutLettersStillGetASlug() {
        assertTrue(Slug.fromName("!!!").value().startsWith("workspace-"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"version", "metrics", "openapi.json", "webhooks", "current", "-leading", "trailing-", "UPPER", "sp ace", ""})
    void reservedOrMalformedSlugsAreRefused(String text) {
        assertThrows(ValidationException.class, () -> new Slug(text));
    }

    @Test
    void overlongSlugsAreRefusedWithTheLimit() {
        var e = assertThrows(ValidationException.class, () -> new Slug("a".repeat(101)));
        assertEquals("slug", e.errors().get(0).field());
    }
}
