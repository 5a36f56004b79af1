package dev.tollgate.platform.domain;

/**
 * The one paging port every dialect translates to: skip {@code offset} rows of a stable ordering and
 * return at most {@code limit}. Dialect tokens (page_token, cursor, page numbers) are encodings of it,
 * so the styles stay interchangeable behind each adapter.
 */
public record PageRequest(int offset, int limit) {
    public static final int MAX_LIMIT = 1000;

    public PageRequest {
        if (offset < 0) {
            throw new ValidationException("offset", "must be zero or positive");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ValidationException("limit", "must be between 1 and " + MAX_LIMIT);
        }
    }

    /** Page numbers start at 1, as in PlanetScale, Centrali and php-tenant. */
    public static PageRequest ofPage(int page, int size) {
        if (page < 1) {
            throw new ValidationException("page", "must be 1 or greater");
        }
        return new PageRequest(Math.multiplyExact(page - 1, size), size);
    }
}
