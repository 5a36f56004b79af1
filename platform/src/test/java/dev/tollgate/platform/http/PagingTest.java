package dev.tollgate.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.domain.ValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every dialect's paging parameters land on the same PageRequest, with each document's defaults and limits. */
class PagingTest {
    @Test
    void pageNumberStylesUseTheirDocumentedDefaults() {
        assertEquals(new PageRequest(0, 25), Paging.planetscale(null, null));
        assertEquals(new PageRequest(50, 25), Paging.phpTenant(3, null));
        assertEquals(new PageRequest(0, 20), Paging.centrali(null, null));
        assertEquals(new PageRequest(200, 100), Paging.openmeterPages(3, null));
        assertEquals(new PageRequest(10, 100), Paging.limitOffset(10, null));
    }

    @Test
    void tokensWalkThroughAllPagesAndEndWithNoToken() {
        PageRequest first = Paging.pgbeam(null, 2);
        Page<String> page1 = new Page<>(List.of("a", "b"), 5, first);
        PageRequest second = Paging.pgbeam(Paging.nextPageToken(page1), 2);
        assertEquals(new PageRequest(2, 2), second);
        Page<String> page3 = new Page<>(List.of("e"), 5, new PageRequest(4, 2));
        assertNull(Paging.nextPageToken(page3));
        assertEquals(second, Paging.cursor(Paging.nextPageToken(page1), 2));
    }

    @Test
    void outOfRangeValuesNameTheParameterTheClientSent() {
        assertEquals("per_page", assertThrows(ValidationException.class, () -> Paging.planetscale(1, 101)).errors().get(0).field());
        assertEquals("page", assertThrows(ValidationException.class, () -> Paging.phpTenant(0, 10)).errors().get(0).field());
        assertEquals("page_size", assertThrows(ValidationException.class, () -> Paging.pgbeam(null, 0)).errors().get(0).field());
        assertEquals("page_token", assertThrows(ValidationException.class, () -> Paging.pgbeam("garbage!", 10)).errors().get(0).field());
        assertEquals("cursor", assertThrows(ValidationException.class, () -> Paging.cursor("bm9wZQ", 10)).errors().get(0).field());
        assertEquals("offset", assertThrows(ValidationException.class, () -> Paging.limitOffset(-1, 10)).errors().get(0).field());
        assertEquals("page", assertThrows(ValidationException.class, () -> Paging.planetscale(Integer.MAX_VALUE, 100)).errors().get(0).field());
    }
}
